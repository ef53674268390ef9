"""Cursor-down in the timeline with 100,000 events, next to a 100-row OptionList.

The pilot adds a fixed wait to every key press, so wall time per press says
little on its own; the ratio to a tiny stock list says whether the timeline
keeps up. CPU time per press is the work the app itself did. Target: within
1.25x. Also prints the pane's mount time (100k events and 10 events, without
app start) and how many pages and rows the timeline touched.

    python benchmarks/bench_timeline.py
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import OptionList

from facilitator_tui.models import Event
from facilitator_tui.service import ReviewService
from facilitator_tui.widgets.timeline import TimelinePane
from facilitator_tui.widgets.timeline_view import PAGE_SIZE, TimelineView

EVENTS = 100_000
PRESSES = 200
SIZE = (160, 45)


class CountingService(ReviewService):
    """The real service, counting the timeline pages it is asked for."""

    pages_read = 0

    def event_page(self, *args, **kwargs):
        self.pages_read += 1
        return super().event_page(*args, **kwargs)


class TimelineHost(App[None]):
    def __init__(self, service: ReviewService, review_id: int) -> None:
        super().__init__()
        self.service, self.review_id = service, review_id

    def compose(self) -> ComposeResult:
        yield TimelinePane(self.service, self.review_id, id="timeline")

    def on_mount(self) -> None:
        self.query_one(TimelineView).focus()


class ListHost(App[None]):
    def compose(self) -> ComposeResult:
        yield OptionList(*[f"row {i}" for i in range(100)])

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()


async def per_press(app: App) -> tuple[float, float, tuple[int, int]]:
    """Wall and CPU seconds per cursor-down press, and the timeline's pages and rows touched."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        views = app.query(TimelineView)
        drawn: list[tuple] = []
        service = app.service if isinstance(app, TimelineHost) else None
        pages = service.pages_read if isinstance(service, CountingService) else 0
        if views:
            view = views.first()
            cached_line = view.cached_line

            def counting(key, draw, *args):
                return cached_line(key, lambda *a: (drawn.append(a), draw(*a))[1], *args)

            view.cached_line = counting
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(PRESSES):
            await pilot.press("down")
        await pilot.pause()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if isinstance(service, CountingService):
            pages = service.pages_read - pages
        return wall / PRESSES, cpu / PRESSES, (pages, len(drawn))


async def mount_time(service: ReviewService, review_id: int) -> tuple[float, TimelinePane]:
    """Seconds from mounting the pane into a running app to its first painted frame."""
    app = App()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        pane = TimelinePane(service, review_id)
        await app.mount(pane)
        await pilot.pause()
        return time.perf_counter() - start, pane


def build(service: ReviewService, title: str, count: int) -> int:
    review = service.create_review(title, tz="Europe/Berlin")
    base = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    service.import_events(review.saved_id(), [
        Event(at=base + timedelta(seconds=i), source="slack", actor=f"user{i % 50}",
              text=f"message {i}: queue depth {i % 997}", external_id=str(i))
        for i in range(count)
    ])
    return review.saved_id()


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        service = CountingService.open(Path(folder) / "bench.db")
        big = build(service, "Timeline benchmark", EVENTS)
        small = build(service, "Ten events", 10)

        list_runs = [await per_press(ListHost())]
        ours = await per_press(TimelineHost(service, big))
        list_runs.append(await per_press(ListHost()))
        pages, strips = ours[2]

        big_mount, _ = await mount_time(service, big)
        small_mount, _ = await mount_time(service, small)
        service.close()

    wall = min(run[0] for run in list_runs)
    cpu = min(run[1] for run in list_runs)
    print(f"{PRESSES} cursor-down presses at {SIZE[0]}x{SIZE[1]}")
    print(f"  OptionList, 100 rows:          {wall * 1000:6.2f} ms wall, {cpu * 1000:5.2f} ms CPU per press")
    print(f"  timeline, {EVENTS:,} events:   {ours[0] * 1000:6.2f} ms wall, "
          f"{ours[1] * 1000:5.2f} ms CPU per press")
    print(f"  ratio: {ours[0] / wall:.2f}x wall, {ours[1] / cpu:.2f}x CPU (target within 1.25x)")
    print(f"  while pressing, the timeline read {pages} pages of {PAGE_SIZE} events "
          f"and drew {strips} rows")
    print(f"mount of the pane, {EVENTS:,} events: {big_mount * 1000:.0f} ms "
          f"(10 events: {small_mount * 1000:.0f} ms)")


if __name__ == "__main__":
    asyncio.run(main())
