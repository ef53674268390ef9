"""Every question in the deck's current filter, to jump straight to one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from facilitator_tui.models import THEME_LABELS, Prompt, PromptState
from facilitator_tui.safe_text import single_line
from facilitator_tui.widgets.guard import guarded
from facilitator_tui.widgets.row_list import Row, RowList


def prompt_line(prompt: Prompt, state: PromptState | None) -> Content:
    """One question as literal text: asked and starred marks, the question, its theme."""
    asked = bool(state and state.asked_at)
    return Content.assemble(
        ("✓ " if asked else "  ", "dim" if asked else ""),
        "★ " if state and state.starred else "  ",
        single_line(prompt.text),
        (f"  {THEME_LABELS[prompt.theme]}", "dim italic"),
    )


class PromptList(ModalScreen[int | None]):
    DEFAULT_CSS = """
    PromptList { align: center middle; }
    PromptList > Vertical {
        width: 110; max-width: 95%; height: 80%; padding: 1 2;
        border: thick $primary; background: $panel;
    }
    PromptList RowList { height: 1fr; }
    """
    BINDINGS = [Binding("escape", "cancel", "Close")]

    def __init__(self, prompts: list[Prompt], states: dict[str, PromptState], current: int) -> None:
        super().__init__()
        self.prompts, self.states, self.current = prompts, states, current

    @guarded
    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Jump to a question · Enter picks · Escape closes", markup=False)
            yield RowList(id="prompt-options")

    @guarded
    def on_mount(self) -> None:
        listing = self.query_one(RowList)
        listing.set_rows(Row(prompt_line(p, self.states.get(p.id)), id=p.id) for p in self.prompts)
        if self.prompts:
            listing.highlighted = self.current
        listing.focus()

    @on(RowList.Selected)
    @guarded
    def _picked(self, event: RowList.Selected) -> None:
        self.dismiss(event.index)

    @guarded
    def action_cancel(self) -> None:
        self.dismiss(None)
