"""Choose the event a note belongs to, or none: the events around a time, and "No event".

A note stays on whatever event was highlighted when it was typed; afterwards it
often belongs elsewhere. The picker lists the events around the note's own
event (or the timeline's highlighted one) and, for anything further away, the
events around a time typed in the box. It writes nothing: it dismisses with
`Picked(event_id)` (None for no event), or None when cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from facilitator_tui.errors import FacilitatorError
from facilitator_tui.models import Event
from facilitator_tui.safe_text import single_line
from facilitator_tui.timeparse import format_local
from facilitator_tui.widgets.guard import guarded
from facilitator_tui.widgets.literal_input import LiteralInput
from facilitator_tui.widgets.row_list import Row, RowList

if TYPE_CHECKING:
    from facilitator_tui.app import FacilitatorApp
    from facilitator_tui.service import ReviewService

NO_EVENT = "no-event"


@dataclass(frozen=True)
class Picked:
    event_id: int | None


class EventPicker(ModalScreen[Picked | None]):
    app: FacilitatorApp

    DEFAULT_CSS = """
    EventPicker { align: center middle; }
    EventPicker > Vertical {
        width: 100; max-width: 95%; height: auto; max-height: 90%; padding: 1 2;
        border: thick $primary; background: $panel;
    }
    EventPicker RowList { height: auto; max-height: 14; margin-top: 1; }
    EventPicker .hint { color: $text-muted; margin-top: 1; }
    EventPicker #picker-error { color: $error; height: auto; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+g", "go_to_time", "Events around a time"),
    ]

    def __init__(self, review_id: int, *, current: int | None, highlighted: Event | None,
                 share_safe: bool) -> None:
        super().__init__()
        self.review_id = review_id
        self.current = current
        self.highlighted = highlighted
        self.share_safe = share_safe

    @property
    def service(self) -> ReviewService:
        return self.app.service

    @guarded
    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Which event does this note belong to?", markup=False)
            yield LiteralInput(id="picker-time",
                               placeholder="A time, e.g. 00:20 or 2026-11-21 00:20 · Enter lists the events there")
            yield Static("", id="picker-error", markup=False)
            yield RowList(id="picker-events")
            yield Static("↑/↓ choose · Enter links the note · Tab to the time box · Escape cancels",
                         classes="hint", markup=False)

    @guarded
    def on_mount(self) -> None:
        review = self.service.review(self.review_id)
        self.zone = review.zone
        around: datetime | None = None
        if self.current is not None:
            try:
                around = self.service.event(self.current).at
            except FacilitatorError:
                around = None
        if around is None and self.highlighted is not None:
            around = self.highlighted.at
        self._list(around or review.incident_start)
        self.query_one("#picker-events", RowList).focus()

    def _list(self, around: datetime | None) -> None:
        events = self.service.events_around(self.review_id, around, include_private=not self.share_safe) \
            if around is not None else []
        rows = [Row(Content("No event: a note about the review as a whole"), id=NO_EVENT)]
        for event in events:
            marks = []
            if event.id == self.current:
                marks.append("now linked")
            if self.highlighted is not None and event.id == self.highlighted.id:
                marks.append("highlighted in the timeline")
            who = f"{single_line(event.actor)}: " if event.actor else ""
            # The marks before the text, which a long message would otherwise push off the row.
            parts: list[tuple[str, str] | str] = [f"{format_local(event.at, self.zone, with_date=True)}  "]
            if marks:
                parts.append((f"({', '.join(marks)}) ", "bold"))
            parts.append(f"{who}{single_line(event.text)}")
            rows.append(Row(Content.assemble(*parts), id=str(event.id)))
        listing = self.query_one("#picker-events", RowList)
        listing.set_rows(rows)
        wanted = self.current if self.current is not None else (
            self.highlighted.id if self.highlighted is not None else None)
        index = listing.index_of(str(wanted)) if wanted is not None else None
        listing.highlighted = index if index is not None else (1 if len(rows) > 1 else 0)

    @on(Input.Submitted, "#picker-time")
    @guarded
    def _time_typed(self, event: Input.Submitted) -> None:
        event.stop()
        error = self.query_one("#picker-error", Static)
        try:
            moment = self.service.parse_time(self.review_id, event.value)
        except ValueError as exc:
            error.update(single_line(str(exc)))
            return
        error.update("")
        self._list(moment)
        self.query_one("#picker-events", RowList).focus()

    @on(RowList.Selected, "#picker-events")
    @guarded
    def _chosen(self, event: RowList.Selected) -> None:
        event.stop()
        row_id = event.row.id
        self.dismiss(Picked(None if row_id == NO_EVENT or row_id is None else int(row_id)))

    @guarded
    def action_go_to_time(self) -> None:
        self.query_one("#picker-time", Input).focus()

    @guarded
    def action_cancel(self) -> None:
        self.dismiss(None)


__all__ = ["EventPicker", "Picked"]
