"""Putting bare clock times ("23:58", "00:04") on the right calendar day.

A hand-written timeline often gives only the time of day. Each bare time is
placed on the current day: at first the review's incident date, later the
date of the last line that wrote one out in full. When a bare time falls more
than twelve hours *before* the previous line, the timeline has crossed
midnight, so the day moves forward by one. A smaller step back is taken as
written (people note things slightly out of order) and sorted later.

Syslog lines give a month and day but no year: the year is the one that puts
the date nearest the review's incident day.
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
        self.reference = default_date  # the incident's day, for syslog years
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
        try:
            wall = time(int(clock[1]), int(clock[2]), int(clock[3] or 0), int((clock[4] or "0").ljust(6, "0")))
        except ValueError:
            raise ValueError(f"impossible time {value!r}") from None
        return self.place(None, wall, tz, value)

    def place(self, day: date | None, wall: time, tz: tzinfo | None, written: str) -> datetime:
        """A wall-clock time on `day` (or on the running day if None) in `tz` (or the default zone)."""
        zone = tz or self.tz
        if day is not None:
            local = datetime.combine(day, wall)
            self.day = day
            self._previous = local
            return local.replace(tzinfo=zone).astimezone(UTC)
        if self.day is None:
            raise ValueError(
                f"time {written!r} has no date; give a full date on an earlier line or choose the incident's day"
            )
        local = datetime.combine(self.day, wall)
        if self._previous is not None and self._previous - local > _ROLLOVER:
            self.day += timedelta(days=1)
            local += timedelta(days=1)
        self._previous = local
        return local.replace(tzinfo=zone).astimezone(UTC)

    def written(self, moment: datetime, tz: tzinfo | None) -> datetime:
        """A time written out in full: naive ones are in `tz` (or the default zone); it sets the day."""
        if moment.tzinfo is None:
            self.day = moment.date()
            self._previous = moment
            zone = tz or self.tz
            return moment.replace(tzinfo=UTC) if zone is UTC else moment.replace(tzinfo=zone).astimezone(UTC)
        local = moment.astimezone(self.tz)  # later bare times are read in the default zone
        self.day = local.date()
        self._previous = local.replace(tzinfo=None)
        return moment.astimezone(UTC)

    def syslog_day(self, month: int, mday: int, written: str) -> date:
        """The date of a syslog 'Mar 14': in the year that puts it nearest the incident."""
        near = self.day or self.reference
        if near is None:
            raise ValueError(f"time {written!r} has no year; set the incident's start on the review "
                             "so that its year can be used")
        candidates = []
        for year in (near.year - 1, near.year, near.year + 1):
            try:
                candidates.append(date(year, month, mday))
            except ValueError:
                continue
        if not candidates:
            raise ValueError(f"impossible time {written!r}")
        return min(candidates, key=lambda day: abs(day - near))
