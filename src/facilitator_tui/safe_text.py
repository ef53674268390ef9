"""Making user and imported text safe to show: control characters become visible symbols.

Text is stored exactly as written. Only when it is shown are escape sequences,
other control characters and bidirectional overrides replaced, so nothing a
chat message contains can drive the terminal. Markup is never parsed: the UI
renders these strings as plain `Content`/`Text`, never as markup.
"""

from __future__ import annotations

import re

_C0 = {i: chr(0x2400 + i) for i in range(0x20) if i not in (0x09, 0x0A)}
_TABLE = {**_C0, 0x7F: "\u2421", 0x09: " "}
_TABLE.update({i: "\ufffd" for i in range(0x80, 0xA0)})
# Bidirectional overrides and isolates can reorder what a reader sees.
_TABLE.update({i: "\ufffd" for i in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})


def visible(text: str) -> str:
    """The text with every control character shown as a harmless symbol; newlines kept."""
    return text.translate(_TABLE)


_NEWLINES = re.compile(r"\s*[\r\n]+\s*")


def single_line(text: str) -> str:
    """Visible text on one line: line breaks become ' ⏎ '."""
    return visible(_NEWLINES.sub(" \u23ce ", text.strip()))


def clip(text: str, width: int) -> str:
    if width <= 1:
        return text[:width]
    return text if len(text) <= width else text[: width - 1] + "\u2026"


# What typing or pasting may put into a one-line input: printable text only. An escape
# sequence pasted from a terminal would otherwise sit in the value as a zero-width
# character and throw out where the input draws the text after it.
_TYPED: dict[int, str | None] = {i: None for i in range(0x20)}
_TYPED.update({0x09: " ", 0x0A: " ", 0x0D: " ", 0x7F: None})
_TYPED.update({i: None for i in range(0x80, 0xA0)})
_TYPED.update({i: None for i in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})


def typed(text: str) -> str:
    """`text` as a one-line input should take it: control characters dropped, breaks as spaces."""
    return text.translate(_TYPED)


_TYPED_BLOCK = dict(_TYPED)
_TYPED_BLOCK.update({0x09: "\t", 0x0A: "\n", 0x0D: None})


def typed_block(text: str) -> str:
    """`text` as a multi-line editor should take it: line breaks and tabs kept, other
    control characters dropped (a Windows line end becomes a plain one)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_TYPED_BLOCK)
