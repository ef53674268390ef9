"""The meeting's three moments, called by the review screen: start, park an idea, close.

Each takes the review screen (it offers `service`, `review_id`, `review`,
`reload_review()`, `refresh_all()` and `show_ground_rules()`), saves through the
service and says what happened in one literal line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from facilitator_tui.errors import FacilitatorError
from facilitator_tui.screens.close_meeting import CloseMeetingScreen, ClosingCounts
from facilitator_tui.screens.parking_lot import IdeaEntry
from facilitator_tui.screens.summary import SummaryScreen
from facilitator_tui.widgets.guard import guarded_callback

if TYPE_CHECKING:
    from facilitator_tui.app import FacilitatorApp
    from facilitator_tui.service import ReviewService


class MeetingHost(Protocol):
    """What the meeting's moments need of the screen that runs them."""

    review_id: int

    @property
    def app(self) -> FacilitatorApp: ...

    @property
    def service(self) -> ReviewService: ...

    def reload_review(self) -> None: ...

    def show_ground_rules(self, then: Callable[[], None] | None = None) -> None: ...


def start_meeting(screen: MeetingHost) -> None:
    """Record the start (share-safe on, phase 'open') and show the ground rules."""
    app = screen.app
    review = screen.service.review(screen.review_id)
    if review.meeting_ended_at:
        app.say("This meeting has closed; ctrl+u shows its summary.")
        screen.show_ground_rules()
        return
    if review.meeting_started_at:
        app.say("The meeting is already running; here are the ground rules again.")
        screen.show_ground_rules()
        return
    screen.service.start_meeting(screen.review_id)
    screen.reload_review()

    def ready() -> None:
        screen.reload_review()
        app.say("Meeting started · share-safe view is on")

    screen.show_ground_rules(ready)


def park_idea(screen: MeetingHost) -> None:
    """Ask for an idea for a fix and park it until the actions phase."""
    app = screen.app

    def done(text: str | None) -> None:
        if not text:
            return
        try:
            screen.service.park_idea(screen.review_id, text)
        except FacilitatorError as exc:
            app.say(str(exc), error=True)
            return
        app.say("Parked for the actions phase (ctrl+l shows the parking lot)")

    app.push_screen(IdeaEntry(), guarded_callback(app, done))


def close_meeting(screen: MeetingHost) -> None:
    """Ask the two closing questions, record the answers and the end, then show the summary."""
    app = screen.app
    review = screen.service.review(screen.review_id)
    if not review.meeting_started_at:
        app.say("The meeting has not started yet; F2 starts it.")
        return
    if review.meeting_ended_at:
        app.push_screen(SummaryScreen(screen.review_id))
        return

    def done(counts: ClosingCounts | None) -> None:
        if counts is None:
            return
        try:
            screen.service.close_meeting(screen.review_id, **counts.as_fields())
        except FacilitatorError as exc:
            app.say(str(exc), error=True)
            return
        screen.reload_review()
        app.say("Meeting closed · thank you all")
        app.push_screen(SummaryScreen(screen.review_id))

    app.push_screen(CloseMeetingScreen(), guarded_callback(app, done))
