"""The suggested phase timeboxes add up and keep walking the timeline on top."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator_tui.meeting.plan import PHASE_SHARES, suggest_timeboxes
from facilitator_tui.models import PHASES


def test_shares_cover_every_phase_and_sum_to_100():
    assert list(PHASE_SHARES) == list(PHASES)
    assert sum(PHASE_SHARES.values()) == 100


def test_an_hour():
    plan = suggest_timeboxes(60)
    assert list(plan) == list(PHASES)
    assert plan == {
        "open": 5,
        "walk_timeline": 21,
        "check_timeline": 7,
        "themes": 12,
        "loose_ends": 4,
        "actions": 7,
        "close": 4,
    }


@given(st.integers(min_value=len(PHASES), max_value=2000))
def test_sums_exactly_with_a_minute_each_and_walk_largest(total):
    plan = suggest_timeboxes(total)
    assert list(plan) == list(PHASES)
    assert sum(plan.values()) == total
    assert min(plan.values()) >= 1
    assert plan["walk_timeline"] == max(plan.values())


@pytest.mark.parametrize("total", range(len(PHASES)))
def test_tiny_meetings_still_sum_exactly(total):
    plan = suggest_timeboxes(total)
    assert sum(plan.values()) == total
    assert set(plan.values()) <= {0, 1}
    if total:
        assert plan["walk_timeline"] == 1


def test_rejects_nonsense():
    with pytest.raises(ValueError):
        suggest_timeboxes(-1)
    with pytest.raises(TypeError):
        suggest_timeboxes(12.5)  # type: ignore[arg-type]
