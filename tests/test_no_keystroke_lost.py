"""No keystroke is lost: bursts, pastes, recovered drafts, steady typing, and keys that mean one thing."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.screens.confirm import ConfirmModal
from facilitator_tui.screens.home import HomeScreen
from facilitator_tui.screens.review import ReviewScreen
from facilitator_tui.screens.summary import SummaryScreen
from facilitator_tui.service import ReviewService


def a_review(service: ReviewService) -> int:
    rid = service.create_review("Queue backlog").id
    service.add_participant(rid, "Ana Lima")
    return rid


def burst(app, text: str) -> None:
    """Every key of `text` queued at once ('\\n' is Enter), as a terminal delivers a paste."""
    for char in text:
        if char == "\n":
            app.post_message(events.Key("enter", "\r"))
        else:
            app.post_message(events.Key(char if char.isalnum() else "space" if char == " " else char,
                                        char))


async def test_a_burst_of_notes_saves_each_exactly_once_in_order(service, db_path, until):
    rid = a_review(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+n")
        burst(app, "".join(f"r0ms-{n}\n" for n in range(5)))
        await until(pilot, lambda: len(service.notes(rid)) == 5)
        assert app.screen.query_one("#note-input", Input).value == ""
    assert [n.text for n in service.notes(rid)] == [f"r0ms-{n}" for n in range(5)]


async def test_a_multi_line_paste_keeps_every_line(service, db_path):
    rid = a_review(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+n")
        box = app.screen.query_one("#note-input", Input)
        box.post_message(events.Paste("first line\nsecond line\nthird line\n"))
        await pilot.pause()
        assert box.value == "first line second line third line"
        await pilot.press("enter")
        await pilot.pause()
    assert [n.text for n in service.notes(rid)] == ["first line second line third line"]


async def test_a_recovered_draft_is_not_wiped_by_the_first_key(service, db_path, type_text):
    rid = a_review(service)
    service.save_draft(rid, "the consumer lag was")
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+n")
        await type_text(pilot, " growing")
        assert app.screen.query_one("#note-input", Input).value == "the consumer lag was growing"


async def test_steady_typing_is_saved_while_it_goes_on(service, db_path, type_text, monkeypatch):
    """A key every 120 ms never pauses long enough for a debounce: the throttle saves anyway."""
    from facilitator_tui.widgets.autosave import Autosave

    # The meeting's own timings: this test is about them (a pause of 0.2 s, a save every 0.4 s).
    monkeypatch.setattr(Autosave, "PAUSE", 0.2)
    monkeypatch.setattr(Autosave, "EVERY", 0.4)
    rid = a_review(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    typed = "steady typist at work"
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+n")
        seen: list[str] = []
        for char in typed:
            await type_text(pilot, char)
            await pilot.pause(0.12)
            seen.append(ReviewService.open(db_path).draft(rid))
        # Saved over and over while the keys kept coming, never more than a few keys behind.
        assert len(set(seen)) >= 4
        lags = [len(typed[: i + 1]) - len(draft) for i, draft in enumerate(seen) if i >= 5]
        assert max(lags) <= 5


async def test_ctrl_u_in_the_note_box_is_the_summary_and_keeps_the_draft(service, db_path, type_text):
    rid = a_review(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+n")
        await type_text(pilot, "keep me")
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#note-input", Input).value == "keep me"


async def running_meeting(service, db_path):
    rid = a_review(service)
    service.start_meeting(rid)
    return FacilitatorApp(db_path=db_path, review_id=rid), rid


async def test_escape_never_leaves_a_running_meeting_without_asking(service, db_path, type_text):
    app, rid = await running_meeting(service, db_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await type_text(pilot, "half")
        await pilot.press("escape", "escape")  # out of the box, then "back"
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert service.draft(rid) == "half"


async def test_ctrl_q_asks_before_quitting_a_running_meeting(service, db_path, type_text):
    app, rid = await running_meeting(service, db_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal) and app.is_running
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+n")
        await type_text(pilot, "last words")
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
    assert service.draft(rid) == "last words"


async def test_ctrl_q_outside_a_meeting_quits_at_once(service, db_path):
    rid = a_review(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
