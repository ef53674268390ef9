"""No private text on a shared screen: prefixes in any order, the strip, the summary, hints, F5."""

from __future__ import annotations

from textual.widgets import Static

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.note_syntax import parse
from facilitator_tui.screens.confirm import ConfirmModal
from facilitator_tui.screens.summary import SummaryScreen
from facilitator_tui.widgets.meeting_bar import MeetingBar

NAMES = ["Ravi Shah", "Ana Lima"]


def test_kind_prefix_and_mention_in_either_order():
    for raw in ("@Ravi p: seemed upset", "p: @Ravi seemed upset", "@ravi private: seemed upset",
                "private: seemed upset @Ravi", "  @Ravi   P:  seemed upset"):
        note = parse(raw, NAMES)
        assert (note.kind, note.text, note.who) == ("private", "seemed upset", "Ravi Shah"), raw
    assert parse("@Ravi ? why then", NAMES).kind == "question"
    assert parse("@Ravi said p: is a prefix", NAMES).kind == "observation"


def meeting_with_a_private_voice(service):
    rid = service.create_review("Queue backlog").id
    ravi = service.add_participant(rid, "Ravi Shah")
    ana = service.add_participant(rid, "Ana Lima")
    service.add_note(rid, "SECRET-RAVI seemed upset", "private", participant_id=ravi.id)
    service.add_note(rid, "the lag graph was flat", participant_id=ana.id)
    service.start_meeting(rid)
    return rid


def bar_text(app) -> str:
    bar = app.screen.query_one(MeetingBar)
    return "\n".join(strip.text for strip in bar.render_lines(bar.region.reset_offset))


async def test_the_strip_and_summary_ignore_private_notes_while_sharing(service, db_path, screen_text):
    rid = meeting_with_a_private_voice(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert "1/2" in bar_text(app)  # Ravi's only note is private: not heard, while sharing
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        summary = str(app.screen.query_one("#summary-body", Static).render())
        assert "Private" not in summary and "Notes: 1" in summary
        assert "No notes yet: Ravi Shah" in summary
        assert "SECRET-RAVI" not in screen_text(app)


async def test_a_private_note_gets_no_wording_hint(service, db_path, record_notifications, type_text):
    rid = meeting_with_a_private_voice(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    told = record_notifications(app)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+n")
        await type_text(pilot, "@Ravi p: Bo should have restarted it")
        assert app.screen.query_one("#note-input").password is True  # masked as typed
        await pilot.press("enter")
        await pilot.pause()
    assert not any("should have" in line for line in told)
    assert [n.kind for n in service.notes(rid)][-1] == "private"


async def test_turning_share_safe_off_asks_first_and_says_so_loudly(service, db_path, record_notifications, screen_text):
    rid = meeting_with_a_private_voice(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    told = record_notifications(app)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("escape")  # the stray key changes nothing
        await pilot.pause()
        assert service.review(rid).share_safe and "SECRET-RAVI" not in screen_text(app)
        await pilot.press("f5", "y")
        await pilot.pause()
        assert not service.review(rid).share_safe
        assert "PRIVATE VIEW" in bar_text(app)
        assert any("PRIVATE VIEW" in line for line in told)
        await pilot.press("f5")  # back on: at once, no question
        await pilot.pause()
        assert service.review(rid).share_safe
