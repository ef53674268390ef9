"""Across reviews at scale: 1,000 reviews of 500 events and 50 notes each.

Prints the time of `facilitator report` (in a fresh process, and the figures
alone), the insights screen from key press to charts drawn, a first library
export, a second export and a second import with nothing changed (and how many
files each wrote), and a first import into an empty database. Targets on a
2-core machine: report and insights under 1 s, first export under 10 s, a
second export or import under 2 s writing nothing.

    python benchmarks/bench_library.py [--reviews N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from facilitator_tui import content
from facilitator_tui.models import Event, Note, Review
from facilitator_tui.service import ReviewService

EVENTS = 500
NOTES = 50
KINDS = ("observation", "observation", "insight", "question", "action")


def build(path: Path, reviews: int, *, events: int = EVENTS, notes: int = NOTES,
          seed: int = 14) -> None:
    """A database of `reviews` reviews spread over three years, with a realistic mix of factors."""
    rng = random.Random(seed)
    factors = [f.id for f in content.load_factors()]
    # A few factors come back often, most rarely: weights fall off with rank.
    weights = [1 / (rank + 1) for rank in range(len(factors))]
    rng.shuffle(weights)
    service = ReviewService.open(path)
    store = service.store
    first = datetime(2023, 1, 9, 22, 0, tzinfo=UTC)
    for n in range(reviews):
        start = first + timedelta(days=n * 1095 / reviews, hours=rng.randint(0, 23))
        review = store.insert_review(Review(
            title=f"Incident {n + 1}: checkout errors in region {rng.randint(1, 9)}",
            incident_start=start, incident_end=start + timedelta(hours=rng.randint(1, 6)),
            timezone="Europe/Berlin", created_at=start + timedelta(days=1),
            updated_at=start + timedelta(days=2),
        ))
        rid = review.id
        store.insert_events(rid, [
            Event(at=start + timedelta(seconds=i * 20), source=rng.choice(("slack", "pagerduty")),
                  actor=f"responder{rng.randint(1, 12)}", text=f"message {i} in incident {n + 1}",
                  external_id=f"r{n}-e{i}")
            for i in range(events)
        ])
        written = start + timedelta(days=3)
        batch = []
        for i in range(notes):
            kind = KINDS[i % len(KINDS)]
            note = Note(kind=kind, text=f"note {i} of incident {n + 1}", created_at=written,
                        updated_at=written)
            if kind == "action":
                note.owner = f"team{rng.randint(1, 6)}"
                note.due = (written + timedelta(days=rng.randint(7, 60))).date()
                roll = rng.random()
                if roll < 0.55:
                    note.state = "done"
                    note.state_changed_at = written + timedelta(days=rng.randint(1, 90))
                elif roll < 0.65:
                    note.state = "dropped"
                    note.state_changed_at = written + timedelta(days=rng.randint(1, 30))
            batch.append(note)
        store.insert_notes(rid, batch)
        for factor in set(rng.choices(factors, weights, k=rng.randint(1, 6))):
            store.set_review_factor(rid, factor, ticked=True)
        if rng.random() < 0.8:
            meeting = written + timedelta(days=2)
            store.update_review(
                rid, meeting_started_at=meeting,
                meeting_ended_at=meeting + timedelta(minutes=rng.randint(40, 80)),
                status="closed", learned_yes=rng.randint(3, 8), learned_no=rng.randint(0, 2),
                again_yes=rng.randint(3, 8), again_no=rng.randint(0, 2),
            )
    service.close()


def timed(label: str, func):
    start = time.perf_counter()
    result = func()
    print(f"{label:<52} {time.perf_counter() - start:7.3f} s")
    return result


def files_written_since(folder: Path, moment: float) -> int:
    return sum(1 for p in folder.iterdir() if p.stat().st_mtime > moment)


def insights_open(db: Path) -> float:
    """Seconds from pressing `i` on the home screen to the charts being drawn."""
    from facilitator_tui.app import FacilitatorApp
    from facilitator_tui.screens.insights import InsightsScreen

    async def run() -> float:
        app = FacilitatorApp(db_path=db)
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press("i")
            while not (isinstance(app.screen, InsightsScreen) and app.screen.report is not None):
                await asyncio.sleep(0.005)
            await pilot.pause()
            return time.perf_counter() - start

    return asyncio.run(run())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reviews", type=int, default=1000)
    parser.add_argument("--keep", metavar="DIR", help="build in DIR and keep it")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="bench-library-"))
    folder.mkdir(parents=True, exist_ok=True)
    db, library, other = folder / "team.db", folder / "library", folder / "other.db"
    for stale in (db, other):
        stale.unlink(missing_ok=True)
    timed(f"build {args.reviews:,} reviews x {EVENTS} events x {NOTES} notes",
          lambda: build(db, args.reviews))
    print(f"(database {db.stat().st_size / 1e6:.0f} MB)")

    service = ReviewService.open(db)
    timed("report figures (service.report)", lambda: service.report(today=date(2026, 1, 15)))
    facilitator = [sys.executable, "-m", "facilitator_tui", "--db", str(db)]
    timed("facilitator report (a fresh process)",
          lambda: subprocess.run([*facilitator, "report"], check=True, stdout=subprocess.DEVNULL))
    timed("facilitator report --format json (a fresh process)",
          lambda: subprocess.run([*facilitator, "report", "--format", "json"], check=True,
                                 stdout=subprocess.DEVNULL))
    print(f"{'insights screen: key press to charts drawn':<52} {insights_open(db):7.3f} s")

    summary = timed("library export, first", lambda: service.export_library(library))
    size = sum(p.stat().st_size for p in library.iterdir())
    print(f"  ({summary.written} files written, {size / 1e6:.0f} MB)")
    before = time.time()
    time.sleep(0.05)
    summary = timed("library export, second (nothing changed)", lambda: service.export_library(library))
    print(f"  ({summary.written} files written; {files_written_since(library, before)} files touched)")
    watcher = sqlite3.connect(db)
    version = watcher.execute("PRAGMA data_version").fetchone()[0]
    summary = timed("library import, nothing changed", lambda: service.import_library(library))
    changed = watcher.execute("PRAGMA data_version").fetchone()[0] != version
    print(f"  (added {summary.added}, updated {summary.updated}, unchanged {summary.unchanged}; "
          f"database {'written' if changed else 'not written'})")
    watcher.close()
    service.close()

    fresh = ReviewService.open(other)
    summary = timed("library import into an empty database", lambda: fresh.import_library(library))
    print(f"  (added {summary.added})")
    summary = timed("library import again (nothing changed)", lambda: fresh.import_library(library))
    print(f"  (added {summary.added}, updated {summary.updated}, unchanged {summary.unchanged})")
    fresh.close()
    if not args.keep:
        for path in sorted(folder.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        os.rmdir(folder)


if __name__ == "__main__":
    main()
