"""The two closing questions, asked of the room and counted by show of hands.

`CloseMeetingScreen` dismisses with `ClosingCounts` (four whole numbers) or None
when the facilitator goes back to the meeting. Nothing is saved here.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from facilitator_tui.widgets.guard import guarded

FIELDS = ("learned_yes", "learned_no", "again_yes", "again_no")
MAX_COUNT = 9999


@dataclass(frozen=True)
class ClosingCounts:
    learned_yes: int = 0
    learned_no: int = 0
    again_yes: int = 0
    again_no: int = 0

    def as_fields(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in FIELDS}


class CloseMeetingScreen(ModalScreen[ClosingCounts | None]):
    DEFAULT_CSS = """
    CloseMeetingScreen { align: center middle; }
    CloseMeetingScreen > Vertical {
        width: 76; max-width: 100%; height: auto; padding: 1 2;
        border: thick $primary; background: $panel;
    }
    CloseMeetingScreen #close-heading { text-style: bold; color: $primary; }
    CloseMeetingScreen #close-intro { margin: 1 0; }
    CloseMeetingScreen Grid {
        grid-size: 5; grid-columns: 1fr 5 9 4 9; grid-rows: 3; height: auto;
    }
    CloseMeetingScreen Grid Label { height: 3; content-align: left middle; }
    CloseMeetingScreen Grid .question { text-style: bold; }
    CloseMeetingScreen Grid .answer { content-align: right middle; color: $text-muted; }
    CloseMeetingScreen Grid Input { width: 9; }
    CloseMeetingScreen .hint { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [
        Binding("plus,equals_sign,up", "change(1)", "+1", priority=True),
        Binding("minus,down", "change(-1)", "−1", priority=True),
        Binding("escape", "cancel", "Back to the meeting"),
    ]

    def __init__(self, initial: ClosingCounts | None = None) -> None:
        super().__init__()
        self.initial = initial or ClosingCounts()

    @guarded
    def compose(self) -> ComposeResult:
        values = self.initial.as_fields()
        with Vertical():
            yield Static("Before we go: two questions", id="close-heading", markup=False)
            yield Static(
                "Thank you all for your time and your honesty. A show of hands is plenty; "
                "count what you see.",
                id="close-intro", markup=False,
            )
            with Grid():
                for question, prefix in (("Did you learn something?", "learned"),
                                         ("Would you come to another one of these?", "again")):
                    yield Label(question, classes="question", markup=False)
                    yield Label("Yes", classes="answer", markup=False)
                    yield self._count_input(f"{prefix}_yes", values[f"{prefix}_yes"])
                    yield Label("No", classes="answer", markup=False)
                    yield self._count_input(f"{prefix}_no", values[f"{prefix}_no"])
            yield Static("+ and − (or ↑ ↓) change the number · Tab moves on · "
                         "Enter saves and closes the meeting · Escape goes back",
                         classes="hint", markup=False)

    @staticmethod
    def _count_input(name: str, value: int) -> Input:
        return Input(str(value), id=name, restrict=r"\d{0,4}", max_length=4, select_on_focus=True)

    @guarded
    def on_mount(self) -> None:
        self.query_one("#learned_yes", Input).focus()

    def counts(self) -> ClosingCounts:
        return ClosingCounts(**{name: self._value(name) for name in FIELDS})

    def _value(self, name: str) -> int:
        raw = self.query_one(f"#{name}", Input).value.strip()
        return min(MAX_COUNT, int(raw)) if raw.isdigit() else 0

    @guarded
    def action_change(self, step: int) -> None:
        focused = self.focused
        if isinstance(focused, Input) and focused.id in FIELDS:
            focused.value = str(max(0, min(MAX_COUNT, self._value(focused.id) + step)))
            focused.cursor_position = len(focused.value)

    @guarded
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(self.counts())

    @guarded
    def action_cancel(self) -> None:
        self.dismiss(None)
