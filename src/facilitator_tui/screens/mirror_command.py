"""The command that starts the room's mirror, shown when this window cannot open one itself.

A plain SSH session or a console has no new window to open: the facilitator runs
the command in another terminal (or shares a browser tab from `facilitator serve`).
`c` copies it; the command is drawn literally, so any path shows as it is.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from facilitator_tui.widgets.guard import guarded


class MirrorCommand(ModalScreen[None]):
    DEFAULT_CSS = """
    MirrorCommand { align: center middle; }
    MirrorCommand > Vertical {
        width: 90%; max-width: 100; height: auto; padding: 1 2;
        border: thick $primary; background: $panel;
    }
    MirrorCommand #mirror-command {
        margin: 1 0; padding: 0 1; background: $boost; text-style: bold; color: $text-accent;
    }
    MirrorCommand .hint { color: $text-muted; }
    """
    BINDINGS = [
        Binding("c", "copy", "Copy the command"),
        Binding("escape,enter,q", "close", "Close"),
    ]

    def __init__(self, command: str, serve_command: str) -> None:
        super().__init__()
        self.command = command
        self.serve_command = serve_command

    @guarded
    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content("A mirror for the room: run this in another terminal, and share that "
                                 "window. It follows this one live and never shows private notes."))
            yield Static(Content(self.command), id="mirror-command")
            yield Static(Content(f"For a browser tab instead: {self.serve_command} (see the README)."),
                         classes="hint")
            yield Static(Content("c copies the command · Escape closes"), classes="hint")

    @guarded
    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.command)
        self.notify("Command copied (through the terminal's clipboard).", timeout=3, markup=False)

    @guarded
    def action_close(self) -> None:
        self.dismiss(None)
