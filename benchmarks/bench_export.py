"""Times the exporters on a synthetic review of 100,000 events and 10,000 notes.

    python benchmarks/bench_export.py
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from facilitator_tui.export import from_json, to_json, to_markdown
from facilitator_tui.models import Event, Note, Participant, Review, ReviewSnapshot


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def big(events: int = 100_000, notes: int = 10_000) -> ReviewSnapshot:
    """A synthetic review of `events` events and `notes` notes, built without validation."""
    base = utc("2026-11-20T22:00:00Z")
    kinds = ("observation", "insight", "question", "action", "private")
    people = [Participant(id=i, name=f"Person {i}") for i in range(1, 9)]
    timeline = [
        Event.model_construct(
            id=i, review_id=1, at=base + timedelta(seconds=3 * i), source="slack",
            actor=f"Person {i % 8 + 1}", text=f"Message {i}: checking *the* `gateway` | p95 <{i} ms>",
            kind="message", channel="inc-4411", external_id=str(i), reply_to=None, is_bot=False,
            key_moment=i % 500 == 0, hidden=i % 97 == 0, facilitator_only=i % 301 == 0,
        )
        for i in range(1, events + 1)
    ]
    written = [
        Note.model_construct(
            id=i, review_id=1, kind=kinds[i % 5], text=f"Note {i} about [the] _retry_ loop\nsecond line",
            participant_id=i % 8 + 1, event_id=(i * 7) % events + 1, prompt_id=None,
            owner="Team" if i % 5 == 3 else "", due=None, created_at=base, updated_at=base,
        )
        for i in range(1, notes + 1)
    ]
    review = Review(id=1, title="Synthetic review for timing", timezone="Europe/Berlin",
                    incident_start=base, incident_end=base + timedelta(hours=3))
    return ReviewSnapshot.model_construct(
        review=review, participants=people, events=timeline, notes=written, factors=[],
        review_factors=[], prompts=[], prompt_states=[], parked=[], phase_spans=[],
    )



def best_of(runs: int, fn, *args, **kwargs) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn(*args, **kwargs)
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    snap = big()
    print(f"{len(snap.events):,} events, {len(snap.notes):,} notes")
    for label, fn, kwargs in (
        ("to_markdown", to_markdown, {}),
        ("to_markdown(include_private=True)", to_markdown, {"include_private": True}),
        ("to_json", to_json, {}),
        ("to_json(include_private=False)", to_json, {"include_private": False}),
    ):
        seconds, text = best_of(3, fn, snap, **kwargs)
        print(f"{label:<36} {seconds:6.3f} s  {len(str(text)) / 1e6:6.1f} MB")
    seconds, _ = best_of(1, from_json, to_json(snap))
    print(f"{'from_json':<36} {seconds:6.3f} s")


if __name__ == "__main__":
    main()
