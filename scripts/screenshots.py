"""Render screenshots/*.svg from the demo review, driving the real app with the pilot.

    python scripts/screenshots.py [NAME ...]

Each picture uses a fresh temporary database with the demo review loaded, shown
in share-safe view: a screenshot is shared more widely than any meeting, so the
demo's private notes and facilitator-only events are never in one.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.service import ReviewService

OUT = Path(__file__).resolve().parents[1] / "screenshots"

Setup = Callable[[object], Awaitable[None]]


def to_event(words: str) -> Setup:
    """A setup that puts the timeline's cursor on the event whose text holds `words`."""

    async def move(pilot) -> None:
        from facilitator_tui.widgets.timeline_view import TimelineView

        view = pilot.app.screen.query_one(TimelineView)
        row = next(r for r in range(view.count) if words in view.event_at(r).text)
        view.move_cursor(row)
        await pilot.pause(0.3)

    return move


# Earlier reviews beside the demo, so the insights screen has a year to show:
# (title, incident start, factors ticked, insights, actions done of actions).
PAST_REVIEWS = [
    ("Search index rebuild starved the API", "2025-02-11T15:40:00+00:00",
     ["production-pressure", "capacity-limits", "hidden-coupling"], 2, (2, 3)),
    ("Certificate expired on the partner gateway", "2025-04-03T06:10:00+00:00",
     ["knowledge-concentration", "documentation-runbooks", "holidays-weekends"], 1, (1, 2)),
    ("Payments retried twice after a config push", "2025-06-19T11:25:00+00:00",
     ["recent-changes", "change-process", "alert-noise", "handoffs"], 3, (1, 3)),
    ("Night batch overlapped the EU morning peak", "2025-08-28T02:05:00+00:00",
     ["time-of-day", "fatigue", "staffing-oncall-load", "time-zones"], 2, (0, 2)),
]


async def with_past_reviews(pilot) -> None:
    """Four earlier, closed reviews beside the demo (for the insights screen)."""
    from datetime import datetime

    service = pilot.app.service
    for title, start, factors, insights, (done, actions) in PAST_REVIEWS:
        review = service.create_review(title, start=datetime.fromisoformat(start))
        for factor in factors:
            service.set_factor(review.id, factor, ticked=True)
        for n in range(insights):
            service.add_note(review.id, f"What we learned, number {n + 1}", "insight")
        for n in range(actions):
            note = service.add_note(review.id, f"Follow-up {n + 1}", "action")
            if n < done:
                service.set_action_state(note.id, "done")
    await pilot.pause()


# (file name, terminal size, open the review?, setup, keys to press after it)
SHOTS: list[tuple[str, tuple[int, int], bool, Setup | None, list[str]]] = [
    ("home", (120, 32), False, None, []),
    ("insights", (140, 40), False, with_past_reviews, ["i"]),
    ("review-160x45", (160, 45), True, None, []),
    ("review-80x24", (80, 24), True, None, []),
    ("help", (120, 40), True, None, ["f1"]),
    ("palette", (120, 36), True, None, ["ctrl+p", "n", "o", "t", "e"]),
    ("ground-rules", (120, 36), True, None, ["f2"]),
    ("review-meeting-160x45", (160, 45), True, None, ["f2", "enter", "f4"]),
    ("review-high-contrast", (160, 45), True, None, ["ctrl+t", "ctrl+t"]),
    ("event-view", (160, 45), True, to_event("That explains it"), ["enter"]),
    ("as-they-saw-it", (160, 45), True, None, ["p", "down", "down", "enter"]),
    ("questions-for-the-moment", (160, 45), True,
     to_event("On-call handoff: Platform Primary passes from Jonas"), []),
]


async def shoot(name: str, size: tuple[int, int], open_review: bool,
                setup: Setup | None, keys: list[str]) -> Path:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.db"
        service = ReviewService.open(db)
        review_id, _ = service.load_demo()
        service.set_share_safe(review_id, True)
        service.close()
        app = FacilitatorApp(db_path=db, review_id=review_id if open_review else None)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            if setup is not None:
                await setup(pilot)
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            await pilot.pause(0.3)
            app.clear_notifications()
            await pilot.pause()
            target = OUT / f"{name}.svg"
            app.save_screenshot(filename=target.name, path=str(OUT))
            return target


# The room's mirror (facilitator follow) during the meeting: (file name, size, theme).
MIRROR_SHOTS = [
    ("mirror-160x45", (160, 45), "textual-dark"),
    ("mirror-80x24", (80, 24), "textual-dark"),
    ("mirror-light-120x36", (120, 36), "textual-light"),
]


async def shoot_mirror(name: str, size: tuple[int, int], theme: str) -> Path:
    """The mirror as the room sees it: walking the timeline, a handoff highlighted, its question."""
    from facilitator_tui.mirror_app import MirrorApp
    from facilitator_tui.mirror_feed import MirrorFeed

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.db"
        service = ReviewService.open(db)
        review_id, _ = service.load_demo()
        service.start_meeting(review_id)
        service.set_phase(review_id, "walk_timeline")
        service.set_preference("theme", theme)
        event = next(e for e in service.events_around(review_id, service.review(review_id).incident_start,
                                                      before=40, after=200)
                     if "On-call handoff" in e.text)
        prompt = next(p for p in service.prompt_deck(review_id) if "handoff" in p.kinds)
        service.show_to_room(review_id, event_id=event.id, prompt_id=prompt.id)
        service.close()
        app = MirrorApp(MirrorFeed.open(db, review_id))
        async with app.run_test(size=size) as pilot:
            await pilot.pause(0.3)
            target = OUT / f"{name}.svg"
            app.save_screenshot(filename=target.name, path=str(OUT))
            return target


def main(names: list[str]) -> None:
    """Every screenshot, or only those named (`python scripts/screenshots.py mirror-80x24`)."""
    OUT.mkdir(exist_ok=True)
    for name, size, open_review, setup, keys in SHOTS:
        if not names or name in names:
            path = asyncio.run(shoot(name, size, open_review, setup, keys))
            print(f"wrote {path.relative_to(OUT.parent)}")
    for name, size, theme in MIRROR_SHOTS:
        if not names or name in names:
            path = asyncio.run(shoot_mirror(name, size, theme))
            print(f"wrote {path.relative_to(OUT.parent)}")


if __name__ == "__main__":
    main(sys.argv[1:])
