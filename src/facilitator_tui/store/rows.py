"""Between rows and models: the storage time format, the timeline filter, row converters.

Shared by the store's query groups; nothing here opens a database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, overload

from facilitator_tui.errors import StorageError
from facilitator_tui.models import Event, Note, Review

# The store's failures are the app's storage errors (see errors.py).
StoreError = StorageError

_UTC = UTC


@overload
def ts(moment: datetime) -> str: ...
@overload
def ts(moment: None) -> None: ...
def ts(moment: datetime | None) -> str | None:
    """The one storage format for times: fixed-width UTC, so text order is time order."""
    if moment is None:
        return None
    return moment.astimezone(_UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@overload
def parse_ts(text: str) -> datetime: ...
@overload
def parse_ts(text: None) -> None: ...
def parse_ts(text: str | None) -> datetime | None:
    """A time as the store wrote it (see `ts`), back as an aware UTC datetime."""
    if not text:
        return None
    return datetime.fromisoformat(text)


@dataclass(frozen=True)
class Perspective:
    """The events one person saw: what they wrote, what named them, their channels around then.

    `actors` are the names their own events carry; `mentions` the words that name them
    in a message (lower-case, as SQLite's lower() writes ASCII); `windows` the stretches
    (channel, from, to) of the channels they wrote in, around their messages.
    """

    name: str
    actors: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    windows: tuple[tuple[str, datetime, datetime], ...] = ()

    def where(self, review_id: int) -> tuple[str, list[Any]]:
        """`id IN (...)`: each part is its own small query (the windows walk the time index),
        worked out once per statement rather than tested row by row."""
        parts: list[str] = []
        params: list[Any] = []
        base = "SELECT id FROM events WHERE review_id = ?"
        if self.actors:
            parts.append(f"{base} AND actor IN ({', '.join('?' for _ in self.actors)})")
            params.extend([review_id, *self.actors])
        for channel, start, end in self.windows:
            parts.append(f"{base} AND at >= ? AND at <= ? AND channel = ?")
            params.extend([review_id, ts(start), ts(end), channel])
        for word in self.mentions:
            # A whole word of the text, not part of one ("Ana" is not in "analysis"); in what
            # reached people (messages, pages), not in the facilitator's own reconstruction.
            # LIKE first: a quick scan that leaves the word test to the few rows that hold it.
            parts.append(f"{base} AND source != 'manual' AND text LIKE ? ESCAPE '\\' "
                         "AND (' ' || lower(text) || ' ') GLOB ?")
            params.extend([review_id, "%" + _like_escape(word) + "%",
                           f"*[^a-z0-9]{_glob_escape(word)}[^a-z0-9]*"])
        if not parts:
            return "0", []
        return "id IN (" + " UNION ".join(parts) + ")", params


def _glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


@dataclass(frozen=True)
class EventFilter:
    """What the timeline shows: a text search, a source, an actor, hidden/private rows,
    and, with `seen_by`, only what one person saw."""

    text: str = ""
    source: str = ""
    actor: str = ""
    include_hidden: bool = False
    include_private: bool = True
    key_only: bool = False
    seen_by: Perspective | None = None

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
        if self.seen_by is not None:
            clause, more = self.seen_by.where(review_id)
            clauses.append(clause)
            params.extend(more)
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
    # The revision and its flag are the store's bookkeeping for the library, not the review.
    data.pop("revision", None)
    data.pop("unsynced", None)
    for key in _REVIEW_TIMES:
        data[key] = parse_ts(data.get(key))
    data["share_safe"] = bool(data["share_safe"])
    # One of our own rows, validated when it was written: built without validating again.
    return Review.model_construct(**data)


def _note_from_row(row: dict) -> Note:
    data = dict(row)
    data["created_at"] = parse_ts(data["created_at"])
    data["updated_at"] = parse_ts(data["updated_at"])
    data["due"] = date.fromisoformat(data["due"]) if data.get("due") else None
    data["state_changed_at"] = parse_ts(data.get("state_changed_at"))
    return Note.model_construct(**data)


def note_row(note: Note) -> dict[str, Any]:
    """A note's columns as the store writes them (no id)."""
    data = note.model_dump(exclude={"id"})
    data["created_at"], data["updated_at"] = ts(note.created_at), ts(note.updated_at)
    data["state_changed_at"] = ts(note.state_changed_at)
    data["due"] = note.due.isoformat() if note.due else None
    return data


