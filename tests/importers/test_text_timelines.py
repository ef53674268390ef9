"""Text timelines as people write them: titles, zones after times, syslog, log levels, bullets, tables."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator_tui.importers import ImportFailure, ImportOptions, detect_format, read_events

MARCH_14 = date(2026, 3, 14)


def write(tmp_path, text, name="timeline.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def read(tmp_path, text, **options):
    options.setdefault("default_date", MARCH_14)
    return read_events(write(tmp_path, text), ImportOptions(**options))


def test_a_wiki_page_with_a_title_bullets_and_a_table(fixtures):
    path = fixtures / "wiki_postmortem.md"
    assert detect_format(path) == "text"
    result = read_events(path, ImportOptions(default_date=MARCH_14, tz=ZoneInfo("Europe/Berlin")))
    events = result.events
    assert [(e.at.strftime("%H:%M"), e.actor) for e in events] == [
        ("13:58", ""), ("14:03", "Maya (on call)"), ("14:09", "Maya"), ("14:21", "Tomás"), ("14:34", "Maya")]
    assert events[0].text == "indexer deploy 4.2.0 starts rolling out"
    assert events[2].text.endswith("\n  She checked the consumer dashboard and saw no errors.")
    assert events[4].text.startswith("Queue draining; freshness back under 5 min\n"
                                     "Declared resolved at the status meeting | no customer tickets")
    report = result.report
    # "All times UTC." wins over the review's zone for times written without one.
    assert report.notes == ["times without a zone read as UTC, as line 3 says"]
    assert report.leading_skipped == 3
    assert [(s.line, s.reason) for s in report.skipped] == [
        (1, "before the first timed line"), (3, "before the first timed line"), (5, "before the first timed line"),
        (17, "cannot read the time in the table's time column")]
    assert report.joined_lines == [10, 16, 19]


def test_title_lines_are_skipped_and_counted_not_refused(tmp_path):
    result = read(tmp_path, "Checkout outage, 14 March\nAll times UTC.\n\n14:03 alice: restarted the primary\n")
    assert [(e.actor, e.text) for e in result.events] == [("alice", "restarted the primary")]
    assert result.report.leading_skipped == 2
    assert detect_format(write(tmp_path, "Checkout outage\n\n14:03 alice: hi\n")) == "text"


@pytest.mark.parametrize("line, utc", [
    ("14:03 UTC alice: x", "14:03"),
    ("14:03Z alice: x", "14:03"),
    ("2026-03-14T14:03:00Z alice: x", "14:03"),
    ("14:03 +0100 alice: x", "13:03"),
    ("14:03 +01:00 alice: x", "13:03"),
    ("2026-03-14 14:03:00+01:00 alice: x", "13:03"),
    ("2026-03-14 14:03:00+01 alice: x", "13:03"),
    ("14:03 -0800 alice: x", "22:03"),
    ("14:03 GMT alice: x", "14:03"),
    ("14:03 CET alice: x", "13:03"),
    ("14:03 CEST alice: x", "12:03"),
    ("14:03 PST alice: x", "22:03"),
    ("14:03 PDT alice: x", "21:03"),
    ("14:03 EST alice: x", "19:03"),
    ("14:03 EDT alice: x", "18:03"),
    ("14:03 UTC+2 alice: x", "12:03"),
    ("2:03 PM EST alice: x", "19:03"),
    ("[14:03:00 CET] alice: x", "13:03"),
])
def test_a_zone_written_after_the_time_wins(tmp_path, line, utc):
    event = read(tmp_path, line + "\n", tz=ZoneInfo("Asia/Tokyo")).events[0]
    assert event.at.astimezone(UTC).strftime("%H:%M") == utc
    assert (event.actor, event.text) == ("alice", "x")


def test_the_issues_proxy_line_is_not_an_hour_off_and_its_level_is_not_the_speaker(tmp_path):
    event = read(tmp_path, "22:57:59 +0100 WARN  issuer-proxy: upstream p99 above 2s\n").events[0]
    assert event.at == datetime(2026, 3, 14, 21, 57, 59, tzinfo=UTC)
    assert (event.actor, event.text, event.kind) == ("issuer-proxy", "WARN upstream p99 above 2s", "log")


@pytest.mark.parametrize("word", ["CST", "IST", "BST"])
def test_an_ambiguous_zone_is_an_error_naming_the_line(tmp_path, word):
    with pytest.raises(ImportFailure) as caught:
        read(tmp_path, f"14:00 a: fine\n14:03 {word} alice: x\n")
    message = str(caught.value)
    assert message.startswith(f"timeline.txt line 2: the time zone '{word}' is ambiguous")
    assert "+0100" in message  # says what to write instead


def test_syslog_lines_take_their_year_from_the_review_and_are_not_merged(tmp_path):
    text = ("2026-03-14 23:06:00 alice: failover started\n"
            "Mar 14 23:07:00 edge-2 haproxy[2231]: backend issuer_b is DOWN\n"
            "Mar 14 23:07:12 edge-2 kernel: nf_conntrack: table full\n")
    events = read(tmp_path, text).events
    assert [e.at for e in events] == [datetime(2026, 3, 14, 23, 6, tzinfo=UTC),
                                      datetime(2026, 3, 14, 23, 7, tzinfo=UTC),
                                      datetime(2026, 3, 14, 23, 7, 12, tzinfo=UTC)]
    assert [(e.actor, e.channel, e.text) for e in events[1:]] == [
        ("haproxy", "edge-2", "backend issuer_b is DOWN"), ("kernel", "edge-2", "nf_conntrack: table full")]


def test_syslog_across_new_year_picks_the_nearest_year(tmp_path):
    text = "Dec 31 23:59:50 db-1 postgres[77]: checkpoint\nJan  1 00:00:05 db-1 postgres[77]: autovacuum\n"
    events = read(tmp_path, text, default_date=date(2026, 12, 31)).events
    assert [e.at.date().isoformat() for e in events] == ["2026-12-31", "2027-01-01"]


def test_syslog_without_a_review_date_says_what_is_missing(tmp_path):
    with pytest.raises(ImportFailure, match=r"^timeline.txt line 1: time 'Mar 14 23:07:00' has no year"):
        read_events(write(tmp_path, "Mar 14 23:07:00 edge-2 haproxy[1]: down\n"))


@pytest.mark.parametrize("line, actor, text", [
    ("[2026-03-14 22:57:59] INFO cards-api: retry budget exhausted", "cards-api", "retry budget exhausted"),
    ("2026-03-14 22:57:59 ERROR payments: card declined spike", "payments", "ERROR card declined spike"),
    ("2026-03-14 22:57:59 [WARN] [router] slow upstream", "router", "WARN slow upstream"),
    ("2026-03-14 22:57:59 DEBUG", "", "DEBUG"),
    ("2026-03-14T22:57:59.120+01:00 edge-2 nginx[311]: upstream timed out", "nginx", "upstream timed out"),
    ("22:57 INFORMED the bank", "", "INFORMED the bank"),
])
def test_log_levels_are_not_speakers(tmp_path, line, actor, text):
    event = read(tmp_path, line + "\n").events[0]
    assert (event.actor, event.text) == (actor, text)


@pytest.mark.parametrize("line", [
    "- 14:03 UTC — Maya: paged", "* 14:03: Maya: paged", "• 14:03 Maya: paged", "1. 14:03 Maya: paged",
    "**14:03** Maya: paged", "(14:03) Maya: paged", "  - 14:03 - Maya: paged",
])
def test_bullets_and_emphasis_around_the_time(tmp_path, line):
    event = read(tmp_path, line + "\n").events[0]
    assert (event.at.strftime("%H:%M"), event.actor, event.text) == ("14:03", "Maya", "paged")


def test_a_time_range_keeps_its_end_in_the_text(tmp_path):
    events = read(tmp_path, "14:03-14:10 bridge call with the bank\n14:20 – 14:25: Maya: retro notes\n").events
    assert [(e.at.strftime("%H:%M"), e.actor, e.text) for e in events] == [
        ("14:03", "", "(until 14:10) bridge call with the bank"), ("14:20", "Maya", "(until 14:25) retro notes")]


def test_unreadable_times_are_skipped_and_reported_never_merged(tmp_path):
    text = ("14:00 maya: start\n"
            "14.03.2026 14:05 someone wrote a date we cannot read\n"
            "  a continuation of the 14:00 line\n"
            "Mar 14 2pm call with the bank\n"
            "14:10 maya: end\n")
    result = read(tmp_path, text)
    assert [e.text for e in result.events] == ["start\n  a continuation of the 14:00 line", "end"]
    assert [(s.line, s.reason) for s in result.report.skipped] == [
        (2, "cannot read the time it starts with"), (4, "cannot read the time it starts with")]
    assert result.report.joined_lines == [3]


def test_a_markdown_table_whose_header_names_a_zone(tmp_path):
    text = ("| When (CET) | Who | Event | Source |\n"
            "|:--|:--|:--|:--|\n"
            "| 2026-03-14 22:57 | Jonas | paged | pager |\n"
            "| `23:05` | *Maya* | took IC<br>opened the bridge | |\n")
    events = read(tmp_path, text, tz=ZoneInfo("America/New_York")).events
    assert [(e.at.strftime("%H:%M"), e.actor, e.text, e.source) for e in events] == [
        ("21:57", "Jonas", "paged", "pager"), ("22:05", "Maya", "took IC\nopened the bridge", "text")]


def test_a_table_with_an_ambiguous_zone_names_its_header_line(tmp_path):
    with pytest.raises(ImportFailure, match=r"^timeline.txt line 2: the time zone 'IST' is ambiguous"):
        read(tmp_path, "Timeline\n| Time (IST) | Who | What |\n|---|---|---|\n| 14:03 | a | b |\n")


def test_a_declared_iana_zone_is_used_across_a_dst_change(tmp_path):
    text = "All times in Europe/Berlin\n01:30 before the change\n03:30 after it\n"
    events = read(tmp_path, text, default_date=date(2026, 3, 29)).events
    assert [e.at.strftime("%H:%M") for e in events] == ["00:30", "01:30"]


def test_nothing_timed_at_all_is_one_clear_line(tmp_path):
    with pytest.raises(ImportFailure) as caught:
        read_events(write(tmp_path, "Notes\nWe should look at the queue.\n"), ImportOptions(fmt="text"))
    assert str(caught.value) == ("timeline.txt: nothing to import: no line starts with a time such as 14:03 "
                                 "or 2026-11-20 14:03")


STAMPS = st.sampled_from([
    "2026-03-14 22:57:59", "2026-03-14T22:57:59", "2026-03-14 22:57:59.120", "2026-03-14T22:57:59.123456Z",
    "2026-03-14 22:57:59+01:00", "2026-03-14 22:57:59-08:00", "2026-03-14 22:57:59.1234567",
    "2026-02-30 10:00:00", "2026-03-14 22:57:59+0100", "2026-03-14 22:57:59+01", "2026-03-14 22:57:59Z",
])
AFTER = st.sampled_from([" ", "  ", "\t", " - ", " | ", ": ", " to 23:10 ", "-23:10 ", " AM ", " pm ", " UTC ",
                         " CET ", " CST ", " +0100 ", " -08:00 ", " UTC+2 ", " Z ", " to", " token "])
LEVELS = st.sampled_from(["", "INFO ", "WARN ", "WARNING: ", "ERROR", "ERRORS ", "[WARN] ", "<info> ",
                          "INFORMED ", "DEBUG\t", "Info "])
SPEAKERS = st.sampled_from(["", "alice: ", "Dana Okafor (IC): ", "a b c d: ", "http://x: ", "<bob> ", "[proxy] ",
                            "edge-2 nginx[31]: ", "x" * 41 + ": ", "CET: "])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(STAMPS, AFTER, LEVELS, SPEAKERS, st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                                                      blacklist_characters="\r\n"), max_size=30))
def test_the_quick_reading_of_common_log_lines_agrees_with_the_general_one(tmp_path, stamp, after, level, who, text):
    line = stamp + after + level + who + text

    def outcome(content: str):
        path = tmp_path / "q.log"
        path.write_text("2026-03-14 20:00:00 start\n" + content + "\n", encoding="utf-8")
        try:
            return read_events(path, ImportOptions(default_date=MARCH_14)).events
        except ImportFailure as exc:
            return str(exc)

    assert outcome(line) == outcome(" " + line)  # a leading space always takes the general reading
