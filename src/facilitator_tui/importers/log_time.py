"""The time at the start of a log or timeline line, in the shapes people and tools write it.

    14:03            [14:03:07]          2026-03-14 22:57:59.120
    2026-03-14T22:57:59Z                 22:57:59 +0100   22:57:59 +01:00   14:03 UTC
    2:03 PM EST      Mar 14 23:07:00 (syslog: the year comes from the review)

A zone written after the time wins over the review's zone. Abbreviations are
read only where they mean one offset (CET, PDT...); CST, IST, BST and the like
name several zones, so they are refused with the line, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Fixed offsets, in hours, of the abbreviations read without asking.
ZONES: dict[str, float] = {
    "UTC": 0, "GMT": 0, "UT": 0, "Z": 0, "WET": 0, "WEST": 1, "CET": 1, "CEST": 2, "MET": 1, "MEST": 2,
    "EET": 2, "EEST": 3, "MSK": 3, "PST": -8, "PDT": -7, "MST": -7, "MDT": -6, "CDT": -5, "EST": -5,
    "EDT": -4, "AKST": -9, "AKDT": -8, "HST": -10, "NZST": 12, "NZDT": 13, "AEST": 10, "AEDT": 11,
    "ACST": 9.5, "ACDT": 10.5, "AWST": 8, "JST": 9, "KST": 9, "HKT": 8, "SGT": 8, "WIB": 7, "PKT": 5,
    "NPT": 5.75, "EAT": 3, "CAT": 2, "WAT": 1, "SAST": 2, "NST": -3.5, "NDT": -2.5, "ADT": -3,
}
# Abbreviations that stand for more than one offset.
AMBIGUOUS: dict[str, str] = {
    "CST": "US Central -0600, China +0800 or Cuba -0500",
    "IST": "India +0530, Ireland +0100 or Israel +0200",
    "BST": "British Summer +0100 or Bangladesh +0600",
    "AST": "Atlantic -0400 or Arabia +0300",
    "GST": "Gulf +0400 or South Georgia -0200",
    "SST": "Samoa -1100 or Singapore +0800",
    "ECT": "Ecuador -0500 or Eastern Caribbean -0400",
}
_WORDS = ZONE_WORDS = "|".join(sorted((*ZONES, *AMBIGUOUS), key=len, reverse=True))
MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}

_CLOCK = (r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<f>\d{1,9}))?)?"
          r"(?:\s?(?P<ampm>[AaPp])\.?[Mm]\.?(?![A-Za-z]))?")
_DATE = r"(?P<y>\d{4})[-/](?P<mo>\d{1,2})[-/](?P<d>\d{1,2})"
_SYSLOG = r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?\s+(?P<md>\d{1,2}),?"
# An offset written against the clock ("22:57:59+01") counts only after seconds, so that a
# range such as "14:03-14:10" is not read as a time at -14:10.
_ZONE = (rf"(?:(?P<z>Z)(?![A-Za-z])|(?(s)(?P<near>[+-]\d{{2}}(?::?\d{{2}})?)(?![\d:])|(?!))"
         rf"|\s(?P<far>[+-]\d{{2}}:?\d{{2}})(?![\d:])"
         rf"|\s(?P<word>(?:UTC|GMT)[+-]\d{{1,2}}(?::?\d{{2}})?|{_WORDS})(?![A-Za-z0-9]))?")
STAMP = rf"(?P<stamp>(?:{_DATE}(?:T|\s+)|{_SYSLOG}\s+(?:(?P<sy>\d{{4}})\s+)?)?{_CLOCK}{_ZONE})"
# A bullet or list number, an opening bracket or bold mark, the stamp (maybe the start of a
# range such as 14:03-14:10), its closing mark, a separator.
LEADING = re.compile(
    rf"^[ \t]*(?:(?:[-*+\u2022\u2023\u25e6]|\d{{1,3}}[.)])[ \t]+)?(?P<open>\[|\*\*|\()?[ \t]*{STAMP}"
    rf"(?:[ \t]*(?:-|\u2013|\u2014|to)[ \t]*(?P<until>\d{{1,2}}:\d{{2}}(?::\d{{2}})?))?"
    rf"(?(open)[ \t]*(?:\]|\*\*|\))(?:[ \t]*[-|:\u2013\u2014](?=\s|$))?"
    rf"|(?:[ \t]*[-|:\u2013\u2014](?=\s|$)|(?=\s|$)))[ \t]*"
)
# Something that looks like a time or a date at a line's start, though not one read above.
TIMEISH = re.compile(
    r"^\W{0,4}(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}:\d{2}"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\d{1,2}\s?[ap]\.?m\b)",
    re.IGNORECASE,
)
DECLARED_ZONE = re.compile(
    rf"(?i:\btimes?\b(?:\s+(?:are|is|shown|given|listed|written|in))*)\s+(?P<zone>[A-Za-z]+/[A-Za-z_]+(?:/[A-Za-z_]+)?"
    rf"|(?:UTC|GMT)(?:[+-]\d{{1,2}}(?::?\d{{2}})?)?|{_WORDS})(?![A-Za-z0-9])",
)


@dataclass(frozen=True)
class Stamp:
    """The parts of a written time; `day` is None for a bare clock, `month_day` for syslog."""

    day: date | None
    wall: time
    zone: tzinfo | None
    month_day: tuple[int, int] | None = None


def read_stamp(match: re.Match[str]) -> Stamp:
    """The stamp a LEADING match found; ValueError naming the text if it is impossible or ambiguous."""
    written = match["stamp"]
    hour = int(match["h"])
    if match["ampm"]:
        if not 1 <= hour <= 12:
            raise ValueError(f"impossible time {written!r}")
        hour = hour % 12 + (12 if match["ampm"] in "Pp" else 0)
    try:
        wall = time(hour, int(match["mi"]), int(match["s"] or 0), int((match["f"] or "0")[:6].ljust(6, "0")))
    except ValueError:
        raise ValueError(f"impossible time {written!r}") from None
    zone = zone_of(match)
    if match["y"]:
        try:
            day = date(int(match["y"]), int(match["mo"]), int(match["d"]))
        except ValueError:
            raise ValueError(f"impossible time {written!r}") from None
        return Stamp(day, wall, zone)
    if match["mon"]:
        month, mday = MONTHS[match["mon"][:3].lower()], int(match["md"])
        if match["sy"]:
            try:
                return Stamp(date(int(match["sy"]), month, mday), wall, zone)
            except ValueError:
                raise ValueError(f"impossible time {written!r}") from None
        if not 1 <= mday <= 31:
            raise ValueError(f"impossible time {written!r}")
        return Stamp(None, wall, zone, (month, mday))
    return Stamp(None, wall, zone)


def zone_of(match: re.Match[str]) -> tzinfo | None:
    if match["z"]:
        return UTC
    offset = match["near"] or match["far"]
    if offset:
        return offset_zone(offset)
    word = match["word"]
    if not word:
        return None
    return named_zone(word)


def named_zone(word: str) -> tzinfo:
    """UTC, CEST, GMT+2...: a fixed offset; ValueError for an ambiguous or unknown one."""
    upper = word.upper()
    if upper[:3] in ("UTC", "GMT") and len(upper) > 3:
        return offset_zone(upper[3:])
    if upper in AMBIGUOUS:
        raise ValueError(f"the time zone {word!r} is ambiguous ({AMBIGUOUS[upper]}); write the offset "
                         "instead, such as +0100, or import with --tz")
    if upper not in ZONES:
        raise ValueError(f"unknown time zone {word!r}")
    return timezone(timedelta(hours=ZONES[upper]), upper)


def offset_zone(text: str) -> tzinfo:
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours = int(digits[:-2] if len(digits) > 2 else digits)
    minutes = int(digits[-2:]) if len(digits) > 2 else 0
    if hours > 14 or minutes > 59:
        raise ValueError(f"impossible time zone offset {text!r}")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


_ZONE_IN_NAME = re.compile(r"\(([^()]+)\)|\[([^\[\]]+)\]")


def zone_in_name(name: str) -> tzinfo | None:
    """The zone a column's name gives, 'Time (UTC)' or 'When [Europe/Berlin]'; None if it gives none.

    An ambiguous abbreviation raises ValueError, so that the header's line is named.
    """
    found = _ZONE_IN_NAME.search(name)
    if not found:
        return None
    word = (found[1] or found[2]).strip()
    if "/" in word:
        try:
            return ZoneInfo(word)
        except (ZoneInfoNotFoundError, ValueError):
            return None
    if word.upper() in AMBIGUOUS:
        return named_zone(word)
    try:
        return named_zone(word)
    except ValueError:
        return None  # "(local)", "(approx.)": not a zone
