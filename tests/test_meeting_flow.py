"""Meeting mode driven with keys, asserting what the database holds and what the bar says.

The screens are hosted in a small app whose screen offers the same interface
as the review screen (`service`, `review_id`, `review`, `reload_review()`,
`refresh_all()`, `show_ground_rules()`), so these tests do not depend on the four panes.
"""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, Select, Static

from facilitator_tui.screens.close_meeting import CloseMeetingScreen
from facilitator_tui.screens.confirm import ConfirmModal
from facilitator_tui.screens.ground_rules import GroundRulesScreen
from facilitator_tui.screens.parking_lot import ActionForm, IdeaEntry, ParkingLotScreen
from facilitator_tui.screens.participants import ParticipantsScreen, PersonForm
from facilitator_tui.screens.summary import SummaryScreen
from facilitator_tui.service import ReviewService
from facilitator_tui.widgets.meeting_bar import MeetingBar
from facilitator_tui.widgets.row_list import RowList

HOSTILE = "[@click=app.quit]x[/] lone [/"


class HostScreen(Screen[None]):
    BINDINGS = [
        Binding("f2", "start", "Start meeting"),
        Binding("f4", "phase(1)", "Phase"),
        Binding("f5", "share_safe", "Share-safe"),
        Binding("f7", "park", "Park idea"),
        Binding("f10", "close", "Close meeting"),
        Binding("ctrl+l", "lot", "Parking lot"),
        Binding("ctrl+o", "people", "Participants"),
    ]

    def __init__(self, review_id: int) -> None:
        super().__init__()
        self.review_id = review_id

    @property
    def service(self) -> ReviewService:
        return self.app.service

    def compose(self) -> ComposeResult:
        self.review = self.service.review(self.review_id)
        yield MeetingBar(self.service, self.review_id, id="meeting-bar")
        yield Static("panes")

    def reload_review(self) -> None:
        self.review = self.service.review(self.review_id)
        self.query_one(MeetingBar).set_review(self.review)

    def refresh_all(self) -> None:
        self.reload_review()

    def show_ground_rules(self, then=None) -> None:
        self.app.push_screen(GroundRulesScreen(), lambda _: then and then())

    def action_start(self) -> None:
        from facilitator_tui.screens.meeting import start_meeting

        start_meeting(self)

    def action_phase(self, step: int) -> None:
        self.service.step_phase(self.review_id, step)
        self.reload_review()

    def action_share_safe(self) -> None:
        self.service.set_share_safe(self.review_id, not self.review.share_safe)
        self.reload_review()

    def action_park(self) -> None:
        from facilitator_tui.screens.meeting import park_idea

        park_idea(self)

    def action_close(self) -> None:
        from facilitator_tui.screens.meeting import close_meeting

        close_meeting(self)

    def action_lot(self) -> None:
        self.app.push_screen(ParkingLotScreen(self.review_id), lambda _: self.refresh_all())

    def action_people(self) -> None:
        self.app.push_screen(ParticipantsScreen(self.review_id), lambda _: self.refresh_all())


class Host(App[None]):
    def __init__(self, db_path, review_id: int) -> None:
        super().__init__()
        self.service = ReviewService.open(db_path)
        self.review_id = review_id
        self.said: list[str] = []

    def on_mount(self) -> None:
        self.push_screen(HostScreen(self.review_id))

    def say(self, message: str, *, error: bool = False, timeout: float = 3) -> None:
        self.said.append(message)
        self.notify(message, severity="error" if error else "information", markup=False)

    def on_unmount(self) -> None:
        self.service.close()


def bar_text(app: App) -> str:
    """The meeting bar as it is drawn on screen, line by line."""
    bar = app.query_one(MeetingBar) if not isinstance(app.screen, HostScreen) else \
        app.screen.query_one(MeetingBar)
    return "\n".join(strip.text for strip in bar.render_lines(bar.region.reset_offset))




def new_review(service: ReviewService) -> int:
    review = service.create_review("Queue backlog", timebox_minutes=60)
    return review.id


