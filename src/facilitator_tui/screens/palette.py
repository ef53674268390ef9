"""The command palette (ctrl+p): every action of the screen, found by typing a few letters.

Our own, small and synchronous: the commands are gathered once when it opens,
and every key filters that list at once (fuzzy_match.py), so keys arriving in
a burst meet a palette that is always in a settled state. The query is a
`LiteralInput`, the matches a `RowList`; the arrows, paging, home and end move
the list while typing goes on. Enter closes the palette and hands back the
command, which the app runs once the palette is gone. Names and help are shown
literally, never as markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Input

from facilitator_tui.fuzzy_match import Match, ranked
from facilitator_tui.safe_text import single_line
from facilitator_tui.widgets.guard import guarded
from facilitator_tui.widgets.literal_input import LiteralInput
from facilitator_tui.widgets.row_list import Row, RowList

PALETTE_ACTION = "command_palette"
PALETTE_KEY = "ctrl+p"
MATCHED = "bold underline"
QUIET = "dim"
MOVING_KEYS = {"up", "down", "left", "right", "home", "end", "pageup", "pagedown"}


@dataclass(frozen=True)
class PaletteCommand:
    """One thing the palette can do: its name, one line of help, its key if it has one."""

    title: str
    help: str
    run: Callable[[], Any]
    key: str = ""


def binding_commands(app: App[Any], screen: Screen[Any]) -> list[PaletteCommand]:
    """A command for each action a key on `screen` reaches now and that has a description.

    An action with several keys (f1 and ? for help) is listed once, with its keys; one the
    screen has switched off for now is left out, and so is a hidden key that only moves
    a cursor or scrolls (up, page down...): those keys are quicker than any search. The help
    line is the key's tooltip, else where the key acts.
    """
    keys: dict[tuple[str, str], list[str]] = {}
    moves_only: dict[tuple[str, str], bool] = {}
    found: dict[tuple[str, str], PaletteCommand] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or not active.enabled or binding.action == PALETTE_ACTION:
            continue
        same = (binding.description, binding.action.rpartition(".")[2])
        key = app.get_key_display(binding)
        moves = not binding.show and binding.key.rpartition("+")[2] in MOVING_KEYS
        if same in found:
            moves_only[same] = moves_only[same] and moves
            if key not in keys[same]:
                keys[same].append(key)
            continue
        keys[same], moves_only[same] = [key], moves

        def run(action: str = binding.action, node: Any = active.node) -> Any:
            return app.run_action(action, node)

        found[same] = PaletteCommand(binding.description, binding.tooltip or _where(active.node),
                                     run)
    return [PaletteCommand(c.title, c.help, c.run, " / ".join(keys[same]))
            for same, c in found.items() if not moves_only[same]]


def _where(node: object) -> str:
    """'In the timeline view', from the class of the widget whose key it is."""
    if isinstance(node, App):
        return "Anywhere"
    if isinstance(node, Screen):
        return "On this screen"
    words = re.findall(r"[A-Z][a-z0-9]*|[a-z0-9]+", type(node).__name__)
    return f"In the {' '.join(words).lower()}" if words else ""


def palette_open(screens: Iterable[Screen[Any]]) -> bool:
    return any(isinstance(screen, Palette) for screen in screens)


def command_line(command: PaletteCommand, found: Match) -> Content:
    """'Add a note · ctrl+n' with the typed letters marked, and the help on a line of its own.

    The title and help are already single lines of visible text (see `Palette`).
    """
    title = command.title
    parts: list[Content | tuple[str, str] | str] = []
    last = 0
    for position in found.positions:
        if position >= len(title):
            break
        parts.extend([title[last:position], (title[position], MATCHED)])
        last = position + 1
    parts.append(title[last:])
    if command.key:
        parts.append((f"  ·  {command.key}", QUIET))
    if command.help:
        parts.extend(["\n", ("   " + command.help, QUIET)])
    return Content.assemble(*parts)


class Palette(ModalScreen[PaletteCommand | None]):
    """Type to narrow the list; Enter runs the highlighted command, escape closes."""

    DEFAULT_CSS = """
    Palette { align: center top; background: $background 40%; }
    Palette > Vertical {
        width: 90; max-width: 100%; height: 80%; margin-top: 2;
        border: thick $primary; background: $panel; padding: 0 1;
    }
    Palette LiteralInput { margin-bottom: 1; }
    Palette RowList { height: 1fr; }
    """
    # Priority: the list's keys win over the query's own (home and end would move its cursor).
    BINDINGS = [
        Binding("escape", "close", "Close", show=False),
        Binding("down", "move(1)", "Next", show=False, priority=True),
        Binding("up", "move(-1)", "Previous", show=False, priority=True),
        Binding("pagedown", "page(1)", "Next page", show=False, priority=True),
        Binding("pageup", "page(-1)", "Previous page", show=False, priority=True),
        Binding("home", "end(-1)", "First", show=False, priority=True),
        Binding("end", "end(1)", "Last", show=False, priority=True),
    ]

    def __init__(self, commands: Sequence[PaletteCommand], *,
                 placeholder: str = "Search for commands…", current: str | None = None) -> None:
        super().__init__()
        # One line each, control characters made visible: what is matched is what is shown.
        self.commands = [replace(c, title=single_line(c.title), help=single_line(c.help))
                         for c in commands]
        self.placeholder = placeholder
        self.current = current
        self.query_text: str | None = None
        self.shown: list[PaletteCommand] = []
        self.closing = False  # Enter and escape in one burst close it once

    @guarded
    def compose(self) -> ComposeResult:
        with Vertical():
            yield LiteralInput(placeholder=self.placeholder, id="palette-query")
            yield RowList(wrap=True, empty_message="No command matches.", id="palette-list")

    @property
    def listing(self) -> RowList:
        return self.query_one("#palette-list", RowList)

    @guarded
    def on_mount(self) -> None:
        # Typing always reaches the query: the list moves by the keys above, never takes focus.
        self.listing.can_focus = False
        self.show_matches("")
        if self.current is not None:
            at = next((n for n, c in enumerate(self.shown) if c.title == self.current), None)
            if at is not None:
                self.listing.highlighted = at
        self.query_one("#palette-query", LiteralInput).focus()

    def show_matches(self, query: str) -> None:
        """List the commands that match `query`, best first, the best highlighted."""
        if query == self.query_text or self.closing:
            return  # the same query, or keys that came after Enter: nothing to list
        self.query_text = query
        found = ranked(query, [command.title for command in self.commands])
        self.shown = [self.commands[index] for index, _ in found]
        listing = self.listing
        listing.set_rows(Row(command_line(self.commands[index], match), id=str(index))
                         for index, match in found)
        listing.highlighted = 0 if found else None

    @on(Input.Changed, "#palette-query")
    @guarded
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.show_matches(event.value)

    @on(Input.Submitted, "#palette-query")
    @guarded
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.show_matches(event.value)  # Enter may come before the last key's change is handled
        self.choose()

    @on(RowList.Selected, "#palette-list")
    @guarded
    def _clicked(self, event: RowList.Selected) -> None:
        event.stop()
        self.choose()

    def choose(self) -> None:
        if self.closing:
            return
        index = self.listing.highlighted
        if index is not None and index < len(self.shown):
            self.leave(self.shown[index])

    def leave(self, command: PaletteCommand | None) -> None:
        if not self.closing and self.is_current:
            self.closing = True
            self.dismiss(command)

    @guarded
    def action_move(self, step: int) -> None:
        self.listing.action_cursor(step)

    @guarded
    def action_page(self, step: int) -> None:
        if self.listing.row_count:
            self.listing.action_page(step)

    @guarded
    def action_end(self, step: int) -> None:
        if step < 0:
            self.listing.action_first()
        else:
            self.listing.action_last()

    @guarded
    def action_close(self) -> None:
        self.leave(None)


__all__ = ["PALETTE_ACTION", "PALETTE_KEY", "Palette", "PaletteCommand", "binding_commands",
           "palette_open"]
