"""Adding or editing one timeline event: when, who, what, and whether it is a key moment."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Static


@dataclass
class EventDraft:
    at: datetime
    text: str
    actor: str
    key_moment: bool


class EventEditor(ModalScreen[EventDraft | None]):
    DEFAULT_CSS = """
    EventEditor { align: center middle; }
    EventEditor > Vertical {
        width: 80; max-width: 95%; height: auto; padding: 1 2;
        border: thick $primary; background: $panel;
    }
    EventEditor .heading { text-style: bold; }
    EventEditor Label { margin-top: 1; }
    EventEditor .hint { color: $text-muted; }
    EventEditor #error { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, heading: str, parse_time: Callable[[str], datetime], *, when: str,
                 text: str = "", actor: str = "", key_moment: bool = False) -> None:
        super().__init__()
        self.heading = heading
        self.parse_time = parse_time
        self.initial = (when, text, actor, key_moment)

    def compose(self) -> ComposeResult:
        when, text, actor, key = self.initial
        with Vertical():
            yield Static(self.heading, classes="heading", markup=False)
            yield Label("When (HH:MM, HH:MM:SS or a full timestamp)")
            yield Input(when, id="when")
            yield Label("Who")
            yield Input(actor, id="actor", placeholder="optional")
            yield Label("What happened")
            yield Input(text, id="text", placeholder="e.g. Rolled back the 23:40 deploy")
            yield Checkbox("Key moment", key, id="key")
            yield Static("Enter saves · Escape cancels", classes="hint", markup=False)
            yield Static("", id="error", markup=False)

    def on_mount(self) -> None:
        self.query_one("#text" if not self.initial[1] else "#when", Input).focus()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        error = self.query_one("#error", Static)
        text = self.query_one("#text", Input).value
        if not text.strip():
            error.update("An event needs some text.")
            return
        try:
            at = self.parse_time(self.query_one("#when", Input).value)
        except ValueError as exc:
            error.update(str(exc))
            return
        self.dismiss(EventDraft(at, text, self.query_one("#actor", Input).value.strip(),
                                self.query_one("#key", Checkbox).value))

    def action_cancel(self) -> None:
        self.dismiss(None)
