"""A one-line input that takes only printable text, however it arrives.

Pasting `AAA \x1b[31mBBB` into a stock `Input` keeps the escape character in
its value, where it takes no cell on screen: the cursor and the text after it
are drawn in the wrong places and the line reads out of order. Typed and
pasted text goes through `safe_text.typed` first; the value is what was meant.
"""

from __future__ import annotations

from textual.widgets import Input

from facilitator_tui.safe_text import typed


class LiteralInput(Input):
    def insert_text_at_cursor(self, text: str) -> None:
        super().insert_text_at_cursor(typed(text))

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(typed(text), start, end)


__all__ = ["LiteralInput"]
