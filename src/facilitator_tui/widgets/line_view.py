"""The scrolling base of the timeline and the lists: one line per row, its own scroll bar.

Textual's scroll bars are widgets of their own, mounted when a view first
overflows; at start that costs every scrolling pane a second layout and a
second drawing. A `LineView` keeps its last column for a one-cell bar that it
draws itself, so its content width never changes with what it holds and the
number of lines can change without a new layout. The bar answers the mouse as
Textual's does: the wheel scrolls, a click above or below the thumb pages, and
the thumb can be dragged.

Subclasses draw `text_width` cells a line in `render_text_line` and move
their cursor in `action_cursor`, `action_page`, `action_first` and `action_last`.
Text selected with the mouse is highlighted and copied (ctrl+c) as Textual's own
widgets do: each line carries the offsets Textual reads to place a selection, and
`line_text` gives the text of any line.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.events import Click, MouseDown, MouseMove, MouseUp
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.widget import Widget

from facilitator_tui.widgets.component_styles import ComponentStyle, ComponentStyles
from facilitator_tui.widgets.guard import guarded

BAR_CELLS = 1
# The cursor row, in the focused view and in one that has lost focus.
CURSOR = ComponentStyle("block-cursor-foreground", "block-cursor-background", bold=True)
CURSOR_BLURRED = ComponentStyle(background="block-cursor-blurred-background")


# What a run of spaces shows besides its background: with none of these, spaces look the
# same whatever their colour, weight or slant.
_SHOWN_ON_SPACES = ("underline", "underline2", "overline", "strike", "reverse", "blink",
                    "blink2", "conceal", "frame", "encircle", "link")


def _bare(style: Style | None) -> bool:
    return style is None or not (style.meta or any(getattr(style, name) for name in _SHOWN_ON_SPACES))


def _joinable(left: Segment, right: Segment) -> Segment | None:
    """The two as one segment that looks the same, if there is one."""
    if left.control or right.control:
        return None
    if left.style == right.style:
        return Segment(left.text + right.text, left.style)
    a, b = left.style, right.style
    if (a and a.bgcolor) != (b and b.bgcolor) or not (_bare(a) and _bare(b)):
        return None
    if not right.text.strip(" "):
        return Segment(left.text + right.text, a)
    if not left.text.strip(" "):
        return Segment(left.text + right.text, b)
    return None


def joined(segments: Iterable[Segment]) -> list[Segment]:
    """`segments` with neighbours that look the same as one run drawn together as one.

    Spaces look alike in any colour of text, so a run of spaces joins the text beside it
    when the two share a background. Fewer segments are fewer style changes to send to
    the terminal, and to write out in a screenshot.
    """
    out: list[Segment] = []
    for segment in segments:
        if out and (both := _joinable(out[-1], segment)) is not None:
            out[-1] = both
        else:
            out.append(segment)
    return out


def thumb_span(viewport: int, total: int, offset: int) -> tuple[int, int] | None:
    """The thumb's first screen line and its length, or None when everything fits."""
    if viewport <= 0 or total <= viewport:
        return None
    length = max(1, min(viewport, round(viewport * viewport / total)))
    room = viewport - length
    scrolled = max(0, min(offset, total - viewport))
    start = round(scrolled * room / (total - viewport))
    return start, length


