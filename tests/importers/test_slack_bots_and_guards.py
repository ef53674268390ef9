"""Slack bots get names from the export; hostile exports (bombs, links out, escape codes) are refused."""

from __future__ import annotations

import json
import struct
import zipfile

import pytest

from facilitator_tui.importers import ImportFailure, ImportOptions, read_events
from facilitator_tui.importers.slack_archive import MAX_ARCHIVE_BYTES, MAX_ENTRIES

MSG = {"type": "message", "user": "U1", "ts": "1795218240.000100", "text": "hi"}


def actors(result):
    return {e.text: e.actor for e in result.events}


def test_every_bot_has_a_name_from_what_the_export_holds(fixtures):
    result = read_events(fixtures / "slack_bots_export")
    named = actors(result)
    assert named["CRITICAL: cards-api p99 2.4s"] == "Nagios"  # only a bot_id; its next message has a username
    assert named["WARNING: issuer-proxy timeouts"] == "Nagios"  # username
    assert named["Build 4812 of cards-api passed"] == "Build Runner"  # a bot user in users.json
    assert named["[Alerting] Issuer B error rate"] == "Grafana Alerts"  # the integration logs
    assert named["Issuer B: degraded performance"] == "Provider status feed"  # the attachment's author
    assert named["cards-api 7.4.1 rolled back on edge-2"] == "Deploy pipeline"  # the attachment's pretext
    assert named["Status page updated: Investigating"] == "Status Relay"  # the app, from the integration logs
    assert named["Pipeline 311 failed"] == "CI Server"  # bot_link
    assert named["[OK] Issuer B error rate"] == "grafana"  # bot_profile
    assert named["Reminder: payments sync at 23:30."] == "Slackbot"
    assert named["Job nightly-settlement delayed"] == "bot B0MYSTERY"  # nothing says: "bot" and its id
    bots = [e for e in result.events if e.is_bot]
    assert len(bots) == 11 and not [e for e in bots if e.actor.startswith("B0")]
    assert named["looking at the issuer graphs now"] == "Jonas Berg"


def test_integration_logs_as_a_bare_list(tmp_path, write_export):
    root = write_export(tmp_path / "x", {"alerts/2026-11-21.json": [
        {"type": "message", "subtype": "bot_message", "bot_id": "B7", "ts": "1795218240.000100", "text": "down"}]})
    (root / "integration_logs.json").write_text(json.dumps([
        {"bot_id": "B7", "service_type": "Uptime checker", "change_type": "added", "date": "1"}]))
    assert actors(read_events(root)) == {"down": "Uptime checker"}


def _export_with(tmp_path, channel_name: str, write_export, zip_folder):
    root = write_export(tmp_path / "x", {f"{channel_name}/2026-11-21.json": [MSG]})
    return zip_folder(root, tmp_path / "hostile.zip")


def test_escape_codes_in_a_zipped_channel_name_never_reach_an_error_message(tmp_path, write_export, zip_folder):
    archive = _export_with(tmp_path, "ops\x1b]0;PWNED\x07\x1b[2J", write_export, zip_folder)
    with pytest.raises(ImportFailure) as caught:
        read_events(archive, ImportOptions(channels=["x"]))
    message = str(caught.value)
    assert "\x1b" not in message and "\x07" not in message
    assert "ops\u241b]0;PWNED\u2407\u241b[2J" in message


def _declared_zip(tmp_path, count: int, each: int, name="declared.zip"):
    """A small zip whose directory claims `count` members of `each` bytes, as a crafted bomb would."""
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("channels.json", "[]")
        for i in range(count):
            archive.writestr(f"general/2026-11-{i % 28 + 1:02d}-{i}.json", b"[]")
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if not data[at + 46: at + 46 + name_len].endswith(b"channels.json"):
            struct.pack_into("<I", data, at + 24, each)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    return path


def test_a_zip_that_would_unpack_to_too_much_is_refused_before_reading(tmp_path):
    path = _declared_zip(tmp_path, 20, 50 * 1024 * 1024)  # the 20 entries of 50 MB
    with pytest.raises(ImportFailure) as caught:
        read_events(path)
    message = str(caught.value)
    assert message.startswith("declared.zip: would unpack to 1049 MB; more than 512 MB is refused as a possible "
                              "zip bomb")
    assert "\n" not in message and 20 * 50 * 1024 * 1024 > MAX_ARCHIVE_BYTES


def test_a_real_zip_of_many_large_members_is_refused(tmp_path):
    path = tmp_path / "bomb.zip"
    chunk = b" " * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("channels.json", "[]")
        for i in range(11):  # 11 x 50 MB of spaces: a few hundred KB on disk
            with archive.open(f"general/2026-11-{i + 1:02d}.json", "w") as member:
                member.write(b"[")
                for _ in range(50):
                    member.write(chunk)
                member.write(b"]")
    assert path.stat().st_size < 5_000_000
    with pytest.raises(ImportFailure, match=r"^bomb.zip: would unpack to 577 MB; more than 512 MB"):
        read_events(path)


def test_a_zip_with_too_many_entries_is_refused(tmp_path):
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("channels.json", "[]")
        for i in range(MAX_ENTRIES):
            archive.writestr(f"c{i}/2026-11-21.json", b"")
    with pytest.raises(ImportFailure, match=rf"^many.zip: holds {MAX_ENTRIES + 1} entries; more than {MAX_ENTRIES}"):
        read_events(path)


@pytest.mark.parametrize("what", ["day file", "channel folder", "users list"])
def test_a_link_out_of_an_export_folder_is_never_followed(tmp_path, what, write_export):
    secret = tmp_path / "elsewhere"
    secret.mkdir()
    outside = [{"type": "message", "user": "U1", "ts": "1795218241.000100", "text": "private, outside"}]
    (secret / "2026-11-22.json").write_text(json.dumps(outside))
    (secret / "users.json").write_text(json.dumps([{"id": "U1", "name": "someone else"}]))
    root = write_export(tmp_path / "export", {"general/2026-11-21.json": [MSG]})
    if what == "day file":
        (root / "general" / "2026-11-22.json").symlink_to(secret / "2026-11-22.json")
        member = "general/2026-11-22.json"
    elif what == "channel folder":
        (root / "random").symlink_to(secret, target_is_directory=True)
        member = "random"
    else:
        (root / "users.json").unlink()
        (root / "users.json").symlink_to(secret / "users.json")
        member = "users.json"
    with pytest.raises(ImportFailure) as caught:
        read_events(root)
    assert str(caught.value) == (f"export: {member}: is a link to a file outside the export; it is not followed "
                                 "(copy the file into the export instead)")


def test_a_link_inside_the_export_is_fine(tmp_path, write_export):
    root = write_export(tmp_path / "export", {"general/2026-11-21.json": [MSG]})
    (root / "general" / "2026-11-22.json").symlink_to(root / "general" / "2026-11-21.json")
    assert [e.text for e in read_events(root).events] == ["hi"]  # the same message, once


def test_a_big_channel_is_read_one_message_at_a_time_and_keeps_line_numbers(tmp_path, write_export):
    messages = [{"type": "message", "user": "U1", "ts": f"1795218240.{i:06d}", "text": f"m{i}"} for i in range(3000)]
    root = write_export(tmp_path / "x", {"general/2026-11-21.json": messages})
    day = root / "general" / "2026-11-21.json"
    day.write_text(day.read_text()[:-1] + ', {"type": "message", "ts": ]')
    with pytest.raises(ImportFailure, match=r"^x: general/2026-11-21.json line 1: invalid JSON"):
        read_events(root)
