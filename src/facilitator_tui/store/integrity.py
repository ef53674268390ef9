"""SQLite's quick check of a whole database file, now or in a thread of its own.

The check reads every page, which takes tens of milliseconds on a large file.
SQLite lets go of Python's lock while it reads, so a check run in a thread on a
connection of its own goes on beside what the process does next: a start loads
the UI's modules meanwhile, and asks for the answer before anything is shown or
written.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from facilitator_tui.errors import DatabaseDamaged
from facilitator_tui.store.failures import connect


def damaged(path: Path) -> DatabaseDamaged:
    return DatabaseDamaged(f"{path} is damaged; restore it from a backup and choose another file with --db")


def quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """Raise DatabaseDamaged if a page of the file is damaged."""
    rows = conn.execute("PRAGMA quick_check(1)").fetchall()
    if [tuple(r) for r in rows] != [("ok",)]:
        raise damaged(path)


class BackgroundCheck:
    """A quick check running in a thread on its own connection; `result()` waits for it."""

    def __init__(self, path: Path, busy_timeout: float) -> None:
        self.path = path
        self.busy_timeout = busy_timeout
        self.error: BaseException | None = None
        # A daemon: a process that ends (an interrupt, a usage error) does not wait for it.
        self.thread = threading.Thread(target=self._run, name="quick-check", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            conn = connect(self.path, self.busy_timeout)
            try:
                quick_check(conn, self.path)
            finally:
                conn.close()
        except BaseException as exc:  # handed to whoever asks for the result
            self.error = exc

    def result(self) -> None:
        """Wait for the check; raise what it found (DatabaseDamaged, or the error that stopped it)."""
        self.thread.join()
        if self.error is not None:
            raise self.error
