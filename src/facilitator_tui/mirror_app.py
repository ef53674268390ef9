"""`facilitator follow ID`: the mirror the room sees, as an application of its own.

It is given a `MirrorFeed` (the read-only door) and nothing else: no service, no
store, no verb that writes. While it runs it leaves a small file so that the
facilitator's window can count it (see presence.py), and removes it on the way out.
Its only keys change the theme of this window and leave it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.screen import Screen

from facilitator_tui.mirror_feed import MirrorFeed
from facilitator_tui.palette_host import PaletteHost
from facilitator_tui.themes import HIGH_CONTRAST, THEME_CYCLE, theme_name
from facilitator_tui.widgets.guard import guarded

if TYPE_CHECKING:
    from facilitator_tui.screens.palette import PaletteCommand


class MirrorApp(PaletteHost):
    """A read-only mirror of one review's meeting, for the room."""

    TITLE = "facilitator · mirror"
    # Our own palette (screens/palette.py) takes ctrl+p; Textual's is switched off.
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+p", "command_palette", "palette", priority=True,
                tooltip="Search this window's keys by name"),
        Binding("ctrl+q", "quit", "Leave", priority=True),
        Binding("ctrl+t", "cycle_theme", "Theme", tooltip="This window only; nothing is saved"),
    ]

    def __init__(self, feed: MirrorFeed) -> None:
        super().__init__()
        self.feed = feed
        self.first_state = feed.read()
        self.register_theme(HIGH_CONTRAST)
        self.follow_theme(self.first_state.theme)

    def get_default_screen(self) -> Screen:
        from facilitator_tui.screens.mirror import MirrorScreen

        return MirrorScreen(self.feed, self.first_state)

    @guarded
    def on_mount(self) -> None:
        self.feed.announce()

    @guarded
    def on_unmount(self) -> None:
        self.feed.close()

    def follow_theme(self, name: str | None) -> None:
        """Take the facilitator's theme, when it is one this window knows."""
        if name and name in self.available_themes:
            self.theme = name

    @guarded
    def action_cycle_theme(self) -> None:
        names = [n for n in THEME_CYCLE if n in self.available_themes]
        current = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(current + 1) % len(names)]
        self.notify(f"Theme: {theme_name(self.theme)} (this window only)", timeout=2, markup=False)

    def palette_commands(self, screen: Screen) -> list[PaletteCommand]:
        """The palette offers this window's keys, and nothing that writes a file."""
        from facilitator_tui.screens.palette import binding_commands

        return binding_commands(self, screen)



__all__ = ["MirrorApp"]
