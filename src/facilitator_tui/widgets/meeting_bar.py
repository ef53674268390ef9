"""The meeting bar: two lines at the top of the review screen that the whole room can read.

Line 1 is the review, the phase, the clock and a badge that always says whether
the screen is safe to share. Line 2 is the seven phases with their suggested
minutes and a participation strip (● has a note attributed, ○ not yet) so the
facilitator can invite quieter people in. The clock ticks every second from
cached data; `refresh_data()` and `set_review()` reload it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from facilitator_tui.meeting.clock import (
    ClockReading,
    clock_face,
    read_clock,
    whole_minutes,
)
from facilitator_tui.meeting.plan import suggest_timeboxes
from facilitator_tui.models import (
    PHASE_LABELS,
    PHASES,
    Participant,
    PhaseSpan,
    Review,
    status_label,
    utc_now,
)
from facilitator_tui.safe_text import clip, single_line
from facilitator_tui.widgets.component_styles import ComponentStyle, ComponentStyles
from facilitator_tui.widgets.guard import guarded

if TYPE_CHECKING:
    from facilitator_tui.service import ReviewService

SHORT_PHASES = {
    "open": "Open",
    "walk_timeline": "Walk",
    "check_timeline": "Check",
    "themes": "Themes",
    "loose_ends": "Loose ends",
    "actions": "Actions",
    "close": "Close",
}
ROLE_ABBREVIATIONS = {
    "responder": "Resp",
    "incident_commander": "IC",
    "subject_expert": "SME",
    "observer": "Obs",
    "facilitator": "Fac",
}
SEP = " · "
PARTS = {
    "title": ComponentStyle(bold=True),
    "phase": ComponentStyle("accent", bold=True),
    "clock": ComponentStyle("foreground"),
    "muted": ComponentStyle("text-muted"),
    "over": ComponentStyle("warning", bold=True),
    "safe": ComponentStyle("background", "success", bold=True),
    "private": ComponentStyle("warning", bold=True, reverse=True),
    "current": ComponentStyle("background", "primary", bold=True),
    "past": ComponentStyle("text-disabled"),
    "spoke": ComponentStyle("success"),
    "silent": ComponentStyle("text-muted"),
}


class MeetingBar(Widget):
    """Title, phase, clock and share-safe badge; the phase bar and who has spoken."""

    DEFAULT_CSS = """
    MeetingBar {
        height: 2;
        padding: 0 1;
        background: $boost;
    }
    """

    def __init__(self, service: ReviewService, review_id: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.service = service
        self.review_id = review_id
        self.review: Review = service.review(review_id)
        self.spans: list[PhaseSpan] = []
        self.people: list[Participant] = []
        self.spoke: set[int] = set()
        self.minutes: dict[str, int] = {}
        self.mirrors = 0  # read-only mirrors following this review (the room's view)
        self.component_styles = ComponentStyles(self)

    @guarded
    def on_mount(self) -> None:
        self._load()
        self.set_interval(1, self.refresh)

    # -- calls down from the screen ----------------------------------------------------

    def set_review(self, review: Review) -> None:
        """Show `review` (after a phase move, share-safe toggle or a change elsewhere)."""
        self.review = review
        self._load()

    def set_mirrors(self, count: int) -> None:
        """How many mirrors follow: the badge says so, and that private notes stay here."""
        self.mirrors = count
        self.refresh()

    def refresh_data(self) -> None:
        """Reload the review, its phase spans, participants and who has spoken."""
        self.review = self.service.review(self.review_id)
        self._load()

    def _load(self) -> None:
        service, rid = self.service, self.review_id
        self.minutes = suggest_timeboxes(self.review.timebox_minutes)
        self.spans = service.phase_spans(rid)
        # The facilitator leads the room; the strip is about who else has been heard.
        self.people = [p for p in service.participants(rid) if p.role != "facilitator"]
        # While sharing, a private note says nothing: not even that someone was heard.
        notes = service.notes(rid, include_private=not self.review.share_safe)
        self.spoke = {n.participant_id for n in notes if n.participant_id}
        self.refresh()

    # -- what the bar says ---------------------------------------------------------------

    def clock(self) -> ClockReading:
        return read_clock(self.review, self.spans, self.minutes, utc_now())

    def badge(self, width: int = 200) -> str:
        """Whether this window is safe to share; with a mirror following, that the room
        sees the mirror (which never shows private notes) rather than this window."""
        state = "SHARE-SAFE" if self.review.share_safe else "PRIVATE VIEW"
        if not self.mirrors:
            return f" {state} "
        if not self.review.share_safe and width >= 100:
            return f" {state} · SHARE THE MIRROR ({self.mirrors} FOLLOWING) "
        return f" {state} · {self.mirrors} {'MIRROR' if self.mirrors == 1 else 'MIRRORS'} "

    def render(self) -> Content:
        width = max(1, self.size.width)
        return Content("\n").join([self._first_line(width), self._second_line(width)])

    def _style(self, name: str) -> Style:
        return self.component_styles.visual(PARTS[name])

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.component_styles.forget()

    def _clock_variants(self, reading: ClockReading) -> list[Content]:
        """The clock from the most to the least detailed, for narrower screens."""
        muted, over = self._style("muted"), self._style("over")
        if reading.state == "not_started":
            if self.review.status == "closed":  # closed without running the meeting here
                return [Content.styled(status_label("closed"), muted)]
            preparing = status_label("draft")
            return [Content.styled(f"{preparing} · F2 starts the meeting", muted),
                    Content.styled(f"{preparing} · F2", muted), Content.styled(preparing, muted)]
        if reading.state == "closed":
            return [Content.styled(f"{status_label('closed')} · {whole_minutes(reading.elapsed)} min", muted)]
        clock = Content.styled(clock_face(reading.elapsed), self._style("clock"))
        if reading.phase_over:
            gone = max(1, whole_minutes(reading.phase_left))
            phase_long = Content.styled(f"+{gone} min over · F4 moves on when ready", over)
            phase_short = Content.styled(f"+{gone} min over", over)
        else:
            phase_long = Content.styled(f"{clock_face(reading.phase_left)} left in phase", muted)
            phase_short = Content.styled(f"{clock_face(reading.phase_left)} left", muted)
        if reading.meeting_over:
            meeting = Content.styled(f"{whole_minutes(reading.meeting_left)} min past the timebox", over)
        else:
            meeting = Content.styled(f"{clock_face(reading.meeting_left)} left in meeting", muted)
        return [
            Content.assemble(clock, SEP, phase_long, SEP, meeting),
            Content.assemble(clock, SEP, phase_long),
            Content.assemble(clock, SEP, phase_short),
            clock,
        ]

    def _first_line(self, width: int) -> Content:
        """Title · phase · clock on the left, the badge on the right; the badge never goes."""
        badge = Content.styled(self.badge(width),
                               self._style("safe" if self.review.share_safe else "private"))
        title = single_line(self.review.title)
        phase = Content.styled(PHASE_LABELS[self.review.current_phase], self._style("phase"))
        room = width - badge.cell_length - 1
        want_title = min(len(title), 12)
        # Richest first; the phase label may go before the clock loses detail, because
        # line 2 highlights the current phase anyway.
        candidates = [parts for clock in self._clock_variants(self.clock())
                      for parts in ([phase, clock], [clock])]
        for parts in candidates:
            fixed = sum(p.cell_length + len(SEP) for p in parts)
            if room - fixed >= want_title:
                break
        title_room = room - fixed
        left = Content(SEP).join(parts)
        if title_room >= 4:
            left = Content.assemble((clip(title, title_room), self._style("title")), SEP, left)
        left = left.truncate(max(0, room), ellipsis=True)
        gap = max(1, width - left.cell_length - badge.cell_length)
        return Content.assemble(left, " " * gap, badge).truncate(width)

    def _phase_bar(self, detail: int) -> Content:
        """The seven phases; `detail` 2 shows every label and minutes, 1 labels, 0 numbers.

        Every phase takes the same cells whichever is current (one space either side,
        highlighted or not), so nothing on the line moves when the phase changes.
        """
        current = PHASES.index(self.review.current_phase)
        started = self.review.meeting_started_at is not None
        parts = []
        for i, phase in enumerate(PHASES):
            label = SHORT_PHASES[phase]
            minutes = self.minutes.get(phase, 0)
            if detail == 2:
                text = f" {label} {minutes}′ "
            elif detail == 1:
                text = f" {label} "
            else:
                text = f" {i + 1} "
            style: Style | None = None
            if i == current:
                style = self._style("current")
            elif started and i < current:
                style = self._style("past")
            parts.append(Content.styled(text, style) if style is not None else Content(text))
        return Content("").join(parts)

    def _participation(self, room: int, short: bool = False) -> Content:
        """● / ○ per participant; when not everyone fits, those not heard from yet come first."""
        if not self.people:
            return Content.styled("No participants yet · ctrl+o adds them", self._style("muted"))
        heard = sum(1 for p in self.people if p.id in self.spoke)
        head = Content.styled(f"{heard}/{len(self.people)} ", self._style("muted"))
        people = self.people
        entries = [self._person(p, short) for p in people]
        if head.cell_length + sum(e.cell_length + 2 for e in entries) - 2 > room:
            people = sorted(people, key=lambda p: p.id in self.spoke)
            entries = [self._person(p, short) for p in people]
        strip = head
        for n, entry in enumerate(entries):
            rest = len(entries) - n - 1
            more = f"  +{rest}" if rest else ""
            if strip.cell_length + 2 + entry.cell_length + len(more) > room and n:
                strip += Content.styled(f"  +{len(entries) - n}", self._style("muted"))
                break
            strip += Content("  ") + entry if n else entry
        # Names and counts are muted; the dots and roles keep their own colours.
        return strip.stylize_before(self._style("muted"))

    def _person(self, person: Participant, short: bool) -> Content:
        heard = person.id in self.spoke
        name = single_line(person.name)
        if short:
            first = name.split(" ", 1)[0]
            shared = sum(1 for p in self.people if p.name.split(" ", 1)[0].casefold() == first.casefold())
            name = clip(first if shared == 1 else name, 12)
        style = self._style("spoke" if heard else "silent")
        return Content.assemble(("●" if heard else "○", style), " ", clip(name, 18), " ",
                                (ROLE_ABBREVIATIONS.get(person.role, ""), self._style("muted")))

    def _second_line(self, width: int) -> Content:
        """The phase bar and the strip: minutes kept as long as first names make everyone fit."""
        bars = {detail: self._phase_bar(detail) for detail in (2, 1, 0)}
        strips = {short: self._participation(10_000, short).cell_length for short in (False, True)}
        choices = [(detail, short) for detail in (2, 1, 0) for short in (False, True)]
        fits_all = [c for c in choices if bars[c[0]].cell_length + 3 + strips[c[1]] <= width]
        fits_some = [c for c in choices
                     if c[1] and bars[c[0]].cell_length + 3 + min(strips[True], 24) <= width]
        detail, short = (fits_all or fits_some or [(0, True)])[0]
        bar = bars[detail]
        room = width - bar.cell_length - 3
        line = bar
        if room >= 8:
            line = Content.assemble(bar, (" │ ", self._style("muted")), self._participation(room, short))
        return line.truncate(width, ellipsis=True)
