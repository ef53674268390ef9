"""`facilitator serve ID`: the room's mirror in a web browser, through textual-serve.

Each browser tab that opens the page starts its own `facilitator follow ID` (the
same read-only mirror as in a terminal, counted by the facilitator's window the
same way). The server listens on 127.0.0.1 unless told otherwise: anyone who can
reach the port sees the mirror, so listening wider is a choice made out loud.
"""

from __future__ import annotations

import errno
import logging
import shlex
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from facilitator_tui.errors import InputError
from facilitator_tui.mirror_feed import MirrorFeed
from facilitator_tui.safe_text import single_line

LOCAL = "127.0.0.1"
WIDE_OPEN = ("0.0.0.0", "::", "")


def follow_command(db_path: Path, review_id: int) -> str:
    """The shell command each browser session runs: this Python, this database, this review."""
    return shlex.join([sys.executable, "-m", "facilitator_tui", "--db", str(db_path.resolve()),
                       "follow", str(review_id)])


def page_url(host: str, port: int) -> str:
    """Where a browser on this machine (or at the far end of a tunnel) opens the mirror."""
    if host in WIDE_OPEN:
        host = LOCAL
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def _check_free(host: str, port: int) -> None:
    """Say a port is taken before the server starts, rather than after it said where it is."""
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        raise InputError(f"--host {host}: no such address on this machine") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise InputError(f"port {port} on {host} is in use; choose another with --port") from None
            raise InputError(f"cannot listen on {host} port {port}: {error.strerror}") from None


def serve(db_path: Path, review_id: int, *, port: int = 8000, host: str | None = None,
          say: Callable[[str], None] = print) -> int:
    """Serve the mirror until ctrl+c. The review is checked first (read-only), so a wrong id
    or database is one line, not a page that fails in the browser."""
    feed = MirrorFeed.open(db_path, review_id)
    try:
        title = single_line(feed.read().review.title)
    finally:
        feed.close()
    if not 0 < port < 65536:
        raise InputError(f"--port takes 1 to 65535, not {port}")
    bind = host if host is not None else LOCAL
    _check_free(bind, port)
    if host is not None and host not in (LOCAL, "localhost", "::1"):
        say(f"warning: listening on {host or 'every address'} port {port}: anyone who can reach "
            "this port sees the mirror")
    url = where = page_url(bind, port)
    if bind in WIDE_OPEN:
        where += f" (from elsewhere: this machine's address, port {port})"
    from textual_serve.server import Server

    class MirrorServer(Server):
        def initialize_logging(self) -> None:
            logging.basicConfig(level=logging.WARNING, format="%(message)s")

        async def on_startup(self, app: Any) -> None:
            say(f"Mirror of review {review_id} ({title}) at {where} · read-only · ctrl+c stops")

        async def handle_index(self, request: Any) -> Any:
            # The page connects back to the address the browser used, so it works as well
            # through an SSH tunnel on another port as on this machine.
            self.public_url = f"{request.scheme}://{request.host}"
            return await super().handle_index(request)

    server = MirrorServer(follow_command(db_path, review_id), host=bind, port=port,
                          title=f"{title} · mirror", public_url=url)
    try:
        server.serve()
    except OSError as error:
        if error.errno == errno.EADDRINUSE or "address already in use" in str(error).lower():
            raise InputError(f"port {port} on {bind} is in use; choose another with --port") from None
        raise
    return 0
