"""Which importer fits a file, decided by what is inside it; the name only breaks ties.

A folder or zip holding a Slack export is Slack; JSON with PagerDuty log
entries is PagerDuty; JSON messages with a `ts` are one Slack day file; text
whose first line is a header with a time column is CSV; text whose first line
starts with a time is a text log. Anything else is refused as unsupported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facilitator_tui.importers.contract import ImportFailure, failure
from facilitator_tui.importers.csv_log import DELIMITERS, sniff_header
from facilitator_tui.importers.pagerduty import looks_like_pagerduty
from facilitator_tui.importers.slack_archive import CONVERSATION_LISTS, DAY_FILE, FolderArchive, ZipArchive
from facilitator_tui.importers.text_input import (
    decode,
    is_zip,
    load_json,
    read_bytes,
    require_content,
)
from facilitator_tui.importers.text_log import starts_with_time

EXPECTED = "a timeline (Slack export, PagerDuty log, CSV or text log)"
UNSUPPORTED = (
    "unsupported file: expected a Slack export (folder or .zip), a PagerDuty log (JSON), "
    "a CSV whose header has a time column, or a text log whose lines start with a time"
)


@dataclass
class Sniffed:
    """The format found and what was read on the way, so the importer need not read it twice."""

    fmt: str
    data: bytes | None = None
    text: str | None = None
    json: Any = None


def label(path: Path) -> str:
    return path.name or str(path)


def sniff(path: Path) -> Sniffed:
    name = label(path)
    if path.is_dir():
        archive = FolderArchive(path)
        if archive.looks_like_export() or any(DAY_FILE.match(n) for n in archive.names()):
            return Sniffed("slack")
        raise failure(name, "is a folder but not a Slack export: no channels.json and no channel "
                      "folders of YYYY-MM-DD.json day files")
    data = read_bytes(path)
    if not data.strip():
        raise failure(name, "the file is empty; there is nothing to import")
    if is_zip(data):
        archive_zip = ZipArchive(path)
        try:
            if archive_zip.looks_like_export():
                return Sniffed("slack", data=data)
        finally:
            archive_zip.close()
        raise failure(name, "is a zip archive without a Slack export inside: no channels.json and "
                      "no channel folders of YYYY-MM-DD.json day files")
    text = decode(data, name, EXPECTED)
    require_content(text, name)
    return _sniff_text(path, data, text)


def _sniff_text(path: Path, data: bytes, text: str) -> Sniffed:
    name = label(path)
    first = _first_line(text)
    suffix = path.suffix.lower()
    opener = text.lstrip()[:1]
    if opener == "{" or (opener == "[" and not starts_with_time(first)):
        try:
            parsed = load_json(text, name)
        except ImportFailure:
            if opener == "{" or suffix == ".json":
                raise
        else:
            return Sniffed(_json_format(parsed, path), data=data, text=text, json=parsed)
    as_csv = sniff_header(first) is not None
    as_text = starts_with_time(first)
    if as_csv and as_text:
        fmt = "text" if suffix in (".txt", ".log", ".md") else "csv"
        return Sniffed(fmt, data=data, text=text)
    if as_csv or as_text:
        return Sniffed("csv" if as_csv else "text", data=data, text=text)
    hint = ""
    if suffix in (".csv", ".tsv") or any(d in first for d in DELIMITERS[:2]):
        hint = "; for a CSV, the first row must name a time column such as time, timestamp or date"
    raise failure(name, UNSUPPORTED + hint)


def _json_format(parsed: Any, path: Path) -> str:
    if looks_like_pagerduty(parsed):
        return "pagerduty"
    if looks_like_slack_messages(parsed) or (path.name in (*CONVERSATION_LISTS, "users.json")
                                             and isinstance(parsed, list)):
        return "slack"
    raise failure(label(path), "is JSON, but neither a PagerDuty log (no log_entries) nor Slack "
                  "messages (no ts); " + UNSUPPORTED.removeprefix("unsupported file: "))


def looks_like_slack_messages(parsed: Any) -> bool:
    if not isinstance(parsed, list) or not parsed:
        return False
    sample = parsed[:20]
    return all(isinstance(m, dict) for m in sample) and any("ts" in m for m in sample)


def _first_line(text: str) -> str:
    for line in text.split("\n"):
        if line.strip():
            return line.rstrip("\r")
    return ""


def detect_format(path: Path | str) -> str:
    """The importer for this file or folder: 'slack', 'pagerduty', 'csv' or 'text'."""
    return sniff(Path(path)).fmt
