"""Plain-text timelines, one event per line, read into timeline events.

A line starts with a time, optionally in brackets, and may name who spoke:

    14:03 alice: restarted the primary
    [14:03] alice: restarted the primary
    2026-11-20 14:03:12 restarted the primary
    2026-11-20T14:03:12Z bob: failing over
    14:05 <carol> paging the database team

Who spoke is the short name before ": " (at most three words and 40
characters) or an IRC-style `<nick>`; otherwise the line has no actor. A line
without a leading time continues the event above it. Bare times are dated as
`clock_days` explains, crossing midnight when the clock jumps back.
"""

from __future__ import annotations

import re
from typing import Any

from facilitator_tui.importers.clock_days import ClockDays
from facilitator_tui.importers.contract import ImportOptions, Progress, failure
from facilitator_tui.models import Event

_FRACTION = r"(?:[.,]\d{1,6})?"
_ZONE = r"(?:Z|[+-]\d{2}:?\d{2}|\s(?:UTC|GMT)(?=[\s\]]|$))?"
_STAMP = (
    rf"(?:\d{{4}}[-/]\d{{1,2}}[-/]\d{{1,2}}[T ])?\d{{1,2}}:\d{{2}}(?::\d{{2}}{_FRACTION})?{_ZONE}"
)
_SEPARATOR = r"[ \t]*[-|:\u2013\u2014](?=\s|$)"
# A bracket, if opened, must close; an unbracketed time must end at a space, a separator or the line's end.
LEADING_TIME = re.compile(
    rf"^(\[)?[ \t]*(?P<stamp>{_STAMP})(?(1)[ \t]*\](?:{_SEPARATOR})?|(?:{_SEPARATOR}|(?=\s|$)))[ \t]*"
)
_NICK = re.compile(r"^<([^<>\s][^<>]{0,39})>[ \t]?")
_SPEAKER = re.compile(r"^([^:\s][^:\n]{0,39}?):(?:[ \t]+|$)")
_MAX_ACTOR_WORDS = 3


def starts_with_time(line: str) -> bool:
    return LEADING_TIME.match(line) is not None


def split_actor(rest: str) -> tuple[str, str]:
    """('alice', 'restarted') from 'alice: restarted'; ('', rest) when no short name leads."""
    nick = _NICK.match(rest)
    if nick:
        return nick[1].strip(), rest[nick.end():]
    speaker = _SPEAKER.match(rest)
    if speaker:
        name = speaker[1].strip()
        if name and len(name.split()) <= _MAX_ACTOR_WORDS and not name.startswith(("http", "[")):
            return name, rest[speaker.end():]
    return "", rest


def read_text_log(text: str, name: str, options: ImportOptions, progress: Progress) -> list[Event]:
    days = ClockDays(options.tz, options.default_date)
    lines = text.split("\n")
    total = len(lines)
    progress(0, total, force=True)
    pending: dict[str, Any] | None = None
    events: list[Event] = []
    for number, raw in enumerate(lines, 1):
        line = raw.removesuffix("\r")
        if not line.strip():
            continue
        match = LEADING_TIME.match(line)
        if match is None:
            if pending is None:
                raise failure(name, "does not start with a time such as 14:03 or 2026-11-20 14:03; "
                              "only lines after a timed line may continue it", line=number)
            pending["text"] += "\n" + line
            continue
        if pending is not None:
            events.append(Event(**pending))
        try:
            at = days.read(match["stamp"])
        except ValueError as exc:
            raise failure(name, str(exc), line=number) from None
        actor, body = split_actor(line[match.end():])
        pending = {"at": at, "source": "text", "actor": actor, "text": body, "kind": "message"}
        progress(number, total)
    if pending is not None:
        events.append(Event(**pending))
    if not events:
        raise failure(name, "the file is empty; there is nothing to import")
    progress(total, total, force=True)
    return events
