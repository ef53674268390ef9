"""The verbs of the product, against a real database file."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from facilitator_tui.export import from_json, to_json
from facilitator_tui.service import ReviewService, ServiceError

START = datetime(2026, 11, 20, 22, 50, tzinfo=UTC)


@pytest.fixture
def rid(service) -> int:
    return service.create_review("Queue backlog", start=START, tz="Europe/Berlin").id


def test_times_typed_as_clock_land_on_the_incident_day_in_its_zone(service, rid):
    assert service.parse_time(rid, "23:58") == datetime(2026, 11, 20, 22, 58, tzinfo=UTC)
    assert service.parse_time(rid, "2026-11-21 00:10") == datetime(2026, 11, 20, 23, 10, tzinfo=UTC)
    assert service.parse_time(rid, "2026-11-21T00:10:00Z") == datetime(2026, 11, 21, 0, 10, tzinfo=UTC)
    with pytest.raises(ValueError):
        service.parse_time(rid, "25:61")


def test_live_event_defaults_to_now_and_can_be_edited(service, rid):
    event = service.add_event(rid, "Rolled back the deploy", actor="Ana")
    assert event.id and abs((datetime.now(UTC) - event.at).total_seconds()) < 60
    service.edit_event(event.id, text="Rolled back deploy 4711", at=START)
    stored = service.store.get_event(event.id)
    assert (stored.text, stored.at) == ("Rolled back deploy 4711", START)
    assert service.toggle_key_moment(event.id).key_moment is True
    service.set_hidden(event.id)
    assert service.event_count(rid) == 0


def test_empty_event_or_note_is_refused(service, rid):
    with pytest.raises(ServiceError):
        service.add_event(rid, "   ")
    with pytest.raises(ServiceError):
        service.add_note(rid, "")


def test_quick_note_reads_prefix_and_mention(service, rid):
    service.add_participant(rid, "Ana Lima", "incident_commander")
    note = service.add_quick_note(rid, "a: add a p99 panel owner:ana due:2026-12-05 @ana")
    assert (note.kind, note.text, note.owner, note.due) == ("action", "add a p99 panel", "Ana Lima",
                                                             date(2026, 12, 5))
    assert note.participant_id == service.participants(rid)[0].id


def test_participants_add_rename_role_remove(service, rid):
    person = service.add_participant(rid, "  Bo   Chen ")
    assert person.name == "Bo Chen"
    with pytest.raises(ServiceError, match="already"):
        service.add_participant(rid, "bo chen")
    service.update_participant(person.id, name="Bo Chén", role="subject_expert")
    [stored] = service.participants(rid)
    assert (stored.name, stored.role) == ("Bo Chén", "subject_expert")
    note = service.add_note(rid, "the queue looked normal", participant_id=person.id)
    service.remove_participant(person.id)
    assert service.participants(rid) == []
    assert service.store.get_note(note.id).participant_id is None  # the note stays


def test_factors_toggle_note_and_custom(service, rid):
    catalog = service.factor_catalog(rid)
    assert {"production-pressure", "time-of-day"} <= {f.id for f in catalog}
    service.toggle_factor(rid, "production-pressure")
    service.set_factor(rid, "production-pressure", note="winter sale started at midnight")
    state = service.review_factors(rid)["production-pressure"]
    assert state.ticked and state.note == "winter sale started at midnight"
    service.toggle_factor(rid, "production-pressure")
    assert service.review_factors(rid)["production-pressure"].ticked is False
    custom = service.add_custom_factor(rid, "Vendor status page lagged", "technology")
    assert custom in service.factor_catalog(rid)
    assert service.review_factors(rid)[custom.id].ticked


def test_prompts_asked_starred_and_custom(service, rid):
    deck = service.prompt_deck(rid)
    first = deck[0].id
    assert service.toggle_asked(rid, first).asked_at is not None
    assert service.toggle_star(rid, first).starred is True
    assert service.toggle_asked(rid, first).asked_at is None
    mine = service.add_custom_prompt(rid, "What did the first page tell you?", "noticing", ["walk_timeline"])
    assert service.prompt_deck(rid)[-1] == mine


def test_meeting_from_start_to_close(service, rid):
    review = service.start_meeting(rid)
    assert review.status == "meeting" and review.share_safe and review.meeting_started_at
    service.step_phase(rid, 1)
    service.set_phase(rid, "actions")
    idea = service.park_idea(rid, "Alert on queue age, not depth")
    action = service.parked_to_action(rid, idea.id, owner="Ana", due=date(2026, 12, 1))
    assert action.kind == "action" and action.owner == "Ana"
    assert service.parked(rid)[0].action_note_id == action.id
    with pytest.raises(ServiceError):
        service.parked_to_action(rid, idea.id)
    closed = service.close_meeting(rid, learned_yes=5, learned_no=1, again_yes=6, again_no=0)
    assert closed.status == "closed" and closed.meeting_ended_at
    spans = service.store.list_phase_spans(rid)
    assert [s.phase for s in spans] == ["open", "walk_timeline", "actions"]
    assert all(s.ended_at for s in spans)
    assert (closed.learned_yes, closed.again_yes) == (5, 6)


def test_closing_before_starting_is_refused(service, rid):
    with pytest.raises(ServiceError, match="not started"):
        service.close_meeting(rid)


def test_unknown_review_is_a_clear_error(service):
    with pytest.raises(ServiceError, match="no review with id 404"):
        service.review(404)


def test_demo_loads_once_with_everything(service):
    rid, created = service.load_demo()
    assert created
    assert service.load_demo() == (rid, False)
    snap = service.snapshot(rid)
    assert len(snap.events) >= 60 and len(snap.participants) == 5
    assert {n.kind for n in snap.notes} == {"observation", "insight", "question", "action", "private"}
    assert any(rf.ticked and rf.note for rf in snap.review_factors)
    days = {e.at.astimezone(snap.review.zone).date() for e in snap.events}
    assert len(days) >= 2  # spans midnight


def test_restore_round_trip_into_an_empty_database(service, tmp_path):
    rid, _ = service.load_demo()
    first = to_json(service.snapshot(rid, portable=True), exported_at=None)
    other = ReviewService.open(tmp_path / "other.db")
    new_id = other.restore(from_json(first))
    assert to_json(other.snapshot(new_id, portable=True), exported_at=None) == first


def test_restoring_twice_into_one_database_keeps_reviews_apart(service):
    rid, _ = service.load_demo()
    snap = from_json(to_json(service.snapshot(rid)))
    second = service.restore(snap)
    assert second != rid
    assert len(service.snapshot(second).events) == len(service.snapshot(rid).events)
    service.delete_review(second)
    assert len(service.snapshot(rid).notes) == len(snap.notes)


def test_quick_note_owner_with_spaces_and_a_due_date_in_words(service, rid):
    service.add_participant(rid, "Ana Lima")
    note = service.add_quick_note(rid, "a: add a p99 panel owner:Ana Lima due:+7d")
    stored = service.notes(rid)[-1]
    assert (stored.text, stored.owner) == ("add a p99 panel", "Ana Lima")
    assert stored.due is not None and stored.due == note.due
    with pytest.raises(ServiceError, match="due:soonish cannot be read"):
        service.add_quick_note(rid, "a: write it down due:soonish")
    assert len(service.notes(rid)) == 1


def test_an_unknown_mention_becomes_a_participant_on_request(service, rid):
    note = service.add_quick_note(rid, "@Nobody the dashboards lied")
    assert note.participant_id is None and note.text == "@Nobody the dashboards lied"
    credited = service.credit_new_participant(note.id, "Nobody")
    [person] = service.participants(rid)
    assert person.name == "Nobody"
    stored = service.notes(rid)[0]
    assert (stored.participant_id, stored.text) == (person.id, "the dashboards lied") == (
        credited.participant_id, credited.text)
    with pytest.raises(ServiceError, match="already a participant"):
        service.credit_new_participant(note.id, "nobody")
