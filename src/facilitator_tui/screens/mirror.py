"""The mirror: the meeting as the room sees it, following the facilitator's window live.

It reads through a `MirrorFeed` only (read-only, blind to private notes and
facilitator-only events) and has no key that changes anything: a look at the
database's data version a few times a second, and a fresh reading when someone
committed. Large question, the timeline around the highlighted event, the notes
saved last, the factors ticked; the ground rules fill the screen while they are up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen

from facilitator_tui.errors import FacilitatorError, NotFoundError
from facilitator_tui.mirror_feed import MirrorFeed, RoomState
from facilitator_tui.widgets.guard import guarded
from facilitator_tui.widgets.key_bar import KeyBar
from facilitator_tui.widgets.room_bar import RoomBar
from facilitator_tui.widgets.room_panels import (
    QuestionCard,
    RecentNotes,
    RulesCard,
    TickedFactors,
    TimelineExcerpt,
)

if TYPE_CHECKING:
    from facilitator_tui.mirror_app import MirrorApp

SHORT = 30  # rows: below this the question card has no blank lines around it
LOW = 40  # rows: below this the ground rules close up, so that all of them fit


class MirrorScreen(Screen[None]):
    app: MirrorApp

    POLL_INTERVAL: ClassVar[float] = 0.2  # seconds between looks for the facilitator's changes
    DEFAULT_CSS = """
    MirrorScreen #mirror-body { height: 1fr; padding: 0 1; }
    MirrorScreen #mirror-lower { height: 1fr; }
    MirrorScreen #mirror-timeline { width: 3fr; height: 1fr; }
    MirrorScreen #mirror-side { width: 2fr; height: 1fr; }
    MirrorScreen #mirror-rules { display: none; height: 1fr; }
    MirrorScreen.-rules #mirror-body { display: none; }
    MirrorScreen.-rules #mirror-rules { display: block; }
    MirrorScreen.-short QuestionCard { padding: 0 2; }
    MirrorScreen.-low #rules-box { padding: 0 2; margin: 0 1; border: none; }
    MirrorScreen.-low #rules-heading { padding: 0; margin-bottom: 0; }
    MirrorScreen.-low .rule-row { margin-top: 0; }
    MirrorScreen.-low #rules-end { margin-top: 1; }
    """

    def __init__(self, feed: MirrorFeed, state: RoomState) -> None:
        super().__init__()
        self.feed = feed
        self.state = state
        self.gone = False
        self.trouble = ""  # the last reading's failure, said once
        self.theme_seen = state.theme

    @guarded
    def compose(self) -> ComposeResult:
        self._fit(self.app.size.height, update=False)
        yield RoomBar(self.state, id="room-bar")
        with Vertical(id="mirror-body"):
            yield QuestionCard(id="question")
            with Horizontal(id="mirror-lower"):
                yield TimelineExcerpt(id="mirror-timeline")
                with Vertical(id="mirror-side"):
                    yield RecentNotes(id="mirror-notes")
                    yield TickedFactors(id="mirror-factors")
        yield RulesCard(id="mirror-rules")
        yield KeyBar()

    @guarded
    def on_mount(self) -> None:
        self.show(self.state)
        self.set_interval(self.POLL_INTERVAL, self.follow)

    @guarded
    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.height)

    def _fit(self, height: int, *, update: bool = True) -> None:
        """On a short terminal the question gives its blank lines to the timeline, and the
        ground rules close up: the room never has to scroll."""
        self.set_class(height < SHORT, "-short", update=update)
        self.set_class(height < LOW, "-low", update=update)

    @guarded
    def follow(self) -> None:
        """Read again if the facilitator (or anyone) committed since the last reading."""
        if self.gone or not self.feed.changed():
            return
        try:
            state = self.feed.read()
        except NotFoundError:
            self.gone = True
            self.sub_title = "deleted"
            self.app.notify("This review was deleted; there is nothing more to follow. ctrl+q leaves.",
                            severity="error", timeout=30, markup=False)
            return
        except FacilitatorError as error:  # a moment's trouble reading: the next look tries again
            if str(error) != self.trouble:  # said once, not five times a second
                self.trouble = str(error)
                self.app.notify(self.trouble, severity="warning", timeout=5, markup=False)
            return
        self.trouble = ""
        self.show(state)

    def show(self, state: RoomState) -> None:
        """Draw one reading in every panel."""
        self.state = state
        self.title = state.review.title
        self.query_one(RoomBar).show(state)
        self.query_one(QuestionCard).show(state)
        self.query_one(TimelineExcerpt).show(state)
        self.query_one(RecentNotes).show(state)
        self.query_one(TickedFactors).show(state)
        self.set_class(state.ground_rules, "-rules")
        if state.theme != self.theme_seen:
            # The facilitator chose another theme: the room follows (its own ctrl+t holds until then).
            self.theme_seen = state.theme
            self.app.follow_theme(state.theme)
