"""Text selected with the mouse in any list is copied with ctrl+c, and the app stays up.

Every list of the app is tried: the timeline, the notes, the factors, the parking lot,
the participants, the question list and the home screen's reviews. The drag runs from
the first row shown to a later one, as a person selects lines to paste elsewhere.
"""

from __future__ import annotations

import pytest
from textual.widget import Widget

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.screens.home import HomeScreen
from facilitator_tui.screens.review import ReviewScreen

SIZE = (160, 45)


async def drag_and_copy(pilot, widget: Widget, rows: int = 2) -> str:
    """Select from the first cell of `widget` to `rows` lines below it, then press ctrl+c."""
    region = widget.content_region
    start = (region.x, region.y)
    end = (region.x + 11, region.y + rows)
    await pilot.mouse_down(None, offset=start)
    await pilot.hover(None, offset=end)
    await pilot.mouse_up(None, offset=end)
    await pilot.pause()
    await pilot.press("ctrl+c")
    await pilot.pause()
    return pilot.app.clipboard


@pytest.fixture
def demo(service, db_path):
    review_id, _ = service.load_demo()
    service.add_participant(review_id, "Copy Tester")
    service.park_idea(review_id, "Alert on queue depth per consumer")
    return review_id


@pytest.mark.parametrize("selector", ["#timeline-view", "#notes-list", "#factor-list"])
async def test_copying_from_a_pane_list(db_path, demo, selector):
    app = FacilitatorApp(db_path=db_path, review_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        listing = app.screen.query_one(selector)
        shown = [listing.line_text(line + listing.scroll_offset.y) for line in range(3)]
        copied = await drag_and_copy(pilot, listing)
        assert app.is_running and isinstance(app.screen, ReviewScreen)
        lines = copied.splitlines()
        assert lines[:2] == shown[:2] and lines[2] and shown[2].startswith(lines[2]), copied


@pytest.mark.parametrize(("key", "selector"), [("ctrl+l", "#parked"), ("ctrl+o", "#people")])
async def test_copying_from_a_dialog_list(db_path, demo, key, selector):
    app = FacilitatorApp(db_path=db_path, review_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        listing = app.screen.query_one(selector)
        copied = await drag_and_copy(pilot, listing, rows=0)
        assert app.is_running and app.screen.query(selector)
        assert copied.strip() and copied.strip() in listing.line_text(0)


async def test_copying_from_the_question_list(db_path, demo):
    app = FacilitatorApp(db_path=db_path, review_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#prompts").focus()
        await pilot.press("L")
        await pilot.pause()
        listing = app.screen.query_one("#prompt-options")
        copied = await drag_and_copy(pilot, listing)
        assert app.is_running and app.screen.query("#prompt-options")
        assert len(copied.splitlines()) == 3
        assert copied.splitlines()[1] == listing.line_text(1)


async def test_copying_from_the_list_of_reviews(db_path, demo):
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#reviews")
        copied = await drag_and_copy(pilot, table)
        assert app.is_running and isinstance(app.screen, HomeScreen)
        assert copied.startswith("ID\tTitle\tIncident") and "\n" in copied, copied
