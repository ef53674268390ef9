"""A light list of rows of literal text: renders only the lines on screen.

Textual's `OptionList` pays at start-up for its large stylesheet and for
measuring every option as it is added. The review screen needs much less: rows
of `Content` that wrap (or are cut with an ellipsis), a cursor that skips
disabled rows, and highlight/select messages. This view wraps rows only once it
knows its width, keeps the start line of each row for a bisect, and caches the
strips it renders, so a cursor move repaints just the two rows involved. The
scroll bar is `LineView`'s.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace

from rich.segment import Segment
from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.style import Style

from facilitator_tui.widgets.component_styles import ComponentStyle
from facilitator_tui.widgets.guard import guarded
from facilitator_tui.widgets.line_view import CURSOR, CURSOR_BLURRED, LineView

DISABLED = ComponentStyle("text-disabled")
EMPTY = ComponentStyle("text-muted")


@dataclass(frozen=True)
class Row:
    """One row. `content` is shown as it is: build it from plain strings, never markup."""

    content: Content
    id: str | None = None
    disabled: bool = False


class RowList(LineView, can_focus=True):
    """Rows of text with a cursor; `wrap=True` lets a long row take several lines."""

    DEFAULT_CSS = """
    RowList { height: 1fr; background: $surface; }
    """
    BINDINGS = [Binding("enter", "select", "Select", show=False)]

    class RowMessage(Message):
        def __init__(self, row_list: RowList, index: int, row: Row) -> None:
            super().__init__()
            self.row_list = row_list
            self.index = index
            self.row = row

        @property
        def control(self) -> RowList:
            # What `@on(..., "#some-id")` matches its selector against.
            return self.row_list

    class Highlighted(RowMessage):
        """The cursor moved to another row."""

    class Selected(RowMessage):
        """Enter was pressed on, or the mouse clicked, an enabled row."""

    def __init__(self, *, wrap: bool = False, empty_message: str = "",
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.wrap = wrap
        self.empty_message = empty_message
        self._rows: list[Row] = []
        self._index: dict[str, int] = {}
        self._highlighted: int | None = None
        # The layout for `_layout_width`: each row's lines, and where each row starts.
        self._lines: list[list[Content]] | None = None
        self._starts: list[int] = []
        self._total = 0
        self._layout_width = -1
        self._scroll_when_drawn = False

    # -- rows ------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[Row]) -> None:
        """Show `rows`; the highlight stays on the same row id when it is still there."""
        old_index, old_row = self._highlighted, self.highlighted_row
        self._rows = list(rows)
        self._index = {row.id: i for i, row in enumerate(self._rows) if row.id is not None}
        if old_row is None:
            new_index = None
        elif old_row.id is not None:
            new_index = self._index.get(old_row.id)
        else:
            new_index = min(old_index or 0, len(self._rows) - 1) if self._rows else None
        self._highlighted = new_index
        self._forget_layout()
        self.refresh()
        self._scroll_to_highlight()
        new_row = self.highlighted_row
        if (new_index is not None and new_row is not None
                and (new_index, new_row.id) != (old_index, old_row and old_row.id)):
            self.post_message(self.Highlighted(self, new_index, new_row))

    def clear(self) -> None:
        self.set_rows([])
        self.scroll_to(y=0, animate=False, force=True)

    def replace_row(self, row_id: str, content: Content) -> bool:
        """Change one row's content where it is: the highlight and scroll stay put."""
        index = self._index.get(row_id)
        if index is None:
            return False
        self._rows[index] = replace(self._rows[index], content=content)
        if self._lines is None:
            return True
        start = self._starts[index]
        before = len(self._lines[index])
        self._lines[index] = self._wrap(content, self._layout_width)
        if len(self._lines[index]) == before:
            for key in [k for k in self.line_cache if start <= k[0] < start + before]:
                del self.line_cache[key]
            self.refresh_lines(start, before)
        else:
            # Rows below have moved: rebuild the start lines from the wrapped rows we have.
            self._set_starts()
            self.line_cache.clear()
            self.refresh()
        return True

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def row_at(self, index: int) -> Row:
        return self._rows[index]

    def index_of(self, row_id: str) -> int | None:
        return self._index.get(row_id)

    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None:
            index = max(0, min(index, len(self._rows) - 1)) if self._rows else None
        old = self._highlighted
        if index == old:
            return
        self._highlighted = index
        self._refresh_row(old)
        self._refresh_row(index)
        self._scroll_to_highlight()
        if index is not None:
            self.post_message(self.Highlighted(self, index, self._rows[index]))

    @property
    def highlighted_row(self) -> Row | None:
        index = self._highlighted
        return self._rows[index] if index is not None and index < len(self._rows) else None

    # -- layout ----------------------------------------------------------------------

    def _wrap(self, content: Content, width: int) -> list[Content]:
        """A row's lines at `width`. Unwrapped rows are one line, cut when drawn (see render_row_line)."""
        if width <= 0:
            return [content]
        plain = content.plain
        if not self.wrap:
            return [content.first_line if "\n" in plain else content]
        if content.cell_length <= width and "\n" not in plain and "\t" not in plain:
            return [content]  # fits as it is: wrapping would change nothing
        return content.wrap(width) or [Content()]

    def _forget_layout(self) -> None:
        self._lines = None
        self.line_cache.clear()
        self._ensure_layout()

    def _ensure_layout(self) -> None:
        """Wrap every row for the current width, unless that is already done."""
        width = self.text_width
        if self._lines is not None and width == self._layout_width:
            return
        # Before the first layout the width is 0: one line a row, redone on resize.
        self._layout_width = width
        self._lines = [self._wrap(row.content, width) for row in self._rows]
        self.line_cache.clear()
        self._set_starts()

    def _laid_out(self) -> list[list[Content]]:
        """Each row's lines at the current width."""
        self._ensure_layout()
        assert self._lines is not None
        return self._lines

    def _set_starts(self) -> None:
        self._starts, total = [], 0
        for lines in self._lines or []:
            self._starts.append(total)
            total += len(lines)
        self._total = total
        self.set_line_count(total)

    def _row_at_line(self, line: int) -> int | None:
        self._ensure_layout()
        if not 0 <= line < self._total:
            return None
        return bisect_right(self._starts, line) - 1

    def _span(self, index: int) -> tuple[int, int]:
        """The first line of row `index` and how many lines it takes."""
        lines = self._laid_out()
        return self._starts[index], len(lines[index])

    # -- rendering -------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # Laid out (and scrolled) before the lines and the bar are drawn, which take the
        # number of lines as it is now.
        self._ensure_layout()
        if self._scroll_when_drawn:
            self._scroll_when_drawn = False
            self._scroll_to_highlight(drawing=True)
        return super().render_lines(crop)

    def render_text_line(self, y: int) -> Strip:
        line = y + self.scroll_offset.y
        width = self.text_width
        index = self._row_at_line(line)
        lit = index is not None and index == self._highlighted
        return self.cached_line((line, width, lit, self.has_focus, self.app.theme),
                                self.render_row_line, line, index, width, lit)

    def render_row_line(self, line: int, index: int | None, width: int, lit: bool) -> Strip:
        """Line `line` of the list: part of row `index` (None past the end), `lit` under the cursor."""
        if width <= 0:
            return Strip.blank(0)
        content = self._line_content(line, index, width)
        if index is None:
            if content is None:
                return Strip.blank(width, self.rich_style)
            return self._strip(content, width, self.component_styles.visual(EMPTY))
        assert content is not None
        row = self._rows[index]
        plain = row.disabled and not row.content.spans
        style = self.component_styles.visual(DISABLED) if plain else self.visual_style
        strip = self._strip(content, width, style)
        if lit:
            # The cursor's colours win over each span's, so the row reads as one bar.
            cursor = self.component_styles.rich(CURSOR if self.has_focus else CURSOR_BLURRED)
            strip = Strip(Segment.apply_style(strip, post_style=cursor), strip.cell_length)
        return strip

    def _line_content(self, line: int, index: int | None, width: int) -> Content | None:
        """What line `line` shows, cut to `width`: part of row `index`, or the empty hint."""
        if index is None:
            if line == 0 and not self._rows and self.empty_message:
                return Content(self.empty_message).first_line.truncate(width, ellipsis=True)
            return None
        assert self._lines is not None
        content = self._lines[index][line - self._starts[index]]
        if content.cell_length > width:
            # Only an unwrapped row can be too long; it is cut when drawn, so a long list
            # cuts just the rows on screen.
            content = content.truncate(width, ellipsis=True)
        return content

    def line_text(self, line: int) -> str:
        content = self._line_content(line, self._row_at_line(line), self.text_width)
        return content.plain if content is not None else ""

    def _strip(self, content: Content, width: int, style: Style) -> Strip:
        # One laid-out line to segments directly: Visual.to_strips would wrap, align and
        # pad it all over again, several times the cost, for each line drawn.
        segments = content.render_segments(style)
        return Strip(segments).adjust_cell_length(width, style.rich_style)

    @guarded
    def on_resize(self) -> None:
        self._ensure_layout()
        self._scroll_to_highlight()

    def refresh_cursor(self) -> None:
        self._refresh_row(self._highlighted)

    def _refresh_row(self, index: int | None) -> None:
        if index is not None and index < len(self._rows):
            # ScrollView.refresh_lines takes lines of the whole list, not screen lines.
            self.refresh_lines(*self._span(index))

    def _scroll_to_highlight(self, *, drawing: bool = False) -> None:
        height = self.scrollable_content_region.height
        if self._highlighted is None:
            return
        if height <= 0:
            self._scroll_when_drawn = True  # no size yet: the first drawing scrolls
            return
        start, count = self._span(self._highlighted)
        top = self.scroll_offset.y
        if start < top or (count > height and start != top):
            target = start
        elif start + count > top + height:
            target = start + count - height
        else:
            return
        if drawing:
            # Set before the lines are drawn, so the first frame already shows the row;
            # scrolling after it would draw the whole list a second time.
            target = min(target, self.max_scroll_y)
            self.set_reactive(LineView.scroll_y, float(target))
            self.set_reactive(LineView.scroll_target_y, float(target))
        else:
            self.scroll_to(y=target, animate=False, force=True)

    # -- keys and mouse --------------------------------------------------------------

    def _enabled_from(self, index: int, step: int) -> int | None:
        """The first enabled row from `index` on (inclusive) going `step`, without wrapping."""
        while 0 <= index < len(self._rows):
            if not self._rows[index].disabled:
                return index
            index += step
        return None

    @guarded
    def action_cursor(self, step: int) -> None:
        count = len(self._rows)
        if not count:
            return
        if self._highlighted is None:
            target = self._enabled_from(0 if step > 0 else count - 1, step)
        else:
            # Past either end the cursor comes round to the other, as OptionList's did.
            ahead = ((self._highlighted + step * k) % count for k in range(1, count + 1))
            target = next((i for i in ahead if not self._rows[i].disabled), None)
        if target is not None:
            self.highlighted = target

    @guarded
    def action_page(self, step: int) -> None:
        if self._highlighted is None:
            self.action_first() if step < 0 else self.action_last()
            return
        height = max(1, self.scrollable_content_region.height)
        start, _ = self._span(self._highlighted)
        line = max(0, min(start + step * height, self._total - 1))
        index = self._row_at_line(line)
        if index is None:
            return
        target = self._enabled_from(index, step)
        if target is None:
            target = self._enabled_from(index, -step)
        if target is not None:
            self.highlighted = target

    @guarded
    def action_first(self) -> None:
        target = self._enabled_from(0, 1)
        if target is not None:
            self.highlighted = target

    @guarded
    def action_last(self) -> None:
        target = self._enabled_from(len(self._rows) - 1, -1)
        if target is not None:
            self.highlighted = target

    @guarded
    def action_select(self) -> None:
        index, row = self._highlighted, self.highlighted_row
        if index is not None and row is not None and not row.disabled:
            self.post_message(self.Selected(self, index, row))

    @guarded
    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        # A drag that selected text ends in a click too: it is not a choice of row.
        if offset is None or self.on_bar(event) or self.text_selection is not None:
            return
        index = self._row_at_line(offset.y + self.scroll_offset.y)
        if index is None or self._rows[index].disabled:
            return
        self.focus()
        self.highlighted = index
        self.action_select()


__all__ = ["Row", "RowList"]
