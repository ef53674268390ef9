"""RowList on its own: cursor, wrapping, messages and literal text, read from its lines."""

from __future__ import annotations

from textual import on
from textual.app import App, ComposeResult
from textual.content import Content

from facilitator_tui.widgets.line_view import CURSOR
from facilitator_tui.widgets.row_list import Row, RowList

HOSTILE = "[@click=app.quit]x[/] and a lone [/ here"


def row(text: str, id: str | None = None, *, disabled: bool = False) -> Row:
    return Row(Content(text), id=id if id is not None else text, disabled=disabled)


class Host(App[None]):
    """One RowList 24 cells wide and 5 lines high, recording what it posts."""

    CSS = "RowList { width: 24; height: 5; }"

    def __init__(self, rows: list[Row], *, wrap: bool = False, empty: str = "") -> None:
        super().__init__()
        self.rows, self.wrap, self.empty = rows, wrap, empty
        self.highlights: list[tuple[int, str | None]] = []
        self.selections: list[tuple[int, str | None]] = []

    def compose(self) -> ComposeResult:
        yield RowList(id="rows", wrap=self.wrap, empty_message=self.empty)

    def on_mount(self) -> None:
        listing = self.query_one(RowList)
        listing.set_rows(self.rows)
        listing.focus()

    @on(RowList.Highlighted, "#rows")
    def _highlighted(self, message: RowList.Highlighted) -> None:
        self.highlights.append((message.index, message.row.id))

    @on(RowList.Selected, "#rows")
    def _selected(self, message: RowList.Selected) -> None:
        self.selections.append((message.index, message.row.id))


def shown(listing: RowList) -> list[str]:
    """The text of each line on screen, as the widget renders it (without the scroll bar)."""
    return [listing.render_text_line(y).text for y in range(listing.scrollable_content_region.height)]


GROUPED = [row("PEOPLE", "g1", disabled=True), row("Fatigue"), row("Handover"),
           row("TIME", "g2", disabled=True), row("Night shift")]


async def test_the_cursor_skips_disabled_rows_both_ways():
    app = Host(GROUPED)
    async with app.run_test() as pilot:
        listing = app.query_one(RowList)
        assert listing.highlighted is None
        await pilot.press("down")
        assert listing.highlighted == 1
        await pilot.press("down", "down")
        assert listing.highlighted_row.id == "Night shift"
        await pilot.press("up")
        assert listing.highlighted_row.id == "Handover"
        await pilot.press("end")
        assert listing.highlighted == 4
        await pilot.press("down")  # round past the end, over the first header
        assert listing.highlighted == 1
        await pilot.press("up")
        assert listing.highlighted == 4
        await pilot.press("home")
        assert listing.highlighted == 1
        await pilot.pause()
        assert [i for i, _ in app.highlights] == [1, 2, 4, 2, 4, 1, 4, 1]


async def test_pages_move_by_a_screenful_and_land_on_an_enabled_row():
    rows = [row(f"item {i}", disabled=i % 4 == 0) for i in range(40)]
    app = Host(rows)
    async with app.run_test() as pilot:
        listing = app.query_one(RowList)
        await pilot.press("home")
        assert listing.highlighted == 1
        await pilot.press("pagedown")
        assert listing.highlighted == 6
        await pilot.press("pagedown", "pagedown")  # 11, then 16 is disabled: 17
        assert listing.highlighted == 17
        assert listing.scroll_offset.y <= 17 < listing.scroll_offset.y + 5
        await pilot.press("pageup")
        assert listing.highlighted == 11


async def test_long_rows_wrap_over_several_lines_and_the_cursor_covers_them_all():
    words = "the alert fired twice and nobody was sure which dashboard to trust"
    app = Host([row("short", "a"), row(words, "b"), row("after", "c")], wrap=True)
    async with app.run_test() as pilot:
        listing = app.query_one(RowList)
        await pilot.pause()
        lines = [line.rstrip() for line in shown(listing)]
        assert lines[0] == "short"
        wrapped = []
        for line in lines[1:]:
            if line == "after":
                break
            wrapped.append(line)
        assert len(wrapped) >= 3
        assert all(len(line) <= listing.text_width for line in wrapped)
        assert " ".join(wrapped) == words
        assert listing.virtual_size.height == len(wrapped) + 2
        listing.highlighted = 1
        await pilot.pause()
        cursor = listing.component_styles.rich(CURSOR).bgcolor
        for y in range(len(lines[:1 + len(wrapped)])):
            backgrounds = {s.style.bgcolor for s in listing.render_line(y) if s.style}
            assert (cursor in backgrounds) == (y >= 1), y


