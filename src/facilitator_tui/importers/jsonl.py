"""JSON Lines application logs: one object a line with a time and a message.

    {"ts": "2026-03-14T22:57:59.120Z", "level": "warn", "service": "checkout", "msg": "upstream slow"}

The time is the first of `@timestamp`, `timestamp`, `time`, `ts`... (ISO 8601,
or epoch seconds, milliseconds, microseconds or nanoseconds); the message the
first of `msg`, `message`, `text`, `event`...; who or what acted the first of
`actor`, `user`, `service`, `logger`... systemd's `journalctl -o json` fields
are known too. A line that is not such an object is skipped and reported with
its number, never guessed at.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from facilitator_tui.importers.contract import ImportOptions, ImportReport, failure, new_event
from facilitator_tui.models import Event
from facilitator_tui.timeparse import from_epoch, parse_log_time

TIME_KEYS = ("@timestamp", "timestamp", "time", "ts", "datetime", "date", "created_at", "createdAt",
             "eventTime", "t", "__REALTIME_TIMESTAMP")
TEXT_KEYS = ("msg", "message", "text", "event", "log", "body", "summary", "description", "MESSAGE")
ACTOR_KEYS = ("actor", "user", "username", "user_name", "author", "who", "service", "service.name",
              "logger", "logger_name", "component", "app", "program", "SYSLOG_IDENTIFIER", "_COMM", "host",
              "hostname", "_HOSTNAME")
LEVEL_KEYS = ("level", "severity", "lvl", "loglevel", "log.level", "levelname")
ID_KEYS = ("event_id", "eventId", "uuid", "id", "__CURSOR")
_QUIET_LEVELS = frozenset({"INFO", "INFORMATION", "INFORMATIONAL"})


def first_key(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if key in record:
            return key
    return None


def looks_like_record(value: Any) -> bool:
    """An object with a time field and a message field: the shape of a JSON Lines log line."""
    return (isinstance(value, dict) and first_key(value, TIME_KEYS) is not None
            and any(isinstance(value.get(k), str) for k in TEXT_KEYS))


def read_jsonl(lines: Iterable[tuple[int, str]], name: str, options: ImportOptions,
               report: ImportReport) -> Iterator[Event]:
    """Events from a JSON Lines log, in file order; unreadable lines go to `report`."""
    read = 0
    layouts: dict[tuple[str, ...], _Layout] = {}
    loads = json.loads
    for number, raw in lines:
        line = raw.strip()
        if not line:
            continue
        try:
            record = loads(line)
        except (ValueError, RecursionError):
            report.skip(number, "not a JSON object", line)
            continue
        if not isinstance(record, dict):
            report.skip(number, "not a JSON object", line)
            continue
        keys = tuple(record)
        layout = layouts.get(keys)
        if layout is None:
            layout = _Layout(record)
            if len(layouts) < 1000:  # a log has a few shapes of line; a hostile file is not kept
                layouts[keys] = layout
        try:
            event = layout.event(record, options)
        except ValueError as exc:
            report.skip(number, str(exc), line)
            continue
        read += 1
        yield event
    if not read:
        first = report.skipped[0] if report.skipped else None
        where = f" (line {first.line}: {first.reason})" if first else ""
        raise failure(name, f"nothing to import: no line is a JSON object with a time and a message{where}")


class _Layout:
    """Which of the known fields one shape of record has: worked out once per shape, not per line."""

    def __init__(self, record: dict[str, Any]) -> None:
        self.time = first_key(record, TIME_KEYS)
        self.text = tuple(k for k in TEXT_KEYS if k in record)
        self.actor = tuple(k for k in ACTOR_KEYS if k in record)
        self.level = tuple(k for k in LEVEL_KEYS if k in record)
        self.ident = tuple(k for k in ID_KEYS if k in record)

    def event(self, record: dict[str, Any], options: ImportOptions) -> Event:
        if self.time is None:
            raise ValueError(f"no time field ({', '.join(TIME_KEYS[:4])})")
        at = read_time(record[self.time], options)
        text = _first_text(record, self.text)
        if text is None:
            raise ValueError(f"no message field ({', '.join(TEXT_KEYS[:4])})")
        if self.level:
            level = (_first_text(record, self.level) or "").strip().upper()
            if level and level not in _QUIET_LEVELS:
                text = f"{level} {text}"
        source = record.get("source")
        return new_event(at, source if isinstance(source, str) and source else "jsonl",
                         _first_text(record, self.actor) or "", text, "log",
                         external_id=_first_text(record, self.ident) if self.ident else None)


def _first_text(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, dict):  # {"user": {"name": "ana"}}, {"service": {"name": "checkout"}}
            value = value.get("name") or value.get("email")
        if isinstance(value, str) and value:
            return value
        if isinstance(value, int) and not isinstance(value, bool) and key in ID_KEYS:
            return str(value)
    return None


def read_time(value: Any, options: ImportOptions) -> datetime:
    """ISO 8601 text, or a Unix time in seconds, milliseconds, microseconds or nanoseconds."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"cannot read time {value!r}")
    if isinstance(value, str):
        text = value.strip()
        if text.replace(".", "", 1).isdigit() and len(text) >= 9:
            value = float(text)  # "1773529079.120": a Unix time written as text
        else:
            try:
                parsed = datetime.fromisoformat(text)  # the common case, and the fast one
            except ValueError:
                return parse_log_time(text, options.tz, options.default_date)
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=options.tz)
            return parsed.astimezone(UTC)
    seconds = float(value)
    for scale in (1, 1e3, 1e6, 1e9):
        if seconds / scale < 1e11:
            return from_epoch(seconds / scale)
    raise ValueError(f"Unix time out of range: {value!r}")
