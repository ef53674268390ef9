"""A screen that is laid out and drawn once as it first shows, not again moments later.

When a screen first resumes, Textual restyles all of its nodes, lays it out,
draws all of it, and then answers a queue of requests that came before that
drawing or out of it: every widget that mounted asked to be drawn, every
container that composed asked for a layout, and giving each container its size
asked for a layout of it again. Each of those requests is already answered by
the first drawing, yet together they cost a second layout and a second drawing
of the whole screen (and a second full frame sent to the terminal) a moment
after the first. `FirstDrawing` drops them, and only them:

- the restyle, because the nodes were styled moments ago as they mounted;
- the screen's own request to be drawn again, made as the first drawing ends;
- the layout and draw requests made before that drawing began (a message
  carries the time it was made);
- the layout and draw requests made while laying the screen out, as each
  container is given its size;
- the screen's resize events that came before the first drawing was done, at
  the size it was drawn at.

Any request made after the first drawing is answered as usual; a scroll bar
that the first layout found a use for asks for its own layout then.

Put it before `Screen` in a screen's bases. It leans on Textual's private
handlers and flags (`_on_layout`, `_on_update`, `_screen_resized`,
`_layout_required`, `_repaint_required`); tests/test_first_drawing.py and the
snapshot tests would show a screen that misses a drawing.
"""

from __future__ import annotations

from typing import Self

from textual import messages
from textual._time import time as get_time
from textual.events import Resize, ScreenResume
from textual.geometry import Size
from textual.message import Message


class FirstDrawing:
    """Mix into a `Screen` (before it) to drop the work that repeats its first drawing."""

    _first_drawing: float = float("-inf")  # when the first drawing began,
    _first_drawn: float = float("-inf")  # when it was done,
    _first_size: Size | None = None  # and the size it was drawn at
    _drawn_just_now = False
    _resized_to_drawn_size = False

    def _on_screen_resume(self, event: ScreenResume) -> None:
        # Runs before Screen's own handler, which does the rest.
        if self.stack_updates != 0:  # Textual counts each resume and suspend from here
            return
        event.refresh_styles = False
        if self.outer_size != self.app.size:
            # Screen's handler will lay the screen out and draw all of it, as it has no size.
            self._first_drawing = get_time()
            self._first_size = self.app.size
            self._drawn_just_now = True
            self.call_next(self._after_first_drawing)

    def _after_first_drawing(self) -> None:
        self._first_drawn = get_time()
        self._drawn_just_now = False
        for widget in self._compositor.visible_widgets:
            widget._layout_required = False
            widget._repaint_required = False

    def _answered_by_first_drawing(self, message: Message) -> None:
        if message.time < self._first_drawing:
            message.stop()
            message.prevent_default()  # Screen's own handler is not called

    def _on_layout(self, message: messages.Layout) -> None:
        self._answered_by_first_drawing(message)

    def _on_update(self, message: messages.Update) -> None:
        self._answered_by_first_drawing(message)

    def _on_resize(self, event: Resize) -> None:
        # Runs before Screen's handler, which lays the screen out again at the new size.
        self._resized_to_drawn_size = (event.time < self._first_drawn
                                       and event.size == self._first_size)

    def _screen_resized(self, size: Size) -> None:
        if self._resized_to_drawn_size:
            self._resized_to_drawn_size = False
            return
        super()._screen_resized(size)

    def refresh(self, *regions, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        if self._drawn_just_now and not (regions or layout or recompose):
            self._drawn_just_now = False  # the whole screen was drawn a moment ago
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
