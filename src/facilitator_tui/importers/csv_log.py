"""Spreadsheet timelines (CSV, semicolon or tab separated) read into timeline events.

Columns are found by their header names, with the variants people use
("Timestamp", "When", "Who", "Message"...). A header saying "(UTC)" or "(CET)"
sets the zone of its naive times. Rows are read one at a time. A row with fewer
fields than the header stops the import (a missing delimiter would shift every
column); errors name the physical line where the offending record starts, so a
quoted field spanning lines does not throw the count off.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from facilitator_tui.importers.clock_days import BARE_CLOCK, ClockDays
from facilitator_tui.importers.contract import ImportOptions, failure, new_event
from facilitator_tui.importers.lines import stripped
from facilitator_tui.importers.log_time import LEADING, read_stamp, zone_in_name
from facilitator_tui.models import Event

# Each role's accepted header names, best first.
TIME_NAMES = ("timestamp", "datetime", "date_time", "time", "when", "created_at", "created", "occurred_at",
              "event_time", "logged_at", "ts", "at", "date")
ACTOR_NAMES = ("actor", "user", "author", "who", "name", "from", "person", "username", "user_name",
               "sender", "by")
TEXT_NAMES = ("text", "message", "description", "event", "summary", "content", "body", "details",
              "msg", "note", "what", "what_happened", "happened", "activity", "update", "notes", "comment")
SOURCE_NAMES = ("source", "system", "tool", "origin")
ID_NAMES = ("id", "event_id", "external_id", "uuid", "message_id")
KIND_NAMES = ("kind", "type", "event_type", "category")
CHANNEL_NAMES = ("channel", "room", "service", "conversation")
DELIMITERS = (",", ";", "\t", "|")


@dataclass
class Header:
    """Where each role's column sits, found from one header row."""

    delimiter: str
    names: list[str]
    time: int | None
    text: int | None
    actor: int | None = None
    source: int | None = None
    id: int | None = None
    kind: int | None = None
    channel: int | None = None
    date: int | None = None  # a separate date column beside a clock-only time column
    utc: bool = False


def normalise(name: str) -> str:
    """'Time (UTC)' -> 'time', 'Created-At' -> 'created_at'."""
    name = re.sub(r"\(.*?\)|\[.*?\]", " ", name.strip().lstrip("\ufeff").lower())
    return re.sub(r"[^0-9a-z]+", "_", name).strip("_")


def _find(names: list[str], wanted: tuple[str, ...], taken: set[int]) -> int | None:
    for candidate in wanted:
        for index, name in enumerate(names):
            if name == candidate and index not in taken:
                return index
    return None


def read_header(cells: list[str], delimiter: str) -> Header:
    names = [normalise(cell) for cell in cells]
    taken: set[int] = set()

    def pick(wanted: tuple[str, ...]) -> int | None:
        index = _find(names, wanted, taken)
        if index is not None:
            taken.add(index)
        return index

    time_col = pick(TIME_NAMES)
    date_col = None
    if time_col is not None and names[time_col] == "time":
        date_col = pick(("date", "day"))
    header = Header(delimiter, names, time_col, None, date=date_col)
    header.text = pick(TEXT_NAMES)
    header.actor = pick(ACTOR_NAMES)
    header.source = pick(SOURCE_NAMES)
    header.id = pick(ID_NAMES)
    header.kind = pick(KIND_NAMES)
    header.channel = pick(CHANNEL_NAMES)
    header.utc = time_col is not None and "utc" in cells[time_col].lower()
    return header


def sniff_header(first_line: str) -> Header | None:
    """The header this line would be, if it has a recognised time column and a delimiter."""
    best: Header | None = None
    for delimiter in DELIMITERS:
        if delimiter not in first_line:
            continue
        cells = _cells(first_line, delimiter)
        if len(cells) < 2:
            continue
        header = read_header(cells, delimiter)
        if header.time is not None and (best is None or len(header.names) > len(best.names)):
            best = header
    return best


