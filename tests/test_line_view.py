"""The scroll bar that the timeline and the lists draw themselves: where the thumb sits,
and what the wheel, a click on the bar and a drag of its thumb do."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.app import App, ComposeResult
from textual.content import Content
from textual.events import MouseScrollDown, MouseScrollUp

from facilitator_tui.widgets.line_view import joined, thumb_span
from facilitator_tui.widgets.row_list import Row, RowList

HEIGHT = 10
ROWS = 100


def test_no_thumb_when_everything_fits():
    assert thumb_span(10, 10, 0) is None
    assert thumb_span(10, 3, 0) is None
    assert thumb_span(0, 50, 0) is None


def test_thumb_runs_from_top_to_bottom_and_keeps_a_cell():
    assert thumb_span(10, 100, 0) == (0, 1)
    assert thumb_span(10, 100, 90) == (9, 1)
    assert thumb_span(10, 100, 50) == (5, 1)
    assert thumb_span(10, 20, 0) == (0, 5)
    assert thumb_span(10, 20, 10) == (5, 5)
    assert thumb_span(10, 100_000, 99_990) == (9, 1)
    # Scrolled past the end (the list just shrank): the thumb stays at the bottom.
    assert thumb_span(10, 20, 500) == (5, 5)


BG = "#1e1e1e"
TEXT = Style(color="#e0e0e0", bgcolor=BG)
LABEL = Style(color="#fea62b", bgcolor=BG, bold=True)


def test_spaces_join_the_text_beside_them_on_the_same_background():
    segments = [Segment(" ", Style(bgcolor=BG)), Segment("ACTION  ", LABEL),
                Segment("Ana: ", TEXT), Segment("text", TEXT), Segment("    ", Style(bgcolor=BG))]
    assert joined(segments) == [Segment(" ACTION  ", LABEL), Segment("Ana: text    ", TEXT)]


def test_spaces_keep_apart_where_they_would_look_different():
    other_background = Segment("  ", Style(bgcolor="#003054"))
    underlined = Segment("  ", Style(bgcolor=BG, underline=True))
    reversed_ = Segment("  ", Style(bgcolor=BG, reverse=True))
    linked = Segment("  ", Style(bgcolor=BG, link="https://example.com"))
    for spaces in (other_background, underlined, reversed_, linked):
        assert joined([Segment("text", TEXT), spaces]) == [Segment("text", TEXT), spaces]
        assert joined([spaces, Segment("text", TEXT)]) == [spaces, Segment("text", TEXT)]
    # Two pieces of text in different styles stay two.
    assert joined([Segment("a", TEXT), Segment("b", LABEL)]) == [Segment("a", TEXT), Segment("b", LABEL)]


class Host(App[None]):
    CSS = f"RowList {{ width: 30; height: {HEIGHT}; }}"

    def __init__(self, rows: int = ROWS) -> None:
        super().__init__()
        self.rows = rows
        self.selected: list[int] = []

    def compose(self) -> ComposeResult:
        yield RowList(id="rows")

    def on_mount(self) -> None:
        listing = self.query_one(RowList)
        listing.set_rows([Row(Content(f"row {i}"), id=str(i)) for i in range(self.rows)])
        listing.highlighted = 0
        listing.focus()

    def on_row_list_selected(self, message: RowList.Selected) -> None:
        self.selected.append(message.index)


def bar_cells(listing: RowList) -> list[str]:
    """'#' where the thumb is drawn, '.' for the track, ' ' when nothing scrolls."""
    _, track, thumb = listing._bar_style()
    marks = []
    for y in range(HEIGHT):
        colour = list(listing.render_line(y))[-1].style.bgcolor
        marks.append("#" if colour == thumb.bgcolor else "." if colour == track.bgcolor else " ")
    return marks


async def test_the_bar_is_the_last_column_and_follows_the_scroll():
    app = Host()
    async with app.run_test() as pilot:
        listing = app.query_one(RowList)
        await pilot.pause()
        assert listing.text_width == 29
        assert all(listing.render_line(y).cell_length == 30 for y in range(HEIGHT))
        assert bar_cells(listing) == ["#"] + ["."] * 9
        await pilot.press("end")
        await pilot.pause()
        assert bar_cells(listing) == ["."] * 9 + ["#"]


async def test_nothing_to_scroll_leaves_the_column_blank():
    app = Host(rows=3)
    async with app.run_test() as pilot:
        listing = app.query_one(RowList)
        await pilot.pause()
        assert bar_cells(listing) == [" "] * HEIGHT
        assert not listing.allow_vertical_scroll


async def test_the_wheel_scrolls_without_moving_the_cursor():
    app = Host()
    async with app.run_test() as pilot:
        listing = app.query_one(RowList)
        await pilot.pause()
        listing.post_message(MouseScrollDown(listing, 2, 2, 0, 1, 0, False, False, False))
        await pilot.pause()
        down = listing.scroll_offset.y
        assert down > 0 and listing.highlighted == 0
        listing.post_message(MouseScrollUp(listing, 2, 2, 0, -1, 0, False, False, False))
        await pilot.pause()
        assert listing.scroll_offset.y < down


async def test_a_click_on_the_track_pages_and_selects_nothing():
    app = Host()
    async with app.run_test() as pilot:
        listing = app.query_one(RowList)
        await pilot.pause()
        await pilot.click(listing, offset=(29, 8))
        await pilot.pause()
        assert listing.scroll_offset.y == HEIGHT
        assert app.selected == [] and listing.highlighted == 0
        await pilot.click(listing, offset=(29, 0))
        await pilot.pause()
        assert listing.scroll_offset.y == 0


async def test_dragging_the_thumb_scrolls_to_where_it_is_dropped():
    app = Host()
    async with app.run_test() as pilot:
        listing = app.query_one(RowList)
        await pilot.pause()
        await pilot.mouse_down(listing, offset=(29, 0))
        await pilot.hover(listing, offset=(29, 9))
        await pilot.mouse_up(listing, offset=(29, 9))
        await pilot.pause()
        assert listing.scroll_offset.y == listing.max_scroll_y == ROWS - HEIGHT
        assert app.mouse_captured is None
        assert app.selected == []


async def test_a_shorter_list_brings_the_scroll_back_within_it():
    app = Host()
    async with app.run_test() as pilot:
        listing = app.query_one(RowList)
        await pilot.press("end")
        await pilot.pause()
        assert listing.scroll_offset.y == ROWS - HEIGHT
        listing.set_rows([Row(Content(f"row {i}"), id=str(i)) for i in range(15)])
        await pilot.pause()
        assert listing.virtual_size.height == 15
        assert listing.scroll_offset.y == 15 - HEIGHT


class FirstDrawing(RowList):
    """Remembers where the list was scrolled when it was first drawn."""

    first_offset: int | None = None

    def render_lines(self, crop):
        strips = super().render_lines(crop)
        if self.first_offset is None:
            self.first_offset = self.scroll_offset.y
        return strips


class LastRowHost(App[None]):
    CSS = f"RowList {{ width: 30; height: {HEIGHT}; }}"

    def compose(self) -> ComposeResult:
        listing = FirstDrawing(id="rows")
        # Rows and highlight are set before the list has a size, as the notes pane does.
        listing.set_rows([Row(Content(f"row {i}"), id=str(i)) for i in range(ROWS)])
        listing.highlighted = ROWS - 1
        yield listing


async def test_the_first_drawing_already_shows_the_highlighted_row():
    app = LastRowHost()
    async with app.run_test() as pilot:
        await pilot.pause()
        listing = app.query_one(FirstDrawing)
        assert listing.first_offset == ROWS - HEIGHT
        assert listing.scroll_offset.y == ROWS - HEIGHT
