"""Slack exports: folders, zips and single day files become ordered, decoded events."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from facilitator_tui.importers import ImportFailure, ImportOptions, read_events

INC = "inc-checkout-latency"
PARENT = f"{INC}:1795218130.000100"


def by_text(result, fragment):
    matches = [e for e in result.events if fragment in e.text]
    assert len(matches) == 1, [e.text for e in result.events]
    return matches[0]


def test_folder_export_reads_every_channel_in_time_order_across_midnight(fixtures):
    result = read_events(fixtures / "slack_export")
    assert result.fmt == "slack"
    assert len(result.events) == 14
    times = [e.at for e in result.events]
    assert times == sorted(times)
    assert result.first == datetime(2026, 11, 20, 23, 30, 0, 100, tzinfo=UTC)
    assert result.last.date().isoformat() == "2026-11-21"
    assert {e.channel for e in result.events} == {INC, "ops-deploys", "general"}
    assert all(e.source == "slack" and e.review_id is None for e in result.events)
    assert result.sources == {"slack": 14}
    assert result.actors["Bob Martinez"] == 3


def test_user_names_follow_display_then_real_then_handle(fixtures):
    result = read_events(fixtures / "slack_export")
    assert by_text(result, "I'm looking").actor == "alice"  # profile.display_name
    assert by_text(result, "rolled out at 23:30").actor == "Bob Martinez"  # real_name
    assert by_text(result, "p99 is 4.6s").actor == "carol.ng"  # handle
    assert by_text(result, "Taking IC").actor == "Dana (IC)"
    assert by_text(result, "guest from the payments").actor == "Priya (payments)"  # user_profile


def test_mentions_channels_links_and_entities_are_decoded(fixtures):
    result = read_events(fixtures / "slack_export")
    assert by_text(result, "I'm looking").text == (
        "I'm looking. @Bob Martinez can you check #ops-deploys for anything in the last hour?"
    )
    assert by_text(result, "Taking IC").text == (
        "Taking IC. Dashboard: checkout overview (https://grafana.example.com/d/checkout?from=now-1h&to=now)"
        " & runbook https://wiki.example.com/runbooks/checkout"
    )
    assert by_text(result, "p99 is 4.6s").text == "p99 is 4.6s, error rate < 1% so it's slow, not failing. @here heads up"
    assert by_text(result, "pausing deploys").text == "pausing deploys, see #inc-checkout-latency"
    assert by_text(result, "roll it back").text == "thanks @bob, @alice let's roll it back"
    assert by_text(result, "all good now").text.endswith("@channel")


def test_threads_bots_edits_deletions_and_files(fixtures):
    result = read_events(fixtures / "slack_export")
    parent = by_text(result, "I'm looking")
    assert parent.external_id == PARENT and parent.kind == "message" and parent.reply_to is None
    replies = [e for e in result.events if e.reply_to == PARENT]
    assert [e.kind for e in replies] == ["reply", "reply"]
    page = by_text(result, "Triggered #4821")
    assert (page.is_bot, page.kind, page.actor) == (True, "bot", "PagerDuty")
    assert by_text(result, "Rollback of").actor == "Deploy Bot"  # bot_profile.name
    edited = by_text(result, "rollback started")
    assert edited.text == "rollback started (edited: it's 2.13 we go back to)"
    assert edited.kind == "message"
    assert not [e for e in result.events if "wrong channel" in e.text]
    assert by_text(result, "latency graph").text == "latency graph after rollback\n(file: p99 after rollback)"


def test_markup_and_escape_sequences_are_kept_literally(fixtures):
    result = read_events(fixtures / "slack_export")
    event = by_text(result, "not markup")
    assert event.text == (
        "[bold]not markup[/] and [@click=app.quit]x[/] and a lone [/ and \x1b[31mred\x1b[0m"
    )


def test_noise_is_counted_and_skipped_unless_asked_for(fixtures):
    quiet = read_events(fixtures / "slack_export")
    assert quiet.noise_skipped == 4
    loud = read_events(fixtures / "slack_export", ImportOptions(include_noise=True))
    assert loud.noise_skipped == 0
    assert len(loud.events) == 18
    kinds = {e.kind for e in loud.events}
    assert {"channel_join", "channel_leave", "channel_topic"} <= kinds


def test_channels_option_picks_channels_and_names_missing_ones(fixtures):
    result = read_events(fixtures / "slack_export", ImportOptions(channels=["#ops-deploys"]))
    assert {e.channel for e in result.events} == {"ops-deploys"}
    assert len(result.events) == 3
    with pytest.raises(ImportFailure) as caught:
        read_events(fixtures / "slack_export", ImportOptions(channels=["ops-deploys", "incidents"]))
    message = str(caught.value)
    assert "'incidents'" in message and "general, inc-checkout-latency, ops-deploys" in message


def test_since_and_until_keep_the_window_inclusive(fixtures):
    since = datetime(2026, 11, 20, 23, 55, 0, 100, tzinfo=UTC)
    until = datetime(2026, 11, 21, 0, 4, 0, 100, tzinfo=UTC)
    result = read_events(fixtures / "slack_export", ImportOptions(since=since, until=until))
    assert result.first == since and result.last == until
    assert len(result.events) == 5
    assert result.outside_window == 9


def test_zip_reads_the_same_as_the_folder_without_extracting(fixtures, tmp_path, zip_folder):
    archive = zip_folder(fixtures / "slack_export", tmp_path / "export.zip")
    wrapped = zip_folder(fixtures / "slack_export", tmp_path / "wrapped.zip", prefix="Acme Slack export/")
    folder_events = read_events(fixtures / "slack_export").events
    assert read_events(archive).events == folder_events
    assert read_events(wrapped).events == folder_events
    assert read_events(archive).fmt == "slack"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.zip", "wrapped.zip"]


def test_reimport_gives_identical_ids_and_fields(fixtures):
    first = read_events(fixtures / "slack_export").events
    second = read_events(fixtures / "slack_export").events
    assert [e.dedupe_key() for e in first] == [e.dedupe_key() for e in second]
    assert first == second
    assert len({e.external_id for e in first}) == len(first)


def test_single_day_file_takes_its_channel_from_the_folder(fixtures):
    day = fixtures / "slack_export" / "ops-deploys" / "2026-11-20.json"
    result = read_events(day)
    assert result.fmt == "slack"
    assert [e.channel for e in result.events] == ["ops-deploys", "ops-deploys"]
    assert result.events[0].text.endswith("(by @Bob Martinez)")  # users.json found beside the folder


def test_a_folder_of_day_files_is_one_channel(fixtures):
    result = read_events(fixtures / "slack_export" / "general")
    assert [e.channel for e in result.events] == ["general"]


def test_an_edit_read_before_its_original_still_wins(tmp_path, write_export):
    ts = "1795218240.000100"
    root = write_export(tmp_path / "x", {"general/2026-11-21.json": [
        {"type": "message", "subtype": "message_changed", "ts": "1795218300.000100",
         "message": {"type": "message", "user": "U1", "ts": ts, "text": "final"}},
        {"type": "message", "user": "U1", "ts": ts, "text": "first draft"},
    ]})
    assert [e.text for e in read_events(root).events] == ["final"]


def test_progress_is_reported_per_day_file(fixtures):
    calls = []
    read_events(fixtures / "slack_export", progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 5) and calls[-1] == (5, 5)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_an_exception_from_progress_reaches_the_caller_unchanged(fixtures):
    class Stop(Exception):
        pass

    def stop(done, total):
        if done:
            raise Stop("closed")

    with pytest.raises(Stop, match="closed"):
        read_events(fixtures / "slack_export", progress=stop)

    def value_error(done, total):
        raise ValueError("mine, not the importer's")

    with pytest.raises(ValueError, match="mine") as caught:
        read_events(fixtures / "slack_export", progress=value_error)
    assert not isinstance(caught.value, ImportFailure)


def test_zip_slip_names_are_ignored(tmp_path):
    import zipfile

    good = [{"type": "message", "user": "U1", "ts": "1795218240.000100", "text": "kept"}]
    evil = [{"type": "message", "user": "U1", "ts": "1795218241.000100", "text": "escaped"}]
    target = tmp_path / "slip.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("channels.json", json.dumps([{"id": "C1", "name": "general"}]))
        archive.writestr("general/2026-11-21.json", json.dumps(good))
        archive.writestr("../general/2026-11-22.json", json.dumps(evil))
        archive.writestr("/general/2026-11-23.json", json.dumps(evil))
        archive.writestr("general/../../2026-11-24.json", json.dumps(evil))
        archive.writestr("C:/general/2026-11-25.json", json.dumps(evil))
        archive.writestr("__MACOSX/general/2026-11-26.json", json.dumps(evil))
    result = read_events(target)
    assert [e.text for e in result.events] == ["kept"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slip.zip"]


def test_unknown_mentions_fall_back_to_ids(tmp_path, write_export):
    root = write_export(tmp_path / "x", {"general/2026-11-21.json": [
        {"type": "message", "user": "U404", "ts": "1795218240.000100",
         "text": "<@U999> <#C999> <!subteam^S1|@oncall> <!subteam^S2> <mailto:a@b.example|a@b.example>"},
    ]})
    event = read_events(root).events[0]
    assert event.actor == "U404"
    assert event.text == "@U999 #C999 @oncall @S2 a@b.example"
