"""What callers hand the importers and what they get back: options, the event stream, its report.

Every importer module speaks these types, so the service, the CLI and the
import dialog depend on one small surface whatever the source. An importer
yields events one at a time in file order; what it skipped, joined or noticed
on the way goes into an `ImportReport` that the caller reads once the stream
is spent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Any

from facilitator_tui.errors import InputError
from facilitator_tui.models import Event
from facilitator_tui.safe_text import single_line

FORMATS = ("slack", "pagerduty", "opsgenie", "statuspage", "jsonl", "csv", "text")
FORMAT_NAMES = {
    "slack": "Slack export", "pagerduty": "PagerDuty log", "opsgenie": "Opsgenie alert log",
    "statuspage": "Statuspage history", "jsonl": "JSON Lines log", "csv": "CSV file", "text": "text timeline",
}

ProgressCallback = Callable[[int, int], None]
_MAX_MESSAGE = 400
MAX_LISTED = 50  # skipped lines kept by line number; the rest are only counted


class ImportFailure(InputError):
    """A file could not be imported; str() is one line naming the file and, where known, the line."""


def failure(name: str, message: str, line: int | None = None, entry: str | None = None) -> ImportFailure:
    """An ImportFailure whose text is one line of visible characters: '<name> line 14: <message>'.

    File, member and channel names come from untrusted archives, so control
    characters in them are shown as symbols, never sent to a terminal.
    """
    where = name
    if line is not None:
        where += f" line {line}"
    elif entry:
        where += f" {entry}"
    text = single_line(" ".join(f"{where}: {message}".split()))
    if len(text) > _MAX_MESSAGE:
        text = text[: _MAX_MESSAGE - 1] + "\u2026"
    return ImportFailure(text)


@dataclass
class ImportOptions:
    """How to read a file. The defaults import everything and read naive times as UTC.

    `since` and `until` are inclusive (a naive one is read in `tz`); `channels`
    and `include_noise` concern Slack only; `default_date` is the local day that
    bare clock times such as "14:03" fall on, and gives syslog lines their year.
    """

    fmt: str = "auto"
    channels: list[str] | None = None
    since: datetime | None = None
    until: datetime | None = None
    tz: tzinfo = UTC
    default_date: date | None = None
    include_noise: bool = False

    def in_window(self, at: datetime) -> bool:
        since, until = _aware(self.since, self.tz), _aware(self.until, self.tz)
        if since is not None and at < since:
            return False
        return not (until is not None and at > until)

    def wanted_channels(self) -> list[str] | None:
        """Channel names as asked for, without a leading '#'; None means every channel."""
        if not self.channels:
            return None
        return [name.strip().lstrip("#") for name in self.channels if name.strip().lstrip("#")]


def _aware(moment: datetime | None, tz: tzinfo) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=tz)


@dataclass(frozen=True)
class SkippedLine:
    """A line (or entry) left out, and why; `text` is the line as written, for the preview."""

    line: int | None
    reason: str
    text: str = ""


@dataclass
class ImportReport:
    """What an import noticed besides its events: filled in while the stream is read."""

    fmt: str
    name: str
    skipped: list[SkippedLine] = field(default_factory=list)
    skipped_total: int = 0
    leading_skipped: int = 0  # lines before the first timed line (a title, "All times UTC.")
    joined: int = 0  # lines without a time, added to the event above them
    joined_lines: list[int] = field(default_factory=list)
    noise_skipped: int = 0
    outside_window: int = 0
    notes: list[str] = field(default_factory=list)

    def skip(self, line: int | None, reason: str, text: str = "") -> None:
        self.skipped_total += 1
        if len(self.skipped) < MAX_LISTED:
            self.skipped.append(SkippedLine(line, reason, text[:200]))

    def join(self, line: int) -> None:
        self.joined += 1
        if len(self.joined_lines) < MAX_LISTED:
            self.joined_lines.append(line)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


@dataclass
class ImportStream:
    """An import in progress: iterate `events` (file order) once; `report` is complete afterwards."""

    fmt: str
    path: Path
    report: ImportReport
    events: Iterator[Event]

    def __iter__(self) -> Iterator[Event]:
        return self.events


@dataclass
class ImportResult:
    """The events read from one file, in time order, not yet tied to a review."""

    events: list[Event]
    fmt: str
    path: Path
    noise_skipped: int = 0
    outside_window: int = 0  # events read but left out by since/until
    report: ImportReport | None = None

    @property
    def first(self) -> datetime | None:
        return self.events[0].at if self.events else None

    @property
    def last(self) -> datetime | None:
        return self.events[-1].at if self.events else None

    @property
    def sources(self) -> Counter[str]:
        return Counter(event.source for event in self.events)

    @property
    def actors(self) -> Counter[str]:
        return Counter(event.actor for event in self.events if event.actor)


class CallerStopped(BaseException):
    """Carries an exception raised by the caller's progress callback past our own handlers.

    The import dialog stops a running import by raising from `progress`; that
    exception must reach the caller untouched, never be turned into an ImportFailure.
    """

    def __init__(self, original: BaseException) -> None:
        super().__init__(original)
        self.original = original


class Progress:
    """Calls the caller's progress callback, at most about once per `step` units of work."""

    def __init__(self, callback: ProgressCallback | None, step: int = 1) -> None:
        self.callback = callback
        self.step = max(1, step)
        self._last = -self.step

    def __call__(self, done: int, total: int, force: bool = False) -> None:
        if self.callback is None or (not force and done - self._last < self.step):
            return
        self._last = done
        try:
            self.callback(done, total)
        except BaseException as exc:
            raise CallerStopped(exc) from exc


def text_of(value: object) -> str:
    """A JSON value that should be text: itself if it is, else ''."""
    return value if isinstance(value, str) else ""


def dict_of(value: object) -> dict[str, Any]:
    """A JSON value that should be an object: itself if it is, else {}."""
    return value if isinstance(value, dict) else {}


def at_of(event: Event) -> datetime:
    return event.at


_new_event = Event.__new__
_set = object.__setattr__
_EVENT_FIELDS = frozenset(Event.model_fields)


def new_event(at: datetime, source: str, actor: str, text: str, kind: str = "message", channel: str = "",
              external_id: str | None = None, reply_to: str | None = None, is_bot: bool = False) -> Event:
    """An Event built from values an importer has already checked, without validating them again.

    A million-line log makes a million events; pydantic's validation of each
    costs more than reading its line. Every argument here is typed, and `at`
    is aware (an importer's times always are), so nothing is left to check but that.
    """
    if at.tzinfo is None:
        raise ValueError("an event time needs a time zone")
    event = _new_event(Event)
    _set(event, "__dict__", {
        "id": None, "review_id": None, "at": at, "source": source, "actor": actor, "text": text, "kind": kind,
        "channel": channel, "external_id": external_id, "reply_to": reply_to, "is_bot": is_bot,
        "key_moment": False, "hidden": False, "facilitator_only": False,
    })
    _set(event, "__pydantic_fields_set__", set(_EVENT_FIELDS))
    _set(event, "__pydantic_extra__", None)
    _set(event, "__pydantic_private__", None)
    return event
