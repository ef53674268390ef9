"""The quick-note box: Enter hands over exactly what was typed before it; a paste keeps every line.

Textual's Input posts `Submitted` with its value, but the pane reads it later,
after keys that arrived in the same burst were already typed into the box:
clearing the box then would merge, repeat or drop notes. Here Enter takes the
text and empties the box in one step, in key order, and posts it as `Entered`.
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input

from facilitator_tui.widgets.guard import guarded


def one_line(pasted: str) -> str:
    """A multi-line paste as one line: every line kept, joined by spaces."""
    return " ".join(part.strip() for part in pasted.splitlines() if part.strip())


class NoteInput(Input):
    """A one-line input whose Enter never loses, repeats or merges what was typed."""

    class Entered(Message):
        """Enter was pressed with `text` in the box (the box is already empty)."""

        def __init__(self, note_input: NoteInput, text: str) -> None:
            super().__init__()
            self.note_input = note_input
            self.text = text

        @property
        def control(self) -> NoteInput:
            return self.note_input

    @guarded
    async def action_submit(self) -> None:
        text = self.value
        if not text.strip():
            return
        self.value = ""
        self.post_message(self.Entered(self, text))

    @guarded
    def on_paste(self, event: events.Paste) -> None:
        # Input keeps only a paste's first line; a note keeps all of it.
        event.prevent_default()
        event.stop()
        text = one_line(event.text)
        if not text:
            return
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)
