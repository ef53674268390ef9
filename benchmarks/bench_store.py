"""Store and export at scale: a review of 100,000 events and 10,000 notes.

Prints bulk insert, load, Markdown export and JSON export times. Targets on a
2-core machine: insert under 2 s, each export under 1 s.

    python benchmarks/bench_store.py
"""

from __future__ import annotations

import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from facilitator_tui.export import to_json, to_markdown
from facilitator_tui.models import Event, Note
from facilitator_tui.service import ReviewService

EVENTS = 100_000
NOTES = 10_000


def timed(label: str, func):
    start = time.perf_counter()
    result = func()
    print(f"{label:<34} {time.perf_counter() - start:7.3f} s")
    return result


def main() -> None:
    rng = random.Random(7)
    start = datetime(2026, 11, 20, 21, 0, tzinfo=UTC)
    actors = [f"responder{i}" for i in range(50)]
    sources = ["slack", "pagerduty", "deploys", "statuspage"]
    events = [
        Event(at=start + timedelta(seconds=i * 0.5), source=rng.choice(sources),
              actor=rng.choice(actors), text=f"message {i}: queue depth {rng.randint(0, 9999)}",
              external_id=f"e{i}", key_moment=i % 997 == 0)
        for i in range(EVENTS)
    ]
    with tempfile.TemporaryDirectory() as folder:
        service = ReviewService.open(Path(folder) / "bench.db")
        review = service.create_review("Benchmark", start=start, tz="Europe/Berlin")
        added, _ = timed(f"bulk insert {EVENTS:,} events", lambda: service.import_events(review.id, events))
        assert added == EVENTS
        ids = [e.id for e in service.store.page_events(review.id, 0, EVENTS)]
        kinds = ["observation", "insight", "question", "action", "private"]
        notes = [
            Note(review_id=review.id, kind=kinds[i % 5], text=f"note {i} about the queue",
                 event_id=ids[i * 7 % EVENTS])
            for i in range(NOTES)
        ]
        timed(f"bulk insert {NOTES:,} notes", lambda: service.store.insert_notes(review.id, notes))
        snap = timed("load the whole review", lambda: service.snapshot(review.id))
        md = timed("Markdown export", lambda: to_markdown(snap, include_private=True))
        js = timed("JSON export", lambda: to_json(snap))
        print(f"(Markdown {len(md) / 1e6:.1f} MB, JSON {len(js) / 1e6:.1f} MB)")
        service.close()


if __name__ == "__main__":
    main()
