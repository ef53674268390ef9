"""Every question in the deck's current filter, to jump straight to one."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from facilitator_tui.models import THEME_LABELS, Prompt, PromptState
from facilitator_tui.safe_text import single_line
from facilitator_tui.widgets.guard import guarded


class PromptList(ModalScreen[int | None]):
    DEFAULT_CSS = """
    PromptList { align: center middle; }
    PromptList > Vertical {
        width: 110; max-width: 95%; height: 80%; padding: 1 2;
        border: thick $primary; background: $panel;
    }
    PromptList OptionList { height: 1fr; }
    """
    BINDINGS = [Binding("escape", "cancel", "Close")]

    def __init__(self, prompts: list[Prompt], states: dict[str, PromptState], current: int) -> None:
        super().__init__()
        self.prompts, self.states, self.current = prompts, states, current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Jump to a question · Enter picks · Escape closes", markup=False)
            options = []
            for prompt in self.prompts:
                state = self.states.get(prompt.id)
                line = Text("✓ " if state and state.asked_at else "  ",
                            style="dim" if state and state.asked_at else "")
                line.append("★ " if state and state.starred else "  ")
                line.append(single_line(prompt.text))
                line.append(f"  {THEME_LABELS[prompt.theme]}", style="dim italic")
                options.append(Option(line))
            yield OptionList(*options, id="prompt-options")

    @guarded
    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        if self.prompts:
            listing.highlighted = self.current
        listing.focus()

    @on(OptionList.OptionSelected)
    @guarded
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    @guarded
    def action_cancel(self) -> None:
        self.dismiss(None)
