"""A small typed modal that asks for one piece of text: a question, a factor, a note.

`TextEntry(title, ...)` dismisses with the text, or None when cancelled. Extra
picks beside the text (a theme, a group, a phase) are `Choice`s; what was picked
is in `entry.picked` by the time the dismiss callback runs. With `on_change`
the text is saved as it is typed (debounced, and again on close), so Escape
means "done" rather than "discard" and nothing typed is lost if the terminal dies.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Select, Static, TextArea

from facilitator_tui.safe_text import single_line, visible
from facilitator_tui.widgets.asks import Choice
from facilitator_tui.widgets.guard import guarded
from facilitator_tui.widgets.literal_input import LiteralInput
from facilitator_tui.widgets.literal_text_area import LiteralTextArea


class TextEntry(ModalScreen[str | None]):
    SAVE_DELAY: ClassVar[float] = 0.3  # seconds of quiet before what was typed is saved
    DEFAULT_CSS = """
    TextEntry { align: center middle; }
    TextEntry > Vertical {
        width: 80; max-width: 95%; height: auto; max-height: 95%; padding: 0 2;
        border: thick $primary; background: $panel;
    }
    TextEntry .heading { text-style: bold; margin: 1 0; }
    TextEntry TextArea { height: 8; }
    TextEntry .choice-label { color: $text-muted; margin-top: 1; }
    TextEntry .hint { color: $text-muted; margin: 1 0; }
    TextEntry #error { color: $error; height: auto; display: none; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Close"),
        Binding("ctrl+s", "submit", "Save and close"),
    ]

    def __init__(self, title: str, *, value: str = "", placeholder: str = "",
                 multiline: bool = False, on_change: Callable[[str], None] | None = None,
                 choices: Sequence[Choice] = (), hint: str = "") -> None:
        super().__init__()
        self.heading = single_line(title)
        # Stored text may hold escape sequences; the editors would send them to the terminal.
        self.value = visible(value.replace("\r\n", "\n")) if multiline else single_line(value)
        self.placeholder = placeholder
        self.multiline = multiline
        self.on_change = on_change
        self.choices = tuple(choices)
        self.picked: dict[str, str] = {c.name: c.value or c.options[0][1] for c in self.choices}
        if hint:
            self.hint = hint
        elif on_change:
            self.hint = "Saved as you type · Escape when done"
        elif multiline:
            self.hint = "Ctrl+S saves · Escape cancels"
        else:
            self.hint = "Enter saves · Escape cancels"
        self._timer: Timer | None = None
        self._pending: str | None = None
        self._saved = self.value

    @guarded
    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading, classes="heading", markup=False)
            if self.multiline:
                yield LiteralTextArea(id="entry", soft_wrap=True, show_line_numbers=False)
            else:
                yield LiteralInput(self.value, id="entry", placeholder=self.placeholder)
            yield Static("", id="error", markup=False)
            for choice in self.choices:
                yield Static(choice.label, classes="choice-label", markup=False)
                yield Select(list(choice.options), value=self.picked[choice.name],
                             allow_blank=False, id=f"choice-{choice.name}")
            yield Static(self.hint, classes="hint", markup=False)

    @guarded
    def on_mount(self) -> None:
        entry = self.query_one("#entry")
        if isinstance(entry, TextArea):
            with entry.prevent(TextArea.Changed):
                entry.load_text(self.value)
            entry.move_cursor(entry.document.end)
        entry.focus()

    def current_text(self) -> str:
        entry = self.query_one("#entry")
        if isinstance(entry, TextArea):
            return entry.text
        assert isinstance(entry, Input)
        return entry.value

    # -- saving as you type -----------------------------------------------------------

    @on(TextArea.Changed, "#entry")
    @on(Input.Changed, "#entry")
    @guarded
    def _typed(self) -> None:
        self.query_one("#error", Static).display = False
        if self.on_change is None:
            return
        self._pending = self.current_text()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.SAVE_DELAY, self._flush)

    @guarded
    def _flush(self) -> None:
        pending, self._pending = self._pending, None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if pending is None or pending == self._saved or self.on_change is None:
            return
        self._saved = pending
        self.on_change(pending)

    @guarded
    def on_unmount(self) -> None:
        self._flush()

    # -- closing ----------------------------------------------------------------------

    @on(Select.Changed)
    @guarded
    def _picked(self, event: Select.Changed) -> None:
        name = str(event.select.id).removeprefix("choice-")
        if name in self.picked and event.value is not Select.NULL:
            self.picked[name] = str(event.value)

    @on(Input.Submitted, "#entry")
    @guarded
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    @guarded
    def action_submit(self) -> None:
        text = self.current_text()
        if not text.strip() and self.on_change is None:
            error = self.query_one("#error", Static)
            error.update("Please type something first.")
            error.display = True
            return
        self._close(text)

    @guarded
    def action_cancel(self) -> None:
        # With on_change the text is already saved: Escape means "done", not "discard".
        self._close(self.current_text() if self.on_change is not None else None)

    def _close(self, result: str | None) -> None:
        if self.on_change is not None:
            self._pending = self.current_text()
        self._flush()
        self.dismiss(result)


__all__ = ["Choice", "TextEntry"]
