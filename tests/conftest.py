"""Shared fixtures: a real SQLite file in tmp_path, the real service on it, and pilot helpers.

Helpers are fixtures (a test asks for `type_text` or `screen_text` by name), so no
test module imports another. Debounces are as good as zero in every test: a test
waits for the app's events (`await pilot.pause()`, or `until` the app shows
something), never for the clock; a test about a debounce sets the delay it needs.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from facilitator_tui.service import ReviewService

KEY_NAMES = {" ": "space", "[": "left_square_bracket", "]": "right_square_bracket",
             "/": "slash", "@": "at", "=": "equals_sign", ".": "full_stop", "-": "minus",
             "?": "question_mark", ":": "colon"}


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "reviews.db"


@pytest.fixture
def service(db_path):
    svc = ReviewService.open(db_path)
    yield svc
    svc.close()


# Textual's timers refuse a delay of 0; a millisecond is as good as none.
NO_DELAY = 0.001


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch):
    """Every debounce fires at once instead of after a pause."""
    from facilitator_tui.screens.note_editor import NoteEditor
    from facilitator_tui.screens.text_entry import TextEntry
    from facilitator_tui.widgets.notes_pane import NotesPane
    from facilitator_tui.widgets.timeline_view import TimelineView

    for owner, name in ((TimelineView, "ANNOUNCE_DELAY"), (NotesPane, "DRAFT_DELAY"),
                        (TextEntry, "SAVE_DELAY"), (NoteEditor, "SAVE_DELAY")):
        monkeypatch.setattr(owner, name, NO_DELAY)


async def _type_text(pilot, text: str) -> None:
    """Press each character's key, as a person typing would."""
    for char in text:
        await pilot.press(KEY_NAMES.get(char, char))


def _screen_text(app) -> str:
    """What a person sees: the screenshot's text, without SVG tags or entities."""
    svg = app.export_screenshot()
    body = svg.split("</style>", 1)[-1]
    return html.unescape(re.sub(r"<[^>]+>", "", body)).replace("\xa0", " ")


@pytest.fixture
def type_text() -> Callable[[Any, str], Awaitable[None]]:
    return _type_text


@pytest.fixture
def screen_text() -> Callable[[Any], str]:
    return _screen_text


@pytest.fixture
def until() -> Callable[..., Awaitable[None]]:
    """Waits, a moment at a time, until the app shows what `condition` looks for."""

    async def until(pilot, condition: Callable[[], bool], seconds: float = 5.0) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            assert time.monotonic() < deadline, "the app never got there"
            await pilot.pause(0.01)

    return until


@pytest.fixture
def recording_app():
    """Makes the real app, keeping the text of every notification it shows in `app.told`."""
    import facilitator_tui.app
    from facilitator_tui.app import FacilitatorApp

    here = Path(facilitator_tui.app.__file__).parent

    class RecordingApp(FacilitatorApp):
        # Textual reads a relative CSS_PATH beside the module of the class that names it.
        CSS_PATH = [here / path for path in FacilitatorApp.CSS_PATH]

        def __init__(self, db_path: str | Path, review_id: int | None = None) -> None:
            super().__init__(db_path, review_id)
            self.told: list[str] = []

        def notify(self, message: str, **kwargs: Any) -> None:
            self.told.append(message)
            super().notify(message, **kwargs)

    return RecordingApp
