"""The mirror's top bar: what the room needs at a glance, and that this screen only follows.

Line 1 is the review's title, the phase, the clock and a badge saying the screen
is a read-only mirror; line 2 is the seven phases (the current one highlighted)
and who has been heard so far (● has a note attributed, ○ not yet). No key hints:
nobody in the room drives the meeting from here. The clock ticks each second from
the last reading; nothing is read from the database for it.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from facilitator_tui.meeting.clock import ClockReading, clock_face, read_clock, whole_minutes
from facilitator_tui.meeting.plan import suggest_timeboxes
from facilitator_tui.mirror_feed import RoomState
from facilitator_tui.models import PHASE_LABELS, PHASES, utc_now
from facilitator_tui.safe_text import clip, single_line
from facilitator_tui.widgets.guard import guarded

SHORT_PHASES = {"open": "Open", "walk_timeline": "Walk", "check_timeline": "Check",
                "themes": "Themes", "loose_ends": "Loose ends", "actions": "Actions", "close": "Close"}
SEP = " · "
BADGES = (" MIRROR · READ-ONLY ", " MIRROR ")
TITLE = "bold"
PHASE = "bold $text-accent"
MUTED = "$text-muted"
OVER = "bold $text-warning"
BADGE = "bold reverse $text-success"
CURRENT = "bold reverse $text-primary"
PAST = "$text-disabled"
HEARD = "$text-success"


class RoomBar(Widget):
    """Title, phase, clock and the mirror's badge; the phases and who has been heard."""

    DEFAULT_CSS = """
    RoomBar { height: 2; padding: 0 1; background: $boost; }
    """

    def __init__(self, state: RoomState, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.state = state

    @guarded
    def on_mount(self) -> None:
        self.set_interval(1, self.refresh)

    def show(self, state: RoomState) -> None:
        self.state = state
        self.refresh()

    def clock(self) -> ClockReading:
        review = self.state.review
        return read_clock(review, list(self.state.spans), suggest_timeboxes(review.timebox_minutes),
                          utc_now())

    def render(self) -> Content:
        width = max(1, self.size.width)
        return Content("\n").join([self._first_line(width), self._second_line(width)])

    def _clock_variants(self, reading: ClockReading) -> list[Content]:
        """The clock from the most to the least detailed, for narrower screens."""
        if reading.state == "not_started":
            closed = self.state.review.status == "closed"
            return [Content.styled("Closed" if closed else "The meeting has not started yet", MUTED),
                    Content.styled("Closed" if closed else "Not started", MUTED)]
        if reading.state == "closed":
            return [Content.styled(f"Closed · {whole_minutes(reading.elapsed)} min", MUTED)]
        clock = Content.styled(clock_face(reading.elapsed), "bold")
        if reading.phase_over:
            phase = Content.styled(f"+{max(1, whole_minutes(reading.phase_left))} min over", OVER)
        else:
            phase = Content.styled(f"{clock_face(reading.phase_left)} left in phase", MUTED)
        if reading.meeting_over:
            meeting = Content.styled(f"{whole_minutes(reading.meeting_left)} min past the timebox", OVER)
        else:
            meeting = Content.styled(f"{clock_face(reading.meeting_left)} left in meeting", MUTED)
        return [Content(SEP).join([clock, phase, meeting]), Content(SEP).join([clock, phase]), clock]

    def _first_line(self, width: int) -> Content:
        """Title · phase · clock on the left, the badge on the right; the badge never goes."""
        review = self.state.review
        badge = Content.styled(BADGES[0] if width >= 70 else BADGES[1], BADGE)
        phase = Content.styled(PHASE_LABELS[review.current_phase], PHASE)
        room = width - badge.cell_length - 1
        title = single_line(review.title)
        # The richest line that leaves the title enough room (a good part of it, else a few
        # words): the phase's name is kept longest, then the clock's detail.
        clocks = self._clock_variants(self.clock())
        choices = [*([phase, clock] for clock in clocks), *([clock] for clock in clocks)]
        parts = choices[-1]
        for want in (min(len(title), 32), min(len(title), 12)):
            fitting = [c for c in choices if room - sum(p.cell_length + len(SEP) for p in c) >= want]
            if fitting:
                parts = fitting[0]
                break
        left = Content(SEP).join(parts)
        title_room = room - left.cell_length - len(SEP)
        if title_room >= 4:
            left = Content.assemble((clip(title, title_room), TITLE), SEP, left)
        left = left.truncate(max(0, room), ellipsis=True)
        gap = max(1, width - left.cell_length - badge.cell_length)
        return Content.assemble(left, " " * gap, badge).truncate(width)

    def _phase_bar(self, short: bool) -> Content:
        review = self.state.review
        current = PHASES.index(review.current_phase)
        started = review.meeting_started_at is not None
        parts = []
        for i, phase in enumerate(PHASES):
            text = f" {i + 1} " if short else f" {SHORT_PHASES[phase]} "
            style = CURRENT if i == current else PAST if started and i < current else ""
            parts.append(Content.styled(text, style) if style else Content(text))
        return Content("").join(parts)

    def _participation(self, room: int) -> Content:
        people = self.state.people
        if not people:
            return Content("")
        heard = self.state.heard
        entries = [Content.assemble(("●", HEARD) if p.id in heard else ("○", MUTED), " ",
                                    clip(single_line(p.name), 18)) for p in people]
        strip = Content("")
        for n, entry in enumerate(entries):
            rest = len(entries) - n
            if n and strip.cell_length + 2 + entry.cell_length + len(f"  +{rest - 1}") > room:
                return strip + Content.styled(f"  +{rest}", MUTED)
            strip = strip + (Content("  ") + entry if n else entry)
        return strip

    def _second_line(self, width: int) -> Content:
        bar = self._phase_bar(short=False)
        if bar.cell_length + 20 > width:
            bar = self._phase_bar(short=True)
        room = width - bar.cell_length - 3
        line = bar
        if room >= 8 and self.state.people:
            line = Content.assemble(bar, (" │ ", MUTED), self._participation(room))
        return line.truncate(width, ellipsis=True)
