"""Plain-text timelines and logs, one event per timed line, read as people and tools write them.

    Checkout outage, 14 March                      <- skipped, and reported
    All times UTC.                                 <- skipped; says what naive times mean
    14:03 alice: restarted the primary
    - 14:05 UTC — bob: failing over                (bullets, a zone after the time)
    22:57:59 +0100 WARN proxy: upstream slow       (a log level is not a speaker)
    Mar 14 23:07:00 edge-1 haproxy[311]: backend down   (syslog: host and program)
    | 14:09 | carol | paging the database team |   (a Markdown table with a time column)

Who spoke is the short name before ": " (at most three words and 40
characters), an IRC-style `<nick>`, or a syslog program; otherwise the line
has no actor. A line without a time continues the event above it and is
counted as joined; one that starts like a time we cannot read is skipped and
reported with its number. Bare times are dated as `clock_days` explains.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from facilitator_tui.importers import md_table
from facilitator_tui.importers.clock_days import ClockDays
from facilitator_tui.importers.contract import ImportOptions, ImportReport, failure, new_event
from facilitator_tui.importers.log_time import (
    DECLARED_ZONE,
    LEADING,
    TIMEISH,
    ZONE_WORDS,
    named_zone,
    read_stamp,
)
from facilitator_tui.models import Event

_NICK = re.compile(r"^<([^<>\s][^<>]{0,39})>[ \t]?")
_SPEAKER = re.compile(r"^([^:\s][^:\n]{0,39}?):(?:[ \t]+|$)")
_COMPONENT = re.compile(r"^\[([\w.@/-]{1,40})\][ \t]+")
_MAX_ACTOR_WORDS = 3
_TEXT = 3  # where the text sits in a pending event
_LEVELS = frozenset({"TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "WARNING", "ERROR", "ERR", "CRIT", "CRITICAL",
                     "FATAL", "ALERT", "EMERG", "SEVERE", "PANIC"})
_LEVEL = re.compile(r"^(?:\[(?P<b>[A-Za-z]{3,8})\]|<(?P<a>[A-Za-z]{3,8})>|(?P<w>[A-Z]{3,8})):?(?=\s|$)[ \t]*")
_QUIET_LEVELS = frozenset({"INFO"})  # too common in a log to be worth a word in every event
# "host program[pid]: text", as syslog and many daemons write after the time.
_SYSLOG_TAG = re.compile(r"^(?P<host>[\w.:-]{1,64})[ \t]+(?P<proc>[\w./@-]{1,48}?)(?:\[(?P<pid>\d{1,10})\])?:[ \t]*")


# The commonest log line, "2026-03-14 22:57:59.120 WARN proxy: text", read in one match. It declines
# (and LEADING takes over) wherever the general reading could differ: a zone word, an offset, AM/PM,
# a range or separator after the time, a bracket, or an upper-case word that is not a level.
_QUICK = re.compile(
    r"(\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d{1,6})?(?:Z|[+-]\d\d:\d\d)?)[ \t]++"
    rf"(?![-|:\u2013\u2014+\[<]|to(?![A-Za-z])|[AaPp]\.?[Mm]\.?(?![A-Za-z])|(?:{ZONE_WORDS})(?![A-Za-z0-9])"
    r"|(?:UTC|GMT)[+-])"
    r"(?:(TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|CRIT|CRITICAL|FATAL|ALERT|EMERG|SEVERE|PANIC):?[ \t]++)?"
)
_fromiso = datetime.fromisoformat
class _Declined:
    """`_quick`'s answer for a line that needs the general reading."""


_DECLINED = _Declined()


def starts_with_time(line: str) -> bool:
    return LEADING.match(line) is not None


