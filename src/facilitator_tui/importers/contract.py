"""What callers hand the importers and what they get back: options, result, failure.

Every importer module speaks these types, so the service, the CLI and the
import dialog depend on one small surface whatever the source.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path

from facilitator_tui.models import Event

FORMATS = ("slack", "pagerduty", "csv", "text")

ProgressCallback = Callable[[int, int], None]
_MAX_MESSAGE = 400


class ImportFailure(ValueError):
    """A file could not be imported; str() is one line naming the file and, where known, the line."""


def failure(name: str, message: str, line: int | None = None, entry: str | None = None) -> ImportFailure:
    """An ImportFailure whose text is always a single line: '<name> line 14: <message>'."""
    where = name
    if line is not None:
        where += f" line {line}"
    elif entry:
        where += f" {entry}"
    text = " ".join(f"{where}: {message}".split())
    if len(text) > _MAX_MESSAGE:
        text = text[: _MAX_MESSAGE - 1] + "\u2026"
    return ImportFailure(text)


@dataclass
class ImportOptions:
    """How to read a file. The defaults import everything and read naive times as UTC.

    `since` and `until` are inclusive (a naive one is read in `tz`); `channels`
    and `include_noise` concern Slack only; `default_date` is the local day that
    bare clock times such as "14:03" fall on.
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


@dataclass
class ImportResult:
    """The events read from one file, in time order, not yet tied to a review."""

    events: list[Event]
    fmt: str
    path: Path
    noise_skipped: int = 0
    outside_window: int = 0  # events read but left out by since/until

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


def sort_and_window(
    events: Iterable[Event], options: ImportOptions
) -> tuple[list[Event], int]:
    """Events in time order (ties keep file order) inside since/until, and how many fell outside."""
    kept: list[Event] = []
    outside = 0
    for event in events:
        if options.in_window(event.at):
            kept.append(event)
        else:
            outside += 1
    kept.sort(key=_at)
    return kept, outside


def _at(event: Event) -> datetime:
    return event.at

