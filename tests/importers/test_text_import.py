"""Plain-text timelines: leading times, speakers, continuation lines and midnight."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from facilitator_tui.importers import ImportFailure, ImportOptions, read_events
from facilitator_tui.importers.text_log import split_actor


def write(tmp_path, text, name="notes.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_fixture_notes(fixtures, incident_day):
    result = read_events(fixtures / "incident_notes.txt", ImportOptions(default_date=incident_day))
    assert result.fmt == "text"
    events = result.events
    assert [e.actor for e in events] == ["alice", "alice", "Dana Okafor", "carol", "bob", "", "alice", "dana"]
    assert events[2].text == "taking IC\n  asked everyone to post findings in the channel\n  and to hold deploys"
    assert events[3].text == "p99 4.6s, errors < 1%: slow not failing"
    assert events[4].text == "[bold]2.14[/] went out at 23:30 [@click=app.quit]x[/] and a lone [/"
    assert events[6].at == datetime(2026, 11, 21, 0, 4, tzinfo=UTC)  # crossed midnight
    assert events[7].at == datetime(2026, 11, 21, 0, 18, 30, tzinfo=UTC)
    assert all(e.source == "text" and e.external_id is None for e in events)


@pytest.mark.parametrize("line, stamp, actor, text", [
    ("14:03 alice: restarted the primary", "14:03", "alice", "restarted the primary"),
    ("[14:03] alice: restarted the primary", "14:03", "alice", "restarted the primary"),
    ("2026-11-20 14:03:12 restarted the primary", "14:03:12", "", "restarted the primary"),
    ("2026-11-20T14:03:12Z bob: failing over", "14:03:12", "bob", "failing over"),
    ("14:03 - Dana Okafor (IC): paging db", "14:03", "Dana Okafor (IC)", "paging db"),
    ("14:03 the primary restarted twice today: odd", "14:03", "", "the primary restarted twice today: odd"),
    ("14:05 <carol> paging the database team", "14:05", "carol", "paging the database team"),
    ("14:06 see https://status.example.com: all green", "14:06", "", "see https://status.example.com: all green"),
    ("14:07", "14:07", "", ""),
])
def test_line_shapes(tmp_path, line, stamp, actor, text, incident_day):
    event = read_events(write(tmp_path, line + "\n"), ImportOptions(default_date=incident_day)).events[0]
    assert event.at.strftime("%H:%M:%S").startswith(stamp if stamp.count(":") == 2 else stamp + ":")
    assert (event.actor, event.text) == (actor, text)


def test_actor_heuristic_limits():
    assert split_actor("a b c: x") == ("a b c", "x")
    assert split_actor("a b c d: x") == ("", "a b c d: x")
    assert split_actor("x" * 41 + ": y") == ("", "x" * 41 + ": y")
    assert split_actor("ratio 3:1 held") == ("", "ratio 3:1 held")


def test_full_dates_set_the_day_for_later_bare_times(tmp_path):
    path = write(tmp_path, "2026-03-01 23:50 start\n23:59 still going\n00:10 next day\n")
    events = read_events(path).events  # no default date needed after a dated line
    assert [e.at.isoformat() for e in events] == [
        "2026-03-01T23:50:00+00:00", "2026-03-01T23:59:00+00:00", "2026-03-02T00:10:00+00:00"]


def test_small_backward_steps_are_kept_and_sorted(tmp_path, incident_day):
    path = write(tmp_path, "10:05 b\n10:01 a\n")
    events = read_events(path, ImportOptions(default_date=incident_day)).events
    assert [e.text for e in events] == ["a", "b"]
    assert events[0].at.date() == incident_day


def test_midnight_over_several_days(tmp_path):
    path = write(tmp_path, "22:00 a\n02:00 b\n21:00 c\n03:00 d\n")
    events = read_events(path, ImportOptions(default_date=date(2026, 1, 1))).events
    assert [e.at.strftime("%d %H") for e in events] == ["01 22", "02 02", "02 21", "03 03"]


def test_bare_times_in_a_zone_across_a_dst_change(tmp_path):
    path = write(tmp_path, "01:30 before\n03:30 after\n")
    options = ImportOptions(default_date=date(2026, 3, 29), tz=ZoneInfo("Europe/Berlin"))
    events = read_events(path, options).events
    assert [e.at.strftime("%H:%M") for e in events] == ["00:30", "01:30"]


def test_crlf_blank_lines_and_trailing_spaces(tmp_path, incident_day):
    path = write(tmp_path, "10:00 alice: hi  \r\n\r\n   \r\n  more\r\n10:01 bob: ok\r\n")
    events = read_events(path, ImportOptions(default_date=incident_day)).events
    assert [e.text for e in events] == ["hi  \n  more", "ok"]


def test_lines_before_the_first_time_are_skipped_and_reported(tmp_path, incident_day):
    path = write(tmp_path, "\n\nIncident notes\n10:00 alice: hi\n")
    result = read_events(path, ImportOptions(fmt="text", default_date=incident_day))
    assert [e.text for e in result.events] == ["hi"]
    assert result.report.leading_skipped == 1
    assert [(s.line, s.text) for s in result.report.skipped] == [(3, "Incident notes")]


def test_bare_time_without_a_day(tmp_path):
    with pytest.raises(ImportFailure, match=r"^notes.txt line 2: time '10:00' has no date"):
        read_events(write(tmp_path, "\n10:00 alice: hi\n"))


def test_ansi_escape_is_kept(tmp_path, incident_day):
    path = write(tmp_path, "10:00 alice: \x1b[31mred\x1b[0m and \x07bell\n")
    assert read_events(path, ImportOptions(default_date=incident_day)).events[0].text == (
        "\x1b[31mred\x1b[0m and \x07bell")
