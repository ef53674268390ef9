"""SQLite storage through sqlite-utils: opening a file safely, migrating it, and queries.

Every write is one transaction per user action (or per bulk insert), so a
killed terminal leaves either the whole change or none of it. Rows come back
as the pydantic models of `models.py`.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from facilitator_tui.models import (
    Event,
    Factor,
    Note,
    ParkedIdea,
    Participant,
    PhaseSpan,
    Prompt,
    PromptState,
    Review,
    ReviewFactor,
    utc_now,
)
from facilitator_tui.schema import LATEST_VERSION, MIGRATIONS

_UTC = UTC


class StoreError(Exception):
    """A database problem, phrased as one line a person can act on."""


def ts(moment: datetime | None) -> str | None:
    """The one storage format for times: fixed-width UTC, so text order is time order."""
    if moment is None:
        return None
    return moment.astimezone(_UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_ts(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.fromisoformat(text)




@dataclass(frozen=True)
class EventFilter:
    """What the timeline shows: a text search, a source, an actor, hidden/private rows."""

    text: str = ""
    source: str = ""
    actor: str = ""
    include_hidden: bool = False
    include_private: bool = True
    key_only: bool = False

    def where(self, review_id: int) -> tuple[str, list[Any]]:
        clauses = ["review_id = ?"]
        params: list[Any] = [review_id]
        if not self.include_hidden:
            clauses.append("hidden = 0")
        if not self.include_private:
            clauses.append("facilitator_only = 0")
        if self.key_only:
            clauses.append("key_moment = 1")
        if self.source:
            clauses.append("source = ?")
            params.append(self.source)
        if self.actor:
            clauses.append("actor = ?")
            params.append(self.actor)
        if self.text:
            clauses.append("(text LIKE ? ESCAPE '\\' OR actor LIKE ? ESCAPE '\\')")
            like = "%" + _like_escape(self.text) + "%"
            params.extend([like, like])
        return " AND ".join(clauses), params


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class ReviewSummary:
    review: Review
    events: int
    notes: int


_EVENT_COLS = (
    "id, review_id, at, source, actor, text, kind, channel, external_id, reply_to, "
    "is_bot, key_moment, hidden, facilitator_only"
)


_EVENT_FIELDS = ("id", "review_id", "at", "source", "actor", "text", "kind", "channel",
                 "external_id", "reply_to", "is_bot", "key_moment", "hidden", "facilitator_only")
_EVENT_FIELDS_SET = frozenset(_EVENT_FIELDS)
_new_event = Event.__new__
_set = object.__setattr__
_fromiso = datetime.fromisoformat


def _event_from_row(row: tuple) -> Event:
    """An Event from one of our own rows, validated when it was written.

    Loading a 100k-event review builds 100k models; pydantic's `model_construct`
    costs several microseconds each, so the instance is assembled directly.
    """
    event = _new_event(Event)
    _set(event, "__dict__", {
        "id": row[0], "review_id": row[1], "at": _fromiso(row[2]), "source": row[3],
        "actor": row[4], "text": row[5], "kind": row[6], "channel": row[7],
        "external_id": row[8], "reply_to": row[9], "is_bot": bool(row[10]),
        "key_moment": bool(row[11]), "hidden": bool(row[12]), "facilitator_only": bool(row[13]),
    })
    _set(event, "__pydantic_fields_set__", set(_EVENT_FIELDS_SET))
    _set(event, "__pydantic_extra__", None)
    _set(event, "__pydantic_private__", None)
    return event


_REVIEW_TIMES = ("incident_start", "incident_end", "created_at", "updated_at",
                 "meeting_started_at", "meeting_ended_at")


def _review_from_row(row: dict) -> Review:
    data = dict(row)
    for key in _REVIEW_TIMES:
        data[key] = parse_ts(data.get(key))
    data["share_safe"] = bool(data["share_safe"])
    return Review.model_validate(data)


def _note_from_row(row: dict) -> Note:
    data = dict(row)
    data["created_at"] = parse_ts(data["created_at"])
    data["updated_at"] = parse_ts(data["updated_at"])
    data["due"] = date.fromisoformat(data["due"]) if data.get("due") else None
    return Note.model_construct(**data)


def _open_private(path: Path) -> None:
    """Create the file (0600) and its folder (0700) before SQLite touches them."""
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
        os.close(fd)


class Store:
    """One open database file."""

    def __init__(self, path: str | os.PathLike[str], *, create: bool = True) -> None:
        self.path = Path(path)
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a folder, not a database file; pass a file path with --db")
        if not self.path.exists() and not create:
            raise StoreError(f"{self.path} does not exist")
        try:
            _open_private(self.path)
        except OSError as exc:
            raise StoreError(f"cannot create database {self.path}: {exc.strerror}") from None
        try:
            conn = sqlite3.connect(self.path, timeout=5.0, isolation_level=None)
            self.conn = conn
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 5000")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path} is not a facilitator-tui database or is damaged ({exc}); "
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
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate(version)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot prepare {self.path}: {exc}") from None
        self.db = sqlite_utils.Database(conn)

    # -- lifecycle -------------------------------------------------------------

    def _migrate(self, version: int) -> None:
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            statements = [s.strip() for s in script.split(";") if s.strip()]
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in statements:
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {number}")
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One user action: all of it is written, or none of it."""
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def data_version(self) -> int:
        """Changes when another connection commits: the cue for a live refresh."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    # -- reviews -----------------------------------------------------------------

    def insert_review(self, review: Review) -> Review:
        data = review.model_dump(exclude={"id"})
        for key in _REVIEW_TIMES:
            data[key] = ts(data[key])
        data["share_safe"] = int(data["share_safe"])
        with self.transaction():
            new_id = self.db["reviews"].insert(data).last_pk
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
            self.db["reviews"].update(review_id, data)
        return updated

    def touch_review(self, review_id: int) -> None:
        self.conn.execute("UPDATE reviews SET updated_at = ? WHERE id = ?", (ts(utc_now()), review_id))

    def delete_review(self, review_id: int) -> bool:
        with self.transaction():
            cur = self.conn.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
        return cur.rowcount > 0

    # -- participants --------------------------------------------------------------

    def add_participant(self, participant: Participant) -> Participant:
        with self.transaction():
            new_id = self.db["participants"].insert(participant.model_dump(exclude={"id"})).last_pk
        return participant.model_copy(update={"id": new_id})

    def list_participants(self, review_id: int) -> list[Participant]:
        rows = self.conn.execute(
            "SELECT id, review_id, name, role FROM participants WHERE review_id = ? ORDER BY id",
            (review_id,),
        ).fetchall()
        return [Participant(id=r[0], review_id=r[1], name=r[2], role=r[3]) for r in rows]

    def update_participant(self, participant_id: int, **fields: Any) -> None:
        with self.transaction():
            self.db["participants"].update(participant_id, fields)

    def delete_participant(self, participant_id: int) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM participants WHERE id = ?", (participant_id,))

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
            self.db["events"].update(event_id, data)
            self.touch_review(current.review_id)  # type: ignore[arg-type]
        return updated

    def event_sources_and_actors(self, review_id: int) -> tuple[list[str], list[str]]:
        sources = [r[0] for r in self.conn.execute(
            "SELECT DISTINCT source FROM events WHERE review_id = ? ORDER BY source", (review_id,))]
        actors = [r[0] for r in self.conn.execute(
            "SELECT DISTINCT actor FROM events WHERE review_id = ? AND actor != '' ORDER BY actor",
            (review_id,))]
        return sources, actors

    def event_time_range(self, review_id: int) -> tuple[datetime | None, datetime | None]:
        lo, hi = self.conn.execute(
            "SELECT min(at), max(at) FROM events WHERE review_id = ? AND hidden = 0", (review_id,)
        ).fetchone()
        return parse_ts(lo), parse_ts(hi)

    # -- notes -------------------------------------------------------------------

    def add_note(self, note: Note) -> Note:
        data = note.model_dump(exclude={"id"})
        data["created_at"], data["updated_at"] = ts(note.created_at), ts(note.updated_at)
        data["due"] = note.due.isoformat() if note.due else None
        with self.transaction():
            new_id = self.db["notes"].insert(data).last_pk
            self.touch_review(note.review_id)  # type: ignore[arg-type]
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
            self.db["notes"].update(note_id, data)
            self.touch_review(current.review_id)  # type: ignore[arg-type]
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

    # -- factors -----------------------------------------------------------------

    def list_review_factors(self, review_id: int) -> list[ReviewFactor]:
        rows = self.conn.execute(
            "SELECT factor_id, ticked, note FROM review_factors WHERE review_id = ? ORDER BY factor_id",
            (review_id,),
        ).fetchall()
        return [ReviewFactor(review_id=review_id, factor_id=r[0], ticked=bool(r[1]), note=r[2])
                for r in rows]

    def set_review_factor(self, review_id: int, factor_id: str, *, ticked: bool | None = None,
                          note: str | None = None) -> ReviewFactor:
        with self.transaction():
            self.conn.execute(
                "INSERT OR IGNORE INTO review_factors (review_id, factor_id) VALUES (?, ?)",
                (review_id, factor_id),
            )
            if ticked is not None:
                self.conn.execute(
                    "UPDATE review_factors SET ticked = ? WHERE review_id = ? AND factor_id = ?",
                    (int(ticked), review_id, factor_id),
                )
            if note is not None:
                self.conn.execute(
                    "UPDATE review_factors SET note = ? WHERE review_id = ? AND factor_id = ?",
                    (note, review_id, factor_id),
                )
            self.touch_review(review_id)
        row = self.conn.execute(
            "SELECT ticked, note FROM review_factors WHERE review_id = ? AND factor_id = ?",
            (review_id, factor_id),
        ).fetchone()
        return ReviewFactor(review_id=review_id, factor_id=factor_id, ticked=bool(row[0]), note=row[1])

    def list_custom_factors(self, review_id: int) -> list[Factor]:
        rows = self.conn.execute(
            'SELECT id, "group", name, description FROM custom_factors WHERE review_id = ? ORDER BY rowid',
            (review_id,),
        ).fetchall()
        return [Factor(id=r[0], group=r[1], name=r[2], description=r[3], custom=True) for r in rows]

    def add_custom_factor(self, review_id: int, factor: Factor) -> None:
        with self.transaction():
            self.db["custom_factors"].insert(
                {"review_id": review_id, "id": factor.id, "group": factor.group,
                 "name": factor.name, "description": factor.description}
            )

    # -- prompts -----------------------------------------------------------------

    def list_prompt_states(self, review_id: int) -> list[PromptState]:
        rows = self.conn.execute(
            "SELECT prompt_id, asked_at, starred FROM prompt_state WHERE review_id = ? ORDER BY prompt_id",
            (review_id,),
        ).fetchall()
        return [PromptState(review_id=review_id, prompt_id=r[0], asked_at=parse_ts(r[1]),
                            starred=bool(r[2])) for r in rows]

    def set_prompt_state(self, review_id: int, prompt_id: str, *,
                         asked_at: datetime | bool | None = False,
                         starred: bool | None = None) -> None:
        """Update a prompt's state; `asked_at=False` leaves it as it is, None clears it."""
        with self.transaction():
            self.conn.execute(
                "INSERT OR IGNORE INTO prompt_state (review_id, prompt_id) VALUES (?, ?)",
                (review_id, prompt_id),
            )
            if asked_at is not False:
                self.conn.execute(
                    "UPDATE prompt_state SET asked_at = ? WHERE review_id = ? AND prompt_id = ?",
                    (ts(asked_at) if isinstance(asked_at, datetime) else None, review_id, prompt_id),
                )
            if starred is not None:
                self.conn.execute(
                    "UPDATE prompt_state SET starred = ? WHERE review_id = ? AND prompt_id = ?",
                    (int(starred), review_id, prompt_id),
                )

    def list_custom_prompts(self, review_id: int) -> list[Prompt]:
        rows = self.conn.execute(
            "SELECT id, text, theme, phases FROM custom_prompts WHERE review_id = ? ORDER BY rowid",
            (review_id,),
        ).fetchall()
        return [Prompt(id=r[0], text=r[1], theme=r[2], phases=json.loads(r[3]), custom=True)
                for r in rows]

    def add_custom_prompt(self, review_id: int, prompt: Prompt) -> None:
        with self.transaction():
            self.db["custom_prompts"].insert(
                {"review_id": review_id, "id": prompt.id, "text": prompt.text,
                 "theme": prompt.theme, "phases": json.dumps(list(prompt.phases))}
            )

    # -- meeting -----------------------------------------------------------------

    def list_phase_spans(self, review_id: int) -> list[PhaseSpan]:
        rows = self.conn.execute(
            "SELECT phase, started_at, ended_at FROM phase_spans WHERE review_id = ? ORDER BY id",
            (review_id,),
        ).fetchall()
        return [PhaseSpan(review_id=review_id, phase=r[0], started_at=parse_ts(r[1]),
                          ended_at=parse_ts(r[2])) for r in rows]

    def enter_phase(self, review_id: int, phase: str, at: datetime) -> None:
        """Close the open phase span and open a new one, in one transaction."""
        with self.transaction():
            self.conn.execute(
                "UPDATE phase_spans SET ended_at = ? WHERE review_id = ? AND ended_at IS NULL",
                (ts(at), review_id),
            )
            self.conn.execute(
                "INSERT INTO phase_spans (review_id, phase, started_at) VALUES (?, ?, ?)",
                (review_id, phase, ts(at)),
            )
            self.conn.execute(
                "UPDATE reviews SET current_phase = ?, updated_at = ? WHERE id = ?",
                (phase, ts(at), review_id),
            )

    def end_phase_spans(self, review_id: int, at: datetime) -> None:
        self.conn.execute(
            "UPDATE phase_spans SET ended_at = ? WHERE review_id = ? AND ended_at IS NULL",
            (ts(at), review_id),
        )

    def insert_phase_spans(self, review_id: int, spans: Iterable[PhaseSpan]) -> None:
        self.conn.executemany(
            "INSERT INTO phase_spans (review_id, phase, started_at, ended_at) VALUES (?,?,?,?)",
            [(review_id, s.phase, ts(s.started_at), ts(s.ended_at)) for s in spans],
        )

    def list_parked(self, review_id: int) -> list[ParkedIdea]:
        rows = self.conn.execute(
            "SELECT id, text, created_at, action_note_id FROM parked_ideas WHERE review_id = ? ORDER BY id",
            (review_id,),
        ).fetchall()
        return [ParkedIdea(id=r[0], review_id=review_id, text=r[1], created_at=parse_ts(r[2]),
                           action_note_id=r[3]) for r in rows]

    def add_parked(self, idea: ParkedIdea) -> ParkedIdea:
        with self.transaction():
            cur = self.conn.execute(
                "INSERT INTO parked_ideas (review_id, text, created_at, action_note_id) VALUES (?,?,?,?)",
                (idea.review_id, idea.text, ts(idea.created_at), idea.action_note_id),
            )
        return idea.model_copy(update={"id": cur.lastrowid})

    def delete_parked(self, idea_id: int) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM parked_ideas WHERE id = ?", (idea_id,))

    def set_parked_action(self, idea_id: int, note_id: int) -> None:
        self.conn.execute("UPDATE parked_ideas SET action_note_id = ? WHERE id = ?", (note_id, idea_id))
