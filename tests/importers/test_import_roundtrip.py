"""Any text at all survives an import unchanged: a CSV cell, and a Slack message escaped as Slack does."""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator_tui.importers import read_events
from facilitator_tui.importers.slack_markup import escape

TRICKY = st.sampled_from([
    "[bold]x[/]", "[@click=app.quit]x[/]", "[/", "\x1b[31mred\x1b[0m", "a,b;c\td", 'say "hi"', "line\r\nbreak",
    "\r", "\ufeffbom", "\u2028sep\x85", "&amp; &lt;", "<@U1>", "  padded  ", "",
])
TEXTS = st.one_of(TRICKY, st.text(max_size=300), st.lists(TRICKY | st.text(max_size=20), max_size=5).map("".join))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _csv_file(folder: Path, text: str) -> Path:
    path = folder / "timeline.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["time", "actor", "text"])
        writer.writerow(["2026-11-20T23:40:00Z", "alice", text])
        writer.writerow(["2026-11-20T23:41:00Z", "bob", "after"])
    return path


@SETTINGS
@given(TEXTS)
def test_csv_cell_text_is_kept_exactly(text):
    with tempfile.TemporaryDirectory() as tmp:
        result = read_events(_csv_file(Path(tmp), text))
    assert result.fmt == "csv"
    assert [e.text for e in result.events] == [text, "after"]


def _slack_export(folder: Path, raw: str) -> Path:
    (folder / "channels.json").write_text(json.dumps([{"id": "C1", "name": "general"}]), encoding="utf-8")
    (folder / "users.json").write_text(json.dumps([{"id": "U1", "name": "alice"}]), encoding="utf-8")
    (folder / "general").mkdir()
    message = {"type": "message", "user": "U1", "ts": "1795218000.000100", "text": raw}
    (folder / "general" / "2026-11-20.json").write_text(json.dumps([message]), encoding="utf-8")
    return folder


@SETTINGS
@given(TEXTS)
def test_slack_text_escaped_as_slack_does_decodes_to_the_original(text):
    with tempfile.TemporaryDirectory() as tmp:
        events = read_events(_slack_export(Path(tmp), escape(text))).events
    assert [e.text for e in events] == [text]


@SETTINGS
@given(st.text(max_size=300).filter(lambda t: not set(t) & set("<>&")))
def test_slack_text_without_slack_specials_is_untouched(text):
    with tempfile.TemporaryDirectory() as tmp:
        events = read_events(_slack_export(Path(tmp), text)).events
    assert [e.text for e in events] == [text]