class LineView(ScrollView):
    """A ScrollView of text lines that draws its own scroll bar in its last column."""

    DEFAULT_CSS = """
    LineView { overflow-x: hidden; overflow-y: hidden; }
    """
    LINE_CACHE_SIZE = 1024  # drawn lines kept, the least recently used dropped first
    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.component_styles = ComponentStyles(self)
        self._bar_styles: tuple[Style, Style, Style] | None = None
        self._grab: int | None = None  # where on the thumb a drag took hold
        # While a drawing is under way: the lines' area and the thumb, worked out once.
        self._drawing: tuple[Size, tuple[int, int] | None] | None = None
        self.line_cache: OrderedDict[tuple, Strip] = OrderedDict()

    # -- for subclasses ----------------------------------------------------------------

    @property
    def view_size(self) -> Size:
        """The size of the area the lines are drawn in (bar included)."""
        drawing = self._drawing
        # Textual works the region out afresh on every call: once per drawing is enough.
        return drawing[0] if drawing is not None else self.scrollable_content_region.size

    @property
    def text_width(self) -> int:
        """Cells a line has for its text: the content width less the bar's column."""
        return max(0, self.view_size.width - BAR_CELLS)

    def set_line_count(self, lines: int) -> None:
        """How many lines there are to scroll through.

        The size is set without asking Textual for a new layout: the view's own size does
        not depend on it, so only the lines and the bar are drawn again.
        """
        size = Size(0, lines)
        if size == self.virtual_size:
            return
        self.set_reactive(Widget.virtual_size, size)
        if self.scroll_offset.y > self.max_scroll_y:
            # Forced: Textual refuses to scroll a view with nothing left to scroll, which is
            # just when a view scrolled far down must come back (fewer lines than it shows).
            self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True, force=True)
        self.refresh()

    def render_text_line(self, y: int) -> Strip:
        """Screen line `y`, `text_width` cells wide, without the bar."""
        raise NotImplementedError

    def cached_line(self, key: tuple, draw: Callable[..., Strip], *args: object) -> Strip:
        """The line kept under `key`, or `draw(*args)`, kept under it from now on.

        A key names everything the line depends on; a restyle forgets them all.
        """
        strips = self.line_cache
        strip = strips.get(key)
        if strip is None:
            drawn = draw(*args)
            strip = strips[key] = Strip(joined(drawn), drawn.cell_length)
            if len(strips) > self.LINE_CACHE_SIZE:
                strips.popitem(last=False)
        else:
            strips.move_to_end(key)
        return strip

    def refresh_cursor(self) -> None:
        """Draw the cursor's line again (its colours follow focus)."""
        raise NotImplementedError

    @property
    def line_count(self) -> int:
        return self.virtual_size.height

    def line_text(self, line: int) -> str:
        """The text shown on line `line` of the whole list (not of the screen)."""
        raise NotImplementedError

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The text under a mouse selection, for ctrl+c: only the lines it covers are read."""
        start, end = selection
        first = start.y if start is not None else 0
        last = min(end.y if end is not None else self.line_count - 1, self.line_count - 1)
        if last < first:
            return None
        lines = [self.line_text(line) for line in range(first, last + 1)]
        shifted = Selection(start and start - (0, first), end and end - (0, first))
        return shifted.extract("\n".join(lines)), "\n"

    @guarded
    def on_bar(self, event: Click | MouseDown) -> bool:
        """Whether a click landed on the bar (subclasses leave such clicks to it)."""
        offset = event.get_content_offset(self)
        return offset is not None and offset.x >= self.text_width

    # -- drawing -----------------------------------------------------------------------

    @property
    def allow_vertical_scroll(self) -> bool:
        # Textual allows scrolling where it shows a bar of its own; this view draws one.
        return not (self.disabled or self.loading) and self.max_scroll_y > 0

    def render_lines(self, crop: Region) -> list[Strip]:
        size = self.scrollable_content_region.size
        self._drawing = (size, thumb_span(size.height, self.virtual_size.height, self.scroll_offset.y))
        try:
            return super().render_lines(crop)
        finally:
            self._drawing = None

    def render_line(self, y: int) -> Strip:
        strip = self.render_text_line(y)
        line = y + self.scroll_offset.y
        selection = self.text_selection
        if selection is not None and (span := selection.get_span(line)) is not None:
            strip = self._highlight(strip, *span)
        drawing = self._drawing
        if drawing is None:  # drawn on its own (tests do), outside a drawing of the view
            span = thumb_span(self.view_size.height, self.virtual_size.height, self.scroll_offset.y)
        else:
            span = drawing[1]
        plain, track, thumb = self._bar_style()
        if span is None:
            style = plain
        else:
            start, length = span
            style = thumb if start <= y < start + length else track
        segments = list(strip)
        bar = Segment(" " * BAR_CELLS, style)
        both = _joinable(segments[-1], bar) if segments else None
        if both is None:
            segments.append(bar)
        else:
            segments[-1] = both
        # Where each cell sits in the list, for Textual to place a mouse selection.
        return Strip(segments, strip.cell_length + BAR_CELLS).apply_offsets(0, line)

    def _highlight(self, strip: Strip, start: int, end: int) -> Strip:
        """`strip` with cells `start` to `end` (-1: to its end) in the selection's colours."""
        end = strip.cell_length if end == -1 else min(end, strip.cell_length)
        if start >= end:
            return strip
        style = self.screen.get_component_rich_style("screen--selection")
        before, chosen, after = strip.divide([start, end, strip.cell_length])
        lit = Strip(Segment.apply_style(chosen, post_style=style), chosen.cell_length)
        return Strip.join([before, lit, after])

    def _bar_style(self) -> tuple[Style, Style, Style]:
        """The bar's styles when nothing scrolls, for its track, and for its thumb."""
        if self._bar_styles is None:
            _, background = self.background_colors
            styles = self.styles
            track = background + styles.scrollbar_background
            thumb_colour = styles.scrollbar_color_active if self._grab is not None else styles.scrollbar_color
            thumb = track + thumb_colour
            self._bar_styles = (
                Style(bgcolor=background.rich_color),
                Style(bgcolor=track.rich_color),
                Style(bgcolor=thumb.rich_color),
            )
        return self._bar_styles

    def notify_style_update(self) -> None:
        # A theme or CSS change alters every colour: kept lines and styles must go.
        super().notify_style_update()
        self.component_styles.forget()
        self.line_cache.clear()
        self._bar_styles = None

    @guarded
    def on_focus(self) -> None:
        self.refresh_cursor()

    @guarded
    def on_blur(self) -> None:
        self.refresh_cursor()

    # -- the mouse on the bar ----------------------------------------------------------

    @guarded
    def on_mouse_down(self, event: MouseDown) -> None:
        span = thumb_span(self.scrollable_content_region.height, self.virtual_size.height,
                          self.scroll_offset.y)
        if span is None or not self.on_bar(event):
            return
        event.stop()
        start, length = span
        y = event.get_content_offset_capture(self).y
        height = self.scrollable_content_region.height
        if y < start:
            self.scroll_to(y=self.scroll_offset.y - height, animate=False, immediate=True)
        elif y >= start + length:
            self.scroll_to(y=self.scroll_offset.y + height, animate=False, immediate=True)
        else:
            self._grab = y - start
            self._bar_styles = None
            self.capture_mouse()
            self.refresh()

    @guarded
    def on_mouse_move(self, event: MouseMove) -> None:
        if self._grab is None:
            return
        event.stop()
        height = self.scrollable_content_region.height
        span = thumb_span(height, self.virtual_size.height, self.scroll_offset.y)
        if span is None:
            return
        room = height - span[1]
        start = event.get_content_offset_capture(self).y - self._grab
        start = max(0, min(start, room))
        target = round(start * self.max_scroll_y / room) if room else 0
        self.scroll_to(y=target, animate=False, immediate=True)

    @guarded
    def on_mouse_up(self, event: MouseUp) -> None:
        if self._grab is None:
            return
        event.stop()
        self._grab = None
        self._bar_styles = None
        self.release_mouse()
        self.refresh()

    # -- keys (the subclass moves its own cursor) -----------------------------------------

    @guarded
    def action_cursor(self, step: int) -> None:
        raise NotImplementedError

    @guarded
    def action_page(self, step: int) -> None:
        raise NotImplementedError

    @guarded
    def action_first(self) -> None:
        raise NotImplementedError

    @guarded
    def action_last(self) -> None:
        raise NotImplementedError


__all__ = ["CURSOR", "CURSOR_BLURRED", "LineView", "joined", "thumb_span"]
