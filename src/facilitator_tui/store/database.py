"""SQLite storage through sqlite-utils: opening a file safely, migrating it, and queries.

Every write is one transaction per user action (or per bulk insert), so a
killed terminal leaves either the whole change or none of it. Rows come back
as the pydantic models of `models.py`.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from facilitator_tui.errors import DatabaseDamaged, DatabaseReadOnly, DatabaseUnavailable
from facilitator_tui.models import Participant, Review, ReviewSnapshot, utc_now
from facilitator_tui.store.base import StoreBase
from facilitator_tui.store.failures import connect
from facilitator_tui.store.integrity import BackgroundCheck, quick_check
from facilitator_tui.store.library import LibraryQueries
from facilitator_tui.store.meeting import MeetingQueries
from facilitator_tui.store.room_view import RoomViewQueries
from facilitator_tui.store.rows import (
    _REVIEW_TIMES,
    EventFilter,
    ReviewSummary,
    StoreError,
    _review_from_row,
    parse_ts,
    ts,
)
from facilitator_tui.store.schema import LATEST_VERSION, MIGRATIONS
from facilitator_tui.store.staging import StagingQueries
from facilitator_tui.store.timeline import TimelineQueries

__all__ = ["EventFilter", "ReviewSummary", "Store", "StoreError", "parse_ts", "ts"]


def _open_private(path: Path) -> None:
    """Create the file (0600) and its folder (0700) before SQLite touches them."""
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
        os.close(fd)


def split_statements(script: str) -> list[str]:
    """The statements of a migration; a trigger's body keeps the semicolons inside it."""
    statements: list[str] = []
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                statements.append(pending.strip())
            pending = ""
    return statements


def _check_access(path: Path) -> None:
    """An unreadable file or a read-only file or folder, each in its own words, before SQLite's
    vaguer "unable to open" (a database in WAL mode also writes files beside it)."""
    if not os.access(path, os.R_OK):
        raise DatabaseUnavailable(
            f"{path} cannot be read (permission denied); check its owner and mode, or use --db"
        )
    if not os.access(path, os.W_OK):
        raise DatabaseReadOnly(f"{path} is read-only; make it writable or copy it and use --db")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise DatabaseReadOnly(
            f"the folder of {path} is read-only, and SQLite keeps its journal beside the file; "
            "make the folder writable or use --db"
        )


