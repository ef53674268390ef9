"""JSON the way API responses are saved: several pages one after another, or one long array.

`documents` reads one JSON value or several written back to back (as
`curl ... >> alerts.json` leaves pages of an API's answer). `array_items`
walks a top-level array one element at a time, so a big Slack day file is
never held as one parsed list. Both report a problem with its line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from facilitator_tui.importers.contract import failure

_DECODER = json.JSONDecoder()
_SPACE = " \t\n\r"


def _problem(text: str, exc: json.JSONDecodeError) -> str:
    tail = text.rstrip()
    if not tail.lstrip().startswith(("{", "[")):
        return f"not JSON ({exc.msg})"
    if exc.pos >= len(tail) or not tail.endswith(("}", "]")):
        return "truncated JSON: the file ends early"
    return f"invalid JSON: {exc.msg}"


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _SPACE:
        pos += 1
    return pos


def documents(text: str, name: str) -> list[Any]:
    """Every JSON value in the text, in order; ImportFailure naming the line of a broken one."""
    found: list[Any] = []
    pos = _skip_space(text, 0)
    while pos < len(text):
        try:
            value, pos = _DECODER.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise failure(name, _problem(text, exc), line=exc.lineno) from None
        except RecursionError:
            raise failure(name, "invalid JSON: nested too deeply") from None
        found.append(value)
        pos = _skip_space(text, pos)
        if pos < len(text) and text[pos] == ",":  # pages pasted into a list without its brackets
            pos = _skip_space(text, pos + 1)
    return found


def array_items(text: str, name: str, start: int = 0) -> Iterator[tuple[int, Any]]:
    """(line, value) for each element of the top-level array that starts at `start`."""
    pos = _skip_space(text, start)
    if pos >= len(text) or text[pos] != "[":
        raise failure(name, "expected a JSON list", line=_line(text, pos))
    pos = _skip_space(text, pos + 1)
    if pos < len(text) and text[pos] == "]":
        return
    counted, line = 0, 1  # newlines are counted once, as the walk moves on
    while True:
        line += text.count("\n", counted, pos)
        counted = pos
        try:
            value, pos = _DECODER.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise failure(name, _problem(text, exc), line=exc.lineno) from None
        except RecursionError:
            raise failure(name, "invalid JSON: nested too deeply", line=line) from None
        yield line, value
        pos = _skip_space(text, pos)
        if pos >= len(text):
            raise failure(name, "truncated JSON: the file ends early", line=_line(text, pos))
        if text[pos] == "]":
            if _skip_space(text, pos + 1) < len(text):
                raise failure(name, "invalid JSON: Extra data", line=_line(text, pos + 1))
            return
        if text[pos] != ",":
            raise failure(name, "invalid JSON: Expecting ',' delimiter", line=_line(text, pos))
        pos = _skip_space(text, pos + 1)
