"""`facilitator follow` and `facilitator serve` from the shell: one line for every mistake, and
neither ever creates, upgrades or writes the database."""

from __future__ import annotations

import hashlib
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from facilitator_tui.cli import main


def digest(path: Path) -> str:
    return hashlib.sha256(b"".join(Path(str(path) + s).read_bytes() if Path(str(path) + s).exists()
                                   else b"" for s in ("", "-wal"))).hexdigest()


def network_address() -> str | None:
    """This machine's address on its network, if it has one (a UDP connect sends nothing)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("198.51.100.1", 9))
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if address.startswith("127.") else address


@pytest.fixture
def cli(db_path, capsys):
    def run(*args: str):
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def review(service):
    rid = service.create_review("Cert expiry on the edge").id
    service.close()
    return rid


@pytest.mark.parametrize("command", ["follow", "serve"])
def test_an_unknown_review_is_one_line_and_nothing_is_written(cli, db_path, review, command):
    before = digest(db_path)
    code, out, err = cli(command, "99")
    assert code == 1 and out == ""
    assert err.strip().splitlines() == ["facilitator: no review with id 99; 'facilitator list' shows the reviews"]
    assert digest(db_path) == before


@pytest.mark.parametrize("command", ["follow", "serve"])
def test_a_missing_database_is_never_created(tmp_path, capsys, command):
    missing = tmp_path / "none" / "reviews.db"
    assert main(["--db", str(missing), command, "1"]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert not missing.parent.exists()


def test_serve_refuses_a_port_in_use_and_a_bad_port_in_one_line(cli, review):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = cli("serve", str(review), "--port", str(port))
    assert code == 1
    assert err.strip().splitlines() == [f"facilitator: port {port} on 127.0.0.1 is in use; choose another "
                                        "with --port"]
    code, _, err = cli("serve", str(review), "--port", "70000")
    assert code == 1 and err.strip() == "facilitator: --port takes 1 to 65535, not 70000"


def test_serve_on_every_address_warns_in_one_line_first(db_path, review):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "facilitator_tui", "--db", str(db_path), "serve", str(review),
         "--host", "0.0.0.0", "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True)
    try:
        first = server.stdout.readline().strip()
        second = server.stdout.readline().strip()
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(15)
    assert first == (f"warning: listening on 0.0.0.0 port {port}: anyone who can reach this port "
                     "sees the mirror")
    assert second.startswith(f"Mirror of review {review} (Cert expiry on the edge) at "
                             f"http://127.0.0.1:{port}")
    assert server.returncode == 0


def test_serve_on_this_machine_only_says_no_warning(db_path, review):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "facilitator_tui", "--db", str(db_path), "serve", str(review),
         "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        first = server.stdout.readline().strip()
        deadline = time.monotonic() + 10
        with socket.socket() as client:
            while client.connect_ex(("127.0.0.1", port)) != 0:
                assert time.monotonic() < deadline
                time.sleep(0.05)
        # Through a tunnel on another local port, the page connects back through that port.
        request = urllib.request.Request(f"http://127.0.0.1:{port}/",
                                         headers={"Host": "127.0.0.1:9123"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            page = answer.read().decode()
        assert 'data-session-websocket-url="ws://127.0.0.1:9123/ws"' in page
        # Bound to 127.0.0.1 only: this machine's network address does not answer.
        address = network_address()
        if address is not None:
            with socket.socket() as client:
                client.settimeout(1)
                assert client.connect_ex((address, port)) != 0
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(15)
    assert first.startswith(f"Mirror of review {review} (")
    assert "warning" not in first
