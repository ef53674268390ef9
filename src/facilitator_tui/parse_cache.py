"""The data files as last parsed, kept so that a start does not parse the same TOML again.

Parsing the prompt deck and the factor catalog is most of what reading them
costs, several milliseconds each start. The parsed form of each file is kept as
JSON in the user cache folder, stamped with the file's size and modification
time; a file that changes is parsed again. The cache is only ever a shortcut:
when it cannot be read or written, the file is parsed as it would have been, and
a file that does not parse is never cached.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from platformdirs import user_cache_path

from facilitator_tui.paths import APP_NAME

CACHE_ENV = "FACILITATOR_CACHE"  # a folder to keep it in, or "off"


def cache_dir() -> Path | None:
    """Where parsed files are kept: $FACILITATOR_CACHE, else the user cache folder; None if off."""
    value = os.environ.get(CACHE_ENV, "").strip()
    if value.lower() == "off":
        return None
    return Path(value).expanduser() if value else user_cache_path(APP_NAME, appauthor=False)


def entry_for(path: Path, folder: Path) -> Path:
    """The cache file for `path`: named after it, and unique to where it lives."""
    where = hashlib.sha1(str(path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return folder / f"{path.stem}-{where}.json"


def load(path: Path, parse: Callable[[Path], dict[str, Any]]) -> dict[str, Any]:
    """`parse(path)`, or what it returned last time if the file has not changed since."""
    folder = cache_dir()
    try:
        stat = path.stat()
    except OSError:
        return parse(path)  # which says, in one line, what is wrong with the file
    if folder is None:
        return parse(path)
    entry = entry_for(path, folder)
    stamp = [stat.st_size, stat.st_mtime_ns]
    try:
        with entry.open(encoding="utf-8") as handle:
            kept = json.load(handle)
        if isinstance(kept, dict) and kept.get("stamp") == stamp and isinstance(kept.get("data"), dict):
            return kept["data"]
    except (OSError, ValueError):
        pass
    data = parse(path)
    try:
        text = json.dumps({"stamp": stamp, "data": data}, ensure_ascii=False)
    except (TypeError, ValueError):
        return data  # dates and times have no JSON form: such a file is parsed each time
    keep(entry, text.encode("utf-8"))
    return data


def keep(entry: Path, data: bytes) -> None:
    """Write a cache file whole or not at all, readable by its owner alone; failing is fine."""
    temporary = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, entry)
    except OSError:
        with suppress(OSError):
            temporary.unlink(missing_ok=True)


__all__ = ["CACHE_ENV", "cache_dir", "entry_for", "keep", "load"]
