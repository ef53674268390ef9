"""Store queries for the timeline and the notes: bulk inserts, paging, filters.

A part of `Store`, written against `StoreBase` (the connection and transactions).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any

from facilitator_tui.errors import ConflictError, NotFoundError
from facilitator_tui.models import Event, Note, utc_now
from facilitator_tui.store.base import StoreBase
from facilitator_tui.store.rows import (
    _EVENT_COLS,
    EventFilter,
    Perspective,
    StoreError,
    _event_from_row,
    _note_from_row,
    note_row,
    parse_ts,
    ts,
)


class TimelineQueries(StoreBase):
    # -- one person's view ----------------------------------------------------------

    def _where(self, review_id: int, flt: EventFilter) -> tuple[str, list[Any]]:
        """The filter as SQL; one person's view is read from a table of their event ids."""
        if flt.seen_by is None:
            return flt.where(review_id)
        where, params = replace(flt, seen_by=None).where(review_id)
        return f"{where} AND id IN (SELECT id FROM {self._seen_table(review_id, flt.seen_by)})", params

    def _seen_table(self, review_id: int, seen_by: Perspective) -> str:
        """A temporary table of the events `seen_by` takes in, filled once and kept until the
        events change here or elsewhere: paging and counting then read it, not every row."""
        tables = self.seen_tables
        key = (review_id, seen_by, self.data_version())
        name = tables.get(key)
        if name is None:
            self.forget_seen()
            self.seen_count += 1
            name = f"temp.seen_{self.seen_count}"
            clause, params = seen_by.where(review_id)
            self.conn.execute(f"CREATE TEMP TABLE {name} (id INTEGER PRIMARY KEY)")
            self.conn.execute(f"INSERT INTO {name} SELECT id FROM events WHERE {clause}", params)
            tables[key] = name
        return name

    def forget_seen(self) -> None:
        """Drop the tables of one person's view: the events they were taken from changed."""
        tables = self.seen_tables
        for name in tables.values():
            self.conn.execute(f"DROP TABLE IF EXISTS {name}")
        tables.clear()

    # -- events ------------------------------------------------------------------

    def insert_events(self, review_id: int, events: Iterable[Event]) -> tuple[int, int]:
        """Add events in one transaction; returns (added, already present)."""
        self.forget_seen()
        rows = [
            (review_id, ts(e.at), e.source, e.actor, e.text, e.kind, e.channel, e.external_id,
             e.reply_to, int(e.is_bot), int(e.key_moment), int(e.hidden),
             int(e.facilitator_only), e.dedupe_key())
            for e in events
        ]
        with self.transaction():
            cur = self.conn.executemany(
                "INSERT INTO events (review_id, at, source, actor, text, kind, channel, "
                "external_id, reply_to, is_bot, key_moment, hidden, facilitator_only, dedupe) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                # Only a duplicate is skipped; any other constraint failure aborts the batch.
                "ON CONFLICT (review_id, dedupe) DO NOTHING",
                rows,
            )
            # rowcount counts the rows this statement added, not what triggers wrote.
            added = max(cur.rowcount, 0)
            if added:
                self.touch_review(review_id)
        return added, len(rows) - added

    def count_events(self, review_id: int, flt: EventFilter = EventFilter()) -> int:
        where, params = self._where(review_id, flt)
        return self.conn.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()[0]

    def page_events(self, review_id: int, offset: int, limit: int,
                    flt: EventFilter = EventFilter()) -> list[Event]:
        where, params = self._where(review_id, flt)
        rows = self.conn.execute(
            f"SELECT {_EVENT_COLS} FROM events WHERE {where} ORDER BY at, id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return [_event_from_row(r) for r in rows]

    def all_events(self, review_id: int, flt: EventFilter | None = None) -> list[Event]:
        flt = flt or EventFilter(include_hidden=True)
        where, params = self._where(review_id, flt)
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
        where, params = self._where(review_id, flt)
        return self.conn.execute(
            f"SELECT count(*) FROM events WHERE {where} AND at < ?", [*params, ts(at)]
        ).fetchone()[0]

    def index_of_event(self, review_id: int, event: Event, flt: EventFilter = EventFilter()) -> int:
        where, params = self._where(review_id, flt)
        return self.conn.execute(
            f"SELECT count(*) FROM events WHERE {where} AND (at < ? OR (at = ? AND id < ?))",
            [*params, ts(event.at), ts(event.at), event.id],
        ).fetchone()[0]

    def get_event(self, event_id: int) -> Event | None:
        row = self.conn.execute(f"SELECT {_EVENT_COLS} FROM events WHERE id = ?", (event_id,)).fetchone()
        return _event_from_row(row) if row else None

    def update_event(self, event_id: int, **fields: Any) -> Event:
        self.forget_seen()
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

    def delete_event(self, event_id: int) -> tuple[Event, list[int]] | None:
        """Remove one event; returns it and the notes that were linked to it (now unlinked)."""
        self.forget_seen()
        with self.transaction():
            event = self.get_event(event_id)
            if event is None:
                return None
            notes = [r[0] for r in self.conn.execute(
                "SELECT id FROM notes WHERE event_id = ? ORDER BY id", (event_id,))]
            self.conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
            self.touch_review(event.review_id)
        return event, notes

    def restore_event(self, event: Event, note_ids: list[int]) -> Event:
        """Put a deleted event back under its own id, and link its notes to it again."""
        self.forget_seen()
        e = event
        with self.transaction():
            self.conn.execute(
                "INSERT INTO events (id, review_id, at, source, actor, text, kind, channel, "
                "external_id, reply_to, is_bot, key_moment, hidden, facilitator_only, dedupe) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (e.id, e.review_id, ts(e.at), e.source, e.actor, e.text, e.kind, e.channel,
                 e.external_id, e.reply_to, int(e.is_bot), int(e.key_moment), int(e.hidden),
                 int(e.facilitator_only), e.dedupe_key()),
            )
            self.conn.executemany("UPDATE notes SET event_id = ? WHERE id = ? AND event_id IS NULL",
                                  [(e.id, note_id) for note_id in note_ids])
            self.touch_review(e.review_id)
        return e

    def events_around(self, review_id: int, at: datetime, before: int, after: int,
                      flt: EventFilter = EventFilter()) -> list[Event]:
        """Up to `before` events before `at` and `after` from it on, in time order."""
        where, params = self._where(review_id, flt)
        earlier = self.conn.execute(
            f"SELECT {_EVENT_COLS} FROM events WHERE {where} AND at < ? ORDER BY at DESC, id DESC LIMIT ?",
            [*params, ts(at), before]).fetchall()
        later = self.conn.execute(
            f"SELECT {_EVENT_COLS} FROM events WHERE {where} AND at >= ? ORDER BY at, id LIMIT ?",
            [*params, ts(at), after]).fetchall()
        return [_event_from_row(r) for r in [*reversed(earlier), *later]]

    def actor_channel_times(self, review_id: int, actors: list[str]) -> list[tuple[str, datetime]]:
        """Where and when these actors wrote: (channel, time) of each event with a channel."""
        if not actors:
            return []
        marks = ", ".join("?" for _ in actors)
        rows = self.conn.execute(
            f"SELECT channel, at FROM events WHERE review_id = ? AND actor IN ({marks}) "
            "AND channel != '' AND hidden = 0 ORDER BY channel, at", [review_id, *actors]).fetchall()
        return [(row[0], parse_ts(row[1])) for row in rows]

    def people_actors(self, review_id: int) -> list[tuple[str, int]]:
        """Each person (not bot) who wrote events, with how many, most first."""
        return [(r[0], r[1]) for r in self.conn.execute(
            "SELECT actor, count(*) FROM events WHERE review_id = ? AND actor != '' AND is_bot = 0 "
            "GROUP BY actor ORDER BY count(*) DESC, actor", (review_id,))]

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
        data = note_row(note)
        with self.transaction():
            new_id = self.table("notes").insert(data).last_pk
            self.touch_review(note.review_id)
        return note.model_copy(update={"id": new_id})

    def get_note(self, note_id: int) -> Note | None:
        cur = self.conn.execute("SELECT * FROM notes WHERE id = ?", (note_id,))
        cols = [c[0] for c in cur.description]
        row = cur.fetchone()
        return _note_from_row(dict(zip(cols, row, strict=True))) if row else None

    def update_note(self, note_id: int, *, expected: Note | None = None, **fields: Any) -> Note:
        """Change a note; with `expected` (the note as this window last read or saved it),
        only if no one else has changed it since.

        The check and the write are one transaction, so two windows editing one note
        can never silently overwrite each other: the later one gets a ConflictError.
        The whole note is compared, not only its time stamp, which has whole seconds.
        """
        with self.transaction():
            current = self.get_note(note_id)
            if current is None:
                raise NotFoundError("this note was deleted elsewhere (another window or the command line)")
            if expected is not None and _as_saved(current) != _as_saved(expected):
                raise ConflictError("this note was changed elsewhere since it was opened here")
            updated = Note.model_validate({**current.model_dump(), **fields, "updated_at": utc_now()})
            data = note_row(updated)
            del data["review_id"], data["created_at"]
            self.table("notes").update(note_id, data)
            self.touch_review(current.review_id)
        return updated

    def delete_note(self, note_id: int) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM notes WHERE id = ?", (note_id,))

    def restore_note(self, note: Note) -> Note:
        """Put a deleted note back, under its own id when that is still free."""
        data = note.model_dump()
        data["created_at"], data["updated_at"] = ts(note.created_at), ts(note.updated_at)
        data["due"] = note.due.isoformat() if note.due else None
        with self.transaction():
            taken = note.id is not None and self.conn.execute(
                "SELECT 1 FROM notes WHERE id = ?", (note.id,)).fetchone()
            if taken or note.id is None:
                data.pop("id")
            if data.get("event_id") is not None and not self.conn.execute(
                    "SELECT 1 FROM events WHERE id = ?", (data["event_id"],)).fetchone():
                data["event_id"] = None  # its event went too
            if data.get("participant_id") is not None and not self.conn.execute(
                    "SELECT 1 FROM participants WHERE id = ?", (data["participant_id"],)).fetchone():
                data["participant_id"] = None
            new_id = self.table("notes").insert(data).last_pk
            self.touch_review(note.review_id)
        return note.model_copy(update={"id": new_id, "event_id": data.get("event_id"),
                                       "participant_id": data.get("participant_id")})

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
             n.due.isoformat() if n.due else None, ts(n.created_at), ts(n.updated_at),
             n.state, ts(n.state_changed_at), n.link)
            for n in notes
        ]
        with self.transaction():
            self.conn.executemany(
                "INSERT INTO notes (review_id, kind, text, participant_id, event_id, prompt_id, "
                "owner, due, created_at, updated_at, state, state_changed_at, link) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
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


_COMPARED = ("review_id", "kind", "text", "participant_id", "event_id", "prompt_id", "owner", "due",
             "state", "link", "updated_at")


def _as_saved(note: Note) -> tuple:
    return tuple(getattr(note, name) for name in _COMPARED)
