"""Markdown tables with a time column, as a postmortem pasted from a wiki page holds them.

    | Time (UTC) | Who   | What happened              |
    |------------|-------|----------------------------|
    | 14:03      | Ana   | Paged for checkout latency |

The header names its columns as a CSV header does ("Time", "When", "Who",
"Event"...); a zone in the time column's name, "(UTC)" or "(CET)", applies to
the whole table. Cells may hold `\\|` for a pipe and `<br>` for a line break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import tzinfo

from facilitator_tui.importers.csv_log import Header, read_header
from facilitator_tui.importers.log_time import zone_in_name

_SPLIT = re.compile(r"(?<!\\)\|")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_EMPHASIS = re.compile(r"^(\*\*|__|\*|_|`)(.*)\1$")


@dataclass
class Table:
    """A table's header, once its separator line has been seen."""

    header: Header
    zone: tzinfo | None
    width: int


def is_row(line: str) -> bool:
    return line.lstrip().startswith("|")


def cells(line: str) -> list[str]:
    """'| a | b \\| c |' -> ['a', 'b | c']: the cells between the outer pipes, trimmed."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [_BREAK.sub("\n", cell.strip()).replace("\\|", "|") for cell in _SPLIT.split(body)]


def is_separator(line: str) -> bool:
    return bool(_SEPARATOR.match(line))


def header_of(line: str) -> Table | None:
    """The table this header row opens, if it has a time column and a text column."""
    names = cells(line)
    if len(names) < 2:
        return None
    header = read_header(names, "|")
    if header.time is None or header.text is None:
        return None
    return Table(header, zone_in_name(names[header.time]), len(names))


def plain(cell: str) -> str:
    """A cell without the emphasis around all of it: '**14:03**' -> '14:03'."""
    text = cell.strip()
    while True:
        found = _EMPHASIS.match(text)
        if not found:
            return text
        text = found[2].strip()
