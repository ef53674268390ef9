"""A small typed modal that asks for one piece of text: a question, a factor, a note.

`TextEntry(title, ...)` dismisses with the text, or None on Escape. With
`multiline=True` it edits in a TextArea and, given `on_change`, saves as you
type (debounced) so nothing typed is lost if the terminal dies.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Select, Static, TextArea

SAVE_DELAY = 0.3


class TextEntry(ModalScreen[str | None]):
    DEFAULT_CSS = """
    TextEntry { align: center middle; }
    TextEntry > Vertical {
        width: 80; max-width: 95%; height: auto; padding: 1 2;
        border: thick $primary; background: $panel;
    }
    TextEntry .heading { text-style: bold; margin-bottom: 1; }
    TextEntry TextArea { height: 8; }
    TextEntry .hint { color: $text-muted; }
    TextEntry #error { color: $error; height: auto; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "Save", show=False),
    ]

    def __init__(self, title: str, *, value: str = "", placeholder: str = "",
                 multiline: bool = False, on_change: Callable[[str], None] | None = None,
                 choices: list[tuple[str, str]] | None = None, choice: str | None = None,
                 hint: str = "") -> None:
        super().__init__()
        self.heading = title
        self.value = value
        self.placeholder = placeholder
        self.multiline = multiline
        self.on_change = on_change
        self.choices = choices
        self.choice = choice
        self.hint = hint or ("Saved as you type · Escape when done" if on_change
                             else "Enter to save · Escape to cancel")
        self._timer: Timer | None = None
        self._pending: str | None = None
        self.chosen: str | None = choice

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading, classes="heading", markup=False)
            if self.choices:
                yield Select(self.choices, value=self.choice or self.choices[0][1], id="choice",
                             allow_blank=False)
            if self.multiline:
                yield TextArea(id="entry", soft_wrap=True)
            else:
                yield Input(self.value, id="entry", placeholder=self.placeholder)
            yield Static(self.hint, classes="hint", markup=False)
            yield Static("", id="error", markup=False)

    def on_mount(self) -> None:
        entry = self.query_one("#entry")
        if isinstance(entry, TextArea):
            with entry.prevent(TextArea.Changed):
                entry.load_text(self.value)
        entry.focus()

    @property
    def selected_choice(self) -> str | None:
        if not self.choices:
            return None
        return str(self.query_one("#choice", Select).value)

    def current_text(self) -> str:
        entry = self.query_one("#entry")
        return entry.text if isinstance(entry, TextArea) else entry.value

    @on(TextArea.Changed)
    def _typed(self) -> None:
        if self.on_change is None:
            return
        self._pending = self.current_text()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SAVE_DELAY, self._flush)

    def _flush(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None and self.on_change is not None:
            self.on_change(pending)

    def on_unmount(self) -> None:
        self._flush()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        text = self.current_text()
        if not text.strip() and self.on_change is None:
            self.query_one("#error", Static).update("Please type something first.")
            return
        self._flush()
        self.chosen = self.selected_choice
        self.dismiss(text)

    def action_cancel(self) -> None:
        if self.on_change is not None:
            # Saved as typed: Escape means "done", not "discard".
            self._pending = self.current_text()
            self._flush()
            self.dismiss(self.current_text())
        else:
            self.dismiss(None)
