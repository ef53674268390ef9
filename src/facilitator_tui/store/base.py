"""What the store's query groups share: the open connection, transactions, the sqlite-utils view.

`Store` (database.py) is built from query groups (timeline.py, meeting.py); each
is written against this base, so a type checker can follow every query to the
connection it runs on.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING

from facilitator_tui.errors import StorageError
from facilitator_tui.models import utc_now
from facilitator_tui.store.rows import ts

if TYPE_CHECKING:
    import sqlite_utils


class StoreBase:
    """One connection to one database file."""

    conn: sqlite3.Connection
    # One person's view of the timeline, as temporary tables by (review, view, data version).
    seen_tables: dict[tuple[object, ...], str]
    seen_count = 0

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for inserts and updates of whole rows.

        Made on the first write: a start that only reads never imports sqlite-utils.
        No plugins: looking for them scans every installed package's entry points.
        """
        import sqlite_utils

        return sqlite_utils.Database(self.conn, execute_plugins=False)

    def table(self, name: str) -> sqlite_utils.db.Table:
        return self.db.table(name)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One user action: all of it is written, or none of it."""
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException:
            # A COMMIT refused (a reader's lock, a full disk) leaves the transaction open.
            self._rollback()
            raise

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            try:
                self.conn.execute("ROLLBACK")
            except StorageError:  # the original failure is the one to report
                pass

    def data_version(self) -> int:
        """Changes when another connection commits: the cue for a live refresh."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def touch_review(self, review_id: int | None) -> None:
        """Mark the review as changed now (a model not tied to a review changes none)."""
        if review_id is None:
            return
        self.conn.execute("UPDATE reviews SET updated_at = ? WHERE id = ?", (ts(utc_now()), review_id))
