"""The home screen driven as a user would: create, open, demo, rename, delete; reading the database."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import Input

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.screens.confirm import ConfirmModal
from facilitator_tui.screens.home import HomeScreen
from facilitator_tui.screens.review import ReviewScreen
from facilitator_tui.service import ReviewService

SIZE = (120, 34)


async def test_an_empty_database_offers_the_demo_and_d_opens_it(db_path, screen_text):
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "No reviews yet" in screen_text(app) and "demo" in screen_text(app)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "No reviews yet" not in screen_text(app)
    [summary] = ReviewService.open(db_path).list_reviews()
    assert summary.events > 0 and summary.notes > 0


async def test_new_review_is_created_with_its_window_and_zone(db_path, type_text):
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Cache stampede at the top of the hour")
        await pilot.press("tab")
        await type_text(pilot, "2026-10-02 03:15")
        await pilot.press("tab", "ctrl+u")
        await type_text(pilot, "America/Chicago")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    [summary] = ReviewService.open(db_path).list_reviews()
    review = summary.review
    assert review.title == "Cache stampede at the top of the hour"
    assert review.timezone == "America/Chicago"
    assert review.incident_start == datetime(2026, 10, 2, 8, 15, tzinfo=UTC)


async def test_a_bad_zone_is_one_line_in_the_dialog_and_writes_nothing(db_path, screen_text, type_text):
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await type_text(pilot, "Anything")
        await pilot.press("tab", "tab", "ctrl+u")
        await type_text(pilot, "Mars/Olympus")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)
        assert "Mars/Olympus" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert ReviewService.open(db_path).list_reviews() == []


async def test_rename_and_delete_which_asks_first(service, db_path, type_text):
    keep = service.create_review("Queue backlog").id
    doomed = service.create_review("DNS flap").id
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        home.query_one("#reviews").move_cursor(row=home.query_one("#reviews").get_row_index(str(keep)))
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("ctrl+u")
        await type_text(pilot, "Queue backlog on the payments consumer")
        await pilot.press("enter")
        await pilot.pause()
        table = home.query_one("#reviews")
        table.move_cursor(row=table.get_row_index(str(doomed)))
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")  # keep it after all
        await pilot.pause()
        assert len(ReviewService.open(db_path).list_reviews()) == 2
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    titles = [s.review.title for s in ReviewService.open(db_path).list_reviews()]
    assert titles == ["Queue backlog on the payments consumer"]


async def test_escape_from_a_review_opened_directly_goes_home_and_back(service, db_path, screen_text):
    first = service.create_review("Queue backlog").id
    service.create_review("DNS flap")
    app = FacilitatorApp(db_path=db_path, review_id=first)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and len(app.screen_stack) == 1
        opened_with = app.screen
        await pilot.press("escape")
        await pilot.pause()
        # The review the app opened with is closed for the list, not kept beneath it.
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1
        assert not opened_with.is_attached
        assert "DNS flap" in screen_text(app) and "Queue backlog" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and len(app.screen_stack) == 1
        reopened = app.screen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1
        assert not reopened.is_attached
        assert app.is_running


async def test_escape_leaves_the_note_input_before_it_leaves_the_review(service, db_path):
    rid = service.create_review("Queue backlog").id
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        assert isinstance(app.focused, Input)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and app.focused.id == "timeline-view"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_each_review_shows_the_id_the_commands_take(db_path, screen_text):
    service = ReviewService.open(db_path)
    first = service.create_review("First review").id
    second = service.create_review("Second review").id
    service.close()
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = [line for line in screen_text(app).splitlines() if "review" in line and "Prep" in line]
        assert any(f" {first} " in line and "First review" in line for line in lines), lines
        assert any(f" {second} " in line and "Second review" in line for line in lines), lines
        assert "Preparing" in screen_text(app) and "draft" not in screen_text(app)
