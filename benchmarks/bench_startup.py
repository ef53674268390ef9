"""Time from start to the first full frame of the review screen with a 50,000-event review.

Printed next to the same figure for a bare Textual app in the same run, since
the headless pilot has fixed costs of its own: compare the two, don't quote
the absolute. Target: within 1.5x the bare app.

    python benchmarks/bench_startup.py
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.models import Event
from facilitator_tui.service import ReviewService

EVENTS = 50_000
RUNS = 5
SIZE = (160, 45)


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Hello")
        yield Footer()


async def first_frame(make_app) -> float:
    start = time.perf_counter()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.export_screenshot()  # the full frame exists
        elapsed = time.perf_counter() - start
    return elapsed


def build(db: Path) -> int:
    service = ReviewService.open(db)
    review_id, _ = service.load_demo()
    base = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    service.import_events(review_id, [
        Event(at=base + timedelta(seconds=i), source="slack", actor=f"user{i % 50}",
              text=f"synthetic message {i}", external_id=f"bench{i}")
        for i in range(EVENTS)
    ])
    service.close()
    return review_id


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        review_id = build(db)
        await first_frame(BareApp)  # warm imports for both
        await first_frame(lambda: FacilitatorApp(db_path=db, review_id=review_id))
        service = ReviewService.open(db)
        empty_id = service.create_review("Empty").id
        service.close()
        bare, ours, empty = [], [], []
        for _ in range(RUNS):
            bare.append(await first_frame(BareApp))
            ours.append(await first_frame(lambda: FacilitatorApp(db_path=db, review_id=review_id)))
            empty.append(await first_frame(lambda: FacilitatorApp(db_path=db, review_id=empty_id)))
    b, o, e = statistics.median(bare), statistics.median(ours), statistics.median(empty)
    print(f"bare Textual app, first frame:             {b * 1000:7.1f} ms (median of {RUNS})")
    print(f"review screen, {EVENTS:,} events, first frame: {o * 1000:7.1f} ms (median of {RUNS})")
    print(f"review screen, empty review, first frame:    {e * 1000:7.1f} ms (median of {RUNS})")
    print(f"ratio to the bare app: {o / b:.2f}x (target within 1.5x)")
    print(f"ratio to the same screen with no events: {o / e:.2f}x (what 50,000 events cost)")


if __name__ == "__main__":
    asyncio.run(main())
