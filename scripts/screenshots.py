"""Render screenshots/*.svg from the demo review, driving the real app with the pilot.

    python scripts/screenshots.py

Each picture uses a fresh temporary database with the demo review loaded, shown
in share-safe view: a screenshot is shared more widely than any meeting, so the
demo's private notes and facilitator-only events are never in one.
"""

from __future__ import annotations

import asyncio
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


# (file name, terminal size, open the review?, setup, keys to press after it)
SHOTS: list[tuple[str, tuple[int, int], bool, Setup | None, list[str]]] = [
    ("home", (120, 32), False, None, []),
    ("review-160x45", (160, 45), True, None, []),
    ("review-80x24", (80, 24), True, None, []),
    ("help", (120, 40), True, None, ["f1"]),
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


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, size, open_review, setup, keys in SHOTS:
        path = asyncio.run(shoot(name, size, open_review, setup, keys))
        print(f"wrote {path.relative_to(OUT.parent)}")


if __name__ == "__main__":
    main()
