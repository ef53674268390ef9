"""Reading and showing times: every stored time is UTC, every shown time is local.

The same parser serves the CLI (`--start`), the importers and the timeline's
"add event at 14:03" so that a time means the same thing everywhere.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_DATE_TIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?$"
)


def zone(name: str | None) -> ZoneInfo:
    """An IANA zone by name, with a message a person can act on."""
    name = (name or "UTC").strip() or "UTC"
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {name!r}; use an IANA name such as Europe/Berlin or UTC"
        ) from None


def parse_timestamp(
    text: str,
    tz: tzinfo = UTC,
    default_date: date | None = None,
) -> datetime:
    """Parse a time a person or a tool wrote, returning an aware UTC datetime.

    Accepted: ISO 8601 with an offset or Z; "YYYY-MM-DD HH:MM[:SS]" (read in
    `tz`); a bare "HH:MM[:SS]" (on `default_date`, read in `tz`).
    """
    raw = text.strip()
    if not raw:
        raise ValueError("empty time")
    clock = _CLOCK.match(raw)
    if clock:
        if default_date is None:
            raise ValueError(f"time {raw!r} has no date and there is no day to place it on")
        hour, minute, second = int(clock[1]), int(clock[2]), int(clock[3] or 0)
        try:
            local = datetime.combine(default_date, time(hour, minute, second))
        except ValueError:
            raise ValueError(f"impossible time {raw!r}") from None
        return _localise(local, tz)
    iso = raw[:-1] + "+00:00" if raw.endswith(("Z", "z")) else raw
    try:
        parsed = datetime.fromisoformat(iso)
    except ValueError:
        parsed = None
    if parsed is None:
        m = _DATE_TIME.match(raw)
        if not m:
            raise ValueError(
                f"cannot read time {raw!r}; use ISO 8601 (2026-11-20T14:03:00Z), "
                "'YYYY-MM-DD HH:MM' or 'HH:MM'"
            )
        try:
            parsed = datetime(
                int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6] or 0),
                int((m[7] or "0").ljust(6, "0")),
            )
        except ValueError:
            raise ValueError(f"impossible time {raw!r}") from None
    if parsed.tzinfo is None:
        return _localise(parsed, tz)
    return parsed.astimezone(UTC)


def _localise(local: datetime, tz: tzinfo) -> datetime:
    return local.replace(tzinfo=tz).astimezone(UTC)


def from_epoch(value: float | str) -> datetime:
    """A Unix timestamp (as Slack writes them, "1700000000.000200") in UTC."""
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"not a Unix timestamp: {value!r}") from None
    if not (0 <= seconds < 253402300800):
        raise ValueError(f"Unix timestamp out of range: {value!r}")
    return datetime.fromtimestamp(seconds, UTC)


def format_local(moment: datetime, tz: tzinfo, with_date: bool = False, seconds: bool = True) -> str:
    local = moment.astimezone(tz)
    clock = local.strftime("%H:%M:%S" if seconds else "%H:%M")
    return f"{local:%Y-%m-%d} {clock}" if with_date else clock


_SLASH_DATE = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?=$|[ T])")
_SPACED_ZONE = re.compile(r"\s+(?:(UTC|GMT|Z)|([+-]\d{2}:?\d{2}))$", re.IGNORECASE)
_EPOCH = re.compile(r"^\d{9,10}(?:\.\d{1,9})?$|^\d{12,13}$")


def parse_log_time(
    text: str,
    tz: tzinfo = UTC,
    default_date: date | None = None,
) -> datetime:
    """Like `parse_timestamp`, also reading the shapes exported logs use.

    Adds "2026/11/20 14:03", a trailing " UTC", " GMT" or " +01:00" after a
    space, single-digit months and days, and Unix epoch seconds (10 digits, an
    optional fraction) or milliseconds (13 digits). The result is aware UTC.
    """
    original = raw = text.strip()
    try:
        return _parse_log_time(raw, tz, default_date)
    except ValueError as exc:
        # Speak of the time as it was written, not as it was rewritten on the way.
        message = str(exc)
        if repr(original) not in message:
            message = re.sub(r"'[^']*'", lambda _: repr(original), message, count=1)
        raise ValueError(message) from None


def _parse_log_time(raw: str, tz: tzinfo, default_date: date | None) -> datetime:
    if _EPOCH.match(raw):
        seconds = float(raw) / 1000 if len(raw) >= 12 and "." not in raw else float(raw)
        return from_epoch(seconds)
    slashed = _SLASH_DATE.match(raw)
    if slashed:
        raw = f"{slashed[1]}-{int(slashed[2]):02d}-{int(slashed[3]):02d}" + raw[slashed.end():]
    zoned = _SPACED_ZONE.search(raw)
    if zoned and (_DATE_TIME.match(raw[: zoned.start()]) or _CLOCK.match(raw[: zoned.start()])):
        suffix = "+00:00" if zoned[1] else zoned[2]
        if len(suffix) == 5:
            suffix = f"{suffix[:3]}:{suffix[3:]}"
        body = raw[: zoned.start()]
        if _CLOCK.match(body):
            return parse_timestamp(body, timezone(_offset(suffix)), default_date)
        raw = body.replace(" ", "T", 1) + suffix
    return parse_timestamp(raw, tz, default_date)


def _offset(suffix: str) -> timedelta:
    sign = -1 if suffix[0] == "-" else 1
    hours, minutes = int(suffix[1:3]), int(suffix[4:6])
    return sign * timedelta(hours=hours, minutes=minutes)
