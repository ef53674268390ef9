"""The real app in a real pseudo-terminal: keys written as a terminal writes them, kill -9, reopen.

Used by `bench_crash.py` and, through the `pty_harness` fixture, by the crash and burst tests. Only the
standard library: `os.openpty`, a process of `python -m facilitator_tui`, and a
thread that drains what the app draws so that it never blocks on a full pty.
"""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

CTRL_N = b"\x0e"
ENTER = b"\r"


class PtyApp:
    """`facilitator --db DB open ID` running in a pseudo-terminal of `cols` x `rows`."""

    def __init__(self, db: Path, review_id: int, *, cols: int = 160, rows: int = 45,
                 log: Path | None = None) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows)}
        if log is not None:
            env["FACILITATOR_LOG"] = str(log)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "facilitator_tui", "--db", str(db), "open", str(review_id)],
            stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True,
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self.output += chunk

    def seen(self, text: str) -> bool:
        with self._lock:
            return text.encode() in self.output

    def wait_for(self, text: str, timeout: float = 30.0) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.seen(text):
                return True
            if self.proc.poll() is not None:
                return False
            time.sleep(0.05)
        return False

    def write(self, data: bytes) -> None:
        os.write(self.master, data)

    def running(self) -> bool:
        return self.proc.poll() is None

    def kill9(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        self.close()

    def close(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)
        try:
            os.close(self.master)
        except OSError:
            pass


def type_and_kill(db: Path, review_id: int, text: str, *, every: float = 0.12) -> tuple[str, float]:
    """Type `text` into the note box a key every `every` s, kill -9 right after the last key.

    Returns what was typed by the time the kill was `0.5 s` away: everything in it
    must be in the saved draft.
    """
    app = PtyApp(db, review_id)
    try:
        if not app.wait_for("Notes", 60):
            raise RuntimeError("the app did not start")
        time.sleep(0.5)
        app.write(CTRL_N)
        time.sleep(0.3)
        sent_at: list[float] = []
        for char in text:
            app.write(char.encode())
            sent_at.append(time.monotonic())
            time.sleep(every)
        killed_at = time.monotonic()
        app.kill9()
    finally:
        app.close()
    safe = sum(1 for t in sent_at if t <= killed_at - 0.5)
    return text[:safe], killed_at