class Store(TimelineQueries, MeetingQueries, LibraryQueries, StagingQueries, RoomViewQueries,
            StoreBase):
    """One open database file."""

    def __init__(self, path: str | os.PathLike[str], *, create: bool = True,
                 busy_timeout: float = 5.0) -> None:
        self.path = Path(path)
        self.busy_timeout = busy_timeout
        self.pending_check: BackgroundCheck | None = None
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a folder, not a database file; pass a file path with --db")
        if not self.path.exists() and not create:
            raise StoreError(f"{self.path} does not exist")
        try:
            _open_private(self.path)
        except OSError as exc:
            raise StoreError(f"cannot create database {self.path}: {exc.strerror}") from None
        _check_access(self.path)
        try:
            conn = connect(self.path, busy_timeout)
            self.conn = conn
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except DatabaseDamaged:
            raise DatabaseDamaged(
                f"{self.path} is not a facilitator-tui database or is damaged; "
                "restore it from a backup or choose another file with --db"
            ) from None
        if version == 0 and tables:
            raise StoreError(
                f"{self.path} is a SQLite database of another program; "
                "choose another file with --db"
            )
        if version > LATEST_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer facilitator-tui (schema {version}); "
                "upgrade facilitator-tui to open it"
            )
        if 0 < version < LATEST_VERSION:
            quick_check(conn, self.path)  # an upgrade writes: never into a damaged file
        conn.execute("PRAGMA journal_mode = WAL")
        if version < LATEST_VERSION:
            # A migration may rebuild a table that others refer to: foreign keys are
            # checked once it is done, not while the tables are being swapped.
            conn.execute("PRAGMA foreign_keys = OFF")
            try:
                self._migrate(version)
            finally:
                conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        # One person's view of the timeline, by (review, view, data version): see TimelineQueries.
        self.seen_tables = {}

    # -- lifecycle -------------------------------------------------------------

    def _migrate(self, version: int) -> None:
        for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                if callable(step):
                    step(self.conn)
                else:
                    for statement in split_statements(step):
                        self.conn.execute(statement)
                if self.conn.execute("PRAGMA foreign_key_check").fetchone():
                    raise DatabaseDamaged(f"{self.path}: upgrading it would break a link between rows")
                self.conn.execute(f"PRAGMA user_version = {number}")
                self.conn.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise

    def start_check(self) -> None:
        """Begin `check` in a thread of its own (see integrity.py); `check()` then waits for it."""
        if self.pending_check is None:
            self.pending_check = BackgroundCheck(self.path, self.busy_timeout)

    def check(self) -> None:
        """Raise DatabaseDamaged if a page of the file is damaged (SQLite's quick check)."""
        pending, self.pending_check = self.pending_check, None
        if pending is not None:
            pending.result()
        else:
            quick_check(self.conn, self.path)

    def set_busy_timeout(self, seconds: float) -> None:
        self.busy_timeout = seconds
        self.conn.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        pending, self.pending_check = self.pending_check, None
        if pending is not None:  # its answer is not wanted any more, but its connection is closed
            pending.thread.join()
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def restore(self, snap: ReviewSnapshot, *, into: int | None = None) -> int:
        """Load a snapshot as a new review (or over review `into`), new ids and references
        mapped, in one transaction; returns the review's id."""
        from facilitator_tui.store.restore import restore_snapshot

        return restore_snapshot(self, snap, into=into)

    # -- reviews -----------------------------------------------------------------

    def insert_review(self, review: Review) -> Review:
        data = review.model_dump(exclude={"id"})
        for key in _REVIEW_TIMES:
            data[key] = ts(data[key])
        data["share_safe"] = int(data["share_safe"])
        with self.transaction():
            new_id = self.table("reviews").insert(data).last_pk
        return review.model_copy(update={"id": new_id})

    def get_review(self, review_id: int) -> Review | None:
        row = self.conn.execute("SELECT * FROM reviews WHERE id = ?", (review_id,))
        cols = [c[0] for c in row.description]
        found = row.fetchone()
        return _review_from_row(dict(zip(cols, found, strict=True))) if found else None

    def list_reviews(self) -> list[ReviewSummary]:
        cur = self.conn.execute(
            "SELECT r.*, "
            "(SELECT count(*) FROM events e WHERE e.review_id = r.id AND e.hidden = 0) AS n_events, "
            "(SELECT count(*) FROM notes n WHERE n.review_id = r.id) AS n_notes "
            "FROM reviews r ORDER BY coalesce(r.incident_start, r.created_at) DESC, r.id DESC"
        )
        cols = [c[0] for c in cur.description]
        out = []
        for found in cur.fetchall():
            row = dict(zip(cols, found, strict=True))
            n_events, n_notes = row.pop("n_events"), row.pop("n_notes")
            out.append(ReviewSummary(_review_from_row(row), n_events, n_notes))
        return out

    def update_review(self, review_id: int, **fields: Any) -> Review:
        current = self.get_review(review_id)
        if current is None:
            raise StoreError(f"no review with id {review_id}")
        updated = current.model_validate({**current.model_dump(), **fields, "updated_at": utc_now()})
        data = updated.model_dump(exclude={"id"})
        for key in _REVIEW_TIMES:
            data[key] = ts(data[key])
        data["share_safe"] = int(data["share_safe"])
        with self.transaction():
            self.table("reviews").update(review_id, data)
        return updated

    def delete_review(self, review_id: int) -> bool:
        with self.transaction():
            cur = self.conn.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
        return cur.rowcount > 0

    # -- participants --------------------------------------------------------------

    def add_participant(self, participant: Participant) -> Participant:
        with self.transaction():
            new_id = self.table("participants").insert(participant.model_dump(exclude={"id"})).last_pk
        return participant.model_copy(update={"id": new_id})

    def list_participants(self, review_id: int) -> list[Participant]:
        rows = self.conn.execute(
            "SELECT id, review_id, name, role FROM participants WHERE review_id = ? ORDER BY id",
            (review_id,),
        ).fetchall()
        # Our own rows, validated when they were written.
        return [Participant.model_construct(id=r[0], review_id=r[1], name=r[2], role=r[3])
                for r in rows]

    def update_participant(self, participant_id: int, **fields: Any) -> None:
        with self.transaction():
            self.table("participants").update(participant_id, fields)

    def delete_participant(self, participant_id: int) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM participants WHERE id = ?", (participant_id,))

    # -- settings ------------------------------------------------------------------

    def get_setting(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    # -- drafts --------------------------------------------------------------------

    def get_draft(self, review_id: int, field: str) -> str:
        row = self.conn.execute(
            "SELECT text FROM drafts WHERE review_id = ? AND field = ?", (review_id, field)
        ).fetchone()
        return row[0] if row else ""

    def set_draft(self, review_id: int, field: str, text: str) -> None:
        with self.transaction():
            if text:
                self.conn.execute(
                    "INSERT INTO drafts (review_id, field, text) VALUES (?, ?, ?) "
                    "ON CONFLICT (review_id, field) DO UPDATE SET text = excluded.text",
                    (review_id, field, text),
                )
            else:
                self.conn.execute(
                    "DELETE FROM drafts WHERE review_id = ? AND field = ?", (review_id, field)
                )

    # -- notes saved from the journal of refused typing ------------------------------

    def journal_entry_saved(self, entry_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM journal_saved WHERE entry_id = ?", (entry_id,))
        return row.fetchone() is not None

    def record_journal_entry(self, entry_id: str, review_id: int, note_id: int | None) -> None:
        """Part of the caller's transaction: the note and this record are written together."""
        with self.transaction():
            self.conn.execute(
                "INSERT INTO journal_saved (entry_id, review_id, note_id, saved_at) VALUES (?, ?, ?, ?)",
                (entry_id, review_id, note_id, ts(utc_now())),
            )
