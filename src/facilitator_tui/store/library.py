"""Store queries across reviews: identities and revisions, library sync records, report rows.

A mixin of `Store`: it relies on `self.conn` and `self.transaction()`. The
report reads a handful of narrow aggregate queries (a row per review, per
ticked factor, per insight, per action), never whole review snapshots, so a
thousand reviews report in a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from facilitator_tui.store.base import StoreBase
from facilitator_tui.store.rows import parse_ts, ts

if TYPE_CHECKING:
    from facilitator_tui.library.rows import ActionRow, ReportReview, ReviewIdentity, SyncRecord

# The row types (library/rows.py) and json load with the first query that needs them:
# opening a review needs none of them.

__all__ = ["LibraryQueries"]

# Every table that holds a review's rows, in an order that deletes children first.
REVIEW_TABLES = ("parked_ideas", "notes", "events", "participants", "review_factors",
                 "prompt_state", "custom_prompts", "custom_factors", "phase_spans")

# The day a review belongs to in a report: the incident's start, else its meeting, else creation.
_REVIEW_DAY = "coalesce(incident_start, meeting_started_at, created_at)"


def _window(since: datetime | None, until: datetime | None) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if since is not None:
        clauses.append(f"{_REVIEW_DAY} >= ?")
        params.append(ts(since))
    if until is not None:
        clauses.append(f"{_REVIEW_DAY} < ?")
        params.append(ts(until))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


class LibraryQueries(StoreBase):

    # -- identity ----------------------------------------------------------------

    def review_id_for_uuid(self, uuid: str) -> int | None:
        row = self.conn.execute("SELECT id FROM reviews WHERE uuid = ?", (uuid,)).fetchone()
        return row[0] if row else None

    def review_identities(self) -> list[ReviewIdentity]:
        from facilitator_tui.library.rows import ReviewIdentity

        rows = self.conn.execute("SELECT id, uuid, revision, title FROM reviews ORDER BY id")
        return [ReviewIdentity(*row) for row in rows]

    def review_revision(self, review_id: int) -> int:
        row = self.conn.execute("SELECT revision FROM reviews WHERE id = ?", (review_id,)).fetchone()
        return row[0] if row else -1

    def mark_synced(self, review_id: int) -> int:
        """Clear the review's "changed since the last exchange" flag; returns its revision.

        Part of the caller's transaction, with the reading of the review: any change
        after it moves the revision again (see migration 7).
        """
        with self.transaction():
            self.conn.execute("UPDATE reviews SET unsynced = 0 WHERE id = ? AND unsynced = 1",
                              (review_id,))
            return self.review_revision(review_id)

    def event_ids_by_key(self, review_id: int) -> dict[str, int]:
        """Each event's id by its de-duplication key (see `Event.dedupe_key`)."""
        return dict(self.conn.execute("SELECT dedupe, id FROM events WHERE review_id = ?",
                                      (review_id,)).fetchall())

    def event_rows(self, review_id: int) -> list[tuple]:
        """The review's events as bare rows in time order, for the library's fast writer:
        (id, at, source, actor, text, kind, channel, external_id, reply_to, is_bot,
        key_moment, hidden, facilitator_only)."""
        return self.conn.execute(
            "SELECT id, at, source, actor, text, kind, channel, external_id, reply_to, is_bot, "
            "key_moment, hidden, facilitator_only FROM events WHERE review_id = ? ORDER BY at, id",
            (review_id,),
        ).fetchall()

    def clear_review_rows(self, review_id: int) -> None:
        """Delete everything a review holds but the review itself: the start of an update."""
        with self.transaction():
            for table in REVIEW_TABLES:
                self.conn.execute(f"DELETE FROM {table} WHERE review_id = ?", (review_id,))

    def set_review_times(self, review_id: int, created_at: datetime, updated_at: datetime) -> None:
        self.conn.execute(
            "UPDATE reviews SET created_at = ?, updated_at = ? WHERE id = ?",
            (ts(created_at), ts(updated_at), review_id),
        )

    # -- sync records --------------------------------------------------------------

    def sync_records(self) -> dict[str, SyncRecord]:
        import json

        from facilitator_tui.library.rows import SyncRecord

        rows = self.conn.execute(
            "SELECT review_uuid, file_hash, version, history, revision FROM library_sync")
        return {row[0]: SyncRecord(row[0], row[1], row[2], tuple(json.loads(row[3])), row[4])
                for row in rows}

    def set_sync_records(self, records: Iterable[SyncRecord], at: datetime) -> None:
        import json

        with self.transaction():
            self.conn.executemany(
                "INSERT INTO library_sync (review_uuid, file_hash, version, history, revision, "
                "synced_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (review_uuid) DO UPDATE SET "
                "file_hash = excluded.file_hash, version = excluded.version, "
                "history = excluded.history, revision = excluded.revision, "
                "synced_at = excluded.synced_at",
                [(r.uuid, r.file_hash, r.version, json.dumps(list(r.history)), r.revision, ts(at))
                 for r in records],
            )

    # -- report rows -----------------------------------------------------------------

    def report_reviews(self, since: datetime | None, until: datetime | None) -> list[ReportReview]:
        from facilitator_tui.library.rows import ReportReview

        where, params = _window(since, until)
        rows = self.conn.execute(
            f"SELECT id, uuid, title, {_REVIEW_DAY}, status, timebox_minutes, meeting_started_at, "
            f"meeting_ended_at, learned_yes, learned_no, again_yes, again_no FROM reviews{where} "
            f"ORDER BY {_REVIEW_DAY}, id",
            params,
        )
        return [
            ReportReview(r[0], r[1], r[2], parse_ts(r[3]), r[4], r[5], parse_ts(r[6]),
                         parse_ts(r[7]), r[8], r[9], r[10], r[11])
            for r in rows
        ]

    def ticked_factors(self) -> list[tuple[int, str]]:
        """(review id, factor id) for every ticked factor of every review."""
        return self.conn.execute(
            "SELECT review_id, factor_id FROM review_factors WHERE ticked = 1 "
            "ORDER BY review_id, factor_id"
        ).fetchall()

    def custom_factor_names(self) -> dict[tuple[int, str], str]:
        """(review id, factor id) -> name, for the factors facilitators added."""
        rows = self.conn.execute("SELECT review_id, id, name FROM custom_factors")
        return {(r[0], r[1]): r[2] for r in rows}

    def insight_rows(self) -> list[tuple[int, int, str]]:
        """(review id, note id, text) for every insight note, oldest first."""
        return self.conn.execute(
            "SELECT review_id, id, text FROM notes WHERE kind = 'insight' ORDER BY review_id, id"
        ).fetchall()

    def action_figures_rows(self) -> list[tuple[int, str, date | None, datetime, datetime | None]]:
        """(review id, state, due, created at, state changed at) for every action item."""
        rows = self.conn.execute(
            "SELECT review_id, state, due, created_at, state_changed_at FROM notes "
            "WHERE kind = 'action'"
        ).fetchall()
        return [(r[0], r[1], date.fromisoformat(r[2]) if r[2] else None, parse_ts(r[3]),
                 parse_ts(r[4])) for r in rows]

    # -- actions -------------------------------------------------------------------

    def list_actions(self, *, open_only: bool = False, owner: str | None = None) -> list[ActionRow]:
        from facilitator_tui.library.rows import ActionRow

        sql = (
            "SELECT n.id, n.review_id, r.uuid, r.title, n.text, n.owner, n.due, n.state, "
            "n.state_changed_at, n.link, n.created_at FROM notes n JOIN reviews r ON r.id = n.review_id "
            "WHERE n.kind = 'action'"
        )
        params: list[Any] = []
        if open_only:
            sql += " AND n.state = 'open'"
        rows = self.conn.execute(sql + " ORDER BY n.due IS NULL, n.due, r.id, n.id", params)
        found = [
            ActionRow(r[0], r[1], r[2], r[3], r[4], r[5], date.fromisoformat(r[6]) if r[6] else None,
                      r[7], parse_ts(r[8]), r[9], parse_ts(r[10]))
            for r in rows
        ]
        if owner is not None:
            wanted = owner.strip().lstrip("@").casefold()
            found = [a for a in found if a.owner.strip().lstrip("@").casefold() == wanted]
        return found
