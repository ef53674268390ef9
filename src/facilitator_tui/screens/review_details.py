"""The review's details after `new`: title, summary, incident window, zone, facilitator,
timebox and status, in one form.

Times are typed in the zone the form names (a changed zone reads them in the
new one). Nothing is written until ctrl+s (or Enter in a one-line field), and
then only if every field reads: otherwise one line says what is wrong and the
form stays as typed. The status uses the same words as `facilitator list`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static, TextArea

from facilitator_tui.errors import FacilitatorError
from facilitator_tui.models import REVIEW_STATUSES, Review, status_label
from facilitator_tui.safe_text import single_line, visible
from facilitator_tui.timeparse import format_local, parse_timestamp, zone
from facilitator_tui.widgets.guard import guarded
from facilitator_tui.widgets.literal_input import LiteralInput
from facilitator_tui.widgets.literal_text_area import LiteralTextArea

if TYPE_CHECKING:
    from facilitator_tui.app import FacilitatorApp
    from facilitator_tui.service import ReviewService


class ReviewDetails(ModalScreen[Review | None]):
    """Dismisses with the saved review, or None when closed without saving."""

    app: FacilitatorApp

    DEFAULT_CSS = """
    ReviewDetails { align: center middle; }
    ReviewDetails > VerticalScroll {
        width: 90; max-width: 95%; height: auto; max-height: 95%; padding: 0 2 1 2;
        border: thick $primary; background: $panel;
    }
    ReviewDetails .heading { text-style: bold; margin-top: 1; }
    ReviewDetails Label { margin-top: 1; }
    ReviewDetails TextArea { height: 5; }
    ReviewDetails Horizontal { height: auto; }
    ReviewDetails Horizontal > Vertical { width: 1fr; height: auto; padding-right: 1; }
    ReviewDetails #details-error { color: $error; height: auto; }
    ReviewDetails .hint { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Close without saving"),
    ]

    def __init__(self, review_id: int) -> None:
        super().__init__()
        self.review_id = review_id

    @property
    def service(self) -> ReviewService:
        return self.app.service

    @guarded
    def compose(self) -> ComposeResult:
        review = self.review = self.service.review(self.review_id)
        tz = review.zone

        def when(moment: datetime | None) -> str:
            return format_local(moment, tz, with_date=True) if moment else ""

        # Stored text may hold control characters: shown visibly, never sent to the terminal.
        with VerticalScroll():
            yield Static("Review details", classes="heading", markup=False)
            yield Static("", id="details-error", markup=False)
            yield Label("Title")
            yield LiteralInput(single_line(review.title), id="details-title")
            yield Label("Summary: what happened, in a few sentences")
            yield LiteralTextArea(id="details-summary", soft_wrap=True, show_line_numbers=False)
            with Horizontal():
                with Vertical():
                    yield Label("Incident start")
                    yield LiteralInput(when(review.incident_start), id="details-start",
                                       placeholder="2026-11-20 23:10")
                with Vertical():
                    yield Label("Incident end")
                    yield LiteralInput(when(review.incident_end), id="details-end",
                                       placeholder="optional")
                with Vertical():
                    yield Label("Time zone")
                    yield LiteralInput(review.timezone, id="details-zone", placeholder="Europe/Berlin")
            with Horizontal():
                with Vertical():
                    yield Label("Facilitator")
                    yield LiteralInput(single_line(review.facilitator), id="details-facilitator")
                with Vertical():
                    yield Label("Timebox (minutes)")
                    yield LiteralInput(str(review.timebox_minutes), id="details-timebox")
                with Vertical():
                    yield Label("Status")
                    yield Select([(status_label(s), s) for s in REVIEW_STATUSES], value=review.status,
                                 allow_blank=False, id="details-status")
            yield Static("ctrl+s saves (or Enter in a one-line field) · Escape closes without saving · "
                         "times are read in the time zone above", classes="hint", markup=False)

    @guarded
    def on_mount(self) -> None:
        area = self.query_one("#details-summary", TextArea)
        with area.prevent(TextArea.Changed):
            area.load_text(visible(self.review.summary))
        self.query_one("#details-title", Input).focus()

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value.strip()

    def _read(self) -> dict:
        """The form as service arguments; ValueError names the field that does not read."""
        tz_name = self._value("#details-zone") or "UTC"
        tz = zone(tz_name)
        times: dict[str, datetime | None] = {}
        for key, selector, what in (("start", "#details-start", "incident start"),
                                    ("end", "#details-end", "incident end")):
            raw = self._value(selector)
            try:
                times[key] = parse_timestamp(raw, tz) if raw else None
            except ValueError as exc:
                raise ValueError(f"{what}: {exc}; write it like 2026-11-20 23:10") from None
        raw_box = self._value("#details-timebox")
        try:
            timebox = int(raw_box)
        except ValueError:
            raise ValueError(f"timebox: {raw_box!r} is not a number of minutes") from None
        return {
            "title": self._value("#details-title"),
            "summary": self.query_one("#details-summary", TextArea).text,
            "tz": tz_name, "facilitator": self._value("#details-facilitator"),
            "timebox_minutes": timebox, "status": str(self.query_one("#details-status", Select).value),
            **times,
        }

    @on(Input.Submitted)
    @guarded
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Input.Changed)
    @guarded
    def _edited(self) -> None:
        self.query_one("#details-error", Static).update("")

    @guarded
    def action_save(self) -> None:
        error = self.query_one("#details-error", Static)
        try:
            saved = self.service.update_details(self.review_id, **self._read())
        except (ValueError, FacilitatorError) as exc:
            error.update(single_line(str(exc)))
            self.query_one(VerticalScroll).scroll_home(animate=False)
            return
        self.dismiss(saved)

    @guarded
    def action_cancel(self) -> None:
        self.dismiss(None)


__all__ = ["ReviewDetails"]
