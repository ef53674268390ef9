"""The home screen: every review in the database, and the keys to start one."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.selection import Selection
from textual.widgets import DataTable, Footer, Header, Static

from facilitator_tui.errors import FacilitatorError
from facilitator_tui.models import status_label
from facilitator_tui.safe_text import single_line
from facilitator_tui.screens.confirm import ConfirmModal
from facilitator_tui.screens.new_review import NewReviewModal, ReviewDraft
from facilitator_tui.widgets.guard import guarded, guarded_callback

if TYPE_CHECKING:
    from facilitator_tui.app import FacilitatorApp

EMPTY_TEXT = (
    "No reviews yet.\n\n"
    "A learning review goes best when what is already known is gathered first, "
    "so the meeting can be spent on how people experienced the incident.\n\n"
    "Press  d  to open a demo review and look around,\n"
    "or  n  to start a review of your own."
)


class ReviewTable(DataTable[Text]):
    """The reviews, one a row; text selected with the mouse is copied as tab-separated lines."""

    ALLOW_SELECT = True

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        header = "\t".join(str(column.label) for column in self.columns.values())
        rows = ["\t".join(cell.plain for cell in self.get_row_at(index))
                for index in range(self.row_count)]
        return selection.extract("\n".join([header, *rows])), "\n"


class HomeScreen(Screen[None]):
    """List, create, open, rename and delete reviews."""

    REFRESH_INTERVAL: ClassVar[float] = 1.0  # seconds between looks for other processes' changes

    app: FacilitatorApp

    BINDINGS = [
        Binding("n", "new_review", "New review"),
        Binding("enter,o", "open_review", "Open", show=True),
        Binding("d", "open_demo", "Demo review"),
        Binding("r", "rename_review", "Rename"),
        Binding("e", "edit_details", "Details"),
        Binding("delete,x", "delete_review", "Delete"),
        Binding("i", "insights", "Insights"),
        Binding("question_mark", "app.help", "Help", show=False),
    ]

    @guarded
    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Vertical(id="home-body"):
            yield Static("Learning reviews", id="home-heading")
            yield ReviewTable(id="reviews", cursor_type="row", zebra_stripes=True)
            yield Static(EMPTY_TEXT, id="home-empty", markup=False)
        yield Footer()

    @guarded
    def on_mount(self) -> None:
        self.sub_title = "home"
        table = self.query_one("#reviews", DataTable)
        # The id is what `facilitator open ID`, `export ID` and `import ID` take.
        table.add_column("ID", key="id")
        table.add_column("Title", key="title")
        table.add_column("Incident", key="incident")
        table.add_column("Status", key="status")
        table.add_column("Events", key="events")
        table.add_column("Notes", key="notes")
        # Taken before the list is read, so that a commit made in between is not missed.
        self._data_version = self.app.service.data_version()
        self.reload()
        self.set_interval(self.REFRESH_INTERVAL, self.check_for_changes)

    @guarded
    def on_screen_resume(self) -> None:
        self.reload()

    @guarded
    def check_for_changes(self) -> None:
        """Show what another process committed since the last look (a timer calls this)."""
        version = self.app.service.data_version()
        if version != self._data_version:
            self._data_version = version
            self.reload()

    def reload(self) -> None:
        table = self.query_one("#reviews", DataTable)
        selected = self.selected_id()
        table.clear()
        summaries = self.app.service.list_reviews()
        for summary in summaries:
            review = summary.review
            when = "—"
            if review.incident_start:
                when = review.incident_start.astimezone(review.zone).strftime("%Y-%m-%d %H:%M")
                when += f" {review.timezone}"
            table.add_row(
                Text(str(review.id), justify="right"),
                Text(single_line(review.title)),
                Text(when),
                Text(status_label(review.status)),
                Text(str(summary.events), justify="right"),
                Text(str(summary.notes), justify="right"),
                key=str(review.id),
            )
        empty = not summaries
        table.display = not empty
        self.query_one("#home-empty").display = empty
        if selected is not None and str(selected) in table.rows:
            table.move_cursor(row=table.get_row_index(str(selected)))
        if not empty:
            table.focus()

    def selected_id(self) -> int | None:
        table = self.query_one("#reviews", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(key.value) if key.value is not None else None

    # -- actions ----------------------------------------------------------------

    @guarded
    def action_open_review(self) -> None:
        review_id = self.selected_id()
        if review_id is not None:
            self.app.open_review(review_id)

    @guarded
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_review()

    @guarded
    def action_insights(self) -> None:
        """Charts across every review: factors, quarters, actions."""
        from facilitator_tui.screens.insights import InsightsScreen

        self.app.push_screen(InsightsScreen())

    @guarded
    def action_open_demo(self) -> None:
        review_id, created = self.app.service.load_demo()
        self.app.say("Demo review loaded." if created else "Opening the demo review.")
        self.reload()
        self.app.open_review(review_id)

    @guarded
    def action_new_review(self) -> None:
        def created(draft: ReviewDraft | None) -> None:
            if draft is None:
                return
            try:
                review = self.app.service.create_review(draft.title, start=draft.start, tz=draft.tz)
            except FacilitatorError as exc:
                self.app.say(str(exc), error=True)
                return
            self.reload()
            self.app.open_review(review.saved_id())

        self.app.push_screen(NewReviewModal(), guarded_callback(self, created))

    @guarded
    def action_rename_review(self) -> None:
        review_id = self.selected_id()
        if review_id is None:
            return
        review = self.app.service.review(review_id)

        def renamed(draft: ReviewDraft | None) -> None:
            if draft is None:
                return
            try:
                self.app.service.rename_review(review_id, draft.title)
            except FacilitatorError as exc:
                self.app.say(str(exc), error=True)
            self.reload()

        self.app.push_screen(
            NewReviewModal("Rename review", title=review.title, title_only=True), guarded_callback(self, renamed)
        )

    @guarded
    def action_edit_details(self) -> None:
        from facilitator_tui.screens.review_details import ReviewDetails

        review_id = self.selected_id()
        if review_id is None:
            return

        def saved(review: object) -> None:
            if review is not None:
                self.reload()
                self.app.say("Review details saved.")

        self.app.push_screen(ReviewDetails(review_id), guarded_callback(self, saved))

    @guarded
    def action_delete_review(self) -> None:
        review_id = self.selected_id()
        if review_id is None:
            return
        review = self.app.service.review(review_id)

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.service.delete_review(review_id)
                self.app.say(f"Deleted “{single_line(review.title)}”.")
                self.reload()

        self.app.push_screen(
            ConfirmModal(
                f"Delete “{single_line(review.title)}” with its timeline, notes and factors? "
                "This cannot be undone.",
                yes="Delete",
                no="Keep",
            ),
            guarded_callback(self, answered),
        )


__all__ = ["HomeScreen"]
