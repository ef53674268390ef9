"""When typed text is saved: soon after a pause, and at least every `every` seconds while typing goes on.

A pure debounce never saves while someone types steadily (a key every 120 ms),
so a crash would lose the whole note. `Autosave` both waits for a pause and
throttles: the first change starts a clock that saves within `every` seconds
whatever happens next. Callers also `flush()` on blur, unmount and quit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.timer import Timer

from facilitator_tui.widgets.guard import guarded


class Autosave:
    """Calls `save` after a pause in changes, and at least every `every` seconds of changes."""

    # Seconds; class settings, so that tests can make every save happen at once.
    PAUSE: ClassVar[float] = 0.2
    EVERY: ClassVar[float] = 0.4  # under the half second the meeting promises at most to lose

    def __init__(self, node: Any, save: Callable[[], None], *, pause: float | None = None,
                 every: float | None = None) -> None:
        self.node = node
        self.save = save
        self.pause = self.PAUSE if pause is None else pause
        self.every = self.EVERY if every is None else every
        self.pause_timer: Timer | None = None
        self.every_timer: Timer | None = None

    @property
    def app(self) -> Any:  # where @guarded reports a failed save
        return self.node.app

    def changed(self) -> None:
        if self.pause_timer is not None:
            self.pause_timer.stop()
        self.pause_timer = self.node.set_timer(self.pause, self.flush)
        if self.every_timer is None:
            self.every_timer = self.node.set_timer(self.every, self.flush)

    @guarded
    def flush(self) -> None:
        for timer in (self.pause_timer, self.every_timer):
            if timer is not None:
                timer.stop()
        self.pause_timer = self.every_timer = None
        self.save()
