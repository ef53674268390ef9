"""How the screens look, as SVG snapshots of the demo review (pytest-textual-snapshot).

Each picture is paired with pilot tests elsewhere that assert what the database holds.
Update the pictures with `pytest tests/test_snapshots.py --snapshot-update` after a
deliberate change, and look at them before committing.
"""

from __future__ import annotations

import pytest

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.service import ReviewService
from facilitator_tui.widgets.timeline_view import TimelineView


@pytest.fixture
def demo_app(tmp_path):
    def make(open_review: bool = True) -> FacilitatorApp:
        db = tmp_path / "demo.db"
        service = ReviewService.open(db)
        review_id, _ = service.load_demo()
        service.close()
        return FacilitatorApp(db_path=db, review_id=review_id if open_review else None)

    return make


def test_home_screen(snap_compare, demo_app):
    assert snap_compare(demo_app(open_review=False), terminal_size=(120, 32))


def test_empty_home_screen_offers_the_demo(snap_compare, tmp_path):
    assert snap_compare(FacilitatorApp(db_path=tmp_path / "empty.db"), terminal_size=(100, 28))


def test_review_screen_160x45(snap_compare, demo_app):
    assert snap_compare(demo_app(), terminal_size=(160, 45))


def test_review_screen_80x24(snap_compare, demo_app):
    assert snap_compare(demo_app(), terminal_size=(80, 24))


def test_help_screen(snap_compare, demo_app):
    assert snap_compare(demo_app(), press=["f1"], terminal_size=(120, 40))


def test_ground_rules_screen(snap_compare, demo_app):
    assert snap_compare(demo_app(), press=["f2"], terminal_size=(120, 36))


def test_review_screen_share_safe_view(snap_compare, demo_app):
    assert snap_compare(demo_app(), press=["f5"], terminal_size=(160, 45))


async def _to_event(pilot, words: str) -> None:
    from facilitator_tui.widgets.timeline_view import TimelineView

    await pilot.pause()
    view = pilot.app.screen.query_one(TimelineView)
    row = next(r for r in range(view.count) if words in view.event_at(r).text)
    view.move_cursor(row)
    await pilot.pause(view.ANNOUNCE_DELAY)  # one debounce: the panes hear of it
    await pilot.pause()


def test_event_view_shows_the_whole_message_and_its_notes(snap_compare, demo_app):
    async def open_it(pilot) -> None:
        await _to_event(pilot, "That explains it")
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(demo_app(), run_before=open_it, terminal_size=(160, 45))


def test_timeline_as_one_person_saw_it(snap_compare, demo_app):
    async def as_maya(pilot) -> None:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause(TimelineView.ANNOUNCE_DELAY)
        await pilot.pause()

    assert snap_compare(demo_app(), run_before=as_maya, terminal_size=(160, 45))


def test_deck_offers_questions_for_a_handoff(snap_compare, demo_app):
    async def on_the_handoff(pilot) -> None:
        await _to_event(pilot, "On-call handoff: Platform Primary passes from Jonas")

    assert snap_compare(demo_app(), run_before=on_the_handoff, terminal_size=(160, 45))


def test_notes_list_keys_at_80x24(snap_compare, demo_app):
    assert snap_compare(demo_app(), press=["tab", "tab", "tab"], terminal_size=(80, 24))


def test_review_details(snap_compare, demo_app):
    assert snap_compare(demo_app(), press=["ctrl+g"], terminal_size=(120, 40))


def test_event_picker_for_a_note(snap_compare, demo_app):
    assert snap_compare(demo_app(), press=["tab", "tab", "tab", "up", "m"], terminal_size=(160, 45))
