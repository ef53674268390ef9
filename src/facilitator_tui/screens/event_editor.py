"""Adding or editing one timeline event: when, what, who, and whether it is a key moment.

A typed modal: it dismisses with an `EventDraft`, or None when cancelled. It
writes nothing itself; the caller turns the draft into a service call.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Static

from facilitator_tui.safe_text import single_line
from facilitator_tui.widgets.asks import EventDraft
from facilitator_tui.widgets.guard import guarded
from facilitator_tui.widgets.literal_input import LiteralInput

_LINE_BREAK = " \u23ce "


class KeyMomentBox(Checkbox, inherit_bindings=False):
    """A checkbox that leaves Enter to the dialog, so Enter saves wherever focus is."""

    BINDINGS = [Binding("space", "toggle_button", "Toggle", show=False)]


class EventEditor(ModalScreen[EventDraft | None]):
    DEFAULT_CSS = """
    EventEditor { align: center middle; }
    EventEditor > VerticalScroll {
        width: 80; max-width: 95%; height: auto; max-height: 100%; padding: 0 2 1 2;
        border: thick $primary; background: $panel;
    }
    EventEditor .heading { text-style: bold; margin-top: 1; }
    EventEditor Label { margin-top: 1; }
    EventEditor KeyMomentBox { margin-top: 1; }
    EventEditor .hint { color: $text-muted; margin-top: 1; }
    EventEditor #error { color: $error; height: auto; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "save", "Save", show=False),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, heading: str, parse_time: Callable[[str], datetime], *, at: datetime,
                 when: str, text: str = "", actor: str = "", key_moment: bool = False) -> None:
        """`when` is how `at` is shown; a field left as shown saves its original exactly.

        So "now" stays this very moment (not today's clock time moved onto the
        incident's day), an imported time keeps its fraction of a second, and an
        imported message keeps its line breaks. Text and actor are shown on one
        line with control characters made visible: an Input would otherwise
        send a stored escape sequence straight to the terminal.
        """
        super().__init__()
        self.heading = single_line(heading)
        self.parse_time = parse_time
        self.at = at
        self.original = (text, actor)
        self.initial = (when, single_line(text), single_line(actor), key_moment)

    @guarded
    def compose(self) -> ComposeResult:
        when, text, actor, key = self.initial
        # Scrolls rather than cutting off fields on an 80x24 terminal.
        with VerticalScroll():
            yield Static(self.heading, classes="heading", markup=False)
            # Under the heading, so it shows even when a small terminal scrolls the form.
            yield Static("", id="error", markup=False)
            yield Label("When (HH:MM, HH:MM:SS or a full timestamp)")
            yield LiteralInput(when, id="when")
            yield Label("What happened")
            yield LiteralInput(text, id="text", placeholder="e.g. Rolled back the 23:40 deploy",
                        select_on_focus=False)
            yield Label("Who")
            yield LiteralInput(actor, id="actor", placeholder="optional", select_on_focus=False)
            yield KeyMomentBox("Key moment", key, id="key")
            yield Static("Enter saves · Escape cancels · Tab moves between fields",
                         classes="hint", markup=False)

    @guarded
    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    @on(Input.Submitted)
    @guarded
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Input.Changed)
    @guarded
    def _edited(self) -> None:
        self.query_one("#error", Static).update("")

    def draft(self) -> EventDraft:
        """What the form holds; ValueError says in one line what is wrong."""
        when, shown_text, shown_actor, _ = self.initial
        text = self._kept("#text", shown_text, self.original[0])
        if not text.strip():
            raise ValueError("An event needs some text.")
        value = self.query_one("#when", Input).value
        at = self.at if value.strip() == when.strip() else self.parse_time(value)
        actor = self._kept("#actor", shown_actor, self.original[1])
        return EventDraft(at, text, actor, self.query_one("#key", Checkbox).value)

    def _kept(self, selector: str, shown: str, original: str) -> str:
        value = self.query_one(selector, Input).value
        if value == shown:
            return original
        return value.replace(_LINE_BREAK, "\n").strip()

    @guarded
    def action_save(self) -> None:
        try:
            draft = self.draft()
        except ValueError as exc:
            self.query_one("#error", Static).update(single_line(str(exc)))
            self.query_one(VerticalScroll).scroll_home(animate=False)
            return
        self.dismiss(draft)

    @guarded
    def action_cancel(self) -> None:
        self.dismiss(None)