def _cells(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def read_csv(lines: Iterable[tuple[int, str]], name: str, options: ImportOptions) -> Iterator[Event]:
    """Events from a CSV, one per row, in file order; a row that cannot be read stops the import."""
    numbered = iter(lines)
    header_line, first_line = 0, ""
    for number, raw in numbered:
        if raw.strip():
            header_line, first_line = number, stripped(raw)
            break
    header = sniff_header(first_line)
    if header is None or header.text is None:
        _missing_columns(first_line, header, name, header_line or 1)
    assert header is not None and header.time is not None and header.text is not None
    try:
        declared = zone_in_name(_cells(first_line, header.delimiter)[header.time])
    except ValueError as exc:
        raise failure(name, str(exc), line=header_line) from None
    zone: tzinfo = UTC if header.utc else declared or options.tz
    days = ClockDays(zone, options.default_date)
    # strict: an unclosed quote is an error at its record, not the rest of the file in one cell.
    rest = (text for _, text in numbered)
    reader = csv.reader(rest, delimiter=header.delimiter, strict=True)
    offset = header_line  # physical line of the header; the reader counts from the line after it
    rows = 0
    while True:
        start = offset + reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            hint = "; is a quote left open?" if "end of data" in str(exc) or "expected" in str(exc) else ""
            raise failure(name, f"cannot read this CSV record ({exc}){hint}", line=start) from None
        if not any(cell.strip() for cell in row):
            continue
        rows += 1
        yield _event(row, header, days, name, start)
    if not rows:
        raise failure(name, "nothing to import: the CSV has a header but no rows", line=header_line)


def _missing_columns(first_line: str, header: Header | None, name: str, line: int) -> None:
    if header is None:
        cells = max((_cells(first_line, d) for d in DELIMITERS), key=len)
        found = ", ".join(repr(c.strip()) for c in cells if c.strip()) or "none"
        raise failure(name, f"no time column in the header row (columns found: {found}); "
                      f"name one of: {', '.join(TIME_NAMES[:8])}", line=line)
    found = ", ".join(repr(c) for c in header.names if c) or "none"
    raise failure(name, f"no text column in the header row (columns found: {found}); "
                  f"name one of: {', '.join(TEXT_NAMES[:8])}", line=line)


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index]


def _event(row: list[str], header: Header, days: ClockDays, name: str, line: int) -> Event:
    if len(row) < len(header.names):
        raise failure(name, f"{len(row)} fields but the header has {len(header.names)}; "
                      "is a delimiter or a quote missing?", line=line)
    raw_time = _cell(row, header.time).strip()
    if header.date is not None and BARE_CLOCK.match(raw_time) and _cell(row, header.date).strip():
        raw_time = f"{_cell(row, header.date).strip()} {raw_time}"
    if not raw_time:
        column = header.names[header.time] if header.time is not None else "time"
        raise failure(name, f"no time in the {column!r} column", line=line)
    at = _time(raw_time, days, name, line)
    return new_event(
        at,
        source=_cell(row, header.source).strip() or "csv",
        actor=_cell(row, header.actor).strip(),
        text=_text(row, header, name, line),
        kind=_cell(row, header.kind).strip() or "message",
        channel=_cell(row, header.channel).strip(),
        external_id=_cell(row, header.id).strip() or None,
    )


def _time(raw: str, days: ClockDays, name: str, line: int) -> datetime:
    try:
        return days.read(raw)
    except ValueError as exc:
        written = LEADING.match(raw)  # "14:03 CET", "2:03 PM", "Mar 14 23:07:00"
        if written is None or raw[written.end():].strip():
            raise failure(name, str(exc), line=line) from None
    try:
        stamp = read_stamp(written)
        day = days.syslog_day(*stamp.month_day, raw) if stamp.month_day else stamp.day
        return days.place(day, stamp.wall, stamp.zone, raw)
    except ValueError as exc:
        raise failure(name, str(exc), line=line) from None


def _text(row: list[str], header: Header, name: str, line: int) -> str:
    """The text cell; an unquoted delimiter inside a last text column is taken back into the text."""
    width = len(header.names)
    if len(row) == width or not any(cell for cell in row[width:]):
        return _cell(row, header.text)
    if header.text == width - 1:
        return header.delimiter.join(row[header.text:])
    shown = {"\t": "tab"}.get(header.delimiter, repr(header.delimiter))
    raise failure(name, f"{len(row)} fields but the header has {width}; quote fields that contain a {shown}",
                  line=line)
