"""A virtual list of timeline events: renders only visible rows, paged from SQLite.

Stock list widgets build or measure every row; at 100,000 events that takes
seconds. This view knows only the row count; `render_line(y)` fetches the page
holding that row (256 events, an LRU of pages) and caches rendered strips, so a
cursor move repaints two lines and touches the database at most once. The
scroll bar is `LineView`'s.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import tzinfo
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.events import Click
from textual.message import Message
from textual.strip import Strip
from textual.timer import Timer

from facilitator_tui.models import Event
from facilitator_tui.safe_text import single_line
from facilitator_tui.service import EventFilter, ReviewService
from facilitator_tui.widgets.component_styles import ComponentStyle
from facilitator_tui.widgets.guard import guarded
from facilitator_tui.widgets.line_view import CURSOR, CURSOR_BLURRED, LineView

PAGE_SIZE = 256
MAX_PAGES = 64
_NOT_YET = object()


def fit(text: str, cells: int) -> str:
    """`text` cut to at most `cells` terminal cells, with an ellipsis when cut."""
    if cells <= 0:
        return ""
    if cell_len(text) <= cells:
        return text
    return set_cell_size(text, cells - 1) + "…"


TIME = ComponentStyle("text-muted")
KEY_MOMENT = ComponentStyle("text-warning", bold=True)
SOURCE = ComponentStyle("text-muted", italic=True)
ACTOR = ComponentStyle("text-accent", bold=True)
BOT = ComponentStyle("text-muted", italic=True)
PRIVATE = ComponentStyle("text-error")
HIDDEN = ComponentStyle("text-muted", strike=True)


class TimelineView(LineView, can_focus=True):
    # Seconds the cursor rests before the screen hears of it: long enough that holding an
    # arrow key does not rebuild the notes pane per row.
    ANNOUNCE_DELAY: ClassVar[float] = 0.12
    DEFAULT_CSS = """
    TimelineView { height: 1fr; background: $surface; }
    """
    LINE_CACHE_SIZE = 2048

    class CursorMoved(Message):
        def __init__(self, event: Event | None) -> None:
            super().__init__()
            self.event = event

    def __init__(self, service: ReviewService, review_id: int, tz: tzinfo, *,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.service = service
        self.review_id = review_id
        self.tz = tz
        self.filter = EventFilter()
        self.count = 0
        self.cursor = 0
        self.with_date = False
        self.empty_message = "No events."
        self._pages: OrderedDict[int, list[Event]] = OrderedDict()
        self._announce_timer: Timer | None = None
        self._rich_base: Style | None = None
        self._announced: object = _NOT_YET

    # -- data ------------------------------------------------------------------------

    def load(self) -> None:
        """The first read, before the view is on screen: count the rows, land on the first.

        No CursorMoved for this first event: the pane announces it once as it mounts
        (and the review screen hands it to the notes pane before the first frame), so
        nothing changes, and nothing is drawn again, just after the first frame.
        """
        self._read_counts()
        self.cursor = 0
        self._announced = self.current_event()

    def _read_counts(self) -> None:
        self._pages.clear()
        self.line_cache.clear()
        self.count = self.service.event_count(self.review_id, self.filter)
        first, last = self.service.event_time_range(self.review_id)
        self.with_date = bool(first and last and
                              first.astimezone(self.tz).date() != last.astimezone(self.tz).date())
        self.set_line_count(self.count)

    def reload(self, keep: Event | None = None) -> None:
        """Re-count and forget caches; keep the cursor on `keep` (or the current event).

        The cursor also keeps its line on screen, so rows another process added
        above it do not make the list jump under the facilitator's eyes.
        """
        keep = keep or self.current_event()
        height = self.scrollable_content_region.height
        offset = self.cursor - self.scroll_offset.y
        line = offset if 0 <= offset < height else None
        self._read_counts()
        if keep is not None and keep.id is not None and self.count:
            self.cursor = self.service.event_position(self.review_id, keep, self.filter)
        self.cursor = max(0, min(self.cursor, self.count - 1))
        self.refresh()
        self.call_after_refresh(self._scroll_to_cursor, line)
        self._announce()

    def event_at(self, row: int) -> Event | None:
        if not 0 <= row < self.count:
            return None
        number, offset = divmod(row, PAGE_SIZE)
        page = self._pages.get(number)
        if page is None:
            page = self.service.event_page(self.review_id, number * PAGE_SIZE, PAGE_SIZE, self.filter)
            self._pages[number] = page
            if len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else None

    def current_event(self) -> Event | None:
        return self.event_at(self.cursor) if self.count else None

    # -- rendering ---------------------------------------------------------------------

    def render_text_line(self, y: int) -> Strip:
        row = y + self.scroll_offset.y
        width = self.text_width
        selected = row == self.cursor
        return self.cached_line((row, width, selected, self.has_focus, self.app.theme),
                                self._render_row, row, width, selected)

    def line_text(self, line: int) -> str:
        strip = self._render_row(line, self.text_width, False)
        return "".join(segment.text for segment in strip).rstrip()

    def _base_style(self) -> Style:
        # The widget's own style walks every ancestor's background: once per style change.
        if self._rich_base is None:
            self._rich_base = self.rich_style
        return self._rich_base

    def _render_row(self, row: int, width: int, selected: bool) -> Strip:
        base = self._base_style()
        event = self.event_at(row)
        # Full styles, not partial ones: colours such as $text-muted carry an alpha that
        # only blends correctly against the widget's own background.
        part = self.component_styles.rich
        if event is None or width <= 0:
            hints = self.empty_message.split("\n") if self.count == 0 else []
            if row < len(hints) and width > 0:  # one hint per row: each stays whole at 80 columns
                hint = fit(" " + hints[row], width)
                return Strip([Segment(hint, part(TIME))]).adjust_cell_length(width, base)
            return Strip.blank(width, base)

        # Every piece is a plain string in a Segment: nothing here is ever parsed as markup.
        body = part(HIDDEN) if event.hidden else base
        local = event.at.astimezone(self.tz)
        when = local.strftime("%m-%d %H:%M:%S" if self.with_date else "%H:%M:%S")
        segments = [Segment(f" {when} ", part(TIME)),
                    Segment("★ " if event.key_moment else "  ", part(KEY_MOMENT))]
        source_cells = 0 if width < 50 else min(20, width // 4)
        if source_cells:
            source = single_line(event.source)
            if event.channel:
                source += " #" + single_line(event.channel).lstrip("#")
            segments.append(Segment(set_cell_size(fit(source, source_cells), source_cells) + " ",
                                    part(SOURCE)))
        if event.facilitator_only:
            segments.append(Segment("[private] ", part(PRIVATE)))
        if event.hidden:
            segments.append(Segment("[hidden] ", body))
        if event.reply_to:
            segments.append(Segment("↳ ", base))
        if event.actor or event.is_bot:
            who = fit(single_line(event.actor), 24)
            if event.is_bot:
                who = f"{who} (bot)" if who else "(bot)"
            segments.append(Segment(who + ": ", part(BOT if event.is_bot else ACTOR)))
        used = sum(cell_len(segment.text) for segment in segments)
        segments.append(Segment(fit(single_line(event.text), width - used), body))
        strip = Strip(segments).adjust_cell_length(width, base)
        if selected:
            # The cursor's colours win over each part's, so the row reads as one bar.
            cursor = part(CURSOR if self.has_focus else CURSOR_BLURRED)
            strip = Strip(Segment.apply_style(strip, post_style=cursor), strip.cell_length)
        return strip

    @guarded
    def on_resize(self) -> None:
        self.line_cache.clear()

    def refresh_cursor(self) -> None:
        self.refresh_line(self.cursor)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rich_base = None

    # -- cursor ------------------------------------------------------------------------

    def move_cursor(self, row: int) -> None:
        if self.count == 0:
            return
        row = max(0, min(row, self.count - 1))
        if row == self.cursor:
            return
        old, self.cursor = self.cursor, row
        # ScrollView.refresh_line takes the row in the virtual list, not the screen line.
        self.refresh_line(old)
        self.refresh_line(row)
        self._scroll_to_cursor()
        self._announce()

    @guarded
    def _scroll_to_cursor(self, line: int | None = None) -> None:
        """Bring the cursor into view; with `line`, put it on that screen line."""
        height = max(1, self.scrollable_content_region.height)
        top = self.scroll_offset.y
        if line is not None and line < height:
            wanted = max(0, self.cursor - line)
            if wanted != top:
                self.scroll_to(y=wanted, animate=False, immediate=True, force=True)
        elif self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True, force=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True, force=True)

    def _announce(self) -> None:
        if self._announce_timer is not None:
            self._announce_timer.stop()
        self._announce_timer = self.set_timer(self.ANNOUNCE_DELAY, self._post_selection)

    @guarded
    def _post_selection(self) -> None:
        event = self.current_event()
        # Equal models mean nothing the screen shows has changed: stay quiet.
        if event != self._announced:
            self._announced = event
            self.post_message(self.CursorMoved(event))

    @guarded
    def action_cursor(self, delta: int) -> None:
        self.move_cursor(self.cursor + delta)

    @guarded
    def action_page(self, direction: int) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        self.move_cursor(self.cursor + direction * height)

    @guarded
    def action_first(self) -> None:
        self.move_cursor(0)

    @guarded
    def action_last(self) -> None:
        self.move_cursor(self.count - 1)

    @guarded
    def on_click(self, event: Click) -> None:
        # A drag that selected text ends in a click too: it is not a choice of row.
        if self.on_bar(event) or self.text_selection is not None:
            return
        self.focus()
        row = event.y + self.scroll_offset.y
        if 0 <= row < self.count:
            self.move_cursor(row)
