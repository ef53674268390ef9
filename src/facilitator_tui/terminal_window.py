"""Start the room's mirror in a new terminal window, where the platform allows it.

Inside tmux, a new tmux window; on macOS, a Terminal window (through `open`); on
Linux or BSD with a display, the first terminal emulator found. Elsewhere (a
plain SSH session, a console), or when $FACILITATOR_NO_WINDOW is set, there is
no window to open: the caller shows the command to run instead. Nothing here
touches the database or Textual.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from facilitator_tui.paths import RUNTIME_ENV, runtime_dir

# Set (to anything): never start a window, show the command (a mirror meant for another
# machine, and the tests, which must never start a terminal or a tmux window).
NO_WINDOW_ENV = "FACILITATOR_NO_WINDOW"

# Tried in this order on a desktop; each takes the command after its own flag.
EMULATORS = (("x-terminal-emulator", "-e"), ("gnome-terminal", "--"), ("konsole", "-e"),
             ("xterm", "-e"))


def follow_argv(db_path: Path, review_id: int) -> list[str]:
    """The mirror's command for this database and review, with this very Python."""
    return [sys.executable, "-m", "facilitator_tui", "--db", str(Path(db_path).resolve()),
            "follow", str(review_id)]


def shown_command(db_path: Path, review_id: int, which: Callable[[str], str | None] = shutil.which,
                  verb: str = "follow") -> str:
    """The command as a person would type it: `facilitator` when that is on the PATH
    (`verb` "serve" gives the browser's)."""
    args = ["--db", str(Path(db_path).resolve()), verb, str(review_id)]
    if which("facilitator"):
        return shlex.join(["facilitator", *args])
    return shlex.join([sys.executable, "-m", "facilitator_tui", *args])


@dataclass(frozen=True)
class Window:
    """How to open the mirror: the command to start, and where it shows, for the user."""

    argv: list[str]
    where: str


def new_window(argv: list[str], *, env: Mapping[str, str] | None = None,
               platform: str = sys.platform,
               which: Callable[[str], str | None] = shutil.which) -> Window | None:
    """The way to show `argv` in a new window here, or None when there is none."""
    env = os.environ if env is None else env
    if env.get(NO_WINDOW_ENV):
        return None
    if env.get("TMUX") and which("tmux"):
        # A new tmux window starts from the tmux server's environment, not ours: carry
        # the one setting the mirror must share with this window (where mirrors are counted).
        command = shlex.join(argv)
        if env.get(RUNTIME_ENV):
            command = shlex.join(["env", f"{RUNTIME_ENV}={env[RUNTIME_ENV]}", *argv])
        return Window(["tmux", "new-window", "-n", "mirror", command], "a new tmux window")
    if platform == "darwin" and which("open"):
        return Window(["open", "-a", "Terminal", str(_macos_script(argv))], "a new Terminal window")
    if platform.startswith(("linux", "freebsd", "openbsd")) and (
            env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        for name, flag in EMULATORS:
            if which(name):
                return Window([name, flag, *argv], f"a new {name} window")
    return None


def _macos_script(argv: list[str]) -> Path:
    """Terminal opens a `.command` file as a new window running it."""
    path = runtime_dir() / "mirror.command"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o700)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(f"#!/bin/sh\nexec {shlex.join(argv)}\n")
    return path


def open_window(argv: list[str], *, env: Mapping[str, str] | None = None) -> str | None:
    """Start `argv` in a new window; where it shows, or None if there was no way to (the
    caller then shows the command)."""
    window = new_window(argv, env=env)
    if window is None:
        return None
    try:
        subprocess.Popen(window.argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)
    except OSError:
        return None
    return window.where
