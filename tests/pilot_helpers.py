"""Helpers for pilot tests: type text key by key, and read what the screen shows."""

from __future__ import annotations

import html
import re

KEY_NAMES = {" ": "space", "[": "left_square_bracket", "]": "right_square_bracket",
             "/": "slash", "@": "at", "=": "equals_sign", ".": "full_stop", "-": "minus",
             "?": "question_mark", ":": "colon"}


async def type_text(pilot, text: str) -> None:
    """Press each character's key, as a person typing would."""
    for char in text:
        await pilot.press(KEY_NAMES.get(char, char))


def screen_text(app) -> str:
    """What a person sees: the screenshot's text, without SVG tags or entities."""
    svg = app.export_screenshot()
    body = svg.split("</style>", 1)[-1]
    return html.unescape(re.sub(r"<[^>]+>", "", body)).replace("\xa0", " ")
