"""The export's closing section, "About this review": the meeting in figures, written out.

The figures come from `meeting_figures`, the same ones the summary screen shows,
computed on the snapshot as exported (so a copy without private notes does not
count them). Voices are counted from attributed notes only: the section says
whose notes were recorded, and judges no one's part in the conversation.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from facilitator_tui.export.escape import markdown_escape
from facilitator_tui.meeting.clock import whole_minutes
from facilitator_tui.meeting.figures import MeetingFigures, meeting_figures
from facilitator_tui.meeting.plan import suggest_timeboxes
from facilitator_tui.models import PHASE_LABELS, ReviewSnapshot

NOTE_WORDS = {
    "observation": ("observation", "observations"),
    "insight": ("insight", "insights"),
    "question": ("question", "questions"),
    "action": ("action item", "action items"),
    "private": ("private note", "private notes"),
}


def counted(count: int, kind: str) -> str:
    one, many = NOTE_WORDS[kind]
    return f"{count} {one if count == 1 else many}"


def duration(seconds: int) -> str:
    if seconds <= 0:
        return "—"
    if seconds < 30:
        return "under a minute"
    return f"{whole_minutes(seconds)} min"


def figures_until(snapshot: ReviewSnapshot) -> datetime | None:
    """Where a meeting's figures end: its close, or for one still running the last saved change.

    Never the wall clock, so the same snapshot always exports the same text.
    """
    review = snapshot.review
    if review.meeting_started_at is None:
        return None
    if review.meeting_ended_at is not None:
        return review.meeting_ended_at
    return max(review.updated_at, review.meeting_started_at)


def about_review(snapshot: ReviewSnapshot, tz: tzinfo, include_private: bool) -> list[str]:
    """The section's blocks: a heading, a list of figures and, once met, time per phase."""
    review = snapshot.review
    until = figures_until(snapshot)
    figures = meeting_figures(
        snapshot, suggest_timeboxes(review.timebox_minutes), now=until or review.updated_at
    )
    blocks = ["## About this review"]
    facts = []
    if until is None:
        blocks.append("*The meeting has not been held yet; these figures come from preparing it.*")
    else:
        facts.append(f"- **Meeting:** {meeting_span(figures, until, tz, review.timezone)}")
    facts.append(f"- **Prompts asked:** {len(figures.prompts_asked)}")
    facts.append(f"- **Notes:** {notes_line(figures, include_private)}")
    facts.append(f"- **Contributing factors ticked:** {len(figures.factors_ticked)}")
    if figures.parked:
        turned = figures.parked_to_action
        became = {0: "none turned into action items yet", 1: "1 turned into an action item"}.get(
            turned, f"{turned} turned into action items")
        facts.append(f"- **Parked ideas:** {figures.parked} ({became})")
    if snapshot.participants:
        spoke = [markdown_escape(name) for name in figures.spoke]
        quiet = [markdown_escape(name) for name in figures.silent]
        facts.append(f"- **Notes attributed to:** {', '.join(spoke) or 'no one yet'}")
        if quiet:
            facts.append(f"- **No notes attributed to:** {', '.join(quiet)}")
    if until is not None:
        facts.append(f"- **Did you learn something?** yes {figures.learned_yes} · "
                     f"no {figures.learned_no}")
        facts.append(f"- **Would you come to another one of these?** yes {figures.again_yes} · "
                     f"no {figures.again_no}")
    blocks.append("\n".join(facts))
    if until is not None:
        rows = ["| Phase | Time spent | Suggested |", "| --- | ---: | ---: |"]
        rows += [
            f"| {PHASE_LABELS[p.phase]} | {duration(p.actual_seconds)} | {p.suggested_minutes} min |"
            for p in figures.phases
        ]
        blocks.append("\n".join(rows))
    return blocks


def notes_line(figures: MeetingFigures, include_private: bool) -> str:
    kinds = [k for k in NOTE_WORDS if k != "private" or include_private]
    total = sum(figures.notes_by_kind.get(k, 0) for k in kinds)
    parts = ", ".join(counted(figures.notes_by_kind.get(k, 0), k) for k in kinds)
    return f"{total} ({parts})"


def meeting_span(figures: MeetingFigures, until: datetime, tz: tzinfo, zone_name: str) -> str:
    start = (figures.started_at or until).astimezone(tz)
    end = until.astimezone(tz)
    end_text = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%Y-%m-%d %H:%M}"
    span = f"{start:%Y-%m-%d %H:%M} – {end_text} {markdown_escape(zone_name)}"
    length = duration(figures.duration_seconds)
    if figures.ended_at is None:
        return f"{span}, still open ({length} up to the last saved change)"
    return f"{span} ({length})"
