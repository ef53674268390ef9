"""Clock math for a running meeting: time spent, time left in the phase and the hour, overrun.

Pure functions of a review, its phase spans, the suggested minutes per phase and
"now"; the meeting bar reads them once a second and the summary reads the totals.
Nothing here imports Textual or touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from facilitator_tui.models import PHASES, PhaseSpan, Review

ClockState = Literal["not_started", "running", "closed"]


@dataclass(frozen=True)
class ClockReading:
    """What the meeting clock says at one moment; all durations in whole seconds."""

    state: ClockState
    elapsed: int = 0
    phase: str = "open"
    phase_elapsed: int = 0
    phase_budget: int = 0
    meeting_budget: int = 0

    @property
    def phase_left(self) -> int:
        """Seconds left in the current phase; negative once it runs over."""
        return self.phase_budget - self.phase_elapsed

    @property
    def meeting_left(self) -> int:
        """Seconds left in the whole timebox; negative once it runs over."""
        return self.meeting_budget - self.elapsed

    @property
    def phase_over(self) -> bool:
        return self.state == "running" and self.phase_budget > 0 and self.phase_left < 0

    @property
    def meeting_over(self) -> bool:
        return self.state == "running" and self.meeting_left < 0


def _seconds(start: datetime, end: datetime) -> int:
    return max(0, int((end - start).total_seconds()))


def open_span(spans: list[PhaseSpan]) -> PhaseSpan | None:
    """The span the meeting is in now (the last one without an end), if any."""
    return next((s for s in reversed(spans) if s.ended_at is None), None)


def read_clock(review: Review, spans: list[PhaseSpan], minutes: dict[str, int],
               now: datetime) -> ClockReading:
    """The clock for `review` at `now`, with `minutes` the suggested minutes per phase."""
    budget = review.timebox_minutes * 60
    started, ended = review.meeting_started_at, review.meeting_ended_at
    if started is None:
        return ClockReading("not_started", phase=review.current_phase, meeting_budget=budget)
    if ended is not None:
        return ClockReading("closed", elapsed=_seconds(started, ended),
                            phase=review.current_phase, meeting_budget=budget)
    current = open_span(spans)
    phase = current.phase if current else review.current_phase
    since = current.started_at if current else started
    return ClockReading(
        "running",
        elapsed=_seconds(started, now),
        phase=phase,
        phase_elapsed=_seconds(since, now),
        phase_budget=minutes.get(phase, 0) * 60,
        meeting_budget=budget,
    )


def phase_durations(spans: list[PhaseSpan], now: datetime) -> dict[str, int]:
    """Seconds spent in each phase, summed over every visit; an open span counts up to `now`."""
    totals = dict.fromkeys(PHASES, 0)
    for span in spans:
        totals[span.phase] += _seconds(span.started_at, span.ended_at or now)
    return totals


def whole_minutes(seconds: int) -> int:
    """Seconds as minutes, rounded to the nearest whole minute (half a minute rounds up)."""
    return (abs(seconds) + 30) // 60


def clock_face(seconds: int) -> str:
    """A duration as m:ss, or h:mm:ss from an hour on; negative durations lose their sign."""
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    mins, secs = divmod(rest, 60)
    return f"{hours}:{mins:02d}:{secs:02d}" if hours else f"{mins}:{secs:02d}"

