"""A dialog that cannot be built never ends the app.

A dialog reads what it shows as it is built (its `compose` and `on_mount`). When
that fails (the review deleted by another process, any error while building) the
app stays up on the screen it was on, says one plain line and logs the details.
"""

from __future__ import annotations

import pytest
from textual.app import ComposeResult
from textual.widgets import Static

from facilitator_tui.screens.confirm import ConfirmModal
from facilitator_tui.screens.review import ReviewScreen
from facilitator_tui.service import ReviewService
from facilitator_tui.widgets.guard import guarded

# The keys that open each dialog reading the review as it is built, and the screen they
# leave the facilitator on when it cannot be built. (The note editor and the event view
# show the note or event already on screen; they read nothing as they open.)
DIALOGS = {
    "review details": (["ctrl+g"], "ReviewScreen"),
    "export": (["f8"], "ReviewScreen"),
    "import": (["f9"], "ReviewScreen"),
    "meeting summary": (["ctrl+u"], "ReviewScreen"),
    "participants": (["ctrl+o"], "ReviewScreen"),
    "parking lot": (["ctrl+l"], "ReviewScreen"),
    "close meeting": (["f10"], "ReviewScreen"),
    "event picker": (["ctrl+n", "tab", "up", "enter", "ctrl+l"], "NoteEditor"),
}


@pytest.fixture
def log(tmp_path, monkeypatch):
    path = tmp_path / "state" / "facilitator.log"
    monkeypatch.setenv("FACILITATOR_LOG", str(path))
    return path


@pytest.mark.parametrize("dialog", sorted(DIALOGS))
async def test_a_dialog_on_a_review_deleted_elsewhere_says_so_and_the_app_stays(
        db_path, service, small_review, recording_app, log, dialog):
    rid = small_review(service)
    service.start_meeting(rid)
    app = recording_app(db_path, rid)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        other = ReviewService.open(db_path)  # another process deletes the review
        other.delete_review(rid)
        other.close()
        keys, stays_on = DIALOGS[dialog]
        await pilot.press(*keys)
        for _ in range(5):
            await pilot.pause()
        assert app.is_running
        assert type(app.screen).__name__ == stays_on
        assert app.told, "the facilitator is told why the dialog did not open"
        assert all("Traceback" not in line for line in app.told)
        await pilot.press("escape", "f1")  # and the keys still work
        await pilot.pause()
        assert app.is_running
    assert app.return_code in (0, None)


class Unbuildable(ConfirmModal):
    """A dialog whose compose fails half-way."""

    @guarded
    def compose(self) -> ComposeResult:
        yield Static("first half")
        raise RuntimeError("the private words of a note")


class UnmountableConfirm(ConfirmModal):
    """A dialog whose on_mount fails."""

    @guarded
    def on_mount(self) -> None:
        raise RuntimeError("the private words of a note")


@pytest.mark.parametrize("dialog", [Unbuildable, UnmountableConfirm])
async def test_a_dialog_that_fails_to_build_closes_and_the_app_stays(
        db_path, service, small_review, recording_app, log, dialog):
    rid = small_review(service)
    app = recording_app(db_path, rid)
    answers: list[bool | None] = []
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        app.push_screen(dialog("Go on?"), answers.append)
        for _ in range(5):
            await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, ReviewScreen)
        assert answers == [None]  # closed, nothing chosen
        assert len(app.told) == 1 and "private words" not in app.told[0]
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReviewDetails"
    assert app.return_code in (0, None)
    assert "private words" in log.read_text()  # the details are in the log (0600)
