"""Mirrors say they are following, without writing to the database.

Each running mirror keeps one small file in the user's runtime folder (its
process id, its database and review) and removes it when it ends. The
facilitator's window counts the files whose process is still alive; the file
of a mirror that was killed is recognised as stale and removed by whoever
counts next. Nothing here touches SQLite.
"""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

from facilitator_tui.paths import runtime_dir

PREFIX = "mirror-"
_numbers = itertools.count(1)  # one process may hold several mirrors (tests do)


def _process_start(pid: int) -> str:
    """When the process began (Linux), so that a new process reusing a dead mirror's id is not
    taken for it; "ended" for a process that ended but was not yet reaped; empty where the
    system does not say."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    # Fields 3 (state) and 22 (start time), counted after the command name, which may hold spaces.
    fields = stat.rsplit(")", 1)[-1].split()
    if fields and fields[0] in ("Z", "X"):
        return "ended"
    return fields[19] if len(fields) > 19 else ""


def _alive(pid: int, started: str) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive, though not a mirror of ours
    except OSError:
        return False
    now = _process_start(pid)
    return now != "ended" and (not started or now in ("", started))


def _key(db_path: str | os.PathLike[str]) -> str:
    return str(Path(db_path).expanduser().resolve())


def announce(db_path: str | os.PathLike[str], review_id: int, folder: Path | None = None) -> Path | None:
    """Leave this process's file; None when the folder cannot be written (the mirror still
    works, it is only not counted)."""
    pid = os.getpid()
    folder = folder or runtime_dir()
    path = folder / f"{PREFIX}{pid}-{next(_numbers)}.json"
    record = {"pid": pid, "started": _process_start(pid), "db": _key(db_path), "review": review_id}
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(record, out)
    except OSError:
        return None
    return path


def withdraw(path: Path | None) -> None:
    if path is not None:
        try:
            path.unlink()
        except OSError:
            pass


def following(db_path: str | os.PathLike[str], review_id: int, folder: Path | None = None) -> int:
    """How many live mirrors follow this review of this database."""
    folder = folder or runtime_dir()
    key = _key(db_path)
    count = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not (entry.name.startswith(PREFIX) and entry.name.endswith(".json")):
            continue
        try:
            with open(entry.path, encoding="utf-8") as found:
                record = json.load(found)
            pid, started = int(record["pid"]), str(record.get("started", ""))
        except (OSError, ValueError, KeyError, TypeError):
            continue  # being written, or not ours: looked at again next time
        if not _alive(pid, started):
            withdraw(Path(entry.path))
            continue
        if record.get("db") == key and record.get("review") == review_id:
            count += 1
    return count
