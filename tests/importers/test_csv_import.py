"""CSV timelines: header variants, delimiters, quoting, time shapes and line-accurate errors."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from facilitator_tui.importers import ImportFailure, ImportOptions, read_events


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_iso_times_sources_ids_and_quoted_newlines(fixtures):
    result = read_events(fixtures / "timeline_iso.csv")
    assert result.fmt == "csv"
    first, alert, took, resolved = result.events
    assert (first.source, first.actor, first.external_id, first.channel) == (
        "deploys", "deploybot", "d-101", "production")
    assert first.text == "cart-service 2.14 deployed, canary skipped"
    assert alert.text == "p99 latency alert fired\nthreshold 4s, value 4.6s"
    assert alert.at == datetime(2026, 11, 20, 23, 41, tzinfo=UTC)
    assert took.at == datetime(2026, 11, 20, 23, 44, tzinfo=UTC)  # naive, read as UTC by default
    assert took.source == "csv" and took.text == 'Took incident command; said "let\'s not guess"'
    assert resolved.source == "pagerduty"


def test_naive_times_use_the_zone_and_sort(fixtures):
    # 23:44 in Berlin is 22:44 UTC, so Dana's row now sorts first
    events = read_events(fixtures / "timeline_iso.csv", ImportOptions(tz=ZoneInfo("Europe/Berlin"))).events
    assert events[0].actor == "Dana Okafor"
    assert events[0].at == datetime(2026, 11, 20, 22, 44, tzinfo=UTC)


def test_semicolon_csv_with_crlf_and_an_unquoted_delimiter_in_the_last_column(fixtures):
    events = read_events(fixtures / "timeline_semicolon.csv").events
    assert [e.actor for e in events] == ["alice", "Dana"]
    assert events[1].text == "took IC; asked for recent deploys"


def test_tab_separated_with_bom_and_utc_header(fixtures):
    events = read_events(fixtures / "timeline_tabs.tsv", ImportOptions(tz=ZoneInfo("America/New_York"))).events
    assert events[0].at == datetime(2026, 11, 20, 23, 42, 5, tzinfo=UTC)  # "(UTC)" beats the option
    assert [e.kind for e in events] == ["acknowledge", "annotate"]


def test_bare_times_use_the_incident_day_and_cross_midnight(fixtures, incident_day):
    events = read_events(fixtures / "timeline_bare_times.csv", ImportOptions(default_date=incident_day)).events
    assert [e.at.isoformat() for e in events] == [
        "2026-11-20T23:40:00+00:00", "2026-11-20T23:55:00+00:00",
        "2026-11-21T00:04:00+00:00", "2026-11-21T00:18:00+00:00",
    ]


@pytest.mark.parametrize("header", [
    "time,actor,text", "Timestamp,User,Message", "Date,Who,Description", "datetime,author,event",
    "When,From,Summary", "created_at,person,content", "TS,name,body", "Date Time,Author,Details",
])
def test_header_variants(tmp_path, header):
    path = write(tmp_path, "t.csv", f"{header}\n2026-11-20 23:40,alice,checkout slow\n")
    event = read_events(path).events[0]
    assert (event.actor, event.text) == ("alice", "checkout slow")


def test_separate_date_and_time_columns(tmp_path):
    path = write(tmp_path, "t.csv", "date,time,user,text\n2026-11-21,00:04,alice,rollback\n")
    assert read_events(path).events[0].at == datetime(2026, 11, 21, 0, 4, tzinfo=UTC)


@pytest.mark.parametrize("value, expected", [
    ("2026-11-20T23:40:00+01:00", "2026-11-20T22:40:00+00:00"),
    ("2026-11-20 23:40:00 UTC", "2026-11-20T23:40:00+00:00"),
    ("2026/11/20 23:40", "2026-11-20T23:40:00+00:00"),
    ("2026-11-20 23:40:00.250", "2026-11-20T23:40:00.250000+00:00"),
    ("1795218000", "2026-11-20T23:40:00+00:00"),
    ("1795218000000", "2026-11-20T23:40:00+00:00"),
])
def test_time_shapes(tmp_path, value, expected):
    path = write(tmp_path, "t.csv", f"time,text\n{value},x\n")
    assert read_events(path).events[0].at.isoformat() == expected


def test_error_names_the_physical_line_after_a_multiline_record(tmp_path):
    text = 'time,actor,text\n2026-11-20 10:00,a,"one\ntwo\nthree"\n2026-02-30 10:00,b,bad\n'
    with pytest.raises(ImportFailure) as caught:
        read_events(write(tmp_path, "incident.csv", text))
    assert str(caught.value) == "incident.csv line 5: impossible time '2026-02-30 10:00'"


def test_missing_text_column_lists_the_columns_found(tmp_path, incident_day):
    path = write(tmp_path, "incident.csv", "\n\ntime,actor,severity\n10:00,alice,high\n")
    with pytest.raises(ImportFailure) as caught:
        read_events(path, ImportOptions(default_date=incident_day))
    message = str(caught.value)
    assert message.startswith("incident.csv line 3: no text column in the header row")
    assert "'time', 'actor', 'severity'" in message


def test_missing_time_column_when_forced(tmp_path):
    path = write(tmp_path, "incident.csv", "who,what\nalice,hi\n")
    with pytest.raises(ImportFailure) as caught:
        read_events(path, ImportOptions(fmt="csv"))
    assert "line 1: no time column" in str(caught.value)
    assert "'who', 'what'" in str(caught.value)


def test_empty_rows_are_skipped(tmp_path):
    path = write(tmp_path, "t.csv", "time,actor,text,source\n\n2026-11-20 10:00,alice,hi,\n,,,\n\n2026-11-20 10:01,,ok,\n")
    events = read_events(path).events
    assert [(e.actor, e.text, e.source) for e in events] == [("alice", "hi", "csv"), ("", "ok", "csv")]


def test_a_row_with_fewer_fields_than_the_header_stops_the_import(tmp_path):
    path = write(tmp_path, "t.csv", "time,actor,text,source\n2026-11-20 10:00,alice,hi,\n\n2026-11-20 10:01,bob\n")
    with pytest.raises(ImportFailure) as caught:
        read_events(path)
    assert str(caught.value) == "t.csv line 4: 2 fields but the header has 4; is a delimiter or a quote missing?"


def test_progress_reports_bytes_read(tmp_path):
    rows = "".join(f"2026-11-20 10:{i % 60:02d},a,row {i} {'x' * 200}\n" for i in range(12000))
    path = write(tmp_path, "big.csv", "time,actor,text\n" + rows)
    size = path.stat().st_size
    calls = []
    read_events(path, progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (size, size) and all(total == size for _, total in calls)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert 3 <= len(calls) <= size // (1 << 20) + 3
