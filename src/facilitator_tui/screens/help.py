"""The help screen: every key the facilitator can press, found by asking the widgets themselves.

Bindings are read from the app, the screen underneath and each pane of the
review screen, so a key added to a widget shows up here without editing this
file. Everything is rendered as literal `Content`, never as markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from facilitator_tui.screens.palette import PALETTE_ACTION
from facilitator_tui.widgets.guard import guarded

PANES = {"timeline": "Timeline", "prompts": "Prompts", "notes": "Notes", "factors": "Factors"}
OUR_PACKAGE = "facilitator_tui"

NOTE_SYNTAX = [
    ("o: text", "an observation: what happened, as someone saw it"),
    ("i: text", "an insight: something the group learned"),
    ("? text  or  q: text", "a question to come back to"),
    ("a: text owner:Ana Lima due:fri", "an action item with an owner (names complete from the "
     "participants) and a due date: 2026-12-05, fri, +7d, next-week"),
    ("p: text", "a private facilitator note, hidden in the share-safe view"),
    ("@name", "who said it; a first name is enough, a full name may hold spaces, and a name "
     "that is nobody yet offers to add the person"),
]

GUIDANCE = [
    "Blameless: people did what made sense to them with what they knew at the time. "
    "Look for why it made sense, not for someone to blame.",
    "Curiosity over judgment: ask what people saw, expected and were trying to do. "
    "Hindsight makes the right path look obvious; it was not obvious then.",
    "Learnings first, then actions: understand the story before fixing anything. "
    "Park ideas for fixes and come back to them in the actions phase.",
    "Look at the whole system: pressure, tooling, handoffs, time of day and decisions "
    "made far from the keyboard shaped this incident as much as any single step.",
    "Make room for every voice; the quietest person often noticed what others missed.",
]


@dataclass
class KeyRow:
    action: str
    keys: list[str]
    description: str


def _own_bindings(node: DOMNode) -> list[Binding]:
    """The bindings declared by our own classes in the node's class hierarchy."""
    found: list[Binding] = []
    for cls in type(node).__mro__:
        if cls.__module__.startswith(OUR_PACKAGE) and "BINDINGS" in cls.__dict__:
            found.extend(Binding.make_bindings(cls.__dict__["BINDINGS"]))
    return found


def _live_bindings(screen: Screen, node: DOMNode) -> list[Binding]:
    """The bindings of `node`: ours as declared (a key the moment hides is still listed),
    then Textual's that a key on `screen` reaches now.

    Ours come in the order Textual merges bindings, from the base class down, so a key
    we take over from Textual (ctrl+q) stays where Textual put it.
    """
    order: dict[str, int] = {}
    for cls in reversed(type(node).__mro__):
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
            order.setdefault(binding.key, len(order))
    ours = sorted(_own_bindings(node), key=lambda binding: order.get(binding.key, len(order)))
    our_actions = {binding.action for binding in ours}
    textual = [active.binding for active in screen.active_bindings.values()
               if active.node is node and active.binding.action not in our_actions]
    return [*ours, *textual]


def _describe(binding: Binding) -> str:
    if binding.action == PALETTE_ACTION:
        # The key bar's short word "palette" says too little here.
        return f"Command palette: {binding.tooltip.lower() or 'search every action'}"
    description = binding.description or binding.tooltip
    if not description:
        return ""
    return description[:1].upper() + description[1:]


def key_rows(app: App[object], bindings: Iterable[Binding]) -> list[KeyRow]:
    """One row per action, its keys joined: 'delete / d  Delete note'."""
    rows: dict[tuple[str, str], KeyRow] = {}
    for binding in bindings:
        description = _describe(binding)
        if not description or binding.system:
            continue
        key = app.get_key_display(binding)
        row = rows.setdefault((binding.action, description), KeyRow(binding.action, [], description))
        if key not in row.keys:
            row.keys.append(key)
    return list(rows.values())


def _label(node: DOMNode) -> str:
    """'ReviewScreen' -> 'Review screen'."""
    words = re.findall(r"[A-Z][a-z0-9]*|[a-z0-9]+", type(node).__name__)
    return " ".join(words).capitalize() or "This screen"


