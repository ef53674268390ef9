"""PagerDuty log entries: kinds, actors, readable text and stable ids."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from facilitator_tui.importers import ImportFailure, ImportOptions, read_events


def test_incident_log_becomes_one_event_per_entry(fixtures):
    result = read_events(fixtures / "pagerduty_incident_log.json")
    assert result.fmt == "pagerduty"
    assert [e.kind for e in result.events] == [
        "trigger", "notify", "acknowledge", "assign", "annotate", "escalate", "log", "status_update",
        "resolve",
    ]
    assert result.first == datetime(2026, 11, 20, 23, 41, tzinfo=UTC)
    assert all(e.source == "pagerduty" for e in result.events)
    assert {e.channel for e in result.events} == {"checkout-api (production)"}
    assert result.events[0].external_id == "R2XGXEI3W0FHMAUYHHTWUE6N7R"


def test_actors_are_people_or_pagerduty(fixtures):
    events = read_events(fixtures / "pagerduty_incident_log.json").events
    trigger, notify, ack = events[:3]
    assert (trigger.actor, trigger.is_bot) == ("PagerDuty", True)
    assert (notify.actor, notify.is_bot) == ("PagerDuty", True)
    assert (ack.actor, ack.is_bot) == ("Alice Wong", False)


def test_text_includes_notes_recipients_and_assignees(fixtures):
    texts = {e.kind: e.text for e in read_events(fixtures / "pagerduty_incident_log.json").events}
    assert texts["annotate"] == "Note added: Suspect cart-service 2.14 (deployed 23:30). Rolling back."
    assert texts["notify"] == "Notified Alice Wong (sms)"
    assert texts["assign"] == "Assigned by Alice Wong, to Dana Okafor"
    assert texts["escalate"] == "Escalated to Bob Martinez by Dana Okafor."


def test_bare_list_and_single_entry_shapes(tmp_path):
    entry = {"id": "R1", "type": "reach_trigger_limit_log_entry", "created_at": "2026-11-20T23:41:00-05:00",
             "summary": "Trigger limit reached", "incident": {"id": "Q1", "summary": "[#9] disk full"}}
    listed = tmp_path / "entries.json"
    listed.write_text(json.dumps([entry]), encoding="utf-8")
    single = tmp_path / "entry.json"
    single.write_text(json.dumps({"log_entry": {**entry, "note": {"content": "hi"}}}), encoding="utf-8")
    first = read_events(listed).events[0]
    assert first.kind == "reach_trigger_limit"
    assert first.at == datetime(2026, 11, 21, 4, 41, tzinfo=UTC)
    assert first.channel == "[#9] disk full"
    assert first.actor == "PagerDuty"
    assert read_events(single).fmt == "pagerduty"


def test_annotate_note_field_and_pages_of_entries(tmp_path):
    page = {"log_entries": [{"id": "R2", "type": "annotate_log_entry", "created_at": "2026-11-20T10:00:00Z",
                             "summary": "Note added", "note": "ran the failover",
                             "agent": {"type": "user_reference", "summary": "Eve"}}]}
    path = tmp_path / "pages.json"
    path.write_text(json.dumps([page, {"log_entries": []}]), encoding="utf-8")
    event = read_events(path).events[0]
    assert (event.text, event.actor, event.is_bot) == ("Note added: ran the failover", "Eve", False)


def test_since_until_filter(fixtures):
    options = ImportOptions(since=datetime(2026, 11, 21, tzinfo=UTC))
    result = read_events(fixtures / "pagerduty_incident_log.json", options)
    assert [e.kind for e in result.events] == ["status_update", "resolve"]


def test_entry_without_a_time_names_the_entry(tmp_path):
    path = tmp_path / "log.json"
    path.write_text(json.dumps({"log_entries": [
        {"id": "R1", "type": "trigger_log_entry", "created_at": "2026-11-20T10:00:00Z"},
        {"id": "R2", "type": "acknowledge_log_entry"},
    ]}), encoding="utf-8")
    with pytest.raises(ImportFailure, match=r"^log.json entry 2 \(R2\): it has no created_at time$"):
        read_events(path)
