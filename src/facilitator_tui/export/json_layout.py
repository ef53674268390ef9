"""Pretty JSON at speed: exactly the text of `json.dumps(indent=2, sort_keys=True)`, much faster.

Python's encoder only uses its C accelerator without `indent`; indented, 100,000
events take well over a second. For a list of flat records (scalar values only)
the C encoder can lay out the records itself when its item separator carries the
newline and indentation; what is left is to open and close each record, and
that is safe to do on the text because a JSON string never holds a raw newline,
so "},<newline>...{" only occurs between records.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

_INDENT = "  "


def _encoder(item_separator: str) -> json.JSONEncoder:
    return json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(item_separator, ": "))


def _flat(record: Mapping[str, Any]) -> bool:
    return not any(isinstance(value, (dict, list, tuple)) for value in record.values())


def _nested(value: Any, level: int) -> str:
    """The standard indented encoding of `value`, placed at nesting `level`."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2)
    return text.replace("\n", "\n" + _INDENT * level)


def _records(records: list[dict[str, Any]], level: int) -> str:
    """Non-empty flat records at nesting `level`, laid out as json.dumps(indent=2) would."""
    if not all(records):
        return _nested(records, level)
    outer = "\n" + _INDENT * (level + 1)
    inner = "\n" + _INDENT * (level + 2)
    text = _encoder("," + inner).encode(records)
    # '[{' field ',<inner>' field ... '},<inner>{' field ... '}]': open and close each record.
    body = text[2:-2].replace("}," + inner + "{", f"{outer}}},{outer}{{{inner}")
    return f"[{outer}{{{inner}{body}{outer}}}\n{_INDENT * level}]"


def dumps_pretty(document: Mapping[str, Any]) -> str:
    """`document` as json.dumps(indent=2, sort_keys=True, ensure_ascii=False) would write it.

    A top-level list of flat records (every model list in a snapshot but the
    prompts) takes the fast path; everything else goes through the standard
    encoder. The first record stands for its list, as every record of a model
    dump has the same shape; were a later record nested after all, the text
    would still be the same JSON, only laid out differently, since the fast path
    only adds whitespace between tokens.
    """
    if not document:
        return "{}"
    parts = []
    for key in sorted(document):
        value = document[key]
        if isinstance(value, list) and value and set(map(type, value)) == {dict} and _flat(value[0]):
            encoded = _records(value, 1)
        else:
            encoded = _nested(value, 1)
        parts.append(f"{_INDENT}{json.dumps(key, ensure_ascii=False)}: {encoded}")
    return "{\n" + ",\n".join(parts) + "\n}"
