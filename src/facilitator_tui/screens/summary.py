"""The meeting summary: where the time went, what was asked and noted, whose voices were heard.

Shown after the meeting closes and any time with ctrl+u (a running meeting is
summarised up to now). Everything is literal text; counts only, no note text.
In share-safe view private notes are left out entirely (no count, no voice).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from facilitator_tui.meeting.clock import clock_face, whole_minutes
from facilitator_tui.meeting.figures import MeetingFigures, meeting_figures
from facilitator_tui.meeting.plan import suggest_timeboxes
from facilitator_tui.models import PHASE_LABELS
from facilitator_tui.safe_text import clip, single_line
from facilitator_tui.widgets.guard import guarded

if TYPE_CHECKING:
    from facilitator_tui.app import FacilitatorApp

KIND_LABELS = {
    "observation": "Observations",
    "insight": "Insights",
    "question": "Open questions",
    "action": "Action items",
    "private": "Private notes (facilitator only)",
}


def _heading(title: str) -> Content:
    return Content.styled(f"\n{title}\n", "bold underline")


def _names(names: list[str]) -> str:
    return ", ".join(clip(single_line(n), 40) for n in names)


def summary_text(figures: MeetingFigures, title: str, share_safe: bool = False) -> Content:
    """The whole summary as literal Content: counts and names, never note text; in share-safe
    view, nothing about private notes."""
    parts: list[Content | str | tuple[str, str]] = [
        ("Meeting summary · ", "bold"), (single_line(title), "bold")]
    if figures.started_at is None:
        parts.append(("\nThe meeting has not started yet; F2 starts it.", "dim"))
    elif figures.ended_at is None:
        parts.append((f"\nIn progress · {whole_minutes(figures.duration_seconds)} min so far", "dim"))
    else:
        parts.append((f"\nClosed · {whole_minutes(figures.duration_seconds)} min", "dim"))

    parts.append(_heading("Time per phase (actual / suggested)"))
    for phase in figures.phases:
        actual = clock_face(phase.actual_seconds) if phase.actual_seconds else "—"
        over = phase.actual_seconds - phase.suggested_minutes * 60
        parts.append(f"  {PHASE_LABELS[phase.phase]:<22} {actual:>8} / {phase.suggested_minutes:>3} min")
        if phase.suggested_minutes and over > 60:
            parts.append((f"   +{whole_minutes(over)} min", "$text-warning"))
        parts.append("\n")

    parts.append(_heading(f"Prompts asked: {len(figures.prompts_asked)}"))
    parts.extend(f"  · {clip(single_line(prompt), 100)}\n" for prompt in figures.prompts_asked)

    parts.append(_heading(f"Notes: {sum(figures.notes_by_kind.values())}"))
    parts.extend(f"  {KIND_LABELS.get(kind, kind):<34} {count:>4}\n"
                 for kind, count in figures.notes_by_kind.items()
                 if not (kind == "private" and share_safe))
    if figures.parked:
        parts.append(f"  Parked ideas {figures.parked}, of which {figures.parked_to_action} "
                     "became action items\n")

    parts.append(_heading(f"Factors ticked: {len(figures.factors_ticked)}"))
    if figures.factors_ticked:
        parts.append(f"  {_names(figures.factors_ticked)}\n")

    parts.append(_heading("Voices in the notes"))
    parts.append(f"  With notes: {_names(figures.spoke) or 'no one yet'}\n")
    if figures.silent:
        parts.append((f"  No notes yet: {_names(figures.silent)}\n", "dim"))

    parts.append(_heading("The two closing questions"))
    parts.append(f"  Did you learn something?                   "
                 f"yes {figures.learned_yes} · no {figures.learned_no}\n")
    parts.append(f"  Would you come to another one of these?    "
                 f"yes {figures.again_yes} · no {figures.again_no}\n")
    return Content.assemble(*parts)


class SummaryScreen(ModalScreen[None]):
    app: FacilitatorApp

    DEFAULT_CSS = """
    SummaryScreen { align: center middle; }
    SummaryScreen > Vertical {
        width: 100; max-width: 100%; height: 90%; padding: 1 2;
        border: thick $primary; background: $panel;
    }
    SummaryScreen VerticalScroll { height: 1fr; }
    SummaryScreen .hint { color: $text-muted; height: 1; }
    """
    BINDINGS = [Binding("escape,enter,q", "close", "Close")]

    def __init__(self, review_id: int) -> None:
        super().__init__()
        self.review_id = review_id

    @guarded
    def compose(self) -> ComposeResult:
        with Vertical():
            with VerticalScroll():
                yield Static(id="summary-body", markup=False)
            yield Static("Escape closes", classes="hint",
                         markup=False)

    @guarded
    def on_mount(self) -> None:
        service = self.app.service
        snap = service.snapshot(self.review_id)
        if snap.review.share_safe:
            # While sharing, private notes count for nothing: not a number, not a voice.
            snap = snap.model_copy(update={"notes": [n for n in snap.notes if n.kind != "private"]})
        figures = meeting_figures(snap, suggest_timeboxes(snap.review.timebox_minutes))
        self.query_one("#summary-body", Static).update(summary_text(figures, snap.review.title,
                                                                         snap.review.share_safe))

    @guarded
    def action_close(self) -> None:
        self.dismiss(None)