def split_actor(rest: str) -> tuple[str, str]:
    """('alice', 'restarted') from 'alice: restarted'; ('', rest) when no short name leads."""
    opener = rest[:1]
    nick = _NICK.match(rest) if opener == "<" else None
    if nick:
        return nick[1].strip(), rest[nick.end():]
    speaker = _SPEAKER.match(rest) if ":" in rest[:42] else None
    if speaker:
        name = speaker[1].strip()
        if name and len(name.split()) <= _MAX_ACTOR_WORDS and not name.startswith(("http", "[")):
            return name, rest[speaker.end():]
    component = _COMPONENT.match(rest) if opener == "[" else None
    if component:
        return component[1], rest[component.end():]
    return "", rest


def split_level(rest: str) -> tuple[str, str]:
    """('WARN', 'proxy: slow') from 'WARN proxy: slow'; ('', rest) when no log level leads."""
    opener = rest[:1]
    if not (opener.isupper() or opener in "[<"):
        return "", rest
    found = _LEVEL.match(rest)
    if not found:
        return "", rest
    level = (found["b"] or found["a"] or found["w"]).upper()
    if level not in _LEVELS:
        return "", rest
    return level, rest[found.end():]


def parse_rest(rest: str, syslog: bool) -> tuple[str, str, str, str]:
    """(actor, text, channel, kind) from what follows a line's time."""
    channel = ""
    tag = _SYSLOG_TAG.match(rest) if syslog or "]:" in rest else None
    if tag and (syslog or tag["pid"]):
        level, body = split_level(rest[tag.end():])
        return tag["proc"], _with_level(level, body), tag["host"], "log"
    level, body = split_level(rest)
    actor, body = split_actor(body)
    return actor, _with_level(level, body), channel, "log" if level else "message"


def _with_level(level: str, body: str) -> str:
    if not level or level in _QUIET_LEVELS:
        return body
    return f"{level} {body}" if body else level


