"""Importers: a file from an incident's tools in, a stream of timeline events out.

Pure functions: no Textual, no SQLite. One module per source; `detect` picks
one by looking inside the file. `open_import` returns the events as a stream
read on demand, so a million-line log is never in memory at once; the
service stores them in batches. Every failure is an ImportFailure whose
message is one line naming the file and, where it can, the line or entry;
nothing else escapes, except whatever the caller's own progress callback raises.
"""

from __future__ import annotations

import csv
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from facilitator_tui.importers.contract import (
    FORMAT_NAMES,
    FORMATS,
    CallerStopped,
    ImportFailure,
    ImportOptions,
    ImportReport,
    ImportResult,
    ImportStream,
    Progress,
    ProgressCallback,
    SkippedLine,
    at_of,
    failure,
)
from facilitator_tui.importers.csv_log import read_csv
from facilitator_tui.importers.detect import EXPECTED, Sniffed, label, load_documents, require_head, sniff
from facilitator_tui.importers.jsonl import read_jsonl
from facilitator_tui.importers.lines import TextLines
from facilitator_tui.importers.opsgenie import read_opsgenie
from facilitator_tui.importers.pagerduty import read_pagerduty
from facilitator_tui.importers.slack import read_slack
from facilitator_tui.importers.statuspage import read_statuspage
from facilitator_tui.importers.text_input import read_head
from facilitator_tui.importers.text_log import read_text_log
from facilitator_tui.models import Event

__all__ = [
    "FORMATS", "FORMAT_NAMES", "ImportFailure", "ImportOptions", "ImportReport", "ImportResult", "ImportStream",
    "SkippedLine", "detect_format", "open_import", "read_events",
]

# What a malformed file can make the standard library raise; each becomes an ImportFailure.
_READ_ERRORS = (
    OSError, ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError, EOFError,
    NotImplementedError, RuntimeError, zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, csv.Error,
)


def detect_format(path: Path | str) -> str:
    """One of FORMATS, judged by content; ImportFailure if nothing fits."""
    path = Path(path)
    try:
        return sniff(path).fmt
    except ImportFailure:
        raise
    except _READ_ERRORS as exc:
        raise _unexpected(path, exc) from None


def open_import(
    path: Path | str,
    options: ImportOptions | None = None,
    progress: ProgressCallback | None = None,
) -> ImportStream:
    """Start reading a file (or Slack export folder): the format is settled now, the events as iterated.

    Events come in file order, within since/until. `progress(done, total)` is
    called now and then (bytes for text files, day files for Slack); an
    exception it raises is passed through unchanged, which lets a caller stop.
    """
    path = Path(path)
    options = options or ImportOptions()
    try:
        sniffed = _choose(path, options)
    except ImportFailure:
        raise
    except _READ_ERRORS as exc:
        raise _unexpected(path, exc) from None
    report = ImportReport(sniffed.fmt, label(path))
    events = _events(path, sniffed, options, report, Progress(progress))
    return ImportStream(sniffed.fmt, path, report, _window(_guarded(events, path), options, report))


def read_events(
    path: Path | str,
    options: ImportOptions | None = None,
    progress: ProgressCallback | None = None,
) -> ImportResult:
    """Every event of a file at once, sorted by time (ties keep file order): for small files and tests."""
    stream = open_import(path, options, progress)
    events = sorted(stream, key=at_of)
    report = stream.report
    return ImportResult(events, stream.fmt, stream.path, noise_skipped=report.noise_skipped,
                        outside_window=report.outside_window, report=report)


def _choose(path: Path, options: ImportOptions) -> Sniffed:
    fmt = (options.fmt or "auto").strip().lower()
    if fmt not in ("auto", *FORMATS):
        raise failure(label(path), f"unknown format {options.fmt!r}; use one of auto, {', '.join(FORMATS)}")
    if fmt == "auto":
        return sniff(path)
    if fmt != "slack":
        if path.is_dir():
            raise failure(label(path), f"is a folder; a {fmt} import needs a file")
        require_head(path, read_head(path))
    if fmt in ("pagerduty", "opsgenie", "statuspage"):
        return Sniffed(fmt, load_documents(path, label(path)))
    return Sniffed(fmt)


def _events(path: Path, sniffed: Sniffed, options: ImportOptions, report: ImportReport,
            progress: Progress) -> Iterator[Event]:
    fmt, name = sniffed.fmt, label(path)
    if fmt == "slack":
        return read_slack(path, options, report, progress)
    docs = sniffed.documents
    if docs is not None:
        if fmt == "pagerduty":
            return iter(read_pagerduty(docs[0] if len(docs) == 1 else docs, name, options))
        if fmt == "opsgenie":
            return read_opsgenie(docs, name, options)
        if fmt == "statuspage":
            return read_statuspage(docs, name, options)
    lines = TextLines(path, name, f"a {FORMAT_NAMES.get(fmt, EXPECTED)}", progress)
    if fmt == "csv":
        return read_csv(lines, name, options)
    if fmt == "jsonl":
        return read_jsonl(lines, name, options, report)
    return read_text_log(lines, name, options, report)


def _guarded(events: Iterator[Event], path: Path) -> Iterator[Event]:
    """The stream, with whatever a malformed file makes the standard library raise turned into one line."""
    try:
        yield from events
    except CallerStopped as stopped:
        raise stopped.original from None
    except ImportFailure:
        raise
    except _READ_ERRORS as exc:
        raise _unexpected(path, exc) from None


def _window(events: Iterator[Event], options: ImportOptions, report: ImportReport) -> Iterator[Event]:
    if options.since is None and options.until is None:
        return events
    return _within(events, options, report)


def _within(events: Iterator[Event], options: ImportOptions, report: ImportReport) -> Iterator[Event]:
    for event in events:
        if options.in_window(event.at):
            yield event
        else:
            report.outside_window += 1


def _unexpected(path: Path, exc: BaseException) -> ImportFailure:
    detail = " ".join(str(exc).split()) or type(exc).__name__
    return failure(label(path), f"cannot import it: {detail}")
