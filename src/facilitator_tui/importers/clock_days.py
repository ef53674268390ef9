"""Putting bare clock times ("23:58", "00:04") on the right calendar day.

A hand-written timeline often gives only the time of day. Each bare time is
placed on the current day: at first the review's incident date, later the
date of the last line that wrote one out in full. When a bare time falls more
than twelve hours *before* the previous line, the timeline has crossed
midnight, so the day moves forward by one. A smaller step back is taken as
written (people note things slightly out of order) and sorted later.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from facilitator_tui.timeparse import parse_log_time

BARE_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?$")
_ROLLOVER = timedelta(hours=12)


class ClockDays:
    """Reads a sequence of times in order, dating bare clocks and noticing midnight."""

    def __init__(self, tz: tzinfo, default_date: date | None) -> None:
        self.tz = tz
        self.day = default_date
        self._previous: datetime | None = None  # local wall time of the previous line

    def read(self, raw: str, tz: tzinfo | None = None) -> datetime:
        """The time as aware UTC; ValueError (one line, naming the text) if it cannot be read."""
        zone = tz or self.tz
        value = raw.strip()
        clock = BARE_CLOCK.match(value)
        if clock is None:
            moment = parse_log_time(value, zone, self.day)
            local = moment.astimezone(zone)
            self.day = local.date()
            self._previous = local.replace(tzinfo=None)
            return moment
        if self.day is None:
            raise ValueError(
                f"time {value!r} has no date; give a full date on an earlier line or choose the incident's day"
            )
        try:
            wall = time(int(clock[1]), int(clock[2]), int(clock[3] or 0), int((clock[4] or "0").ljust(6, "0")))
        except ValueError:
            raise ValueError(f"impossible time {value!r}") from None
        local = datetime.combine(self.day, wall)
        if self._previous is not None and self._previous - local > _ROLLOVER:
            self.day += timedelta(days=1)
            local += timedelta(days=1)
        self._previous = local
        return local.replace(tzinfo=zone).astimezone(UTC)
