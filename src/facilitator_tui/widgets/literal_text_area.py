"""A multi-line editor that takes only printable text, line breaks and tabs, however it arrives.

As with `LiteralInput`: an escape sequence pasted into a stock `TextArea` stays in
the document, takes no cell on screen and throws out where the rest is drawn.
"""

from __future__ import annotations

from textual.widgets import TextArea
from textual.widgets.text_area import EditResult, Location

from facilitator_tui.safe_text import typed_block


class LiteralTextArea(TextArea):
    def replace(self, insert: str, start: Location, end: Location, *,
                maintain_selection_offset: bool = True) -> EditResult:
        return super().replace(typed_block(insert), start, end,
                               maintain_selection_offset=maintain_selection_offset)

    def insert(self, text: str, location: Location | None = None, *,
               maintain_selection_offset: bool = True) -> EditResult:
        return super().insert(typed_block(text), location,
                              maintain_selection_offset=maintain_selection_offset)


__all__ = ["LiteralTextArea"]
