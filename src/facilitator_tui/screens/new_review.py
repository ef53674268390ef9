"""The form for a new review (or renaming one): title, incident start, time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from facilitator_tui.timeparse import parse_timestamp, zone
from facilitator_tui.widgets.guard import guarded


@dataclass
class ReviewDraft:
    title: str
    start: datetime | None
    tz: str


class NewReviewModal(ModalScreen[ReviewDraft | None]):
    DEFAULT_CSS = """
    NewReviewModal { align: center middle; }
    NewReviewModal > Vertical {
        width: 72; height: auto; padding: 1 2; border: thick $primary; background: $panel;
    }
    NewReviewModal Label { margin-top: 1; }
    NewReviewModal #error { color: $error; height: auto; }
    NewReviewModal .hint { color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, heading: str = "New review", title: str = "", start: str = "",
                 tz: str = "UTC", title_only: bool = False) -> None:
        super().__init__()
        self.heading, self.initial = heading, (title, start, tz)
        self.title_only = title_only

    @guarded
    def compose(self) -> ComposeResult:
        title, start, tz = self.initial
        with Vertical():
            yield Static(self.heading, classes="heading", markup=False)
            yield Label("Title")
            yield Input(title, id="title", placeholder="e.g. Checkout errors during the winter sale")
            if not self.title_only:
                yield Label("Incident start (optional)")
                yield Input(start, id="start", placeholder="2026-11-20 23:10 or ISO 8601")
                yield Label("Time zone")
                yield Input(tz, id="tz", placeholder="Europe/Berlin")
            yield Static("Enter to save · Escape to cancel", classes="hint")
            yield Static("", id="error", markup=False)

    @guarded
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        title = self.query_one("#title", Input).value.strip()
        error = self.query_one("#error", Static)
        if not title:
            error.update("A review needs a title.")
            return
        if self.title_only:
            self.dismiss(ReviewDraft(title, None, "UTC"))
            return
        tz_name = self.query_one("#tz", Input).value.strip() or "UTC"
        raw_start = self.query_one("#start", Input).value.strip()
        try:
            tz = zone(tz_name)
            start = parse_timestamp(raw_start, tz) if raw_start else None
        except ValueError as exc:
            error.update(str(exc))
            return
        self.dismiss(ReviewDraft(title, start, tz_name))

    @guarded
    def action_cancel(self) -> None:
        self.dismiss(None)
