"""Helpers for pilot tests: type text key by key, and read what the screen shows."""

from __future__ import annotations

import html
import re

from textual.app import App, ComposeResult

from facilitator_tui.screens.dialog_host import DialogHost

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


class PaneHost(DialogHost, App[None]):
    """A bare app holding one review pane (opening the dialogs it asks for), recording the notifications it shows."""

    def __init__(self, service, review_id: int, pane_type: type, pane_id: str) -> None:
        super().__init__()
        self.service, self.review_id = service, review_id
        self.pane_type, self.pane_id = pane_type, pane_id
        self.told: list[str] = []

    def compose(self) -> ComposeResult:
        yield self.pane_type(self.service, self.review_id, id=self.pane_id)

    def on_mount(self) -> None:
        self.query_one(self.pane_type).focus_main()

    def notify(self, message: str, **kwargs) -> None:
        self.told.append(message)
        super().notify(message, **kwargs)
