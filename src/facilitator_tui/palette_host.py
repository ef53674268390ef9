"""What an app needs to offer our command palette: open it once, run what it chose.

Shared by the facilitator's app and the room's mirror. The palette's own module
loads with the first ctrl+p, never with the app: a start does not need it.
"""

from __future__ import annotations

from inspect import isawaitable
from typing import TYPE_CHECKING

from textual.app import App

from facilitator_tui.widgets.guard import guarded

if TYPE_CHECKING:
    from textual.screen import Screen

    from facilitator_tui.screens.palette import PaletteCommand


class PaletteHost(App[None]):
    def palette_commands(self, screen: Screen) -> list[PaletteCommand]:
        """What the palette offers on `screen`."""
        raise NotImplementedError

    @guarded
    def action_command_palette(self) -> None:
        """One palette at most, even when ctrl+p comes twice in a burst."""
        from facilitator_tui.screens.palette import Palette, palette_open

        if not palette_open(self.screen_stack):
            self.push_screen(Palette(self.palette_commands(self.screen)), self.run_command)

    @guarded
    def run_command(self, command: PaletteCommand | None) -> None:
        """Run what the palette chose, once it has closed."""
        if command is not None:
            self.call_later(self.run_chosen, command)

    @guarded
    async def run_chosen(self, command: PaletteCommand) -> None:
        # Guarded here too: Textual's own actions (maximize, a screenshot) are not ours.
        result = command.run()
        if isawaitable(result):
            await result
