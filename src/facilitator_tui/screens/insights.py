"""The insights screen: what the reviews say together, as charts for the whole room.

Contributing factors as bars (how many reviews ticked each), the same factors by
quarter, action items by state, and a line on the meetings. The figures are the
report's (`facilitator report`), worked out in a thread with its own database
connection so the screen never waits on them. Enter on a factor lists the
reviews that ticked it; Enter there opens one.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static
from textual.worker import get_current_worker

if TYPE_CHECKING:
    from facilitator_tui.app import FacilitatorApp

from facilitator_tui.library.report import Report
from facilitator_tui.widgets import insight_charts as charts
from facilitator_tui.widgets.component_styles import ComponentStyle
from facilitator_tui.widgets.guard import guarded
from facilitator_tui.widgets.guard import report as report_error
from facilitator_tui.widgets.key_bar import KeyBar
from facilitator_tui.widgets.row_list import Row, RowList

# The windows `w` steps through: (label, days back from today, or None for all).
WINDOWS: tuple[tuple[str, int | None], ...] = (
    ("all reviews", None), ("the last 12 months", 365), ("the last 90 days", 90),
)


class InsightsScreen(Screen[None]):
    """Charts across reviews; a factor leads to the reviews that ticked it."""

    app: FacilitatorApp

    AUTO_FOCUS = "#insight-factors"
    DEFAULT_CSS = """
    InsightsScreen #insight-summary { height: auto; padding: 0 1; color: $text; }
    InsightsScreen #insight-body { height: 1fr; }
    InsightsScreen .insight-panel {
        border: round $primary; border-title-color: $text-primary; border-title-style: bold;
        border-subtitle-color: $text-muted; padding: 0 1; background: $surface;
    }
    InsightsScreen #insight-factors { width: 1fr; height: 1fr; }
    InsightsScreen #insight-side { width: 1fr; height: 1fr; }
    InsightsScreen #insight-actions { height: auto; }
    InsightsScreen #insight-quarters { height: 1fr; }
    InsightsScreen .insight-panel:focus-within { border: round $accent; }
    """
    BINDINGS = [
        Binding("w", "next_window", "Window: all, 12 months, 90 days"),
        Binding("r", "reload", "Reload figures", show=False),
        Binding("escape", "leave", "Back"),
        Binding("question_mark", "app.help", "Help", show=False),
    ]

    def __init__(self, *, today: date | None = None) -> None:
        super().__init__()
        # The day overdue and the windows count from; fixed in tests and screenshots.
        self.today = today
        self.window = 0
        self.report: Report | None = None
        self._opened_review = False

    @guarded
    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static("Reading the reviews…", id="insight-summary", markup=False)
        with Horizontal(id="insight-body"):
            yield RowList(id="insight-factors", classes="insight-panel",
                          empty_message="No contributing factors were ticked yet.")
            with Vertical(id="insight-side"):
                yield Static("", id="insight-actions", classes="insight-panel", markup=False)
                with VerticalScroll(id="insight-quarters", classes="insight-panel"):
                    yield Static("", id="insight-quarter-chart", markup=False)
        yield KeyBar()

    @guarded
    def on_mount(self) -> None:
        self.title = "Insights across reviews"
        factors = self.query_one("#insight-factors")
        factors.border_title = "Contributing factors"
        factors.border_subtitle = "enter: the reviews that ticked it"
        self.query_one("#insight-actions").border_title = "Action items"
        self.query_one("#insight-quarters").border_title = "Factors by quarter"
        # The rows carry their colours: a new theme needs them drawn again.
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self.load()

    @guarded
    def _theme_changed(self, _theme: object) -> None:
        self.query_one("#insight-factors", RowList).component_styles.forget()
        self._draw()

    # -- the figures ----------------------------------------------------------------

    def since(self) -> date | None:
        days = WINDOWS[self.window][1]
        return None if days is None else (self.today or date.today()) - timedelta(days=days)

    def load(self) -> None:
        self.query_one("#insight-summary", Static).update(
            f"Reading the reviews ({WINDOWS[self.window][0]})…")
        self._read(self.since())

    @work(thread=True, exclusive=True, group="insights", exit_on_error=False)
    def _read(self, since: date | None) -> None:
        # A thread's SQLite connection must be its own.
        from facilitator_tui.service import ReviewService

        try:
            service = ReviewService.open(self.app.db_path)
            try:
                report = service.report(since=since, today=self.today)
            finally:
                service.close()
        except Exception as error:  # shown as one line, like any handler's (see guard.py)
            self.app.call_from_thread(report_error, self, error, "InsightsScreen._read")
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, report)

    @guarded
    def _show(self, report: Report) -> None:
        if not self.is_mounted:  # left before the figures were ready
            return
        self.report = report
        self._draw()

    def _draw(self) -> None:
        report = self.report
        if report is None:
            return
        self.query_one("#insight-summary", Static).update(
            f"{WINDOWS[self.window][0].capitalize()}: {charts.summary(report)}")
        self._draw_factors()
        side = self.query_one("#insight-actions", Static)
        width = max(10, side.content_region.width or side.size.width or 30)
        side.update(charts.action_chart(report.actions, width, self._theme_style))
        quarters = self.query_one("#insight-quarter-chart", Static)
        width = max(10, self.query_one("#insight-quarters").content_region.width - 1)
        quarters.update(charts.quarter_chart(report, width, self._theme_style))

    def _draw_factors(self) -> None:
        report = self.report
        listing = self.query_one("#insight-factors", RowList)
        if report is None:
            return
        width = max(16, listing.text_width)
        names = charts.name_width(report, width)
        top = report.factors[0].reviews if report.factors else 0

        def paint(role: str):
            return listing.component_styles.visual(ComponentStyle(role), background=False)

        listing.set_rows([Row(charts.factor_row(f, top, width, names, paint), id=f.key)
                          for f in report.factors])
        if listing.highlighted is None and report.factors:
            listing.highlighted = 0

    @staticmethod
    def _theme_style(role: str) -> str:
        return f"${role}"

    @guarded
    def on_resize(self) -> None:
        self.call_after_refresh(self._redraw)

    @guarded
    def _redraw(self) -> None:
        if self.is_mounted:
            self._draw()

    # -- keys -------------------------------------------------------------------------

    @on(RowList.Selected, "#insight-factors")
    @guarded
    def _factor_chosen(self, event: RowList.Selected) -> None:
        event.stop()
        report = self.report
        factor = report.factor(event.row.id or "") if report else None
        if report is None or factor is None:
            return
        from facilitator_tui.screens.factor_reviews import FactorReviewsScreen

        rows = [r for r in report.reviews if r.id in set(factor.review_ids)]
        self.app.push_screen(FactorReviewsScreen(factor.name, rows), self._open_review)

    @guarded
    def _open_review(self, review_id: int | None) -> None:
        if review_id is not None:
            self._opened_review = True
            self.app.open_review(review_id)

    @guarded
    def action_next_window(self) -> None:
        self.window = (self.window + 1) % len(WINDOWS)
        self.load()

    @guarded
    def action_reload(self) -> None:
        self.load()

    @guarded
    def action_leave(self) -> None:
        self.dismiss(None)

    @guarded
    def on_screen_resume(self) -> None:
        # Back from a review, which may have changed what the figures say.
        if self._opened_review:
            self._opened_review = False
            self.load()


__all__ = ["InsightsScreen"]
