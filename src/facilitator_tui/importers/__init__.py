"""Importers: a file from an incident's tools in, a time-ordered list of events out.

Pure functions: no Textual, no SQLite. One module per source (slack,
pagerduty, csv_log, text_log); `detect` picks one by looking inside the file.
Every failure is an ImportFailure whose message is one line naming the file
and, where it can, the line or entry; nothing else escapes `read_events`,
except whatever the caller's own progress callback raises.
"""

from __future__ import annotations

import csv
import zipfile
import zlib
from pathlib import Path

from facilitator_tui.importers.contract import (
    FORMATS,
    CallerStopped,
    ImportFailure,
    ImportOptions,
    ImportResult,
    Progress,
    ProgressCallback,
    failure,
    sort_and_window,
)
from facilitator_tui.importers.csv_log import read_csv
from facilitator_tui.importers.detect import EXPECTED, Sniffed, label, sniff
from facilitator_tui.importers.pagerduty import read_pagerduty
from facilitator_tui.importers.slack import read_slack
from facilitator_tui.importers.text_input import decode, load_json, read_bytes, require_content
from facilitator_tui.importers.text_log import read_text_log

__all__ = ["FORMATS", "ImportFailure", "ImportOptions", "ImportResult", "detect_format", "read_events"]

_PROGRESS_STEP = 5000
# What a malformed file can make the standard library raise; each becomes an ImportFailure.
_READ_ERRORS = (
    OSError, ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError, EOFError,
    NotImplementedError, RuntimeError, zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, csv.Error,
)


def detect_format(path: Path | str) -> str:
    """'slack', 'pagerduty', 'csv' or 'text', judged by content; ImportFailure if nothing fits."""
    path = Path(path)
    try:
        return sniff(path).fmt
    except ImportFailure:
        raise
    except _READ_ERRORS as exc:
        raise _unexpected(path, exc) from None


def read_events(
    path: Path | str,
    options: ImportOptions | None = None,
    progress: ProgressCallback | None = None,
) -> ImportResult:
    """Read one file (or Slack export folder) into events sorted by time, within since/until.

    `progress(done, total)` is called now and then; an exception it raises is
    passed through unchanged, which lets a caller stop a long import.
    """
    path = Path(path)
    options = options or ImportOptions()
    try:
        fmt, events, noise = _read(path, options, Progress(progress, _PROGRESS_STEP))
    except CallerStopped as stopped:
        raise stopped.original from None
    except ImportFailure:
        raise
    except _READ_ERRORS as exc:
        raise _unexpected(path, exc) from None
    kept, outside = sort_and_window(events, options)
    return ImportResult(kept, fmt, path, noise_skipped=noise, outside_window=outside)


def _read(path: Path, options: ImportOptions, progress: Progress) -> tuple[str, list, int]:
    fmt = (options.fmt or "auto").strip().lower()
    if fmt not in ("auto", *FORMATS):
        raise failure(label(path), f"unknown format {options.fmt!r}; use one of auto, {', '.join(FORMATS)}")
    sniffed = sniff(path) if fmt == "auto" else Sniffed(fmt)
    fmt = sniffed.fmt
    name = label(path)
    if fmt == "slack":
        if not path.is_dir() and sniffed.data is None:
            sniffed.data = read_bytes(path)
        events, noise = read_slack(path, options, progress, sniffed.data)
        return fmt, events, noise
    if path.is_dir():
        raise failure(name, f"is a folder; a {fmt} import needs a file")
    text = sniffed.text
    if text is None:
        text = decode(read_bytes(path), name, f"a {_FORMAT_NAMES[fmt]}")
        require_content(text, name)
    if fmt == "pagerduty":
        parsed = sniffed.json if sniffed.json is not None else load_json(text, name)
        return fmt, read_pagerduty(parsed, name, options, progress), 0
    if fmt == "csv":
        return fmt, read_csv(text, name, options, progress), 0
    return fmt, read_text_log(text, name, options, progress), 0


_FORMAT_NAMES = {"pagerduty": "PagerDuty log (JSON)", "csv": "CSV file", "text": "text log", "auto": EXPECTED}


def _unexpected(path: Path, exc: BaseException) -> ImportFailure:
    detail = " ".join(str(exc).split()) or type(exc).__name__
    return failure(label(path), f"cannot import it: {detail}")
