"""Which importer fits a file, decided by what is inside it; the name only breaks ties.

A folder or zip holding a Slack export is Slack. JSON is read whole and judged
by its shape: PagerDuty log entries, Opsgenie log pages, Statuspage incidents,
Slack messages, or objects with a time and a message (JSON Lines). Text is
judged by its first 64 KB: a first line that is a header with a time column is
CSV; a line among the first ones that starts with a time (after a title, say)
or a Markdown table with a time column is a text timeline.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facilitator_tui.importers import md_table
from facilitator_tui.importers.contract import ImportFailure, failure
from facilitator_tui.importers.csv_log import DELIMITERS, sniff_header
from facilitator_tui.importers.json_docs import documents
from facilitator_tui.importers.jsonl import TEXT_KEYS, TIME_KEYS, looks_like_record
from facilitator_tui.importers.opsgenie import looks_like_opsgenie
from facilitator_tui.importers.pagerduty import looks_like_pagerduty
from facilitator_tui.importers.slack_archive import CONVERSATION_LISTS, DAY_FILE, FolderArchive, ZipArchive
from facilitator_tui.importers.statuspage import looks_like_statuspage
from facilitator_tui.importers.text_input import HEAD_BYTES, check_head, decode, is_zip, read_bytes, read_head
from facilitator_tui.importers.text_log import starts_with_time

EXPECTED = "a timeline (Slack, PagerDuty, Opsgenie, Statuspage, JSON Lines, CSV or text)"
UNSUPPORTED = (
    "unsupported file: expected a Slack export (folder or .zip), a PagerDuty, Opsgenie or Statuspage "
    "export (JSON), a JSON Lines log, a CSV whose header has a time column, or a text timeline whose "
    "lines start with a time"
)
MAX_JSON_BYTES = 256 * 1024 * 1024  # a JSON document is parsed whole; an API's pages are far smaller
_LOOK_LINES = 200  # lines of the head searched for the first timed line


@dataclass
class Sniffed:
    """The format found and the JSON read on the way, so the importer need not read it twice."""

    fmt: str
    documents: list[Any] | None = None


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
    head = read_head(path)
    require_head(path, head)
    if is_zip(head):
        archive_zip = ZipArchive(path)
        try:
            if archive_zip.looks_like_export():
                return Sniffed("slack")
        finally:
            archive_zip.close()
        raise failure(name, "is a zip archive without a Slack export inside: no channels.json and "
                      "no channel folders of YYYY-MM-DD.json day files")
    check_head(head, name, EXPECTED)
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff")
    lines = text.split("\n")[:-1] if len(head) == HEAD_BYTES else text.split("\n")
    first = next((line.rstrip("\r") for line in lines if line.strip()), "")
    opener = text.lstrip()[:1]
    if opener == "{" and _is_record(first):
        return Sniffed("jsonl")
    if opener == "{" or (opener == "[" and not starts_with_time(first)):
        try:
            docs = load_documents(path, name)
        except ImportFailure:
            if opener == "{" or path.suffix.lower() == ".json":
                raise
        else:
            return Sniffed(json_format(docs, path), docs)
    return Sniffed(_text_format(path, first, [line.rstrip("\r") for line in lines]))


def require_head(path: Path, head: bytes) -> None:
    """An empty file, or one of only blank lines, is refused here with the same words everywhere."""
    if head.strip(b" \t\r\n\xef\xbb\xbf"):
        return
    if len(head) == HEAD_BYTES:  # 64 KB of blanks, and more after them: look further
        data = read_bytes(path, MAX_JSON_BYTES)
        if data.strip(b" \t\r\n\xef\xbb\xbf"):
            return
    raise failure(label(path), "the file is empty; there is nothing to import")


def _is_record(line: str) -> bool:
    try:
        value = json.loads(line)
    except (ValueError, RecursionError):
        return False
    return looks_like_record(value) and not _known_document([value])


def load_documents(path: Path, name: str) -> list[Any]:
    data = read_bytes(path, MAX_JSON_BYTES, "JSON file")
    return documents(decode(data, name, EXPECTED), name)


def _known_document(docs: list[Any]) -> bool:
    return (looks_like_pagerduty(docs[0] if len(docs) == 1 else docs) or looks_like_opsgenie(docs)
            or looks_like_statuspage(docs))


def json_format(docs: list[Any], path: Path) -> str:
    if not docs:
        raise failure(label(path), "the file is empty; there is nothing to import")
    if looks_like_pagerduty(docs[0] if len(docs) == 1 else docs):
        return "pagerduty"
    if looks_like_opsgenie(docs):
        return "opsgenie"
    if looks_like_statuspage(docs):
        return "statuspage"
    if len(docs) == 1 and (looks_like_slack_messages(docs[0]) or (
            path.name in (*CONVERSATION_LISTS, "users.json") and isinstance(docs[0], list))):
        return "slack"
    if len(docs) > 1 and all(isinstance(d, dict) for d in docs) and looks_like_record(docs[0]):
        return "jsonl"
    raise failure(label(path), "is JSON, but not a PagerDuty log (log_entries), an Opsgenie log (data), "
                  "a Statuspage history (incidents), Slack messages (ts), or JSON Lines (a "
                  f"{'/'.join(TIME_KEYS[:4])} and a {'/'.join(TEXT_KEYS[:4])} on every line)")


def looks_like_slack_messages(parsed: Any) -> bool:
    if not isinstance(parsed, list) or not parsed:
        return False
    sample = parsed[:20]
    return all(isinstance(m, dict) for m in sample) and any("ts" in m for m in sample)


def _text_format(path: Path, first: str, lines: list[str]) -> str:
    suffix = path.suffix.lower()
    if md_table.is_row(first) and _table_follows(lines):
        return "text"
    as_csv = sniff_header(first) is not None
    as_text = _has_timed_line(lines)
    if as_csv and as_text:
        return "text" if suffix in (".txt", ".log", ".md") else "csv"
    if as_csv or as_text:
        return "csv" if as_csv else "text"
    hint = ""
    if suffix in (".csv", ".tsv") or any(d in first for d in DELIMITERS[:2]):
        hint = "; for a CSV, the first row must name a time column such as time, timestamp or date"
    raise failure(label(path), UNSUPPORTED + hint)


def _table_follows(lines: list[str]) -> bool:
    """Whether the first non-blank line is a Markdown table header (its next line a |---| rule)."""
    filled = [line for line in lines[:50] if line.strip()]
    return len(filled) >= 2 and md_table.is_separator(filled[1])


def _has_timed_line(lines: list[str]) -> bool:
    looked = 0
    for line in lines:
        if not line.strip():
            continue
        if starts_with_time(line) or (md_table.is_row(line) and _table_header(line)):
            return True
        looked += 1
        if looked >= _LOOK_LINES:
            return False
    return False


def detect_format(path: Path | str) -> str:
    """The importer for this file or folder: one of FORMATS."""
    return sniff(Path(path)).fmt


def _table_header(line: str) -> bool:
    try:
        return md_table.header_of(line) is not None
    except ValueError:
        return True  # a table with a time column whose zone is ambiguous: the reader says so
