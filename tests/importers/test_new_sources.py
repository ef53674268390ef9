"""Opsgenie alert logs, Statuspage histories and JSON Lines logs: detected, read, and refused clearly."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from facilitator_tui.importers import ImportFailure, ImportOptions, detect_format, read_events


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


# -- Opsgenie --------------------------------------------------------------------------

def test_opsgenie_pages_saved_one_after_another(fixtures):
    path = fixtures / "opsgenie_alert_logs.json"
    assert detect_format(path) == "opsgenie"
    result = read_events(path)
    events = result.events
    assert len(events) == 5 and {e.source for e in events} == {"opsgenie"}
    assert (events[0].actor, events[0].is_bot, events[0].kind) == ("Opsgenie", True, "system")
    assert events[0].at == datetime(2026, 3, 14, 21, 58, 3, 120000, tzinfo=UTC)
    assert (events[2].actor, events[2].text, events[2].is_bot) == (
        "jonas@example.org", "Alert acknowledged via mobile app", False)
    assert events[4].actor == "Opsgenie"  # "System" is the tool, not a person
    assert [e.external_id for e in events] == sorted(e.external_id for e in events)


def test_opsgenie_one_page_or_a_list_of_pages(tmp_path, fixtures):
    text = (fixtures / "opsgenie_alert_logs.json").read_text(encoding="utf-8")
    first, second = text.split("\n}\n{", 1)
    pages = [json.loads(first + "\n}"), json.loads("{" + second)]
    assert len(read_events(write(tmp_path, "one.json", pages[0])).events) == 3
    listed = write(tmp_path, "pages.json", pages)
    assert detect_format(listed) == "opsgenie"
    assert len(read_events(listed).events) == 5


def test_opsgenie_failures_name_the_entry(tmp_path):
    page = {"data": [{"log": "created", "createdAt": "2026-03-14T21:58:03Z"}, {"log": "no time", "type": "system"}]}
    with pytest.raises(ImportFailure, match=r"^alerts.json entry 2: it has no createdAt time$"):
        read_events(write(tmp_path, "alerts.json", page), ImportOptions(fmt="opsgenie"))
    with pytest.raises(ImportFailure, match=r"^empty.json: nothing to import: the Opsgenie log has no entries"):
        read_events(write(tmp_path, "empty.json", {"data": [], "paging": {}}), ImportOptions(fmt="opsgenie"))
    with pytest.raises(ImportFailure, match=r"^other.json: is JSON but not an Opsgenie alert log"):
        read_events(write(tmp_path, "other.json", {"logs": []}), ImportOptions(fmt="opsgenie"))


# -- Statuspage ------------------------------------------------------------------------

def test_statuspage_updates_are_events_from_the_status_page(fixtures):
    path = fixtures / "statuspage_incidents.json"
    assert detect_format(path) == "statuspage"
    events = read_events(path).events
    assert [e.kind for e in events] == ["investigating", "identified", "monitoring", "resolved"]
    assert events[0].text == "Investigating: Some card payments are failing. We are investigating."
    assert events[1].at == datetime(2026, 3, 14, 22, 9, tzinfo=UTC)  # display_at, not created_at
    assert {(e.source, e.actor, e.channel) for e in events} == {
        ("statuspage", "Northwind Payments Status", "Card payments failing for some customers")}
    assert [e.external_id for e in events] == ["upd01", "upd02", "upd03", "upd04"]


@pytest.mark.parametrize("shape", ["incident", "bare", "list"])
def test_statuspage_one_incident(tmp_path, fixtures, shape):
    incident = json.loads((fixtures / "statuspage_incidents.json").read_text())["incidents"][0]
    content = {"incident": incident} if shape == "incident" else incident if shape == "bare" else [incident]
    path = write(tmp_path, "incident.json", content)
    assert detect_format(path) == "statuspage"
    events = read_events(path).events
    assert len(events) == 4 and events[0].actor == "Status page"


def test_statuspage_failures_name_the_update(tmp_path):
    bad = {"incidents": [{"name": "x", "incident_updates": [{"id": "u1", "status": "investigating", "body": "b"}]}]}
    with pytest.raises(ImportFailure, match=r"^h.json incident 1 update 1: it has no display_at or created_at time"):
        read_events(write(tmp_path, "h.json", bad))
    with pytest.raises(ImportFailure, match=r"^none.json: nothing to import: the incidents have no updates"):
        read_events(write(tmp_path, "none.json", {"incidents": [{"name": "x", "incident_updates": []}]}))


# -- JSON Lines ------------------------------------------------------------------------

def test_json_lines_fixture(fixtures):
    path = fixtures / "app_events.jsonl"
    assert detect_format(path) == "jsonl"
    result = read_events(path)
    by_text = {e.text: e for e in result.events}
    assert set(by_text) == {"issuer B latency rising", "WARN circuit half-open for issuer B",
                            "ERROR falling back to issuer A", "manual retry of stuck payments",
                            "issuer B healthy again"}
    assert by_text["ERROR falling back to issuer A"].at == datetime(2026, 3, 14, 21, 59, 0, 123000, tzinfo=UTC)
    assert by_text["ERROR falling back to issuer A"].actor == "payments.router"
    assert by_text["manual retry of stuck payments"].at == datetime(2026, 3, 14, 21, 1, tzinfo=UTC)
    assert by_text["manual retry of stuck payments"].actor == "jonas"
    healthy = by_text["issuer B healthy again"]
    assert (healthy.source, healthy.external_id, healthy.at) == (
        "health-checker", "hc-77", datetime(2026, 3, 14, 22, 5, tzinfo=UTC))
    assert {e.source for e in result.events} == {"jsonl", "health-checker"}
    assert [(s.line, s.reason) for s in result.report.skipped] == [
        (4, "not a JSON object"),
        (6, "cannot read time 'soon'; use ISO 8601 (2026-11-20T14:03:00Z), 'YYYY-MM-DD HH:MM' or 'HH:MM'")]


@pytest.mark.parametrize("value, expected", [
    (1773525540, "21:59:00"), (1773525540.5, "21:59:00.500000"), ("1773525540", "21:59:00"),
    (1773525540123, "21:59:00.123000"), (1773525540123456, "21:59:00.123456"),
    (1773525540123456789, "21:59:00.123457"), ("2026-03-14 22:59:00", "22:59:00"),
    ("2026-03-14T22:59:00+01:00", "21:59:00"), ("2026/03/14 21:59:00 UTC", "21:59:00"),
])
def test_json_lines_time_shapes(tmp_path, value, expected):
    path = write(tmp_path, "a.jsonl", json.dumps({"time": value, "message": "m"}) + "\n")
    assert read_events(path).events[0].at.strftime("%H:%M:%S.%f").removesuffix(".000000") == expected


def test_json_lines_with_nothing_readable_is_refused_with_the_first_reason(tmp_path):
    path = write(tmp_path, "a.jsonl", '{"time": "2026-03-14T21:59:00Z"}\n{"time": "nope", "msg": "x"}\n')
    with pytest.raises(ImportFailure) as caught:
        read_events(path, ImportOptions(fmt="jsonl"))
    assert str(caught.value) == ("a.jsonl: nothing to import: no line is a JSON object with a time and a message "
                                 "(line 1: no message field (msg, message, text, event))")


def test_json_objects_without_a_time_field_say_what_json_lines_need(tmp_path):
    path = write(tmp_path, "a.jsonl", '{"when": "2026-03-14T21:59:00Z", "msg": "x"}\n{"when": "b", "msg": "y"}\n')
    with pytest.raises(ImportFailure, match=r"^a.jsonl: is JSON, but not .*JSON Lines \(a @timestamp/timestamp"):
        read_events(path)
