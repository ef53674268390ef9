"""An import on its way in: events staged in a temporary table, then added in one transaction.

Staging writes only to SQLite's temporary database (a private file that
disappears with the connection), so reading a million-line log takes no lock
on the review's database and a failure or a cancel while reading leaves
nothing behind. The copy into `events` is one transaction, done in chunks so
that a cancel between them rolls the whole import back. De-duplication is the
events table's own: `ON CONFLICT (review_id, dedupe) DO NOTHING`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC

from facilitator_tui.errors import NotFoundError, StorageError
from facilitator_tui.models import Event
from facilitator_tui.store.base import StoreBase
from facilitator_tui.store.failures import translate
from facilitator_tui.store.rows import ts

# An importer's events are never key moments, hidden or private: those three are added as 0.
_COLUMNS = "at, source, actor, text, kind, channel, external_id, reply_to, is_bot, dedupe"
_CHUNK = 20_000


def _row(e: Event) -> tuple:
    """An event as a staged row. For the UTC times importers give, the time is formatted once for
    both the stored time (`rows.ts`) and the de-duplication key (`Event.dedupe_key`), which makes
    a million-event import a few seconds quicker; anything else takes the general path."""
    d = e.__dict__  # plain reads of the fields: a million of them add up
    at, actor, text, external_id = d["at"], d["actor"], d["text"], d["external_id"]
    if at.tzinfo is not UTC or external_id:
        stamp, dedupe = ts(at), e.dedupe_key()
    else:
        iso = at.isoformat()
        stamp = (iso[:26] if at.microsecond else iso[:19] + ".000000") + "Z"
        dedupe = f"tat:{iso}|{actor}|{text}"
    return (stamp, d["source"], actor, text, d["kind"], d["channel"], external_id, d["reply_to"], d["is_bot"],
            dedupe)


class Cancelled(Exception):
    """The caller asked to stop; nothing was written."""


@contextmanager
def translated() -> Iterator[None]:
    """sqlite3's errors as the app's own storage errors (the store's connection already
    translates what goes through it; this covers a raw connection too)."""
    try:
        yield
    except sqlite3.Error as exc:
        raise translate(exc) from None


class StagedEvents:
    """Events waiting in a temporary table; `commit` adds them to a review, `close` drops them."""

    def __init__(self, conn: sqlite3.Connection, touch: Callable[[int], None]) -> None:
        self.conn = conn
        self.touch = touch
        self.count = 0
        with translated():
            self._temp_store = conn.execute("PRAGMA temp_store").fetchone()[0]
            self._temp_journal = conn.execute("PRAGMA temp.journal_mode").fetchone()[0]
            conn.execute("PRAGMA temp_store = FILE")  # a big import must not sit in memory
            conn.execute("PRAGMA temp.journal_mode = OFF")  # a failed batch fails the whole import anyway
            conn.execute("DROP TABLE IF EXISTS temp.staged_events")
            conn.execute(f"CREATE TEMP TABLE staged_events (seq INTEGER PRIMARY KEY, {_COLUMNS})")

    def add(self, events: list[Event]) -> None:
        if not events:
            return
        rows = [_row(e) for e in events]
        with translated():
            self.conn.execute("BEGIN")  # the temporary database only: no lock on the review's file
            try:
                self.conn.executemany(
                    f"INSERT INTO temp.staged_events ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        self.count += len(rows)

    def count_new(self, review_id: int) -> tuple[int, int]:
        """(would be added, would be skipped as already present or repeated), writing nothing."""
        with translated():
            new = self.conn.execute(
                "SELECT count(DISTINCT dedupe) FROM temp.staged_events s WHERE NOT EXISTS "
                "(SELECT 1 FROM events e WHERE e.review_id = ? AND e.dedupe = s.dedupe)", (review_id,)
            ).fetchone()[0]
        return new, self.count - new

    def commit(self, review_id: int, should_stop: Callable[[], bool] | None = None) -> tuple[int, int]:
        """Add the staged events to the review in one transaction: (added, already present)."""
        conn = self.conn
        with translated():
            conn.execute("BEGIN IMMEDIATE")
            try:
                if conn.execute("SELECT 1 FROM reviews WHERE id = ?", (review_id,)).fetchone() is None:
                    raise NotFoundError(f"review {review_id} was deleted; nothing was imported")
                before = conn.total_changes
                for low in range(1, self.count + 1, _CHUNK):
                    if should_stop is not None and should_stop():
                        raise Cancelled
                    conn.execute(
                        f"INSERT INTO events (review_id, key_moment, hidden, facilitator_only, {_COLUMNS}) "
                        f"SELECT ?, 0, 0, 0, {_COLUMNS} "
                        "FROM temp.staged_events WHERE seq BETWEEN ? AND ? ORDER BY seq "
                        "ON CONFLICT (review_id, dedupe) DO NOTHING",
                        (review_id, low, low + _CHUNK - 1),
                    )
                added = conn.total_changes - before
                if should_stop is not None and should_stop():
                    raise Cancelled
                if added:
                    self.touch(review_id)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        return added, self.count - added

    def close(self) -> None:
        try:
            self.conn.execute("DROP TABLE IF EXISTS temp.staged_events")
            # Other temporary tables on this connection (one person's view) keep their settings.
            self.conn.execute(f"PRAGMA temp.journal_mode = {self._temp_journal}")
            self.conn.execute(f"PRAGMA temp_store = {int(self._temp_store)}")
        except (sqlite3.Error, StorageError):
            pass  # the connection is going away, or busy: the temporary table goes with it


class StagingQueries(StoreBase):
    """A part of `Store`, written against `StoreBase` (the connection and `touch_review`)."""

    @contextmanager
    def staged_events(self) -> Iterator[StagedEvents]:
        """A staging table for one import, dropped when the block ends, whatever happens."""
        staged = StagedEvents(self.conn, self.touch_review)
        try:
            yield staged
        finally:
            staged.close()
