"""The ground rules, full screen and large, read aloud as the meeting opens.

Shown on the shared screen, so everything is big, centred and calm; there is no
clock on it (it also makes a stable snapshot). Enter, space or escape returns.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from facilitator_tui.content import ContentError, GroundRules, load_ground_rules
from facilitator_tui.safe_text import visible
from facilitator_tui.widgets.guard import guarded


class GroundRulesScreen(Screen[None]):
    DEFAULT_CSS = """
    GroundRulesScreen { align: center middle; background: $background; }
    GroundRulesScreen VerticalScroll { width: 100%; height: 1fr; align: center middle; }
    GroundRulesScreen #rules-card {
        width: 100%; max-width: 90; height: auto; padding: 1 4; margin: 1 2;
        border: tall $primary; background: $surface;
    }
    GroundRulesScreen .rule-row { height: auto; margin-top: 1; }
    GroundRulesScreen .rule-number { width: 4; color: $primary; text-style: bold; }
    GroundRulesScreen #rules-title {
        text-style: bold; color: $primary; text-align: center; width: 100%;
        padding: 1 0; border-bottom: heavy $primary; margin-bottom: 1;
    }
    GroundRulesScreen .rule { width: 1fr; text-style: bold; }
    GroundRulesScreen #rules-closing {
        width: 100%; text-align: center; text-style: italic; color: $text-muted; margin-top: 2;
    }
    GroundRulesScreen #rules-ready {
        width: 100%; text-align: center; color: $accent; text-style: bold; margin-top: 2;
    }
    """
    BINDINGS = [
        Binding("enter,space", "ready", "Everyone is ready"),
        Binding("escape", "ready", "Back", show=False),
        Binding("down,j", "scroll(1)", "Scroll down", show=False),
        Binding("up,k", "scroll(-1)", "Scroll up", show=False),
        Binding("pagedown", "scroll(10)", "Page down", show=False),
        Binding("pageup", "scroll(-10)", "Page up", show=False),
    ]

    @guarded
    def compose(self) -> ComposeResult:
        rules = self._rules()
        with VerticalScroll(can_focus=False), Vertical(id="rules-card"):
            yield Static(visible(rules.title).upper(), id="rules-title", markup=False)
            for number, rule in enumerate(rules.rules, start=1):
                with Horizontal(classes="rule-row"):
                    yield Static(f"{number}.", classes="rule-number", markup=False)
                    yield Static(visible(rule), classes="rule", markup=False)
            yield Static(visible(rules.closing), id="rules-closing", markup=False)
            yield Static("Press Enter when everyone is ready", id="rules-ready", markup=False)

    @staticmethod
    def _rules() -> GroundRules:
        try:
            return load_ground_rules()
        except ContentError as exc:
            # The meeting can still open; the facilitator says the rules in their own words.
            return GroundRules(title="Ground rules", rules=[f"(The ground rules could not be read: {exc})"],
                               closing="")

    @guarded
    def action_scroll(self, lines: int) -> None:
        """On a small terminal the rules scroll; nothing here takes focus, so the screen does it."""
        self.query_one(VerticalScroll).scroll_relative(y=lines, animate=False)

    @guarded
    def action_ready(self) -> None:
        self.dismiss(None)
