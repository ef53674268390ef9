"""Atlassian Statuspage incident history: each posted update becomes an event from the status page.

Accepts `/api/v2/incidents.json` (`{"page": ..., "incidents": [...]}`), one
incident (`{"incident": {...}}` or the incident itself), or a list of
incidents. An update's time is when it was shown (`display_at`), else when it
was written (`created_at`); its text leads with its status: "Identified: ...".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from facilitator_tui.importers.contract import ImportFailure, ImportOptions, failure, text_of
from facilitator_tui.models import Event
from facilitator_tui.timeparse import parse_log_time

_ACTOR = "Status page"


def _incidents(documents: list[Any]) -> tuple[list[Any], str]:
    """The incidents and the page's name (if the file gives it)."""
    incidents: list[Any] = []
    page_name = ""
    for document in documents:
        if isinstance(document, dict):
            page = document.get("page")
            if isinstance(page, dict) and isinstance(page.get("name"), str):
                page_name = page_name or page["name"]
            if isinstance(document.get("incidents"), list):
                incidents.extend(document["incidents"])
            elif isinstance(document.get("incident"), dict):
                incidents.append(document["incident"])
            elif isinstance(document.get("incident_updates"), list):
                incidents.append(document)
            else:
                return [], ""
        elif isinstance(document, list) and all(isinstance(i, dict) and "incident_updates" in i for i in document):
            incidents.extend(document)
        else:
            return [], ""
    return incidents, page_name


def looks_like_statuspage(documents: list[Any]) -> bool:
    incidents, _ = _incidents(documents)
    return bool(incidents) and all(isinstance(i, dict) and isinstance(i.get("incident_updates"), list)
                                   for i in incidents[:5])


def read_statuspage(documents: list[Any], name: str, options: ImportOptions) -> Iterator[Event]:
    incidents, page_name = _incidents(documents)
    if not incidents:
        raise failure(name, "is JSON but not a Statuspage history: expected incidents with incident_updates")
    count = 0
    for number, incident in enumerate(incidents, 1):
        if not isinstance(incident, dict) or not isinstance(incident.get("incident_updates"), list):
            raise failure(name, "is not a Statuspage incident (no incident_updates)", entry=f"incident {number}")
        title = text_of(incident.get("name"))
        for index, update in enumerate(incident["incident_updates"], 1):
            where = f"incident {number} update {index}"
            if not isinstance(update, dict):
                raise failure(name, "is not an incident update", entry=where)
            try:
                yield _event(update, title, page_name or _ACTOR, options)
            except ImportFailure:
                raise
            except (ValueError, TypeError, AttributeError) as exc:
                raise failure(name, str(exc), entry=where) from None
            count += 1
    if not count:
        raise failure(name, "nothing to import: the incidents have no updates")


def _event(update: dict[str, Any], title: str, actor: str, options: ImportOptions) -> Event:
    written = next((update[k] for k in ("display_at", "created_at", "updated_at")
                    if isinstance(update.get(k), str) and update[k].strip()), None)
    if written is None:
        raise ValueError("it has no display_at or created_at time")
    at = parse_log_time(written, options.tz, options.default_date)
    status, body = text_of(update.get("status")), text_of(update.get("body"))
    label = status.replace("_", " ").capitalize()
    text = f"{label}: {body}" if label and body else label or body
    ident = update.get("id")
    return Event(at=at, source="statuspage", actor=actor, text=text, kind=status or "update", channel=title,
                 external_id=ident if isinstance(ident, str) and ident else None)
