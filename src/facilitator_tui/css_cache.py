"""Textual's parsed style sheets, kept between starts so that a start does not parse them again.

Textual parses every style sheet the app uses (the app's own, each widget's
defaults) afresh in each process: about twenty milliseconds of a start, more
than any one pane costs to draw. What it parsed is kept in the user cache
folder, next to the parsed data files (see `parse_cache`), and handed back to
Textual's own cache of parsed sheets at the next start.

An entry is found only by the exact CSS text it was parsed from, so a changed
sheet is parsed again. The file is named after the Textual and Python versions
and the theme's variables, which are written into the parsed rules: another
theme or another Textual starts from nothing. The cache is only ever a shortcut:
when it cannot be read, or holds anything unexpected, the sheets are parsed as
they would have been. It is written as the app exits, when it holds more than
was read.

The entries are pickled Textual objects, in a file of the user's cache folder
that only its owner may read or write, and read only by this app.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from contextlib import suppress
from pathlib import Path
from typing import Any

import textual

from facilitator_tui.parse_cache import cache_dir

_VERSION = 1  # of this file's layout


def entry_for(variables: dict[str, str], folder: Path) -> Path:
    """The cache file for these theme variables, under this Textual and this Python."""
    stamp = repr((_VERSION, textual.__version__, sys.version_info[:2], sorted(variables.items())))
    return folder / f"css-{hashlib.sha1(stamp.encode('utf-8', 'surrogatepass')).hexdigest()[:20]}.pickle"


def _parse_cache(stylesheet: Any):
    return getattr(stylesheet, "_parse_cache", None)


def _variables(stylesheet: Any) -> dict[str, str] | None:
    variables = getattr(stylesheet, "_variables", None)
    return variables if isinstance(variables, dict) else None


def load(stylesheet: Any) -> int:
    """Hand Textual the sheets kept for its current variables; how many were handed over."""
    folder = cache_dir()
    cache, variables = _parse_cache(stylesheet), _variables(stylesheet)
    if folder is None or cache is None or variables is None:
        return 0
    try:
        with entry_for(variables, folder).open("rb") as handle:
            kept = pickle.load(handle)
        if not isinstance(kept, dict) or not all(
                isinstance(key, tuple) and isinstance(rules, list) for key, rules in kept.items()):
            return 0
    except Exception:  # a cache that cannot be read is no cache
        return 0
    for key, rules in kept.items():
        cache.set(key, rules)
    return len(kept)


def save(stylesheet: Any, loaded: int) -> None:
    """Keep what Textual has parsed, if that is more than was handed to it at the start."""
    folder = cache_dir()
    cache, variables = _parse_cache(stylesheet), _variables(stylesheet)
    if folder is None or cache is None or variables is None:
        return
    try:
        entries = {key: cache.get(key) for key in cache.keys()}
        if len(entries) <= loaded:
            return
        data = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # nothing to keep this time
        return
    entry = entry_for(variables, folder)
    temporary = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, entry)
    except OSError:
        with suppress(OSError):
            temporary.unlink(missing_ok=True)


__all__ = ["entry_for", "load", "save"]
