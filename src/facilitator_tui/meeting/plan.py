"""A suggested split of the meeting's timebox across its phases.

Walking the timeline gets the largest share because that is where most of the
learning surfaces; opening and closing stay short but never vanish.
"""

from __future__ import annotations

from facilitator_tui.models import PHASES

# Shares of the meeting, in percent; they sum to 100.
PHASE_SHARES: dict[str, int] = {
    "open": 8,
    "walk_timeline": 35,
    "check_timeline": 12,
    "themes": 20,
    "loose_ends": 7,
    "actions": 12,
    "close": 6,
}


def suggest_timeboxes(total_minutes: int) -> dict[str, int]:
    """Whole minutes per phase, in PHASES order, summing exactly to `total_minutes`.

    From 7 minutes up every phase gets at least one minute and walk_timeline
    gets the most. Below 7 there is not a minute for everything: the phases with
    the largest shares get one minute each and the rest get none.
    """
    if isinstance(total_minutes, bool) or not isinstance(total_minutes, int):
        raise TypeError("total_minutes must be a whole number of minutes")
    if total_minutes < 0:
        raise ValueError("a meeting cannot last a negative number of minutes")
    by_share = sorted(PHASES, key=lambda p: (-PHASE_SHARES[p], PHASES.index(p)))
    if total_minutes < len(PHASES):
        chosen = set(by_share[:total_minutes])
        return {phase: int(phase in chosen) for phase in PHASES}

    # Largest remainder: floor every share, then hand out the leftover minutes
    # to the biggest fractions (ties go to the larger share).
    exact = {p: total_minutes * PHASE_SHARES[p] / 100 for p in PHASES}
    minutes = {p: int(exact[p]) for p in PHASES}
    leftover = total_minutes - sum(minutes.values())
    for phase in sorted(PHASES, key=lambda p: (-(exact[p] - minutes[p]), -PHASE_SHARES[p]))[:leftover]:
        minutes[phase] += 1
    # Give every phase at least a minute, taken from whichever phase has most.
    for phase in PHASES:
        if minutes[phase] == 0:
            donor = max(PHASES, key=lambda p: (minutes[p], PHASE_SHARES[p]))
            minutes[donor] -= 1
            minutes[phase] = 1
    # Rounding can leave a near tie at small totals; keep walk_timeline on top.
    for phase in PHASES:
        while minutes[phase] > minutes["walk_timeline"]:
            minutes[phase] -= 1
            minutes["walk_timeline"] += 1
    return {phase: minutes[phase] for phase in PHASES}
