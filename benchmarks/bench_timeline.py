"""Cursor-down in the timeline with 100,000 events, next to a 100-row OptionList.

The pilot adds a fixed wait to every key press, so the absolute numbers say
little; the ratio says whether the timeline keeps up with a tiny stock list.
Target: within 1.25x. Also prints how many pages the timeline fetched.

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
from facilitator_tui.widgets.timeline_view import TimelineView

EVENTS = 100_000
PRESSES = 300
SIZE = (160, 45)


class TimelineHost(App[None]):
    def __init__(self, service: ReviewService, review_id: int) -> None:
        super().__init__()
        self.service, self.review_id = service, review_id

    def compose(self) -> ComposeResult:
        yield TimelinePane(self.service, self.review_id, id="timeline")

    def say(self, message: str, *, error: bool = False, timeout: float = 3) -> None:
        self.notify(message, markup=False)


class ListHost(App[None]):
    def compose(self) -> ComposeResult:
        yield OptionList(*[f"row {i}" for i in range(100)])


async def per_press(app: App, focus) -> tuple[float, float, int | None]:
    start = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        mounted = time.perf_counter() - start
        widget = focus(app)
        begin = time.perf_counter()
        for _ in range(PRESSES):
            await pilot.press("down")
        await pilot.pause()
        pages = getattr(widget, "pages_fetched", None)
        return (time.perf_counter() - begin) / PRESSES, mounted, pages


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        service = ReviewService.open(Path(folder) / "bench.db")
        review = service.create_review("Timeline benchmark", tz="Europe/Berlin")
        base = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
        service.import_events(review.id, [
            Event(at=base + timedelta(seconds=i), source="slack", actor=f"user{i % 50}",
                  text=f"message {i}: queue depth {i % 997}", external_id=str(i))
            for i in range(EVENTS)
        ])
        list_press, _, _ = await per_press(ListHost(), lambda a: a.query_one(OptionList).focus())
        host = TimelineHost(service, review.id)
        ours, mounted, pages = await per_press(host, lambda a: a.query_one(TimelineView).focus())
        list_press2, _, _ = await per_press(ListHost(), lambda a: a.query_one(OptionList).focus())
    baseline = min(list_press, list_press2)
    print(f"OptionList, 100 rows:        {baseline * 1000:6.2f} ms per cursor-down")
    print(f"timeline, {EVENTS:,} events: {ours * 1000:6.2f} ms per cursor-down")
    print(f"ratio: {ours / baseline:.2f}x (target within 1.25x)")
    print(f"timeline mount with {EVENTS:,} events: {mounted * 1000:.0f} ms (app start included)")
    print(f"pages of {256} events fetched from SQLite: {pages}")


if __name__ == "__main__":
    asyncio.run(main())
