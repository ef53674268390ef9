"""Meeting mode inside the real review screen: the lead's keys reach our screens and the database."""

from __future__ import annotations

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.screens.close_meeting import CloseMeetingScreen
from facilitator_tui.screens.ground_rules import GroundRulesScreen
from facilitator_tui.screens.parking_lot import IdeaEntry, ParkingLotScreen
from facilitator_tui.screens.participants import ParticipantsScreen
from facilitator_tui.screens.review import ReviewScreen
from facilitator_tui.screens.summary import SummaryScreen
from facilitator_tui.widgets.meeting_bar import MeetingBar


def bar_text(app) -> str:
    bar = app.screen.query_one(MeetingBar)
    return "\n".join(strip.text for strip in bar.render_lines(bar.region.reset_offset))


async def test_a_whole_meeting_from_the_review_screen(service, db_path, type_text):
    rid = service.create_review("Queue backlog", timebox_minutes=45).id
    ana = service.add_participant(rid, "Ana Lima", "incident_commander")
    service.add_participant(rid, "Rui Alves", "facilitator")
    service.add_note(rid, "The consumer lag graph was flat", participant_id=ana.id)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "Preparing · F2 starts the meeting" in bar_text(app)
        assert "PRIVATE VIEW" in bar_text(app)

        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, GroundRulesScreen)
        review = service.review(rid)
        assert review.meeting_started_at and review.share_safe
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "SHARE-SAFE" in bar_text(app)

        await pilot.press("f4")
        await pilot.pause()
        assert [s.phase for s in service.store.list_phase_spans(rid)] == ["open", "walk_timeline"]
        assert "Walk the timeline" in bar_text(app)

        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, IdeaEntry)
        await type_text(pilot, "alert on consumer lag")
        await pilot.press("enter")
        await pilot.pause()
        assert [i.text for i in service.parked(rid)] == ["alert on consumer lag"]

        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, ParkingLotScreen)
        await pilot.press("escape", "ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ParticipantsScreen)
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, CloseMeetingScreen)
        await type_text(pilot, "3")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        review = service.review(rid)
        assert review.meeting_ended_at and review.status == "closed" and review.learned_yes == 3
        assert all(s.ended_at for s in service.store.list_phase_spans(rid))
        await pilot.press("escape")
        await pilot.pause()
        assert "Closed · 0 min" in bar_text(app)

        await pilot.press("ctrl+u")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)


async def test_a_full_room_keeps_the_phase_minutes_by_using_first_names(service, db_path):
    rid = service.create_review("Queue backlog").id
    for name, role in [("Elif Yıldız", "incident_commander"), ("Jonas Brandt", "responder"),
                       ("Maya Li", "responder"), ("Priya Raman", "subject_expert"),
                       ("Maya Wu", "observer"), ("Ana Costa", "facilitator")]:
        service.add_participant(rid, name, role)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        line = bar_text(app).splitlines()[1]
        assert "Walk 21′" in line
        assert "○ Elif IC" in line and "○ Jonas Resp" in line
        # Two Mayas: both keep their full names.
        assert "○ Maya Li Resp" in line and "○ Maya Wu Obs" in line
        assert "Ana" not in line


def key_bar_text(app) -> str:
    from facilitator_tui.widgets.key_bar import KeyBar

    bar = app.screen.query_one(KeyBar)
    return "".join(strip.text for strip in bar.render_lines(bar.region.reset_offset))


async def test_the_key_bar_offers_what_fits_the_meeting(service, db_path):
    rid = service.create_review("Queue backlog").id
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert "Start meeting" in key_bar_text(app) and "Close meeting" not in key_bar_text(app)
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "Start meeting" not in key_bar_text(app) and "Close meeting" in key_bar_text(app)
        await pilot.press("f2")  # nothing to start: the room stays on the review
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, CloseMeetingScreen)


async def test_the_phase_bar_keeps_every_phase_in_its_column(service, db_path):
    rid = service.create_review("Queue backlog").id
    service.start_meeting(rid)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    labels = ("Open", "Walk", "Check", "Themes", "Loose ends", "Actions", "Close")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        columns = []
        for _ in range(4):
            line = bar_text(app).splitlines()[1]
            columns.append([line.index(label) for label in labels])
            await pilot.press("f4")
            await pilot.pause()
        assert service.review(rid).current_phase == "loose_ends"
        assert all(found == columns[0] for found in columns), columns