async def test_starting_the_meeting_records_it_and_shows_the_ground_rules(service, db_path):
    rid = new_review(service)
    app = Host(db_path, rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert "Preparing · F2 starts the meeting" in bar_text(app)
        assert "PRIVATE VIEW" in bar_text(app)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, GroundRulesScreen)
        review = service.review(rid)
        assert review.meeting_started_at is not None
        assert review.share_safe is True
        assert [(s.phase, s.ended_at) for s in service.store.list_phase_spans(rid)] == [("open", None)]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HostScreen)
        assert app.said[-1] == "Meeting started · share-safe view is on"
        text = bar_text(app)
        assert "SHARE-SAFE" in text and "PRIVATE VIEW" not in text
        assert "left in phase" in text

        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, GroundRulesScreen)
        assert "ground rules again" in app.said[-1]
        await pilot.press("escape")
        assert len(service.store.list_phase_spans(rid)) == 1


async def test_phase_moves_create_spans_and_the_badge_follows_share_safe(service, db_path):
    rid = new_review(service)
    service.start_meeting(rid)
    app = Host(db_path, rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("f4", "f4")
        await pilot.pause()
        spans = service.store.list_phase_spans(rid)
        assert [s.phase for s in spans] == ["open", "walk_timeline", "check_timeline"]
        assert all(s.ended_at for s in spans[:-1]) and spans[-1].ended_at is None
        assert "Check the timeline" in bar_text(app)
        await pilot.press("f5")
        await pilot.pause()
        assert service.review(rid).share_safe is False
        assert "PRIVATE VIEW" in bar_text(app)
        await pilot.press("f5")
        await pilot.pause()
        assert "SHARE-SAFE" in bar_text(app)


async def test_the_bar_fits_80_columns_and_shows_who_has_notes(service, db_path):
    rid = service.create_review("A very long review title about the checkout errors in the sale").id
    ana = service.add_participant(rid, "Ana Lima", "incident_commander")
    service.add_participant(rid, HOSTILE, "subject_expert")
    service.add_note(rid, "I saw the queue grow", participant_id=ana.id)
    for size in ((80, 24), (160, 45)):
        app = Host(db_path, rid)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            lines = bar_text(app).splitlines()
            assert len(lines) == 2
            assert all(len(line) <= size[0] for line in lines)
            assert lines[0].rstrip().endswith("PRIVATE VIEW")
            assert "● Ana Lima IC" in lines[1]
            assert "○ " in lines[1]
            if size[0] == 160:
                assert "○ [@click=app.quit]… SME" in lines[1]
                assert "Walk 21′" in lines[1]
            assert app.is_running


async def test_an_overrun_phase_is_a_gentle_nudge(service, db_path):
    rid = new_review(service)
    service.start_meeting(rid)
    service.store.conn.execute(
        "UPDATE phase_spans SET started_at = datetime('now', '-8 minutes') || '+00:00'"
    )
    service.store.conn.commit()
    app = Host(db_path, rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert "+3 min over · F4 moves on when ready" in bar_text(app)


async def test_parking_an_idea_and_turning_it_into_an_action(service, db_path, type_text):
    rid = new_review(service)
    service.start_meeting(rid)
    app = Host(db_path, rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, IdeaEntry)
        await type_text(pilot, "alert on consumer lag")
        await pilot.press("enter")
        await pilot.pause()
        assert [i.text for i in service.parked(rid)] == ["alert on consumer lag"]
        assert app.said[-1] == "Parked for the actions phase (ctrl+l shows the parking lot)"

        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, ParkingLotScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        await type_text(pilot, "Platform team")
        await pilot.press("tab")
        await type_text(pilot, "2026-13-01")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        assert "YYYY-MM-DD" in str(app.screen.query_one(".form-error", Static).render())
        assert service.notes(rid) == [] and service.parked(rid)[0].action_note_id is None

        app.screen.query_one("#action-due", Input).value = ""
        await type_text(pilot, "2026-12-01")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ParkingLotScreen)
        [note] = service.notes(rid)
        assert (note.kind, note.text, note.owner, note.due) == (
            "action", "alert on consumer lag", "Platform team", date(2026, 12, 1))
        assert service.parked(rid)[0].action_note_id == note.id
        row = app.screen.query_one(RowList).row_at(0)
        assert row.content.plain.startswith("→ action")


async def test_discarding_a_parked_idea_asks_first(service, db_path):
    rid = new_review(service)
    service.park_idea(rid, HOSTILE)
    service.park_idea(rid, "a runbook for the consumer restart")
    app = Host(db_path, rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert HOSTILE in app.screen.query_one(RowList).row_at(0).content.plain
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        assert len(service.parked(rid)) == 2
        await pilot.press("d", "y")
        await pilot.pause()
        assert [i.text for i in service.parked(rid)] == ["a runbook for the consumer restart"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HostScreen) and app.is_running


async def test_participants_add_rename_role_and_remove(service, db_path, type_text):
    rid = new_review(service)
    bo = service.add_participant(rid, "Bo Chen")
    service.add_note(rid, "I restarted the consumers", participant_id=bo.id)
    app = Host(db_path, rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ParticipantsScreen)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PersonForm)
        form.query_one(Select).value = "incident_commander"
        await type_text(pilot, "Ana Lima")
        await pilot.press("enter")
        await pilot.pause()
        assert [(p.name, p.role) for p in service.participants(rid)] == [
            ("Bo Chen", "responder"), ("Ana Lima", "incident_commander")]

        await pilot.press("a")
        await type_text(pilot, "bo chen")
        await pilot.press("enter")
        await pilot.pause()
        assert "already a participant" in str(app.screen.query_one("#people-error", Static).render())
        assert len(service.participants(rid)) == 2

        people = app.screen.query_one(RowList)
        people.highlighted = 0
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one(Input).value = ""
        await type_text(pilot, "Bo Chén")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert (service.participants(rid)[0].name, service.participants(rid)[0].role) == (
            "Bo Chén", "incident_commander")

        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
        assert [p.name for p in service.participants(rid)] == ["Ana Lima"]
        [note] = service.notes(rid)
        assert note.text == "I restarted the consumers" and note.participant_id is None


async def test_closing_records_the_answers_and_shows_the_summary(service, db_path, type_text):
    rid = new_review(service)
    ana = service.add_participant(rid, "Ana Lima", "incident_commander")
    service.add_participant(rid, "Bo Chen")
    service.add_note(rid, "the dashboard lagged", participant_id=ana.id)
    service.start_meeting(rid)
    service.step_phase(rid, 1)
    app = Host(db_path, rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, CloseMeetingScreen)
        await type_text(pilot, "7")
        await pilot.press("tab", "plus", "plus", "minus", "tab")
        await type_text(pilot, "6")
        await pilot.press("tab")
        await type_text(pilot, "x2")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        review = service.review(rid)
        assert (review.learned_yes, review.learned_no, review.again_yes, review.again_no) == (7, 1, 6, 2)
        assert review.meeting_ended_at is not None and review.status == "closed"
        assert all(s.ended_at for s in service.store.list_phase_spans(rid))

        summary = str(app.screen.query_one("#summary-body", Static).render())
        assert "Walk the timeline" in summary
        assert "With notes: Ana Lima" in summary and "No notes yet: Bo Chen" in summary
        assert "yes 7 · no 1" in summary and "yes 6 · no 2" in summary
        await pilot.press("escape")
        await pilot.pause()
        assert "Closed · 0 min" in bar_text(app)


async def test_escape_on_the_closing_questions_keeps_the_meeting_running(service, db_path):
    rid = new_review(service)
    service.start_meeting(rid)
    app = Host(db_path, rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("f10", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HostScreen)
        assert service.review(rid).meeting_ended_at is None


async def test_user_text_is_shown_literally_everywhere_in_meeting_mode(service, db_path):
    rid = service.create_review(HOSTILE).id
    person = service.add_participant(rid, HOSTILE)
    service.add_note(rid, HOSTILE, participant_id=person.id)
    service.park_idea(rid, HOSTILE)
    app = Host(db_path, rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert HOSTILE in bar_text(app)
        for key in ("ctrl+o", "escape", "ctrl+l", "escape", "f2", "enter", "f10", "enter"):
            await pilot.press(key)
            await pilot.pause()
            assert app.is_running
        assert isinstance(app.screen, SummaryScreen)
        summary = str(app.screen.query_one("#summary-body", Static).render())
        assert f"Meeting summary · {HOSTILE}" in summary
        assert f"With notes: {HOSTILE}" in summary


async def test_the_ground_rules_fill_the_screen_without_a_clock(service, db_path):
    rid = new_review(service)
    app = Host(db_path, rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        app.push_screen(GroundRulesScreen())
        await pilot.pause()
        screen = app.screen
        assert not screen.query(MeetingBar)
        rules = [str(s.render()) for s in screen.query(".rule")]
        assert len(rules) >= 5
        assert "Press Enter when everyone is ready" in str(screen.query_one("#rules-ready").render())
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, HostScreen)
