"""Opsgenie alert activity logs, as `GET /v2/alerts/{id}/logs` answers, read into timeline events.

    {"data": [{"log": "Alert acknowledged via web", "type": "alertRecipient",
               "owner": "ana@example.com", "createdAt": "2026-03-14T22:58:03.120Z",
               "offset": "1773529083120000001"}], "paging": {...}}

One page, several pages saved one after another, or a list of pages. Each
entry keeps its offset as its id, so importing the same log twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from facilitator_tui.importers.contract import ImportFailure, ImportOptions, failure, text_of
from facilitator_tui.models import Event
from facilitator_tui.timeparse import parse_log_time

_SYSTEM = "Opsgenie"
_MACHINE_OWNERS = frozenset({"", "system", "opsgenie"})


def _pages(documents: list[Any]) -> list[dict[str, Any]]:
    pages: list[dict[str, Any]] = []
    for document in documents:
        for page in document if isinstance(document, list) else [document]:
            if not (isinstance(page, dict) and isinstance(page.get("data"), list)):
                return []
            pages.append(page)
    return pages


def looks_like_opsgenie(documents: list[Any]) -> bool:
    pages = _pages(documents)
    entries = [entry for page in pages for entry in page["data"][:5]]
    return bool(entries) and all(isinstance(e, dict) and isinstance(e.get("log"), str) for e in entries)


def read_opsgenie(documents: list[Any], name: str, options: ImportOptions) -> Iterator[Event]:
    pages = _pages(documents)
    if not pages:
        raise failure(name, "is JSON but not an Opsgenie alert log: expected pages with a data list")
    index = 0
    for page in pages:
        for entry in page["data"]:
            index += 1
            where = f"entry {index}"
            if not isinstance(entry, dict):
                raise failure(name, "is not an Opsgenie log entry", entry=where)
            try:
                yield _event(entry, options)
            except ImportFailure:
                raise
            except (ValueError, TypeError, AttributeError) as exc:
                raise failure(name, str(exc), entry=where) from None
    if not index:
        raise failure(name, "nothing to import: the Opsgenie log has no entries")


def _event(entry: dict[str, Any], options: ImportOptions) -> Event:
    created = entry.get("createdAt")
    if not isinstance(created, str) or not created.strip():
        raise ValueError("it has no createdAt time")
    at = parse_log_time(created, options.tz, options.default_date)
    owner = text_of(entry.get("owner")).strip()
    kind = text_of(entry.get("type")) or "log"
    machine = owner.lower() in _MACHINE_OWNERS or kind == "system"
    offset = entry.get("offset")
    return Event(
        at=at, source="opsgenie", actor=_SYSTEM if owner.lower() in _MACHINE_OWNERS else owner,
        text=text_of(entry.get("log")),
        kind=kind, external_id=str(offset) if isinstance(offset, str | int) and str(offset) else None,
        is_bot=machine,
    )
