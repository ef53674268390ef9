"""Whose view of the timeline to show: the participants, then everyone else who wrote events.

The question a learning review keeps coming back to is what one person knew
at a moment and what made sense to them then. Picking a person here narrows
the timeline to what reached them; "Everyone" brings the whole timeline back.
Dismisses with the name, "" for everyone, or None when cancelled.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from facilitator_tui.safe_text import single_line
from facilitator_tui.widgets.guard import guarded
from facilitator_tui.widgets.row_list import Row, RowList

EVERYONE = ""


class PerspectivePicker(ModalScreen[str | None]):
    DEFAULT_CSS = """
    PerspectivePicker { align: center middle; }
    PerspectivePicker > Vertical {
        width: 72; max-width: 95%; height: auto; max-height: 90%; padding: 1 2;
        border: thick $primary; background: $panel;
    }
    PerspectivePicker RowList { height: auto; max-height: 20; margin-top: 1; }
    PerspectivePicker .hint { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, people: list[tuple[str, int]], current: str) -> None:
        super().__init__()
        self.people = people
        self.current = current

    @guarded
    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("The timeline as one person saw it", markup=False)
            yield RowList(id="people")
            yield Static("Their messages, the pages and messages that name them, and the "
                         "channels they wrote in around then · Enter shows · Escape cancels",
                         classes="hint", markup=False)

    @guarded
    def on_mount(self) -> None:
        rows = [Row(Content("Everyone: the whole timeline"), id="\x00everyone")]
        for name, written in self.people:
            words = f"{written} event{'s' if written != 1 else ''} written" if written else "no events written"
            rows.append(Row(Content.assemble(single_line(name), (f"  · {words}", "dim")), id=name))
        listing = self.query_one(RowList)
        listing.set_rows(rows)
        ids = [row.id for row in rows]
        listing.highlighted = ids.index(self.current) if self.current in ids else (1 if len(rows) > 1 else 0)
        listing.focus()

    @on(RowList.Selected, "#people")
    @guarded
    def _picked(self, event: RowList.Selected) -> None:
        event.stop()
        chosen = event.row.id or ""
        self.dismiss(EVERYONE if chosen == "\x00everyone" else chosen)

    @guarded
    def action_cancel(self) -> None:
        self.dismiss(None)


__all__ = ["EVERYONE", "PerspectivePicker"]
