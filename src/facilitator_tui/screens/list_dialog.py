"""The modal list of one kind of a review's things (parked ideas, participants) and keys to change them.

A subclass says what its items are (`load`), how a row reads (`line`) and what
its keys do; the base lays out the heading, the list, one line for a refusal
and the hint, keeps the highlight on the item last touched, and turns a
refused service call into that one line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from facilitator_tui.errors import FacilitatorError, one_line
from facilitator_tui.widgets.guard import guarded
from facilitator_tui.widgets.row_list import Row, RowList

if TYPE_CHECKING:
    from facilitator_tui.app import FacilitatorApp
    from facilitator_tui.service import ReviewService


class Saved(Protocol):
    @property
    def id(self) -> int | None: ...


Item = TypeVar("Item", bound=Saved)


class ListDialog(ModalScreen[None], Generic[Item]):
    """Heading, list, error line and hint; Enter on a row calls `choose`."""

    app: FacilitatorApp

    DEFAULT_CSS = """
    ListDialog { align: center middle; }
    ListDialog > Vertical {
        width: 80; max-width: 100%; height: 80%; padding: 1 2;
        border: thick $primary; background: $panel;
    }
    ListDialog .heading { text-style: bold; margin-bottom: 1; }
    ListDialog RowList { height: 1fr; }
    ListDialog .list-error { color: $error; height: 1; }
    ListDialog .hint { color: $text-muted; height: auto; }
    """
    BINDINGS = [Binding("escape", "close", "Close")]
    HEADING = ""
    HINT = ""
    EMPTY = ""
    LIST_ID = "items"

    def __init__(self, review_id: int) -> None:
        super().__init__()
        self.review_id = review_id
        self.items: list[Item] = []

    @property
    def service(self) -> ReviewService:
        return self.app.service

    # -- for subclasses ----------------------------------------------------------------

    def load(self) -> list[Item]:
        """The items to list, read afresh."""
        raise NotImplementedError

    def line(self, item: Item) -> Content:
        """How one item reads: literal text, never markup."""
        raise NotImplementedError

    def choose(self, item: Item) -> None:
        """Enter (or a click) on an item."""

    # -- the list ------------------------------------------------------------------------

    @guarded
    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.HEADING, classes="heading", markup=False)
            yield RowList(id=self.LIST_ID, empty_message=self.EMPTY)
            yield Static("", id=f"{self.LIST_ID}-error", classes="list-error", markup=False)
            yield Static(self.HINT, classes="hint", markup=False)

    @guarded
    def on_mount(self) -> None:
        self.service.review(self.review_id)  # deleted elsewhere: says so, and the list closes
        self.reload()
        self.listing.focus()

    @property
    def listing(self) -> RowList:
        return self.query_one(f"#{self.LIST_ID}", RowList)

    def reload(self, select_id: int | None = None) -> None:
        """Read the items again; the highlight goes to `select_id`, else stays where it was."""
        self.items = self.load()
        listing = self.listing
        keep = listing.highlighted
        listing.set_rows(Row(self.line(item), id=str(item.id)) for item in self.items)
        if not self.items:
            return
        index = next((n for n, item in enumerate(self.items) if item.id == select_id), keep)
        listing.highlighted = min(index or 0, len(self.items) - 1)

    def selected(self) -> Item | None:
        index = self.listing.highlighted
        if index is None or index >= len(self.items):
            return None
        return self.items[index]

    def show_error(self, message: str = "") -> None:
        self.query_one(f"#{self.LIST_ID}-error", Static).update(message)

    def attempt(self, do: Callable[[], Any], select_id: int | None = None) -> bool:
        """Run a service call; a refusal becomes the one-line error.

        Success reloads the list, highlighting `select_id` or else what the call returned.
        """
        try:
            result = do()
        except FacilitatorError as exc:
            self.show_error(one_line(exc))
            return False
        self.show_error()
        self.reload(select_id if select_id is not None else getattr(result, "id", None))
        return True

    @on(RowList.Selected)
    @guarded
    def _chosen(self, event: RowList.Selected) -> None:
        event.stop()
        item = self.selected()
        if item is not None:
            self.choose(item)

    @guarded
    def action_close(self) -> None:
        self.dismiss(None)


__all__ = ["ListDialog"]
