"""Time from start to the first full frame of the review screen with a 50,000-event review.

Printed next to the same figure for a bare Textual app (header, one line of text,
footer) in the same run. The headless pilot has fixed costs of its own (it waits
until the process is idle), so compare the two; don't quote the absolutes.
Target: within 1.5x the bare app.

The figure the target is about runs until the pilot has let the app settle and the
whole frame is exported. A second, stricter one is printed beside it: the moment the
first frame of the app's screen (one with widgets on it) is handed to the terminal,
before the pilot's waits and the export, which weigh alike on both apps.

Each start runs in a fresh Python process, as a real start does: the process
imports what it needs, then the clock runs from building the app until the
pilot has let it settle and the whole frame is exported. Starting many apps in
one process instead lets each run leave objects behind in Textual's
module-level caches, so that later runs pay for the collector walking the
earlier ones; `--in-process` measures that way too, for comparison.

    python benchmarks/bench_startup.py [--runs N] [--in-process]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

EVENTS = 50_000
SIZE = (160, 45)


def bare_app():
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class BareApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Hello")
            yield Footer()

    return BareApp()


def review_app(db: Path, review_id: int):
    from facilitator_tui.app import FacilitatorApp

    return FacilitatorApp(db_path=db, review_id=review_id)


def warm_imports() -> None:
    """Import both apps' modules before the clock starts, in every process alike."""
    import textual.widgets  # noqa: F401
    from textual.widgets import Footer, Header, Static  # noqa: F401

    import facilitator_tui.app
    import facilitator_tui.screens.home
    import facilitator_tui.screens.review  # noqa: F401


async def first_frame(make_app) -> tuple[float, float]:
    """Seconds to the settled, exported frame; and to the first frame handed to the terminal."""
    start = time.perf_counter()
    app = make_app()
    drawn: list[float] = []
    display = app._display

    def first_display(screen, renderable) -> None:
        if not drawn and renderable is not None and screen.children:
            drawn.append(time.perf_counter() - start)
        display(screen, renderable)

    app._display = first_display
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.export_screenshot()  # the full frame exists
        elapsed = time.perf_counter() - start
    return elapsed, drawn[0] if drawn else elapsed


def build(db: Path) -> tuple[int, int]:
    """The demo review with 50,000 more events, and an empty review beside it."""
    from facilitator_tui.models import Event
    from facilitator_tui.service import ReviewService

    service = ReviewService.open(db)
    review_id, _ = service.load_demo()
    base = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    service.import_events(review_id, [
        Event(at=base + timedelta(seconds=i), source="slack", actor=f"user{i % 50}",
              text=f"synthetic message {i}", external_id=f"bench{i}")
        for i in range(EVENTS)
    ])
    empty_id = service.create_review("Empty").id
    service.close()
    return review_id, empty_id


def maker(which: str, db: Path, review_id: int):
    return bare_app if which == "bare" else (lambda: review_app(db, review_id))


def child(which: str, db: Path, review_id: int) -> None:
    warm_imports()
    print(json.dumps(asyncio.run(first_frame(maker(which, db, review_id)))))


def in_a_fresh_process(which: str, db: Path, review_id: int) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", which, str(db), str(review_id)],
        capture_output=True, text=True, check=True,
    )
    settled, drawn = json.loads(out.stdout.strip().splitlines()[-1])
    return settled, drawn


async def in_this_process(runs: int, db: Path, ids: dict[str, int]) -> dict[str, list[tuple[float, float]]]:
    warm_imports()
    for which, rid in ids.items():  # warm caches for all
        await first_frame(maker(which, db, rid))
    times: dict[str, list[tuple[float, float]]] = {which: [] for which in ids}
    for _ in range(runs):
        for which, rid in ids.items():
            times[which].append(await first_frame(maker(which, db, rid)))
    return times


def report(label: str, times: dict[str, list[tuple[float, float]]]) -> None:
    print(f"{label} (median of {len(times['bare'])})")
    for index, figure in ((0, "settled and exported"), (1, "first drawn")):
        series = {which: [pair[index] for pair in pairs] for which, pairs in times.items()}
        bare, ours, empty = (statistics.median(series[k]) for k in ("bare", "review", "empty"))
        # Each round's three starts ran back to back, so their ratio shares the machine's
        # mood of the moment; the median of those ratios shakes less than a ratio of medians.
        paired = statistics.median(o / b for o, b in zip(series["review"], series["bare"], strict=True))
        target = " (target within 1.5x)" if index == 0 else ""
        print(f"  {figure}:")
        print(f"    bare Textual app:                     {bare * 1000:7.1f} ms")
        print(f"    review screen, {EVENTS:,} events:        {ours * 1000:7.1f} ms")
        print(f"    review screen, empty review:          {empty * 1000:7.1f} ms")
        print(f"    ratio to the bare app: {ours / bare:.2f}x; median of the rounds' own ratios: "
              f"{paired:.2f}x{target}")
        print(f"    ratio to the same screen with an empty review: {ours / empty:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--in-process", action="store_true", help="also measure all starts in one process")
    parser.add_argument("--child", nargs=3, metavar=("WHICH", "DB", "ID"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        which, db, rid = args.child
        child(which, Path(db), int(rid))
        return
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        review_id, empty_id = build(db)
        ids = {"bare": review_id, "review": review_id, "empty": empty_id}
        # One start first, so that every measured one finds the database in the disk cache
        # and the parsed data files and style sheets in the app's own cache, as every start but
        # the first does.
        in_a_fresh_process("review", db, review_id)
        times: dict[str, list[tuple[float, float]]] = {which: [] for which in ids}
        for _ in range(args.runs):  # interleaved, so a slow spell hits all three alike
            for which, rid in ids.items():
                times[which].append(in_a_fresh_process(which, db, rid))
        report("Each start in a fresh process", times)
        if args.in_process:
            report("All starts in this one process", asyncio.run(in_this_process(args.runs, db, ids)))


if __name__ == "__main__":
    main()
