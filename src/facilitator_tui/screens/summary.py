"""The meeting summary: where the time went, what was asked and noted, whose voices were heard.

Shown after the meeting closes and any time with ctrl+u (a running meeting is
summarised up to now). Everything is literal text; counts only, no note text,
so it is safe on a shared screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from facilitator_tui.meeting.clock import clock_face, whole_minutes
from facilitator_tui.meeting.figures import MeetingFigures, meeting_figures
from facilitator_tui.meeting.plan import suggest_timeboxes
from facilitator_tui.models import PHASE_LABELS
from facilitator_tui.safe_text import clip, single_line

if TYPE_CHECKING:
    from facilitator_tui.app import FacilitatorApp

KIND_LABELS = {
    "observation": "Observations",
    "insight": "Insights",
    "question": "Open questions",
    "action": "Action items",
    "private": "Private notes (facilitator only)",
}


def _heading(text: Text, title: str) -> None:
    text.append(f"\n{title}\n", style="bold underline")


def _names(names: list[str]) -> str:
    return ", ".join(clip(single_line(n), 40) for n in names)


def summary_text(figures: MeetingFigures, title: str) -> Text:
    """The whole summary as one literal Rich Text (also used by tests)."""
    text = Text()
    text.append("Meeting summary · ", style="bold")
    text.append(single_line(title), style="bold")
    if figures.started_at is None:
        text.append("\nThe meeting has not started yet; F2 starts it.", style="dim")
    elif figures.ended_at is None:
        text.append(f"\nIn progress · {whole_minutes(figures.duration_seconds)} min so far", style="dim")
    else:
        text.append(f"\nClosed · {whole_minutes(figures.duration_seconds)} min", style="dim")

    _heading(text, "Time per phase (actual / suggested)")
    for phase in figures.phases:
        actual = clock_face(phase.actual_seconds) if phase.actual_seconds else "—"
        over = phase.actual_seconds - phase.suggested_minutes * 60
        line = f"  {PHASE_LABELS[phase.phase]:<22} {actual:>8} / {phase.suggested_minutes:>3} min"
        text.append(line)
        if phase.suggested_minutes and over > 60:
            text.append(f"   +{whole_minutes(over)} min", style="yellow")
        text.append("\n")

    _heading(text, f"Prompts asked: {len(figures.prompts_asked)}")
    for prompt in figures.prompts_asked:
        text.append(f"  · {clip(single_line(prompt), 100)}\n")

    _heading(text, f"Notes: {sum(figures.notes_by_kind.values())}")
    for kind, count in figures.notes_by_kind.items():
        text.append(f"  {KIND_LABELS.get(kind, kind):<34} {count:>4}\n")
    if figures.parked:
        text.append(f"  Parked ideas {figures.parked}, of which {figures.parked_to_action} "
                    "became action items\n")

    _heading(text, f"Factors ticked: {len(figures.factors_ticked)}")
    if figures.factors_ticked:
        text.append(f"  {_names(figures.factors_ticked)}\n")

    _heading(text, "Voices in the notes")
    text.append(f"  With notes: {_names(figures.spoke) or 'no one yet'}\n")
    if figures.silent:
        text.append(f"  No notes yet: {_names(figures.silent)}\n", style="dim")

    _heading(text, "The two closing questions")
    text.append(f"  Did you learn something?                   "
                f"yes {figures.learned_yes} · no {figures.learned_no}\n")
    text.append(f"  Would you come to another one of these?    "
                f"yes {figures.again_yes} · no {figures.again_no}\n")
    return text


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

    def compose(self) -> ComposeResult:
        with Vertical():
            with VerticalScroll():
                yield Static(id="summary-body", markup=False)
            yield Static("Escape closes", classes="hint",
                         markup=False)

    def on_mount(self) -> None:
        service = self.app.service
        snap = service.snapshot(self.review_id)
        figures = meeting_figures(snap, suggest_timeboxes(snap.review.timebox_minutes))
        self.query_one("#summary-body", Static).update(summary_text(figures, snap.review.title))

    def action_close(self) -> None:
        self.dismiss(None)
