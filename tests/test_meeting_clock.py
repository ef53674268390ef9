"""Pure meeting math: the clock, time per phase, the figures of a meeting, due dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from facilitator_tui.meeting.clock import (
    clock_face,
    open_span,
    phase_durations,
    read_clock,
    whole_minutes,
)
from facilitator_tui.meeting.figures import meeting_figures
from facilitator_tui.models import (
    Factor,
    Note,
    ParkedIdea,
    Participant,
    PhaseSpan,
    Prompt,
    PromptState,
    Review,
    ReviewFactor,
    ReviewSnapshot,
)
from facilitator_tui.screens.parking_lot import parse_due

T0 = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
MINUTES = {"open": 5, "walk_timeline": 20, "check_timeline": 8, "themes": 12,
           "loose_ends": 4, "actions": 7, "close": 4}


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def running_review(**kwargs) -> Review:
    return Review(title="Queue backlog", meeting_started_at=T0, timebox_minutes=60, **kwargs)


def test_before_the_meeting_the_clock_has_not_started():
    reading = read_clock(Review(title="x"), [], MINUTES, at(3))
    assert reading.state == "not_started"
    assert reading.elapsed == 0 and not reading.phase_over and not reading.meeting_over


def test_time_left_in_the_phase_counts_from_the_open_span():
    spans = [PhaseSpan(phase="open", started_at=T0, ended_at=at(6)),
             PhaseSpan(phase="walk_timeline", started_at=at(6))]
    reading = read_clock(running_review(current_phase="walk_timeline"), spans, MINUTES, at(16))
    assert reading.state == "running"
    assert reading.elapsed == 16 * 60
    assert reading.phase == "walk_timeline"
    assert reading.phase_elapsed == 10 * 60
    assert reading.phase_left == 10 * 60
    assert reading.meeting_left == 44 * 60
    assert not reading.phase_over


def test_a_phase_that_runs_long_is_over_by_whole_minutes():
    spans = [PhaseSpan(phase="open", started_at=T0)]
    reading = read_clock(running_review(), spans, MINUTES, at(8))
    assert reading.phase_over
    assert reading.phase_left == -3 * 60
    assert whole_minutes(reading.phase_left) == 3
    assert not reading.meeting_over


def test_the_meeting_over_its_timebox():
    spans = [PhaseSpan(phase="close", started_at=at(60))]
    reading = read_clock(running_review(current_phase="close"), spans, MINUTES, at(65))
    assert reading.meeting_over and reading.meeting_left == -5 * 60


def test_a_closed_meeting_reports_its_length_and_stops_counting():
    review = running_review(meeting_ended_at=at(58))
    reading = read_clock(review, [], MINUTES, at(500))
    assert reading.state == "closed"
    assert whole_minutes(reading.elapsed) == 58
    assert not reading.phase_over


def test_the_clock_never_counts_backwards_when_the_computer_clock_does():
    reading = read_clock(running_review(), [PhaseSpan(phase="open", started_at=T0)], MINUTES, at(-2))
    assert reading.elapsed == 0 and reading.phase_elapsed == 0


def test_phase_durations_add_up_revisits_and_count_the_open_span_to_now():
    spans = [PhaseSpan(phase="open", started_at=T0, ended_at=at(5)),
             PhaseSpan(phase="walk_timeline", started_at=at(5), ended_at=at(25)),
             PhaseSpan(phase="open", started_at=at(25), ended_at=at(27)),
             PhaseSpan(phase="walk_timeline", started_at=at(27))]
    assert open_span(spans) is spans[-1]
    totals = phase_durations(spans, at(30))
    assert totals["open"] == 7 * 60
    assert totals["walk_timeline"] == 23 * 60
    assert totals["close"] == 0


@pytest.mark.parametrize(("seconds", "face"), [(0, "0:00"), (59, "0:59"), (61, "1:01"),
                                               (3600, "1:00:00"), (3725, "1:02:05"), (-90, "1:30")])
def test_clock_face(seconds, face):
    assert clock_face(seconds) == face


def test_whole_minutes_rounds_to_the_nearest_minute():
    assert [whole_minutes(s) for s in (0, 29, 30, 89, 90, -150)] == [0, 0, 1, 1, 2, 3]


def test_meeting_figures_from_a_snapshot():
    review = running_review(meeting_ended_at=at(50), current_phase="close",
                            learned_yes=6, learned_no=1, again_yes=5, again_no=2)
    snap = ReviewSnapshot(
        review=review,
        participants=[Participant(id=1, name="Ana"), Participant(id=2, name="Bo"),
                      Participant(id=3, name="Chidi")],
        notes=[Note(text="a", participant_id=1), Note(text="b", participant_id=1, kind="insight"),
               Note(text="c", participant_id=3, kind="action"), Note(text="d", kind="private")],
        factors=[Factor(id="fatigue", group="people", name="Fatigue"),
                 Factor(id="handoff", group="organisation", name="Handoffs")],
        review_factors=[ReviewFactor(factor_id="fatigue", ticked=True),
                        ReviewFactor(factor_id="handoff", ticked=False)],
        prompts=[Prompt(id="p1", text="What did you see first?", theme="noticing"),
                 Prompt(id="p2", text="What surprised you?", theme="expectations")],
        prompt_states=[PromptState(prompt_id="p2", asked_at=at(20)),
                       PromptState(prompt_id="p1", asked_at=at(10)),
                       PromptState(prompt_id="p3", starred=True)],
        parked=[ParkedIdea(text="alert on lag", action_note_id=3), ParkedIdea(text="runbook")],
        phase_spans=[PhaseSpan(phase="open", started_at=T0, ended_at=at(4)),
                     PhaseSpan(phase="walk_timeline", started_at=at(4), ended_at=at(50))],
    )
    figures = meeting_figures(snap, MINUTES, now=at(999))
    assert figures.duration_seconds == 50 * 60
    phases = {p.phase: p for p in figures.phases}
    assert phases["walk_timeline"].actual_seconds == 46 * 60
    assert phases["walk_timeline"].suggested_minutes == 20
    assert figures.prompts_asked == ["What did you see first?", "What surprised you?"]
    assert figures.notes_by_kind == {"observation": 1, "insight": 1, "question": 0, "action": 1,
                                     "private": 1}
    assert figures.factors_ticked == ["Fatigue"]
    assert figures.spoke == ["Ana", "Chidi"] and figures.silent == ["Bo"]
    assert (figures.learned_yes, figures.learned_no, figures.again_yes, figures.again_no) == (6, 1, 5, 2)
    assert (figures.parked, figures.parked_to_action) == (2, 1)


def test_due_dates_are_optional_but_must_be_yyyy_mm_dd():
    assert parse_due("") is None
    assert parse_due(" 2026-12-01 ") == date(2026, 12, 1)
    for bad in ("2026-13-01", "20261201", "tomorrow", "2026-2-1"):
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            parse_due(bad)