async def test_without_wrap_a_long_row_is_one_line_cut_with_an_ellipsis():
    app = Host([row("a row far too long to fit in twenty-four cells", "a"), row("next")])
    async with app.run_test() as pilot:
        listing = app.query_one(RowList)
        await pilot.pause()
        first, second = shown(listing)[:2]
        assert first.startswith("a row far") and first.endswith("…") and len(first) == listing.text_width
        assert second.rstrip() == "next"
        assert listing.virtual_size.height == 2


async def test_enter_and_click_select_the_row_under_them():
    app = Host(GROUPED)
    async with app.run_test() as pilot:
        listing = app.query_one(RowList)
        listing.highlighted = 2
        await pilot.press("enter")
        await pilot.click(RowList, offset=(2, 4))
        await pilot.pause()
        assert app.selections == [(2, "Handover"), (4, "Night shift")]
        assert listing.highlighted == 4
        await pilot.click(RowList, offset=(2, 3))  # a header: nothing happens
        await pilot.pause()
        assert app.selections == [(2, "Handover"), (4, "Night shift")]
        assert listing.highlighted == 4


async def test_replacing_a_row_keeps_highlight_and_scroll():
    rows = [row(f"item {i}", f"id{i}") for i in range(30)]
    app = Host(rows)
    async with app.run_test() as pilot:
        listing = app.query_one(RowList)
        listing.highlighted = 20
        await pilot.pause()
        scroll = listing.scroll_offset.y
        assert scroll > 0
        app.highlights.clear()
        assert listing.replace_row("id19", Content("changed elsewhere"))
        assert not listing.replace_row("missing", Content("nothing"))
        await pilot.pause()
        assert listing.highlighted == 20 and listing.scroll_offset.y == scroll
        assert listing.row_at(19).content.plain == "changed elsewhere"
        assert any(line.startswith("changed elsewhere") for line in shown(listing))
        assert app.highlights == []


async def test_a_wrapped_row_that_grows_pushes_the_rows_below_it_down():
    app = Host([row("one", "a"), row("two", "b"), row("three", "c")], wrap=True)
    async with app.run_test() as pilot:
        listing = app.query_one(RowList)
        listing.highlighted = 2
        await pilot.pause()
        listing.replace_row("b", Content("two grew into a row that needs more than one line"))
        await pilot.pause()
        lines = [line.rstrip() for line in shown(listing)]
        assert lines.index("three") >= 3
        assert listing.highlighted_row.id == "c"


async def test_new_rows_keep_the_highlight_on_the_same_id():
    app = Host([row("a"), row("b"), row("c")])
    async with app.run_test() as pilot:
        listing = app.query_one(RowList)
        listing.highlighted = 1
        listing.set_rows([row("new"), row("a"), row("b"), row("c")])
        await pilot.pause()
        assert listing.highlighted_row.id == "b" and listing.highlighted == 2
        listing.set_rows([row("a"), row("c")])
        assert listing.highlighted is None
        assert listing.index_of("c") == 1 and listing.index_of("b") is None


async def test_hostile_text_is_shown_literally_and_runs_nothing():
    app = Host([row(HOSTILE, "h"), row("[b]not bold[/b]", "m")], wrap=True)
    async with app.run_test() as pilot:
        listing = app.query_one(RowList)
        await pilot.pause()
        text = "".join(line.rstrip() for line in shown(listing))
        assert "[@click=app.quit]x[/]" in text
        assert "lone [/" in text and "[b]not bold[/b]" in text
        await pilot.click(RowList, offset=(1, 0))
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        assert app.selections == [(0, "h"), (0, "h")]


async def test_an_empty_list_shows_its_message_in_muted_text():
    app = Host([], empty="Nothing here yet.")
    async with app.run_test() as pilot:
        listing = app.query_one(RowList)
        await pilot.pause()
        assert shown(listing)[0].rstrip() == "Nothing here yet."
        colours = {s.style.color for s in listing.render_line(0) if s.text.strip()}
        assert colours and listing.rich_style.color not in colours  # muted, not plain text
        await pilot.press("down", "enter")
        assert listing.highlighted is None and app.selections == []
        listing.set_rows([row("first")])
        await pilot.pause()
        assert shown(listing)[0].rstrip() == "first"
        listing.clear()
        await pilot.pause()
        assert listing.row_count == 0
        assert shown(listing)[0].rstrip() == "Nothing here yet."
