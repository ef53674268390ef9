"""The error log: what went wrong, with its traceback, kept where only the user can read it.

The screen says one plain line; the details (which may hold note text) go here,
to a file created 0600 in a folder created 0700. Writing the log never raises:
a log that cannot be written must not turn a survived error into a crash.
"""

from __future__ import annotations

import os
import traceback
from datetime import UTC, datetime
from pathlib import Path

from facilitator_tui.files import append_private
from facilitator_tui.paths import log_path

# A log that grows past this is started afresh (the previous one is kept as .1).
MAX_BYTES = 1_000_000


def write_error(error: BaseException, where: str = "") -> Path | None:
    """Append `error` and its traceback to the log; returns the log's path, or None on failure."""
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if path.exists() and path.stat().st_size > MAX_BYTES:
            os.replace(path, path.with_name(path.name + ".1"))
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        append_private(path, f"--- {stamp} {where}\n" + "".join(traceback.format_exception(error)))
    except OSError:
        return None
    return path
