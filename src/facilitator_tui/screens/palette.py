"""The command palette, safe against keys that arrive in a burst.

Textual's palette ends the app on two key sequences a busy facilitator can type:
ctrl+p twice before the first palette is drawn (a second palette with the same
id), and page up/down while the list of matches is empty. The app opens this
palette once at most, and its paging keys do nothing on an empty list.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.command import CommandList, CommandPalette

from facilitator_tui.widgets.guard import guarded


class MeetingPalette(CommandPalette):
    BINDINGS = [
        Binding("pagedown", "page(1)", "Next page", show=False),
        Binding("pageup", "page(-1)", "Previous page", show=False),
    ]

    @guarded
    def action_page(self, direction: int) -> None:
        commands = self.query_one(CommandList)
        if commands.option_count == 0:
            return
        try:
            if direction > 0:
                commands.action_page_down()
            else:
                commands.action_page_up()
        except KeyError:  # the matches are listed but not laid out yet: nothing to page
            pass


def palette_open(screens: list) -> bool:
    return any(isinstance(screen, CommandPalette) for screen in screens)
