"""Bad input of every kind ends in one ImportFailure line that names the file, never a traceback."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from datetime import date
from types import SimpleNamespace

import pytest

from facilitator_tui.importers import ImportFailure, ImportOptions, detect_format, read_events

INCIDENT_DAY = date(2026, 11, 20)  # the day the fixture incident began
OK_CSV = "time,actor,text\n2026-11-20 10:00,alice,hi\n"
MSG = {"type": "message", "user": "U1", "ts": "1795218240.000100", "text": "hi"}

# (file name, content, options, fragments the message must hold). Content may be bytes, str,
# or a callable building the input under tmp_path and returning its path.
BAD_FILES = [
    ("empty.csv", b"", {}, ["empty.csv: ", "empty"]),
    ("blank.txt", b"\n  \n\t\n", {}, ["blank.txt: ", "empty"]),
    ("bom-only.csv", b"\xef\xbb\xbf", {}, ["empty"]),
    ("bom-blank.txt", b"\xef\xbb\xbf\n\n", {"fmt": "text"}, ["empty"]),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), {}, ["looks like a binary file, not"]),
    ("blob.bin", bytes(range(256)) * 4, {}, ["blob.bin: looks like a binary file"]),
    ("log.csv.gz", gzip.compress(OK_CSV.encode()), {}, ["binary"]),
    ("reviews.db", b"SQLite format 3\x00" + b"\x00" * 100, {}, ["binary"]),
    ("zeros.txt", b"\x00" * 2000, {}, ["binary"]),
    ("forced.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, {"fmt": "csv"}, ["binary file, not a CSV file"]),
    ("latin1.csv", "time,actor,text\n2026-11-20 10:00,Zoë,café\n".encode("latin-1"), {},
     ["latin1.csv line 2: is not UTF-8 text (byte 0xEB at column 20)"]),
    ("latin1.txt", "10:00 a: ok\n10:01 b: ok\n10:02 José: señal\n".encode("latin-1"),
     {"default_date": INCIDENT_DAY}, ["latin1.txt line 3", "UTF-8"]),
    ("utf16.csv", "time,actor,text\n".encode("utf-16"), {}, ["UTF-16"]),
    ("truncated.json", b'{"log_entries": [{"id": "R1", "type": "trigger_log_entry", "created_at": "2026-',
     {}, ["truncated.json line 1: truncated JSON"]),
    ("broken.json", b'{"log_entries": [\n  {"id": 1},\n  ,\n]}', {}, ["broken.json line 3: invalid JSON"]),
    ("other.json", b'{"hello": 1}', {}, ["is JSON, but not a PagerDuty log"]),
    ("numbers.json", b"[1, 2, 3]", {}, ["is JSON, but not"]),
    ("deep.json", b"[" * 100_000, {}, ["deep.json"]),
    ("nested.json", b"[" * 100_000 + b"]" * 100_000, {}, ["nested too deeply"]),
    ("no-time.json", json.dumps({"log_entries": [{"id": "R9", "type": "trigger_log_entry"}]}).encode(), {},
     ["no-time.json entry 1 (R9): it has no created_at time"]),
    ("bad-time.json", json.dumps({"log_entries": [{"id": "R1", "type": "x_log_entry", "created_at": "yesterday"}]}).encode(),
     {}, ["entry 1 (R1): cannot read time 'yesterday'"]),
    ("not-entries.json", b'{"log_entries": [1]}', {"fmt": "pagerduty"}, ["entry 1: is not a PagerDuty log entry"]),
    ("no-entries.json", b'{"log_entries": []}', {}, ["nothing to import"]),
    ("pd-string.json", b'"hello"', {"fmt": "pagerduty"}, ["not a PagerDuty log"]),
    ("no-time-col.csv", b"who,what\nalice,hi\n", {}, ["unsupported file", "for a CSV, the first row must name a time"]),
    ("no-time-col-forced.csv", b"who;what\nalice;hi\n", {"fmt": "csv"}, ["line 1: no time column", "'who', 'what'"]),
    ("no-text-col.csv", b"time,actor\n2026-11-20 10:00,alice\n", {}, ["line 1: no text column", "'time', 'actor'"]),
    ("feb30.csv", b"time,text\n2026-11-20 10:00,ok\n2026-02-30 10:00,bad\n", {},
     ["feb30.csv line 3: impossible time '2026-02-30 10:00'"]),
    ("clock.csv", b"time,text\n25:61,bad\n", {"default_date": INCIDENT_DAY}, ["clock.csv line 2: impossible time '25:61'"]),
    ("month13.csv", b"time,text\n2026-13-01T10:00:00Z,bad\n", {}, ["month13.csv line 2: impossible time"]),
    ("offset.csv", b"time,text\n2026-11-20T10:00:00+25:00,bad\n", {}, ["offset.csv line 2"]),
    ("undated.csv", b"time,text\n10:00,needs a day\n", {}, ["undated.csv line 2: time '10:00' has no date"]),
    ("empty-time.csv", b"time,text\n2026-11-20 10:00,a\n,b\n", {}, ["empty-time.csv line 3: no time in the 'time' column"]),
    ("word-time.csv", b"time,text\nsoon,a\n", {}, ["word-time.csv line 2: cannot read time 'soon'"]),
    ("header-only.csv", b"time,actor,text\n", {}, ["header-only.csv line 1: nothing to import"]),
    ("open-quote.csv", b'time,text\n2026-11-20 10:00,ok\n2026-11-20 10:01,"never closed\nmore\n', {},
     ["open-quote.csv line 3: cannot read this CSV record", "quote"]),
    ("junk-after-quote.csv", b'time,text\n2026-11-20 10:00,"a"b\n', {}, ["junk-after-quote.csv line 2"]),
    ("too-wide.csv", b"time,text,actor\n2026-11-20 10:00,a,b,c\n", {}, ["too-wide.csv line 2: 4 fields but the header has 3"]),
    ("untimed.txt", b"Incident notes\n10:00 alice: hi\n", {"fmt": "text"}, ["untimed.txt line 2: time '10:00' has no date"]),
    ("no-times.txt", b"Incident notes\nIt was slow.\n", {"fmt": "text"}, ["no-times.txt: nothing to import: no line starts with a time"]),
    ("undated.txt", b"10:00 alice: hi\n", {}, ["undated.txt line 1: time '10:00' has no date"]),
    ("impossible.txt", b"10:00 a\n[25:61] alice: hi\n", {"default_date": INCIDENT_DAY}, ["impossible.txt line 2: impossible time"]),
    ("feb30.txt", b"2026-02-30 10:00 alice: hi\n", {}, ["feb30.txt line 1: impossible time"]),
    ("prose.txt", b"It was a dark and stormy night.\n", {}, ["prose.txt: unsupported file"]),
    ("config.yaml", b"key: value\nother: 2\n", {}, ["unsupported"]),
    ("null.json", b"null", {}, ["unsupported"]),
    ("csv-as-json.csv", OK_CSV.encode(), {"fmt": "pagerduty"}, ["csv-as-json.csv line 1: not JSON (Expecting value)"]),
    ("text-as-slack.txt", b"10:00 alice: hi\n", {"fmt": "slack"}, ["text-as-slack.txt: is not a Slack day file"]),
    ("format.csv", OK_CSV.encode(), {"fmt": "xml"}, ["unknown format 'xml'"]),
    ("fake.zip", b"PK\x03\x04" + b"garbage" * 10, {}, ["fake.zip: is not a readable zip archive"]),
]


def _zip(tmp_path, name, members):
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


def _export(tmp_path, h, days, **kw):
    return h.write_export(tmp_path / "export", days, **kw)


def _truncated_zip(tmp_path, h):
    whole = h.zip_folder(h.write_export(tmp_path / "e", {"general/2026-11-21.json": [MSG] * 200}),
                         tmp_path / "w.zip")
    data = whole.read_bytes()
    path = tmp_path / "cut.zip"
    path.write_bytes(data[: len(data) // 2])
    return path


def _encrypted_zip(tmp_path):
    path = _zip(tmp_path, "secret.zip", {"channels.json": "[]", "users.json": "[]",
                                          "general/2026-11-21.json": json.dumps([MSG])})
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at != -1:
            data[at + offset] |= 1  # the "encrypted" flag
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return path


def _bomb_zip(tmp_path):
    return _zip(tmp_path, "bomb.zip", {"channels.json": "[]",
                                        "general/2026-11-21.json": b"[" + b" " * (60 * 1024 * 1024) + b"]"})


def _day_file(tmp_path, h, content: bytes, name="2026-11-21.json"):
    root = _export(tmp_path, h, {"general/2026-11-20.json": [MSG]})
    (root / "general" / name).write_bytes(content)
    return root


BAD_EXPORTS = [
    ("empty folder", lambda t, h: (t / "empty").mkdir() or t / "empty", {}, ["empty: is a folder but not a Slack export"]),
    ("missing", lambda t, h: t / "nope.csv", {}, ["nope.csv: no such file"]),
    ("folder for csv", lambda t, h: (t / "dir").mkdir() or t / "dir", {"fmt": "csv"}, ["dir: is a folder; a csv import needs a file"]),
    ("zip without export", lambda t, h: _zip(t, "docs.zip", {"readme.txt": "hi"}), {}, ["docs.zip: is a zip archive without a Slack export"]),
    ("truncated zip", _truncated_zip, {}, ["cut.zip"]),
    ("encrypted zip", lambda t, h: _encrypted_zip(t), {}, ["secret.zip: users.json: is encrypted"]),
    ("zip bomb", lambda t, h: _bomb_zip(t), {}, ["bomb.zip: general/2026-11-21.json: is too large"]),
    ("truncated day file", lambda t, h: _day_file(t, h, b'[{"type": "message", "ts": "17952'), {},
     ["export: general/2026-11-21.json line 1: truncated JSON"]),
    ("day file not a list", lambda t, h: _day_file(t, h, b'{"messages": []}'), {}, ["general/2026-11-21.json: is not a Slack day file"]),
    ("latin-1 day file", lambda t, h: _day_file(t, h, '[\n{"ts": "1795218240.1", "text": "caf\xe9"}]'.encode("latin-1")),
     {}, ["general/2026-11-21.json line 2: is not UTF-8"]),
    ("message without ts", lambda t, h: _export(t, h, {"general/2026-11-21.json": [MSG, {"type": "message", "text": "x"}]}),
     {}, ["general/2026-11-21.json entry 2: cannot read this message (it has no ts)"]),
    ("garbage ts", lambda t, h: _export(t, h, {"general/2026-11-21.json": [{**MSG, "ts": "soon"}]}), {},
     ["entry 1: cannot read this message (not a Unix timestamp: 'soon')"]),
    ("message not an object", lambda t, h: _export(t, h, {"general/2026-11-21.json": ["hello"]}), {}, ["entry 1: is not a Slack message"]),
    ("unknown channel", lambda t, h: _export(t, h, {"general/2026-11-21.json": [MSG]}), {"channels": ["incident"]},
     ["no channel named 'incident' in this export; channels: general"]),
    ("only joins", lambda t, h: _export(t, h, {"general/2026-11-21.json": [{**MSG, "subtype": "channel_join"}] * 3}), {},
     ["nothing to import: only 3 join, leave or topic messages"]),
    ("only empty days", lambda t, h: _export(t, h, {"general/2026-11-21.json": []}), {}, ["nothing to import"]),
    ("broken users.json", lambda t, h: (_export(t, h, {"general/2026-11-21.json": [MSG]}) / "users.json").write_text("[{")
     and t / "export", {}, ["export: users.json line 1: truncated JSON"]),
    ("users.json not a list", lambda t, h: (_export(t, h, {"general/2026-11-21.json": [MSG]}) / "users.json").write_text("{}")
     and t / "export", {}, ["users.json: expected a list of users"]),
    ("day file for the wrong channel", lambda t, h: _export(t, h, {"general/2026-11-21.json": [MSG]}) / "general" / "2026-11-21.json",
     {"channels": ["ops"]}, ["no channel named 'ops'; this day file is from #general"]),
]


def _check(message: str, name_fragments: list[str]) -> None:
    assert "\n" not in message and "Traceback" not in message
    for fragment in name_fragments:
        assert fragment in message, message


@pytest.mark.parametrize("name, content, options, fragments", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file(tmp_path, name, content, options, fragments):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFailure) as caught:
        read_events(path, ImportOptions(**options))
    _check(str(caught.value), [name, *fragments])


@pytest.mark.parametrize("label, build, options, fragments", BAD_EXPORTS, ids=[b[0] for b in BAD_EXPORTS])
def test_bad_export(tmp_path, label, build, options, fragments, write_export, zip_folder):
    # Builders get the Slack export helpers (`h`) beside the folder to build in.
    path = build(tmp_path, SimpleNamespace(write_export=write_export, zip_folder=zip_folder))
    with pytest.raises(ImportFailure) as caught:
        read_events(path, ImportOptions(**options))
    _check(str(caught.value), fragments)


def test_detect_format_fails_the_same_way(tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(ImportFailure, match=r"^image\.png: looks like a binary file"):
        detect_format(path)


def test_failure_is_a_value_error_with_a_bounded_single_line(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("time,text\n" + "x" * 5000 + "\n\x85\u2028,y\n", encoding="utf-8")
    with pytest.raises(ValueError) as caught:
        read_events(path)
    message = str(caught.value)
    assert isinstance(caught.value, ImportFailure)
    assert len(message) <= 400 and "\n" not in message and "\u2028" not in message


def test_count_of_bad_inputs():
    # Reported to the lead: every parametrised case above is one bad input tried.
    assert len(BAD_FILES) + len(BAD_EXPORTS) >= 60


def test_reading_from_a_stream_is_not_supported_but_paths_as_strings_are(fixtures):
    assert read_events(str(fixtures / "timeline_iso.csv")).fmt == "csv"
    with pytest.raises(TypeError):
        read_events(io.BytesIO(b""))  # type: ignore[arg-type]
