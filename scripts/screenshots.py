"""Render screenshots/*.svg from the demo review, driving the real app with the pilot.

    python scripts/screenshots.py

Each picture uses a fresh temporary database with the demo review loaded, shown
in share-safe view: a screenshot is shared more widely than any meeting, so the
demo's private notes and facilitator-only events are never in one.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.service import ReviewService

OUT = Path(__file__).resolve().parents[1] / "screenshots"

# (file name, terminal size, open the review?, keys to press first)
SHOTS = [
    ("home", (120, 32), False, []),
    ("review-160x45", (160, 45), True, []),
    ("review-80x24", (80, 24), True, []),
    ("help", (120, 40), True, ["f1"]),
    ("ground-rules", (120, 36), True, ["f2"]),
    ("review-meeting-160x45", (160, 45), True, ["f2", "enter", "f4"]),
    ("review-high-contrast", (160, 45), True, ["ctrl+t", "ctrl+t"]),
]


async def shoot(name: str, size: tuple[int, int], open_review: bool, keys: list[str]) -> Path:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.db"
        service = ReviewService.open(db)
        review_id, _ = service.load_demo()
        service.set_share_safe(review_id, True)
        service.close()
        app = FacilitatorApp(db_path=db, review_id=review_id if open_review else None)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
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
    for name, size, open_review, keys in SHOTS:
        path = asyncio.run(shoot(name, size, open_review, keys))
        print(f"wrote {path.relative_to(OUT.parent)}")


if __name__ == "__main__":
    main()