def binding_groups(app: App[object], screen: Screen | None) -> list[tuple[str, list[KeyRow]]]:
    """(heading, rows) for the app, the screen and each pane or widget of ours on it."""
    screen = screen or app.screen
    groups = [("Everywhere", key_rows(app, _live_bindings(screen, app))),
              (f"{_label(screen)}", key_rows(app, _live_bindings(screen, screen)))]
    panes = [(pane_id, label) for pane_id, label in PANES.items() if screen.query(f"#{pane_id}")]
    if panes:
        for pane_id, label in panes:
            root = screen.query_one(f"#{pane_id}")
            nodes = [root, *root.query("*")]
            rows = key_rows(app, (b for node in nodes for b in _own_bindings(node)))
            groups.append((f"{label} pane", rows))
    else:
        rows = key_rows(app, (b for node in screen.query("*") for b in _own_bindings(node)))
        groups.append(("Lists and fields on this screen", rows))
    return [(heading, rows) for heading, rows in groups if rows]


def key_table(rows: list[tuple[str, str]]) -> Vertical:
    """A two-column table: keys in bold, then what they do, wrapped under its own column
    (a hanging indent), so a long line stays readable at 80 columns."""
    width = min(max((len(keys) for keys, _ in rows), default=0), 34) + 4
    lines = []
    for keys, what in rows:
        key = Static(Content.styled(keys, "bold $accent"), classes="key")
        key.styles.width = width
        lines.append(Horizontal(key, Static(Content(what), classes="what"), classes="key-row"))
    return Vertical(*lines, classes="keys")


class HelpScreen(ModalScreen[None]):
    """Every key, the notes syntax, and how to facilitate; escape, F1, ? or q close it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > #help {
        width: 100; max-width: 100%; height: 1fr; max-height: 100%;
        padding: 0 2; border: thick $primary; background: $panel;
    }
    HelpScreen .heading { text-style: bold; color: $text-primary; margin-top: 1; }
    HelpScreen .hint { color: $text-muted; }
    HelpScreen .guidance { padding-left: 2; margin-bottom: 1; }
    HelpScreen .keys { height: auto; }
    HelpScreen .key-row { height: auto; }
    HelpScreen .key-row > .key { padding-left: 2; }
    HelpScreen .key-row > .what { width: 1fr; }
    """
    BINDINGS = [Binding("escape,f1,question_mark,q", "close", "Close help")]

    def __init__(self, previous_screen: Screen | None = None) -> None:
        super().__init__()
        self.previous_screen = previous_screen

    @guarded
    def compose(self) -> ComposeResult:
        groups = binding_groups(self.app, self.previous_screen)
        with VerticalScroll(id="help"):
            yield Static("Help", classes="heading", markup=False)
            yield Static("Escape, ? or q closes this · ↑ ↓ PgUp PgDn scroll · ctrl+p searches every "
                         "action by name", classes="hint", markup=False)
            for heading, rows in groups:
                yield Static(heading, classes="heading", markup=False)
                yield key_table([(" / ".join(r.keys), r.description) for r in rows])
            yield Static("Arrow keys, Page Up/Down, Home and End move within any list.",
                         classes="hint", markup=False)
            yield Static("Writing notes quickly", classes="heading", markup=False)
            kind_keys = " / ".join(self._keys_for("cycle_kind", groups)) or "ctrl+y"
            yield key_table([*NOTE_SYNTAX, (kind_keys, "changes the kind used when there is no prefix")])
            yield Static("Facilitating a blameless review", classes="heading", markup=False)
            for line in GUIDANCE:
                yield Static(Content("• " + line), classes="guidance")

    @staticmethod
    def _keys_for(action: str, groups: list[tuple[str, list[KeyRow]]]) -> list[str]:
        return next((row.keys for _, rows in groups for row in rows if row.action == action), [])

    @guarded
    def on_mount(self) -> None:
        self.query_one("#help").focus()

    @guarded
    def action_close(self) -> None:
        self.dismiss(None)


__all__ = ["HelpScreen", "binding_groups", "key_rows"]
