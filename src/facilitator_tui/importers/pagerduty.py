"""PagerDuty incident log entries, as the REST API returns them, read into timeline events.

Accepts `{"log_entries": [...]}` (optionally with the incident beside them), a
bare list of entries, `{"log_entry": {...}}`, or a list of such pages. Each
entry keeps its PagerDuty id, so importing the same log twice adds nothing.
"""

from __future__ import annotations

from typing import Any

from facilitator_tui.importers.contract import ImportFailure, ImportOptions, failure
from facilitator_tui.models import Event
from facilitator_tui.timeparse import parse_timestamp

KINDS = frozenset({
    "trigger", "acknowledge", "escalate", "assign", "annotate", "notify", "resolve", "reassign",
    "snooze", "unacknowledge", "reach_trigger_limit", "status_update",
})
_SUFFIX = "_log_entry"
_SYSTEM = "PagerDuty"


def looks_like_pagerduty(data: Any) -> bool:
    if isinstance(data, dict):
        return isinstance(data.get("log_entries"), list) or isinstance(data.get("log_entry"), dict)
    if isinstance(data, list) and data:
        first = data[0]
        if isinstance(first, dict) and isinstance(first.get("log_entries"), list):
            return True
        return isinstance(first, dict) and str(first.get("type", "")).endswith(_SUFFIX)
    return False


def read_pagerduty(data: Any, name: str, options: ImportOptions) -> list[Event]:
    entries, incident = _entries(data, name)
    if not entries:
        raise failure(name, "nothing to import: the PagerDuty log has no entries")
    services = _services_by_incident(entries)
    events = []
    for index, entry in enumerate(entries, 1):
        where = f"entry {index}"
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            where += f" ({entry['id']})"
        if not isinstance(entry, dict):
            raise failure(name, "is not a PagerDuty log entry", entry=where)
        try:
            events.append(_event(entry, incident, services, options))
        except ImportFailure:
            raise
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            raise failure(name, str(exc), entry=where) from None
    return events


def _table(value: Any, default: dict[str, Any] | None = None) -> dict[str, Any]:
    """`value` if it is a JSON object, else `default` (an empty one)."""
    return value if isinstance(value, dict) else ({} if default is None else default)


def _string(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _entries(data: Any, name: str) -> tuple[list[Any], dict[str, Any]]:
    if isinstance(data, dict):
        incident = _table(data.get("incident"), {})
        if isinstance(data.get("log_entries"), list):
            return data["log_entries"], incident
        if isinstance(data.get("log_entry"), dict):
            return [data["log_entry"]], incident
        raise failure(name, "is JSON but not a PagerDuty log: no log_entries")
    if isinstance(data, list):
        if data and all(isinstance(page, dict) and isinstance(page.get("log_entries"), list) for page in data):
            return [entry for page in data for entry in page["log_entries"]], {}
        return data, {}
    raise failure(name, "is JSON but not a PagerDuty log: expected log_entries or a list of entries")


def _event(
    entry: dict[str, Any], incident: dict[str, Any], services: dict[str, str], options: ImportOptions
) -> Event:
    created = entry.get("created_at")
    if not isinstance(created, str) or not created.strip():
        raise ValueError("it has no created_at time")
    at = parse_timestamp(created, options.tz, options.default_date)
    entry_type = _string(entry.get("type"))
    base = entry_type.removesuffix(_SUFFIX)
    kind = base if base in KINDS else "log"
    actor, is_bot = _agent(entry.get("agent"))
    entry_id = entry.get("id")
    return Event(
        at=at, source="pagerduty", actor=actor, text=_text(entry, base), kind=kind,
        channel=_where(entry, incident, services), external_id=entry_id if isinstance(entry_id, str) and entry_id else None,
        is_bot=is_bot,
    )


def _agent(agent: Any) -> tuple[str, bool]:
    """Who did it, and whether that was PagerDuty or an integration rather than a person."""
    if not isinstance(agent, dict):
        return _SYSTEM, True
    kind = str(agent.get("type") or "")
    if kind.startswith("service"):
        return _SYSTEM, True
    name = _summary(agent) or agent.get("name") or agent.get("email")
    is_person = kind.startswith("user")
    return (name if isinstance(name, str) and name else _SYSTEM), not is_person


def _text(entry: dict[str, Any], base: str) -> str:
    summary = _summary(entry) or base.replace("_", " ") or "log entry"
    if base == "annotate":
        note = _note(entry)
        return f"{summary}: {note}" if note and note not in summary else summary
    if base == "notify":
        who, how = _notified(entry)
        if who and who not in summary:
            summary = f"{summary.rstrip('.')}: {who}"
        return f"{summary.rstrip('.')} ({how})" if how else summary
    if base in ("assign", "escalate", "reassign"):
        names = [n for n in (_summary(a) for a in _list(entry.get("assignees"))) if n]
        if names and not any(n in summary for n in names):
            return f"{summary.rstrip('.')}, to {', '.join(names)}"
    return summary


def _note(entry: dict[str, Any]) -> str:
    note = entry.get("note")
    if isinstance(note, dict):
        note = note.get("content") or note.get("summary")
    if isinstance(note, str) and note:
        return note
    channel = entry.get("channel")
    if isinstance(channel, dict):
        for key in ("summary", "content", "note"):
            if isinstance(channel.get(key), str) and channel[key]:
                return channel[key]
    return ""


def _notified(entry: dict[str, Any]) -> tuple[str, str]:
    """Who was notified and how ('sms', 'email', 'push'), as far as the entry says."""
    channel = _table(entry.get("channel"), {})
    notification = _table(channel.get("notification"), {})
    how = notification.get("type") or channel.get("type") or ""
    how = how.removesuffix("_notification").replace("_", " ") if isinstance(how, str) else ""
    return _summary(entry.get("user")), how


def _services_by_incident(entries: list[Any]) -> dict[str, str]:
    """Service names by incident id, so entries that omit the service still say where they belong."""
    found: dict[str, str] = {}
    for entry in entries:
        if isinstance(entry, dict) and isinstance(entry.get("incident"), dict):
            incident_id, service = entry["incident"].get("id"), _summary(entry.get("service"))
            if isinstance(incident_id, str) and service:
                found.setdefault(incident_id, service)
    return found


def _where(entry: dict[str, Any], incident: dict[str, Any], services: dict[str, str]) -> str:
    service = _summary(entry.get("service"))
    if service:
        return service
    own = _table(entry.get("incident"), incident)
    incident_id = own.get("id")
    if isinstance(incident_id, str) and incident_id in services:
        return services[incident_id]
    for holder in (own, incident):
        name = _summary(holder) or holder.get("title")
        if isinstance(name, str) and name:
            return name
    return ""


def _summary(value: Any) -> str:
    if isinstance(value, dict) and isinstance(value.get("summary"), str):
        return value["summary"]
    return ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