class TextTimeline:
    """Reads lines into events; one instance per file."""

    def __init__(self, name: str, options: ImportOptions, report: ImportReport) -> None:
        self.name = name
        self.report = report
        self.days = ClockDays(options.tz, options.default_date)
        self.pending: list | None = None  # at, source, actor, text, kind, channel of the open event
        self.seen_time = False
        self.table: md_table.Table | None = None
        self.held: tuple[int, str, md_table.Table] | None = None  # a header row awaiting its separator

    def events(self, lines: Iterable[tuple[int, str]]) -> Iterator[Event]:
        for number, raw in lines:
            line = raw.rstrip("\r\n") if raw.endswith("\n") else raw.removesuffix("\r")
            if not line or line.isspace():
                continue
            done = self._line(number, line)  # the event the line closed, if any
            if done is not None:
                yield done
        if self.held is not None:
            self._untimed(*self.held[:2])
        if self.pending is not None:
            yield new_event(*self.pending)
        if not self.seen_time:
            raise failure(self.name, "nothing to import: no line starts with a time such as 14:03 or "
                          "2026-11-20 14:03")

    def _line(self, number: int, line: str) -> Event | None:
        if self.held is not None:
            held_number, held_line, table = self.held
            self.held = None
            if md_table.is_separator(line):
                self.table = table
                return None
            self._untimed(held_number, held_line)
        if line[:1] == "|" or (line[:1].isspace() and line.lstrip()[:1] == "|"):
            if self.table is not None:
                return self._row(number, line, self.table)
            header = self._header(number, line)
            if header is not None:
                self.held = (number, line, header)
                return None
        self.table = None
        if line[:1].isdigit():
            quick = self._quick(line)
            if not isinstance(quick, _Declined):
                return quick
        match = LEADING.match(line)
        if match is None:
            self._untimed(number, line)
            return None
        at = self._time(match, number)
        actor, text, channel, kind = parse_rest(line[match.end():], syslog=match["mon"] is not None)
        if match["until"]:
            text = f"(until {match['until']}) {text}".rstrip()
        return self._start(at, actor, text, channel, kind, "text")

    def _quick(self, line: str) -> Event | _Declined | None:
        """What `_line` returns for a common log line, read quickly; _DECLINED if it needs the general reading."""
        found = _QUICK.match(line)
        if found is None or "]:" in line:
            return _DECLINED
        end = found.end()
        level = found[2]
        if level is None and line[end:end + 1].isupper():
            return _DECLINED  # perhaps a level at the line's end, or a word that only looks like one
        try:
            at = self.days.written(_fromiso(found[1]), None)
        except ValueError:
            return _DECLINED  # an impossible date: the general reading names it
        actor, body = split_actor(line[end:])
        return self._start(at, actor, _with_level(level or "", body), "", "log" if level else "message", "text")

    def _start(self, at: datetime, actor: str, text: str, channel: str, kind: str, source: str) -> Event | None:
        done = new_event(*self.pending) if self.pending is not None else None
        self.seen_time = True
        self.pending = [at, source, actor, text, kind, channel]
        return done

    def _time(self, match: re.Match[str], number: int, zone: tzinfo | None = None) -> datetime:
        year, far, word, ampm = match.group("y", "far", "word", "ampm")
        if year is not None and far is None and word is None and ampm is None:
            try:  # "2026-03-14 22:57:59.120", "2026-03-14T22:57:59+01:00": the common case, read quickly
                return self.days.written(datetime.fromisoformat(match["stamp"]), zone)
            except ValueError:
                pass  # "2026/3/14 ...", an impossible date: the slower path says which
        try:
            stamp = read_stamp(match)
            day = stamp.day
            if stamp.month_day is not None:
                day = self.days.syslog_day(*stamp.month_day, match["stamp"])
            return self.days.place(day, stamp.wall, stamp.zone or zone, match["stamp"])
        except ValueError as exc:
            raise failure(self.name, str(exc), line=number) from None

    def _untimed(self, number: int, line: str) -> None:
        if not self.seen_time:
            self.report.leading_skipped += 1
            self.report.skip(number, "before the first timed line", line)
            self._declared_zone(number, line)
        elif TIMEISH.match(line):
            self.report.skip(number, "cannot read the time it starts with", line)
        elif self.pending is not None:
            self.pending[_TEXT] += "\n" + line
            self.report.join(number)

    def _declared_zone(self, number: int, line: str) -> None:
        found = DECLARED_ZONE.search(line)
        if not found:
            return
        word = found["zone"]
        try:
            zone: tzinfo = ZoneInfo(word) if "/" in word else named_zone(word)
        except (ValueError, ZoneInfoNotFoundError):
            return
        self.days.tz = zone
        self.report.note(f"times without a zone read as {word}, as line {number} says")

    def _header(self, number: int, line: str) -> md_table.Table | None:
        try:
            return md_table.header_of(line)
        except ValueError as exc:
            raise failure(self.name, str(exc), line=number) from None

    def _row(self, number: int, line: str, table: md_table.Table) -> Event | None:
        header = table.header
        row = md_table.cells(line)

        def cell(index: int | None) -> str:
            return row[index] if index is not None and index < len(row) else ""

        raw_time = md_table.plain(cell(header.time))
        if header.date is not None and md_table.plain(cell(header.date)):
            raw_time = f"{md_table.plain(cell(header.date))} {raw_time}"
        text = cell(header.text)
        if not raw_time:
            if self.pending is not None and text:
                self.pending[_TEXT] += "\n" + text
                self.report.join(number)
            return None
        match = LEADING.match(raw_time)
        if match is None or raw_time[match.end():].strip():
            self.report.skip(number, "cannot read the time in the table's time column", line)
            return None
        at = self._time(match, number, table.zone)
        actor = md_table.plain(cell(header.actor))
        return self._start(at, actor, text, cell(header.channel), "message", cell(header.source) or "text")


def read_text_log(lines: Iterable[tuple[int, str]], name: str, options: ImportOptions,
                  report: ImportReport) -> Iterator[Event]:
    """Events from a text timeline, in file order; skipped and joined lines go to `report`."""
    return TextTimeline(name, options, report).events(lines)
