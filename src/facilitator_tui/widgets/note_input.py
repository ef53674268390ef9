"""The quick-note box: Enter hands over exactly what was typed before it; a paste keeps every line.

In Textual an Enter reaches the input's "submit" binding only after bubbling up
to the app and back, while the letters typed after it in the same burst (a
terminal paste, keys queued while the database was busy) are already in the
box: notes then merge, repeat or vanish. Here Enter is handled as the input
reads it, in key order: the text is taken, the box emptied in the same step,
and the text posted as `Entered`.
"""

from __future__ import annotations

from textual import events
from textual.message import Message

from facilitator_tui.widgets.guard import guarded
from facilitator_tui.widgets.literal_input import LiteralInput


def one_line(pasted: str) -> str:
    """A multi-line paste as one line: every line kept, joined by spaces."""
    return " ".join(part.strip() for part in pasted.splitlines() if part.strip())


class NoteInput(LiteralInput):
    """A one-line input whose Enter never loses, repeats or merges what was typed (and, as every
    LiteralInput, keeps only printable text)."""

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
    def on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.prevent_default()
            event.stop()
            self.take()

    @guarded
    async def action_submit(self) -> None:  # Enter from the palette or a binding
        self.take()

    def take(self) -> None:
        """Hand over what the box holds and empty it, in one step."""
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
