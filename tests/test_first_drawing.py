"""A screen is laid out and drawn once as it first shows, and later changes are still drawn."""

from __future__ import annotations

import pytest
from pilot_helpers import screen_text, type_text
from test_review_screen import make_review
from textual._compositor import LayoutUpdate
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.screens.first_drawing import FirstDrawing


def count_full_frames(app: App) -> list[str]:
    """Record each whole frame the app hands to the terminal (partial updates are left out)."""
    frames: list[str] = []
    display = app._display

    def recording(screen, renderable) -> None:
        if isinstance(renderable, LayoutUpdate):
            frames.append(type(screen).__name__)
        display(screen, renderable)

    app._display = recording
    return frames


@pytest.mark.parametrize("size", [(160, 45), (80, 24)])
async def test_the_review_screen_is_sent_whole_once_as_it_starts(service, db_path, size):
    rid = make_review(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    frames = count_full_frames(app)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause(0.1)  # long enough for a second layout to have come and gone
        assert frames == ["ReviewScreen"]
        assert "Queue depth above 10k" in screen_text(app)


async def test_the_home_screen_is_sent_whole_once_as_it_starts(service, db_path):
    make_review(service)
    app = FacilitatorApp(db_path=db_path)
    frames = count_full_frames(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause(0.1)
        assert frames == ["HomeScreen"]
        assert "Queue backlog" in screen_text(app)


async def test_typing_straight_after_the_first_frame_is_drawn(service, db_path):
    rid = make_review(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        app.screen.query_one("#note-input").focus()
        await type_text(pilot, "first words")
        await pilot.pause()
        assert "first words" in screen_text(app)


async def test_a_resize_after_the_first_frame_lays_the_screen_out_again(service, db_path):
    rid = make_review(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.has_class("-compact")
        assert app.screen.query_one("#timeline").region.width == 80


class Overflowing(FirstDrawing, Screen[None]):
    def compose(self) -> ComposeResult:
        with VerticalScroll(id="scroll"):
            yield Static("\n".join(f"line {n}" for n in range(100)), id="lines")


async def test_a_scroll_bar_that_appears_in_the_first_layout_gets_its_room():
    class OverflowApp(App[None]):
        def get_default_screen(self) -> Screen:
            return Overflowing()

    app = OverflowApp()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        scroll = app.screen.query_one("#scroll")
        assert scroll.show_vertical_scrollbar
        # The lines are laid out beside the bar, not under it.
        assert app.screen.query_one("#lines").region.width == 40 - scroll.styles.scrollbar_size_vertical
