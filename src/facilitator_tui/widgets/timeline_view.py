"""A virtual list of timeline events: renders only visible rows, paged from SQLite.

Stock list widgets build or measure every row; at 100,000 events that takes
seconds. This view knows only the row count; `render_line(y)` fetches the page
holding that row (256 events, an LRU of pages) and caches rendered strips, so a
cursor move repaints two lines and touches the database at most once.
"""

from __future__ import annotations

from collections import OrderedDict

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from facilitator_tui.models import Event
from facilitator_tui.safe_text import single_line
from facilitator_tui.store import EventFilter

PAGE_SIZE = 256
MAX_PAGES = 64
MAX_STRIPS = 2048


class TimelineView(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {
        "timeline--cursor", "timeline--time", "timeline--key", "timeline--source",
        "timeline--actor", "timeline--bot", "timeline--private",
    }
    DEFAULT_CSS = """
    TimelineView { height: 1fr; background: $surface; overflow-x: hidden; }
    TimelineView > .timeline--cursor { background: $block-cursor-blurred-background; }
    TimelineView:focus > .timeline--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
        text-style: bold;
    }
    TimelineView > .timeline--time { color: $text-muted; }
    TimelineView > .timeline--key { color: $warning; text-style: bold; }
    TimelineView > .timeline--source { color: $text-muted; text-style: italic; }
    TimelineView > .timeline--actor { color: $accent; text-style: bold; }
    TimelineView > .timeline--bot { color: $text-muted; text-style: italic; }
    TimelineView > .timeline--private { color: $error; }
    """
    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump_to(0)", "First", show=False),
        Binding("end", "jump_to(-1)", "Last", show=False),
    ]

    class CursorMoved(Message):
        def __init__(self, event: Event | None) -> None:
            super().__init__()
            self.event = event

    def __init__(self, store, review_id: int, tz, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.store = store
        self.review_id = review_id
        self.tz = tz
        self.filter = EventFilter()
        self.count = 0
        self.cursor = 0
        self.with_date = False
        self.pages_fetched = 0
        self._pages: OrderedDict[int, list[Event]] = OrderedDict()
        self._strips: OrderedDict[tuple, Strip] = OrderedDict()
        self._notify_timer = None

    # -- data ------------------------------------------------------------------------

    def reload(self, keep: Event | None = None) -> None:
        """Re-count and forget caches; keep the cursor on `keep` (or the current event)."""
        keep = keep or self.current_event()
        self._pages.clear()
        self._strips.clear()
        self.count = self.store.count_events(self.review_id, self.filter)
        first, last = self.store.event_time_range(self.review_id)
        self.with_date = bool(first and last and
                              first.astimezone(self.tz).date() != last.astimezone(self.tz).date())
        self.virtual_size = Size(self.scrollable_content_region.width, self.count)
        if keep is not None and keep.id is not None:
            index = self.store.index_of_event(self.review_id, keep, self.filter)
            found = self.event_at(index)
            self.cursor = index if found is not None and found.id == keep.id else min(index, self.count - 1)
        self.cursor = max(0, min(self.cursor, self.count - 1))
        self.refresh()
        self.call_after_refresh(self._scroll_to_cursor)
        self._announce()

    def event_at(self, row: int) -> Event | None:
        if not 0 <= row < self.count:
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            page = self.store.page_events(self.review_id, number * PAGE_SIZE, PAGE_SIZE, self.filter)
            self.pages_fetched += 1
            self._pages[number] = page
            if len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def current_event(self) -> Event | None:
        return self.event_at(self.cursor) if self.count else None

    # -- rendering ---------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        row = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        selected = row == self.cursor
        key = (row, width, selected, self.has_focus, self.app.theme)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_row(row, width, selected)
            self._strips[key] = strip
            if len(self._strips) > MAX_STRIPS:
                self._strips.popitem(last=False)
        return strip

    def _render_row(self, row: int, width: int, selected: bool) -> Strip:
        base = self.rich_style
        event = self.event_at(row)
        if event is None:
            return Strip.blank(width, base)
        style = self.get_component_rich_style

        def part(name: str) -> Style:
            return base + style(name, partial=True)

        local = event.at.astimezone(self.tz)
        when = local.strftime("%m-%d %H:%M:%S" if self.with_date else "%H:%M:%S")
        segments = [Segment(f" {when} ", part("timeline--time"))]
        segments.append(Segment("★ " if event.key_moment else "  ", part("timeline--key")))
        source = single_line(event.source)
        if event.channel:
            source += " #" + single_line(event.channel)
        if len(source) > 20:
            source = source[:19] + "…"
        segments.append(Segment(f"{source:<20} ", part("timeline--source")))
        if event.facilitator_only:
            segments.append(Segment("[private] ", part("timeline--private")))
        if event.reply_to:
            segments.append(Segment("↳ ", base))
        if event.actor:
            actor_style = part("timeline--bot") if event.is_bot else part("timeline--actor")
            segments.append(Segment(single_line(event.actor)[:24] + ": ", actor_style))
        segments.append(Segment(single_line(event.text), base))
        strip = Strip(segments).adjust_cell_length(width, base)
        if selected:
            cursor = style("timeline--cursor", partial=True)
            strip = Strip([Segment(seg.text, (seg.style or Style()) + cursor) for seg in strip],
                          strip.cell_length)
        return strip

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.count)
        self._strips.clear()

    def on_focus(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._strips.clear()
        self.refresh()

    # -- cursor ------------------------------------------------------------------------

    def move_cursor(self, row: int) -> None:
        if self.count == 0:
            return
        row = max(0, min(row, self.count - 1))
        if row == self.cursor:
            return
        old, self.cursor = self.cursor, row
        top = self.scroll_offset.y
        self.refresh_line(old - top)
        self.refresh_line(row - top)
        self._scroll_to_cursor()
        self._announce()

    def _scroll_to_cursor(self) -> None:
        height = max(1, self.scrollable_content_region.height)
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def _announce(self) -> None:
        # Holding the down arrow should not rebuild the notes pane for every row.
        if self._notify_timer is not None:
            self._notify_timer.stop()
        self._notify_timer = self.set_timer(0.15, lambda: self.post_message(
            self.CursorMoved(self.current_event())))

    def action_cursor(self, delta: int) -> None:
        self.move_cursor(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        self.move_cursor(self.cursor + direction * height)

    def action_jump_to(self, row: int) -> None:
        self.move_cursor(self.count - 1 if row < 0 else row)

    def on_click(self, event: Click) -> None:
        self.focus()
        self.move_cursor(event.y + self.scroll_offset.y)
