"""The meeting in figures, from a review snapshot: time per phase, prompts, notes, voices, answers.

Pure: a snapshot in, a `MeetingFigures` out; the summary screen shows it. Who
"spoke" means someone with at least one note attributed to them; it counts
voices heard in the notes, never judges anyone's contribution.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from facilitator_tui.meeting.clock import phase_durations
from facilitator_tui.models import NOTE_KINDS, PHASES, ReviewSnapshot, utc_now


@dataclass(frozen=True)
class PhaseFigure:
    phase: str
    actual_seconds: int
    suggested_minutes: int


@dataclass(frozen=True)
class MeetingFigures:
    started_at: datetime | None
    ended_at: datetime | None
    duration_seconds: int
    phases: list[PhaseFigure]
    prompts_asked: list[str]
    notes_by_kind: dict[str, int]
    factors_ticked: list[str]
    spoke: list[str]
    silent: list[str]
    learned_yes: int = 0
    learned_no: int = 0
    again_yes: int = 0
    again_no: int = 0
    parked: int = 0
    parked_to_action: int = 0


def meeting_figures(snap: ReviewSnapshot, suggested: dict[str, int],
                    now: datetime | None = None) -> MeetingFigures:
    """Figures for `snap`; `suggested` is the minutes per phase, `now` ends a running meeting."""
    review = snap.review
    now = now or utc_now()
    end = review.meeting_ended_at or now
    duration = 0
    if review.meeting_started_at:
        duration = max(0, int((end - review.meeting_started_at).total_seconds()))
    spent = phase_durations(snap.phase_spans, end)
    phases = [PhaseFigure(p, spent[p], suggested.get(p, 0)) for p in PHASES]

    prompt_text = {p.id: p.text for p in snap.prompts}
    asked = sorted((s for s in snap.prompt_states if s.asked_at), key=lambda s: s.asked_at or end)
    prompts_asked = [prompt_text.get(s.prompt_id, s.prompt_id) for s in asked]

    notes_by_kind = dict.fromkeys(NOTE_KINDS, 0)
    for note in snap.notes:
        notes_by_kind[note.kind] += 1

    factor_name = {f.id: f.name for f in snap.factors}
    factors_ticked = [factor_name.get(rf.factor_id, rf.factor_id)
                      for rf in snap.review_factors if rf.ticked]

    voices = {n.participant_id for n in snap.notes if n.participant_id}
    spoke = [p.name for p in snap.participants if p.id in voices]
    silent = [p.name for p in snap.participants
              if p.id not in voices and p.role != "facilitator"]

    return MeetingFigures(
        started_at=review.meeting_started_at,
        ended_at=review.meeting_ended_at,
        duration_seconds=duration,
        phases=phases,
        prompts_asked=prompts_asked,
        notes_by_kind=notes_by_kind,
        factors_ticked=factors_ticked,
        spoke=spoke,
        silent=silent,
        learned_yes=review.learned_yes,
        learned_no=review.learned_no,
        again_yes=review.again_yes,
        again_no=review.again_no,
        parked=len(snap.parked),
        parked_to_action=sum(1 for i in snap.parked if i.action_note_id),
    )
