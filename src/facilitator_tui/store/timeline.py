"""Store queries for the timeline and the notes: bulk inserts, paging, filters.

A part of `Store`, written against `StoreBase` (the connection and transactions).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from facilitator_tui.models import Event, Note, utc_now
from facilitator_tui.store.base import StoreBase
from facilitator_tui.store.rows import (
    _EVENT_COLS,
    EventFilter,
    StoreError,
    _event_from_row,
    _note_from_row,
    parse_ts,
    ts,
)


class TimelineQueries(StoreBase):
    # -- events ------------------------------------------------------------------

    def insert_events(self, review_id: int, events: Iterable[Event]) -> tuple[int, int]:
        """Add events in one transaction; returns (added, already present)."""
        rows = [
            (review_id, ts(e.at), e.source, e.actor, e.text, e.kind, e.channel, e.external_id,
             e.reply_to, int(e.is_bot), int(e.key_moment), int(e.hidden),
             int(e.facilitator_only), e.dedupe_key())
            for e in events
        ]
        with self.transaction():
            before = self.conn.total_changes
            self.conn.executemany(
                "INSERT INTO events (review_id, at, source, actor, text, kind, channel, "
                "external_id, reply_to, is_bot, key_moment, hidden, facilitator_only, dedupe) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                # Only a duplicate is skipped; any other constraint failure aborts the batch.
                "ON CONFLICT (review_id, dedupe) DO NOTHING",
                rows,
            )
            added = self.conn.total_changes - before
            if added:
                self.touch_review(review_id)
        return added, len(rows) - added

    def count_events(self, review_id: int, flt: EventFilter = EventFilter()) -> int:
        where, params = flt.where(review_id)
        return self.conn.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()[0]

    def page_events(self, review_id: int, offset: int, limit: int,
                    flt: EventFilter = EventFilter()) -> list[Event]:
        where, params = flt.where(review_id)
        rows = self.conn.execute(
            f"SELECT {_EVENT_COLS} FROM events WHERE {where} ORDER BY at, id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return [_event_from_row(r) for r in rows]

    def all_events(self, review_id: int, flt: EventFilter | None = None) -> list[Event]:
        flt = flt or EventFilter(include_hidden=True)
        where, params = flt.where(review_id)
        rows = self.conn.execute(
            f"SELECT {_EVENT_COLS} FROM events WHERE {where} ORDER BY at, id", params
        ).fetchall()
        return [_event_from_row(r) for r in rows]

    def event_id(self, review_id: int, dedupe_key: str) -> int | None:
        """The id of the review's event with this de-duplication key, if there is one."""
        row = self.conn.execute(
            "SELECT id FROM events WHERE review_id = ? AND dedupe = ?", (review_id, dedupe_key)
        ).fetchone()
        return row[0] if row else None

    def index_of_time(self, review_id: int, at: datetime, flt: EventFilter = EventFilter()) -> int:
        """Position of the first event at or after `at` among the filtered events."""
        where, params = flt.where(review_id)
        return self.conn.execute(
            f"SELECT count(*) FROM events WHERE {where} AND at < ?", [*params, ts(at)]
        ).fetchone()[0]

    def index_of_event(self, review_id: int, event: Event, flt: EventFilter = EventFilter()) -> int:
        where, params = flt.where(review_id)
        return self.conn.execute(
            f"SELECT count(*) FROM events WHERE {where} AND (at < ? OR (at = ? AND id < ?))",
            [*params, ts(event.at), ts(event.at), event.id],
        ).fetchone()[0]

    def get_event(self, event_id: int) -> Event | None:
        row = self.conn.execute(f"SELECT {_EVENT_COLS} FROM events WHERE id = ?", (event_id,)).fetchone()
        return _event_from_row(row) if row else None

    def update_event(self, event_id: int, **fields: Any) -> Event:
        current = self.get_event(event_id)
        if current is None:
            raise StoreError(f"no event with id {event_id}")
        updated = Event.model_validate({**current.model_dump(), **fields})
        data = {k: v for k, v in updated.model_dump().items() if k in fields}
        if "at" in data:
            data["at"] = ts(data["at"])
        with self.transaction():
            self.table("events").update(event_id, data)
            self.touch_review(current.review_id)
        return updated

    def event_sources_and_actors(self, review_id: int) -> tuple[list[str], list[str]]:
        sources = [r[0] for r in self.conn.execute(
            "SELECT DISTINCT source FROM events WHERE review_id = ? ORDER BY source", (review_id,))]
        actors = [r[0] for r in self.conn.execute(
            "SELECT DISTINCT actor FROM events WHERE review_id = ? AND actor != '' ORDER BY actor",
            (review_id,))]
        return sources, actors

    def event_time_range(self, review_id: int) -> tuple[datetime | None, datetime | None]:
        # Two subqueries, so that each walks the (review_id, at) index from one end.
        lo, hi = self.conn.execute(
            "SELECT (SELECT min(at) FROM events WHERE review_id = ?1 AND hidden = 0), "
            "(SELECT max(at) FROM events WHERE review_id = ?1 AND hidden = 0)", (review_id,)
        ).fetchone()
        return parse_ts(lo), parse_ts(hi)

    # -- notes -------------------------------------------------------------------

    def add_note(self, note: Note) -> Note:
        data = note.model_dump(exclude={"id"})
        data["created_at"], data["updated_at"] = ts(note.created_at), ts(note.updated_at)
        data["due"] = note.due.isoformat() if note.due else None
        with self.transaction():
            new_id = self.table("notes").insert(data).last_pk
            self.touch_review(note.review_id)
        return note.model_copy(update={"id": new_id})

    def get_note(self, note_id: int) -> Note | None:
        cur = self.conn.execute("SELECT * FROM notes WHERE id = ?", (note_id,))
        cols = [c[0] for c in cur.description]
        row = cur.fetchone()
        return _note_from_row(dict(zip(cols, row, strict=True))) if row else None

    def update_note(self, note_id: int, **fields: Any) -> Note:
        current = self.get_note(note_id)
        if current is None:
            raise StoreError(f"no note with id {note_id}")
        updated = Note.model_validate({**current.model_dump(), **fields, "updated_at": utc_now()})
        data = updated.model_dump(exclude={"id", "review_id", "created_at"})
        data["updated_at"] = ts(updated.updated_at)
        data["due"] = updated.due.isoformat() if updated.due else None
        with self.transaction():
            self.table("notes").update(note_id, data)
            self.touch_review(current.review_id)
        return updated

    def delete_note(self, note_id: int) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM notes WHERE id = ?", (note_id,))

    def list_notes(self, review_id: int, *, event_id: int | None = None,
                   include_private: bool = True) -> list[Note]:
        sql = "SELECT * FROM notes WHERE review_id = ?"
        params: list[Any] = [review_id]
        if event_id is not None:
            sql += " AND event_id = ?"
            params.append(event_id)
        if not include_private:
            sql += " AND kind != 'private'"
        cur = self.conn.execute(sql + " ORDER BY id", params)
        cols = [c[0] for c in cur.description]
        return [_note_from_row(dict(zip(cols, r, strict=True))) for r in cur.fetchall()]

    def insert_notes(self, review_id: int, notes: Iterable[Note]) -> int:
        rows = [
            (review_id, n.kind, n.text, n.participant_id, n.event_id, n.prompt_id, n.owner,
             n.due.isoformat() if n.due else None, ts(n.created_at), ts(n.updated_at))
            for n in notes
        ]
        with self.transaction():
            self.conn.executemany(
                "INSERT INTO notes (review_id, kind, text, participant_id, event_id, prompt_id, "
                "owner, due, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                rows,
            )
        return len(rows)

    def linked_event_times(self, review_id: int) -> dict[int, datetime]:
        """When each event that has a note happened: for labelling notes cheaply."""
        rows = self.conn.execute(
            "SELECT DISTINCT e.id, e.at FROM notes n JOIN events e ON e.id = n.event_id "
            "WHERE n.review_id = ?",
            (review_id,),
        ).fetchall()
        return {row[0]: parse_ts(row[1]) for row in rows}
