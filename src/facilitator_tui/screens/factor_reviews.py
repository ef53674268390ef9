"""The reviews that ticked one contributing factor, newest first; Enter opens one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from facilitator_tui.library.rows import ReportReview
from facilitator_tui.safe_text import single_line
from facilitator_tui.widgets.guard import guarded
from facilitator_tui.widgets.row_list import Row, RowList


class FactorReviewsScreen(ModalScreen[int | None]):
    """Dismisses with the id of the review to open, or None."""

    DEFAULT_CSS = """
    FactorReviewsScreen { align: center middle; }
    FactorReviewsScreen > Vertical {
        width: 100; max-width: 95%; height: 80%; max-height: 95%; padding: 0 1;
        border: thick $primary; background: $panel;
    }
    FactorReviewsScreen .heading { text-style: bold; margin: 1 0 0 0; }
    FactorReviewsScreen .hint { color: $text-muted; margin-bottom: 1; }
    """
    BINDINGS = [
        Binding("escape", "close", "Close"),
    ]

    def __init__(self, factor_name: str, reviews: list[ReportReview]) -> None:
        super().__init__()
        self.factor_name = factor_name
        self.reviews = sorted(reviews, key=lambda r: (r.day, r.id), reverse=True)

    @guarded
    def compose(self) -> ComposeResult:
        count = len(self.reviews)
        with Vertical():
            yield Static(Content(f"{single_line(self.factor_name)}: ticked in {count} "
                                 f"review{'s' if count != 1 else ''}"), classes="heading")
            yield Static("Enter opens a review · Escape goes back", classes="hint", markup=False)
            yield RowList(id="factor-reviews")

    @guarded
    def on_mount(self) -> None:
        listing = self.query_one(RowList)
        listing.set_rows([
            Row(Content(f"{r.day.date().isoformat()}  {single_line(r.title)}  ({r.status})"),
                id=str(r.id))
            for r in self.reviews
        ])
        if self.reviews:
            listing.highlighted = 0
        listing.focus()

    @on(RowList.Selected, "#factor-reviews")
    @guarded
    def _chosen(self, event: RowList.Selected) -> None:
        event.stop()
        self.dismiss(int(event.row.id or 0) or None)

    @guarded
    def action_close(self) -> None:
        self.dismiss(None)


__all__ = ["FactorReviewsScreen"]
