"""The mirror's only way into the database: read-only, and blind to anything private.

The file is opened in SQLite's read-only mode with `query_only` on, so no
statement run here can change it. Every query on events asks for
`hidden = 0 AND facilitator_only = 0`, every query on notes for
`kind != 'private'`, whatever the facilitator's own window shows: private rows
never leave the file for the mirror's process. There are no writes here, and no
way to turn those conditions off.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

from facilitator_tui.errors import DatabaseUnavailable, StorageError
from facilitator_tui.models import Event, Factor, Note, Participant, PhaseSpan, Prompt, Review
from facilitator_tui.store.failures import connect_read_only
from facilitator_tui.store.rows import _EVENT_COLS, _event_from_row, parse_ts, ts
from facilitator_tui.store.schema import LATEST_VERSION

# Written into every query, never a parameter: what the room may see.
PUBLIC_EVENTS = "review_id = ? AND hidden = 0 AND facilitator_only = 0"
PUBLIC_NOTES = "review_id = ? AND kind != 'private'"
_REVIEW_COLS = ("id, uuid, title, status, timezone, timebox_minutes, incident_start, incident_end, "
                "created_at, updated_at, meeting_started_at, meeting_ended_at, current_phase")
_NOTE_COLS = "id, kind, text, participant_id, owner, due, state, created_at, updated_at"


class RoomReader:
    """One read-only connection to the database, with the few questions a mirror asks."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise DatabaseUnavailable(f"{self.path} does not exist; pass the facilitator's database "
                                      "with --db (facilitator where prints its path)")
        self.conn = connect_read_only(self.path)
        try:
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        except BaseException:
            self.conn.close()
            raise
        if version != LATEST_VERSION:
            self.conn.close()
            if version > LATEST_VERSION:
                raise StorageError(f"{self.path} was written by a newer facilitator-tui; upgrade "
                                   "facilitator-tui to follow it")
            raise StorageError(f"{self.path} needs an upgrade that a mirror cannot make (it never "
                               "writes): open it once with 'facilitator open ID', then follow it")

    def close(self) -> None:
        self.conn.close()

    def data_version(self) -> int:
        """Changes when another connection commits: the cue to read again."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def _rows(self, sql: str, params: list[Any] | tuple[Any, ...]) -> list[Any]:
        return self.conn.execute(sql, params).fetchall()

    # -- the review and what the facilitator shows ----------------------------------------

    def review(self, review_id: int) -> Review | None:
        cur = self.conn.execute(f"SELECT {_REVIEW_COLS} FROM reviews WHERE id = ?", (review_id,))
        row = cur.fetchone()
        if row is None:
            return None
        data = dict(zip([c[0] for c in cur.description], row, strict=True))
        for key in ("incident_start", "incident_end", "created_at", "updated_at",
                    "meeting_started_at", "meeting_ended_at"):
            data[key] = parse_ts(data[key])
        return Review.model_validate(data)

    def room_view(self, review_id: int) -> tuple[str | None, int | None, bool]:
        """(prompt id, highlighted event id, ground rules up) as the facilitator last left them."""
        row = self.conn.execute(
            "SELECT prompt_id, event_id, ground_rules FROM room_view WHERE review_id = ?",
            (review_id,)).fetchone()
        return (row[0], row[1], bool(row[2])) if row else (None, None, False)

    def phase_spans(self, review_id: int) -> list[PhaseSpan]:
        rows = self._rows("SELECT phase, started_at, ended_at FROM phase_spans WHERE review_id = ? "
                          "ORDER BY id", (review_id,))
        return [PhaseSpan(review_id=review_id, phase=r[0], started_at=parse_ts(r[1]),
                          ended_at=parse_ts(r[2])) for r in rows]

    def custom_prompt(self, review_id: int, prompt_id: str) -> Prompt | None:
        row = self.conn.execute(
            "SELECT id, text, theme, phases FROM custom_prompts WHERE review_id = ? AND id = ?",
            (review_id, prompt_id)).fetchone()
        return Prompt(id=row[0], text=row[1], theme=row[2], phases=json.loads(row[3]),
                      custom=True) if row else None

    def setting(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    # -- the timeline: public events only ---------------------------------------------------

    def public_event(self, review_id: int, event_id: int) -> Event | None:
        row = self.conn.execute(f"SELECT {_EVENT_COLS} FROM events WHERE {PUBLIC_EVENTS} AND id = ?",
                                (review_id, event_id)).fetchone()
        return _event_from_row(row) if row else None

    def events_around(self, review_id: int, event: Event | None, before: int,
                      after: int) -> list[Event]:
        """Up to `before` public events before `event` and `after` from it on (the first
        events of the timeline when there is no event), in time order."""
        if event is None:
            rows = self._rows(f"SELECT {_EVENT_COLS} FROM events WHERE {PUBLIC_EVENTS} "
                              "ORDER BY at, id LIMIT ?", (review_id, after))
            return [_event_from_row(r) for r in rows]
        at = ts(event.at)
        earlier = self._rows(
            f"SELECT {_EVENT_COLS} FROM events WHERE {PUBLIC_EVENTS} AND (at < ? OR (at = ? AND id < ?)) "
            "ORDER BY at DESC, id DESC LIMIT ?", (review_id, at, at, event.id, before))
        later = self._rows(
            f"SELECT {_EVENT_COLS} FROM events WHERE {PUBLIC_EVENTS} AND (at > ? OR (at = ? AND id >= ?)) "
            "ORDER BY at, id LIMIT ?", (review_id, at, at, event.id, after))
        return [_event_from_row(r) for r in [*reversed(earlier), *later]]

    # -- notes, people, factors: public notes only -------------------------------------------

    def recent_notes(self, review_id: int, limit: int) -> list[Note]:
        """The last `limit` notes saved or changed, newest first."""
        rows = self._rows(f"SELECT {_NOTE_COLS} FROM notes WHERE {PUBLIC_NOTES} "
                          "ORDER BY updated_at DESC, id DESC LIMIT ?", (review_id, limit))
        return [Note.model_construct(
            id=r[0], review_id=review_id, kind=r[1], text=r[2], participant_id=r[3], owner=r[4],
            due=date.fromisoformat(r[5]) if r[5] else None, state=r[6], created_at=parse_ts(r[7]),
            updated_at=parse_ts(r[8])) for r in rows]

    def participants(self, review_id: int) -> list[Participant]:
        rows = self._rows("SELECT id, name, role FROM participants WHERE review_id = ? ORDER BY id",
                          (review_id,))
        return [Participant(id=r[0], review_id=review_id, name=r[1], role=r[2]) for r in rows]

    def heard(self, review_id: int) -> set[int]:
        """Who has a note attributed; a private note says nothing, not even that."""
        rows = self._rows(f"SELECT DISTINCT participant_id FROM notes WHERE {PUBLIC_NOTES} "
                          "AND participant_id IS NOT NULL", (review_id,))
        return {r[0] for r in rows}

    def ticked_factors(self, review_id: int) -> list[str]:
        rows = self._rows("SELECT factor_id FROM review_factors WHERE review_id = ? AND ticked = 1 "
                          "ORDER BY factor_id", (review_id,))
        return [r[0] for r in rows]

    def custom_factors(self, review_id: int) -> list[Factor]:
        rows = self._rows('SELECT id, "group", name, description FROM custom_factors '
                          "WHERE review_id = ? ORDER BY rowid", (review_id,))
        return [Factor(id=r[0], group=r[1], name=r[2], description=r[3], custom=True) for r in rows]
