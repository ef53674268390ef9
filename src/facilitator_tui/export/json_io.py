"""The JSON export: a complete, versioned copy of one review that restores to the same snapshot.

Every field of every model is written, ids included, so references between
notes, events, participants and parked ideas resolve inside the file (the store
gives restored rows new ids). Keys are sorted and indented, times are UTC ISO
8601 with a Z, so the same review always gives the same text. Reading back is
strict and speaks in one line: a file that is not JSON, not ours, from a newer
version, invalid, or with a reference to something it does not contain is
refused with a `RestoreError` saying which.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError

from facilitator_tui.errors import problems
from facilitator_tui.export.json_layout import dumps_pretty
from facilitator_tui.export.privacy import shared_view
from facilitator_tui.models import ReviewSnapshot, utc_now
from facilitator_tui.safe_text import visible

EXPORT_FORMAT = "facilitator-tui.review"
# 2: a review carries its identity (uuid); an action note its state, when it changed, a link.
EXPORT_VERSION = 2

# Keys of the file that describe the export rather than the review.
# ("history" is a team library file's: the versions it was made from, see library/folder.py.)
_ABOUT_EXPORT = ("format", "version", "exported_at", "private_included", "history")
_MAX_PROBLEMS = 2
_MAX_MESSAGE = 300


class RestoreError(ValueError):
    """A JSON export that cannot be restored; the message is one line, for people."""

    def __init__(self, message: str) -> None:
        line = " ".join(visible(message).split())
        if len(line) > _MAX_MESSAGE:
            line = line[: _MAX_MESSAGE - 1] + "…"
        super().__init__(line)


def json_time(moment: datetime) -> str:
    """A time as the JSON export writes every time (UTC, ISO 8601, "Z"): pydantic's own form."""
    return TypeAdapter(datetime).dump_python(moment.astimezone(UTC), mode="json")


def to_json(
    snapshot: ReviewSnapshot,
    include_private: bool = True,
    *,
    exported_at: datetime | Literal["now"] | None = "now",
) -> str:
    """The whole review as JSON text (ending in a newline).

    `exported_at` stamps the file: "now" (the default), a given time, or None to
    leave the stamp out so that the same review always gives the same text.
    Without `include_private`, private notes and facilitator-only events are left
    out and `private_included` says so.
    """
    return dumps_pretty(export_document(snapshot, include_private, exported_at=exported_at)) + "\n"


def export_document(
    snapshot: ReviewSnapshot,
    include_private: bool = True,
    *,
    exported_at: datetime | Literal["now"] | None = "now",
) -> dict[str, Any]:
    """What `to_json` writes, as plain JSON values (see there)."""
    shared = shared_view(snapshot, include_private)
    document: dict[str, Any] = shared.model_dump(mode="json")
    document["format"] = EXPORT_FORMAT
    document["version"] = EXPORT_VERSION
    document["private_included"] = include_private
    if exported_at is not None:
        document["exported_at"] = json_time(utc_now() if exported_at == "now" else exported_at)
    return document


def from_json(text: str) -> ReviewSnapshot:
    """The snapshot a JSON export holds; raises RestoreError (one line) when it cannot."""
    try:
        data = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        if not text.strip():
            raise RestoreError("the file is empty; expected a facilitator-tui JSON export") from None
        raise RestoreError(
            f"not valid JSON (perhaps cut short?): {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except (RecursionError, ValueError) as exc:
        raise RestoreError(f"not readable JSON: {exc}") from None
    return from_document(data)


def from_document(data: object) -> ReviewSnapshot:
    """The snapshot a parsed JSON export holds; raises RestoreError (one line) when it cannot."""
    document = _check_marker(data)
    fields = {key: value for key, value in document.items() if key not in _ABOUT_EXPORT}
    try:
        snapshot = ReviewSnapshot.model_validate(fields)
    except ValidationError as exc:
        raise RestoreError(f"the export is not a valid review: {_few_problems(exc)}") from None
    problem = dangling_reference(snapshot)
    if problem:
        raise RestoreError(f"the export does not hold together: {problem}")
    return snapshot


def _check_marker(data: object) -> dict[str, Any]:
    if not isinstance(data, dict):
        found = {list: "a list", str: "a string", bool: "true or false", int: "a number",
                 float: "a number"}.get(type(data), "null")
        raise RestoreError(
            f"not a facilitator-tui review export: expected a JSON object, found {found}"
        )
    if "format" not in data:
        raise RestoreError('not a facilitator-tui review export: the "format" marker is missing')
    if data["format"] != EXPORT_FORMAT:
        raise RestoreError(
            f"not a facilitator-tui review export: format is {_clip(data['format'])}, "
            f"expected {EXPORT_FORMAT!r}"
        )
    version = data.get("version")
    if version is None:
        raise RestoreError("the export does not say which format version it uses")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise RestoreError(f"the export's format version {_clip(version)} is not one we know")
    if version > EXPORT_VERSION:
        raise RestoreError(
            f"the export uses format version {version}, newer than this facilitator-tui reads "
            f"(up to {EXPORT_VERSION}); update facilitator-tui to restore it"
        )
    return data


def _clip(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _few_problems(exc: ValidationError) -> str:
    """The first few problems of a badly broken file, in one line."""
    found = problems(exc)
    if len(found) <= _MAX_PROBLEMS:
        return "; ".join(found)
    return f"{'; '.join(found[:_MAX_PROBLEMS])}; and {len(found) - _MAX_PROBLEMS} more problems"


def dangling_reference(snapshot: ReviewSnapshot) -> str | None:
    """The first id that is used twice or referenced but absent, described; None if all resolve.

    Only the integer ids the store renumbers on restore are checked. Prompt and
    factor ids are stable names; a shipped one may outlive a change of deck and
    is kept as it is.
    """
    for what, items in (("participant", snapshot.participants), ("event", snapshot.events),
                        ("note", snapshot.notes), ("parked idea", snapshot.parked)):
        counts = Counter(item.id for item in items if item.id is not None)
        twice = next((i for i, n in counts.items() if n > 1), None)
        if twice is not None:
            return f"two {what}s share id {twice}"
    people = {p.id for p in snapshot.participants}
    events = {e.id for e in snapshot.events}
    notes = {n.id for n in snapshot.notes}
    for note in snapshot.notes:
        if note.participant_id is not None and note.participant_id not in people:
            return f"note {note.id} is attributed to participant {note.participant_id}, who is not in it"
        if note.event_id is not None and note.event_id not in events:
            return f"note {note.id} is linked to event {note.event_id}, which is not in it"
    for idea in snapshot.parked:
        if idea.action_note_id is not None and idea.action_note_id not in notes:
            return f"parked idea {idea.id} points to note {idea.action_note_id}, which is not in it"
    return None
