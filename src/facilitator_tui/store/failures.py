"""sqlite3's errors become the app's own (errors.py) where they happen: at the connection.

Every statement and every fetch goes through `GuardedConnection` and its cursors,
so no `sqlite3` exception ever reaches the service, the screens or the CLI. Each
cause gets its own line, because the advice differs: wait for a lock, free disk
space, fix a folder's permissions, or restore a damaged file from a backup.
Messages name the database file, never the text of a note.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar, overload

from facilitator_tui.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseFull,
    DatabaseReadOnly,
    DatabaseUnavailable,
    FacilitatorError,
    InputError,
    NotFoundError,
    StorageError,
)

# SQLite's primary result codes (the low byte of an extended code).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26
_PERM, _CONSTRAINT = 3, 19


def translate(exc: sqlite3.Error, path: Path | str = "the database") -> FacilitatorError:
    """The app's error for one sqlite3 error: one line that says what to do."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    text = str(exc).lower()
    where = str(path)
    if code in (_BUSY, _LOCKED) or "locked" in text:
        return DatabaseBusy(
            f"{where} is busy (another program is writing to it); not saved yet, trying again"
        )
    if code == _FULL or "full" in text:
        return DatabaseFull(
            f"the disk holding {where} is full; not saved yet: free some space and it is saved"
        )
    if code in (_READONLY, _PERM) or "readonly" in text or "read-only" in text:
        return DatabaseReadOnly(
            f"{where} cannot be written (the file or its folder is read-only); "
            "nothing more is saved until that is fixed"
        )
    if code in (_CORRUPT, _NOTADB) or "malformed" in text or "not a database" in text:
        return DatabaseDamaged(
            f"{where} is damaged; restore it from a backup (or export what still opens) "
            "and choose another file with --db"
        )
    if code == _CANTOPEN or "unable to open" in text:
        return DatabaseUnavailable(
            f"{where} cannot be opened (check that its folder exists and is yours)"
        )
    if code == _IOERR or "disk i/o" in text:
        return DatabaseUnavailable(f"{where} could not be read or written (a disk error)")
    if isinstance(exc, sqlite3.IntegrityError) or code == _CONSTRAINT:
        if "foreign key" in text:
            return NotFoundError(
                "what this belongs to was deleted elsewhere (another window or the command line)"
            )
        return InputError("that would duplicate or break something already saved")
    return StorageError(f"{where}: the database refused that ({exc.__class__.__name__})")


_Cursor = TypeVar("_Cursor", bound=sqlite3.Cursor)

class GuardedCursor(sqlite3.Cursor):
    """A cursor whose statements and fetches raise the app's errors, not sqlite3's."""

    db_path: Path | str = "the database"

    def execute(self, sql: str, parameters: Any = (), /) -> GuardedCursor:
        try:
            return super().execute(sql, parameters)
        except sqlite3.Error as exc:
            raise translate(exc, self.db_path) from exc

    def executemany(self, sql: str, seq: Iterable[Any], /) -> GuardedCursor:
        try:
            return super().executemany(sql, seq)
        except sqlite3.Error as exc:
            raise translate(exc, self.db_path) from exc

    def executescript(self, script: str, /) -> GuardedCursor:
        try:
            super().executescript(script)
        except sqlite3.Error as exc:
            raise translate(exc, self.db_path) from exc
        return self  # as sqlite3's own cursor does

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.Error as exc:
            raise translate(exc, self.db_path) from exc

    def fetchmany(self, size: int | None = None) -> list[Any]:
        try:
            return super().fetchmany(self.arraysize if size is None else size)
        except sqlite3.Error as exc:
            raise translate(exc, self.db_path) from exc

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.Error as exc:
            raise translate(exc, self.db_path) from exc

    def __next__(self) -> Any:
        try:
            return super().__next__()
        except sqlite3.Error as exc:
            raise translate(exc, self.db_path) from exc


class GuardedConnection(sqlite3.Connection):
    """A connection whose every statement raises the app's errors (see `translate`)."""

    db_path: Path | str = "the database"

    @overload
    def cursor(self, factory: None = None) -> GuardedCursor: ...
    @overload
    def cursor(self, factory: Callable[[sqlite3.Connection], _Cursor]) -> _Cursor: ...
    def cursor(self, factory: Any = None) -> Any:
        cur = super().cursor(factory or GuardedCursor)
        if isinstance(cur, GuardedCursor):
            cur.db_path = self.db_path
        return cur

    def execute(self, sql: str, parameters: Any = (), /) -> GuardedCursor:
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, seq: Iterable[Any], /) -> GuardedCursor:
        return self.cursor().executemany(sql, seq)

    def executescript(self, script: str, /) -> GuardedCursor:
        return self.cursor().executescript(script)

    def commit(self) -> None:
        try:
            super().commit()
        except sqlite3.Error as exc:
            raise translate(exc, self.db_path) from exc


def connect(path: Path, timeout: float) -> GuardedConnection:
    """Open `path` with translated errors; opening itself is translated too."""
    try:
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None,
                               factory=GuardedConnection)
    except sqlite3.Error as exc:
        raise translate(exc, path) from exc
    conn.db_path = path
    return conn


def connect_read_only(path: Path) -> GuardedConnection:
    """Open `path` so that no statement can change it: SQLite's read-only mode, then
    `query_only`. Autocommit, so each read sees the latest commit of any other process."""
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True,
                               isolation_level=None, factory=GuardedConnection)
    except sqlite3.Error as exc:
        raise translate(exc, path) from exc
    conn.db_path = path
    conn.execute("PRAGMA query_only = ON")
    return conn
