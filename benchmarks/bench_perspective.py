"""One person's view of a 100,000-event timeline: how long the service takes to work it
out, and how long the timeline's count (the first one fills the view's table of ids),
a page and a cursor lookup take under it.

    python benchmarks/bench_perspective.py
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from facilitator_tui.models import Event
from facilitator_tui.service import EventFilter, ReviewService

EVENTS = 100_000
START = datetime(2026, 3, 14, 20, 0, tzinfo=UTC)
PEOPLE = [f"Person {i:02d}" for i in range(50)]
CHANNELS = ["inc-checkout", "platform-oncall", "deploys", "support", "general"]


def seed(service: ReviewService) -> int:
    review = service.create_review("Perspective benchmark", tz="UTC")
    events = []
    for i in range(EVENTS):
        actor = PEOPLE[i % len(PEOPLE)] if i % 997 else "Maya Okafor"
        text = f"message {i} about the queue" + (" cc Maya" if i % 1000 == 0 else "")
        events.append(Event(at=START + timedelta(seconds=3 * i), source="slack", actor=actor,
                            channel=CHANNELS[i % len(CHANNELS)], text=text, external_id=f"e{i}"))
    service.import_events(review.id, events)
    return review.id


def timed(label: str, work):
    started = time.perf_counter()
    result = work()
    print(f"{label}: {(time.perf_counter() - started) * 1000:.1f} ms")
    return result


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        service = ReviewService.open(Path(folder) / "bench.db")
        rid = seed(service)
        seen_by = timed("perspective worked out", lambda: service.perspective(rid, "Maya Okafor"))
        flt = EventFilter(seen_by=seen_by)
        count = timed("first count under it (fills the table of ids)", lambda: service.event_count(rid, flt))
        timed("count again", lambda: service.event_count(rid, flt))
        page = timed("first page of 256", lambda: service.store.page_events(rid, 0, 256, flt))
        timed("a page in the middle", lambda: service.store.page_events(rid, count // 2, 256, flt))
        middle = service.store.page_events(rid, count // 2, 1, flt)[0]
        timed("cursor lookup (index of an event)", lambda: service.store.index_of_event(rid, middle, flt))
        print(f"{count:,} of {EVENTS:,} events in view; {len(seen_by.windows)} channel windows; "
              f"first page {len(page)} rows")
        service.close()


if __name__ == "__main__":
    main()
