"""One import from a file into a review: stream the events, stage them in batches, add them at once.

Memory stays small whatever the file's size: events pass through in batches
of a few thousand, and only their tally (first and last time, sources, actors,
the first rows for the preview) is kept. Nothing reaches the review until the
whole file has been read without error; then one transaction adds it all. A
cancel (the caller's `should_stop`) or a failure at any point writes nothing.
No Textual and no SQL here: the store does the storing.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator_tui.errors import FacilitatorError
from facilitator_tui.models import Event
from facilitator_tui.store import Store
from facilitator_tui.store.staging import Cancelled

if TYPE_CHECKING:  # the importers load when an import starts, not when the app does
    from facilitator_tui.importers import ImportOptions, SkippedLine

BATCH = 5000
PREVIEW_ROWS = 8
_MAX_COUNTED_ACTORS = 100_000
_MAX_SOURCES = 200


class ImportCancelled(FacilitatorError):
    """The import was stopped before it wrote anything."""


@dataclass(frozen=True)
class ImportSummary:
    """What an import added (or, for a dry run, would add), and what it left out and why."""

    added: int
    duplicates: int
    fmt: str
    first: datetime | None
    last: datetime | None
    sources: dict[str, int]
    actors: int
    noise_skipped: int = 0
    outside_window: int = 0
    skipped: tuple[SkippedLine, ...] = ()
    skipped_total: int = 0
    leading_skipped: int = 0
    joined: int = 0
    joined_lines: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()
    preview: tuple[Event, ...] = ()
    dry_run: bool = False
    name: str = ""


@dataclass
class _Tally:
    """Figures kept while events stream past: never the events themselves, beyond the preview."""

    read: int = 0
    first: datetime | None = None
    last: datetime | None = None
    sources: dict[str, int] = field(default_factory=dict)
    actors: set[str] = field(default_factory=set)
    earliest: list[tuple[float, int, Event]] = field(default_factory=list)  # a max-heap by negated time

    def add_all(self, events: list[Event]) -> None:
        """Count a batch. Written with local names: it runs once per event of a million-line log."""
        read, first, last = self.read, self.first, self.last
        sources, actors, earliest = self.sources, self.actors, self.earliest
        count_actors = len(actors) < _MAX_COUNTED_ACTORS
        for event in events:
            read += 1
            fields = event.__dict__
            at = fields["at"]
            if first is None or at < first:
                first = at
            if last is None or at > last:
                last = at
            source = fields["source"]
            if source in sources:
                sources[source] += 1
            elif len(sources) < _MAX_SOURCES:
                sources[source] = 1
            else:
                sources["other"] = sources.get("other", 0) + 1
            if count_actors and fields["actor"]:
                actors.add(fields["actor"])
            if len(earliest) < PREVIEW_ROWS:
                heapq.heappush(earliest, (-at.timestamp(), -read, event))
            elif at < earliest[0][2].at:  # earlier than the latest kept: it takes that one's place
                heapq.heapreplace(earliest, (-at.timestamp(), -read, event))
        self.read, self.first, self.last = read, first, last

    def preview(self) -> tuple[Event, ...]:
        return tuple(event for *_, event in sorted(self.earliest, key=lambda k: (-k[0], -k[1])))


def run_import(
    store: Store,
    review_id: int,
    path: Path,
    options: ImportOptions,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    dry_run: bool = False,
) -> ImportSummary:
    """Read `path` into the review (or only count, for a dry run); see the module's docstring."""
    from facilitator_tui.importers import open_import

    stream = open_import(path, options, progress)
    tally = _Tally()
    with store.staged_events() as staged:
        batch: list[Event] = []
        for event in stream:
            batch.append(event)
            if len(batch) >= BATCH:
                tally.add_all(batch)
                staged.add(batch)
                batch = []
                if should_stop is not None and should_stop():
                    raise ImportCancelled("the import was cancelled; nothing was added")
        tally.add_all(batch)
        staged.add(batch)
        try:
            if dry_run:
                added, duplicates = staged.count_new(review_id)
            else:
                added, duplicates = staged.commit(review_id, should_stop)
        except Cancelled:
            raise ImportCancelled("the import was cancelled; nothing was added") from None
    report = stream.report
    return ImportSummary(
        added=added, duplicates=duplicates, fmt=stream.fmt, first=tally.first, last=tally.last,
        sources=dict(tally.sources), actors=len(tally.actors), noise_skipped=report.noise_skipped,
        outside_window=report.outside_window, skipped=tuple(report.skipped), skipped_total=report.skipped_total,
        leading_skipped=report.leading_skipped, joined=report.joined, joined_lines=tuple(report.joined_lines),
        notes=tuple(report.notes), preview=tally.preview(), dry_run=dry_run, name=report.name,
    )
