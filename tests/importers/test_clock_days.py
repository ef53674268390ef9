"""Dating bare clock times and the log time shapes added to timeparse."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from facilitator_tui.importers.clock_days import ClockDays
from facilitator_tui.timeparse import parse_log_time


def test_rollover_only_for_big_backward_jumps():
    days = ClockDays(UTC, date(2026, 11, 20))
    got = [days.read(t).isoformat() for t in ("23:50", "23:40", "00:05", "11:00", "23:59")]
    assert got == [
        "2026-11-20T23:50:00+00:00", "2026-11-20T23:40:00+00:00", "2026-11-21T00:05:00+00:00",
        "2026-11-21T11:00:00+00:00", "2026-11-21T23:59:00+00:00",
    ]


def test_full_date_resets_the_day_in_the_zone():
    days = ClockDays(ZoneInfo("Europe/Berlin"), None)
    assert days.read("2026-11-20T23:30:00Z") == datetime(2026, 11, 20, 23, 30, tzinfo=UTC)
    # 23:30Z is 00:30 on the 21st in Berlin, so a bare 00:45 is that Berlin day
    assert days.read("00:45") == datetime(2026, 11, 20, 23, 45, tzinfo=UTC)


@pytest.mark.parametrize("raw", ["25:61", "24:00", "12:60", "23:59:60"])
def test_impossible_clocks(raw):
    with pytest.raises(ValueError, match="impossible time"):
        ClockDays(UTC, date(2026, 1, 1)).read(raw)


def test_no_day_for_a_bare_clock():
    with pytest.raises(ValueError, match="has no date"):
        ClockDays(UTC, None).read("10:00")


@pytest.mark.parametrize("raw, expected", [
    ("2026-11-20 14:03:12 UTC", "2026-11-20T14:03:12+00:00"),
    ("2026-11-20 14:03:12 GMT", "2026-11-20T14:03:12+00:00"),
    ("2026-11-20 14:03:12 +0100", "2026-11-20T13:03:12+00:00"),
    ("2026-11-20 14:03:12 -05:30", "2026-11-20T19:33:12+00:00"),
    ("2026/1/2 03:04", "2026-01-02T03:04:00+00:00"),
    ("1795218000.5", "2026-11-20T23:40:00.500000+00:00"),
    ("14:03 UTC", "2026-11-20T14:03:00+00:00"),
])
def test_parse_log_time_shapes(raw, expected):
    assert parse_log_time(raw, default_date=date(2026, 11, 20)).isoformat() == expected


def test_parse_log_time_errors_quote_what_was_written():
    with pytest.raises(ValueError, match=r"'2026/02/30 10:00'"):
        parse_log_time("2026/02/30 10:00")
    with pytest.raises(ValueError, match=r"'2026-11-20 14:03:12 \+2500'"):
        parse_log_time("2026-11-20 14:03:12 +2500")
