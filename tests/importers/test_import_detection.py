"""Format detection looks inside the file; the name only breaks ties."""

from __future__ import annotations

import json

import pytest

from facilitator_tui.importers import FORMATS, ImportFailure, detect_format


def test_fixtures_are_detected(fixtures, tmp_path, zip_folder):
    assert detect_format(fixtures / "slack_export") == "slack"
    assert detect_format(zip_folder(fixtures / "slack_export", tmp_path / "a.zip")) == "slack"
    assert detect_format(fixtures / "slack_export" / "general" / "2026-11-21.json") == "slack"
    assert detect_format(fixtures / "slack_export" / "channels.json") == "slack"
    assert detect_format(fixtures / "pagerduty_incident_log.json") == "pagerduty"
    for name in ("timeline_iso.csv", "timeline_semicolon.csv", "timeline_tabs.tsv", "timeline_bare_times.csv"):
        assert detect_format(fixtures / name) == "csv"
    assert detect_format(fixtures / "incident_notes.txt") == "text"
    assert FORMATS == ("slack", "pagerduty", "opsgenie", "statuspage", "jsonl", "csv", "text")


@pytest.mark.parametrize("name", ["export.txt", "log.csv", "data", "x.json.bak"])
def test_names_do_not_decide(tmp_path, name, fixtures):
    path = tmp_path / name
    path.write_bytes((fixtures / "pagerduty_incident_log.json").read_bytes())
    assert detect_format(path) == "pagerduty"
    path.write_text("14:03 alice: restarted the primary\n", encoding="utf-8")
    assert detect_format(path) == "text"
    path.write_text("time,actor,text\n14:03,alice,x\n", encoding="utf-8")
    assert detect_format(path) == "csv"


def test_bracketed_time_is_a_text_log_not_json(tmp_path):
    path = tmp_path / "notes.json"
    path.write_text("[14:03] alice: hi\n", encoding="utf-8")
    assert detect_format(path) == "text"


def test_name_breaks_a_tie(tmp_path):
    # a header whose "when" column is a time column, and also a line that starts with a time
    content = "14:03 | when | text\n"
    csv_path, txt_path = tmp_path / "t.csv", tmp_path / "t.txt"
    csv_path.write_text(content, encoding="utf-8")
    txt_path.write_text(content, encoding="utf-8")
    assert (detect_format(csv_path), detect_format(txt_path)) == ("csv", "text")


def test_a_bare_list_of_pagerduty_entries(tmp_path):
    path = tmp_path / "x"
    path.write_text(json.dumps([{"id": "R1", "type": "trigger_log_entry", "created_at": "2026-11-20T10:00:00Z"}]))
    assert detect_format(path) == "pagerduty"


def test_unsupported_things_say_so(tmp_path):
    prose = tmp_path / "readme.md"
    prose.write_text("# Incident\nIt was slow.\n", encoding="utf-8")
    with pytest.raises(ImportFailure, match=r"^readme.md: unsupported file"):
        detect_format(prose)


@pytest.mark.parametrize("name", [
    "pagerduty_incident_log.json", "timeline_iso.csv", "timeline_bare_times.csv", "incident_notes.txt",
])
def test_a_utf8_bom_changes_nothing(fixtures, tmp_path, name, incident_day):
    from facilitator_tui.importers import ImportOptions, read_events

    options = ImportOptions(default_date=incident_day)
    plain = read_events(fixtures / name, options)
    with_bom = tmp_path / name
    with_bom.write_bytes(b"\xef\xbb\xbf" + (fixtures / name).read_bytes())
    assert read_events(with_bom, options).events == plain.events


def test_a_bom_in_slack_day_files_and_lists(slack_export):
    from facilitator_tui.importers import read_events

    before = read_events(slack_export).events
    for path in slack_export.rglob("*.json"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert read_events(slack_export).events == before
