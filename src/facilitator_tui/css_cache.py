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
that only its owner may read or write (see `parse_cache.keep`), read only by
this app.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from pathlib import Path
from typing import Any

import textual

from facilitator_tui.parse_cache import cache_dir, keep

_VERSION = 1  # of this file's layout


def entry_for(variables: dict[str, str], folder: Path) -> Path:
    """The cache file for these theme variables, under this Textual and this Python."""
    stamp = repr((_VERSION, textual.__version__, sys.version_info[:2], sorted(variables.items())))
    return folder / f"css-{hashlib.sha1(stamp.encode('utf-8', 'surrogatepass')).hexdigest()[:20]}.pickle"


def _where(stylesheet: Any) -> tuple[Path, Any, dict[str, str]] | None:
    """The cache folder, Textual's own cache of parsed sheets and the theme's variables."""
    folder = cache_dir()
    cache = getattr(stylesheet, "_parse_cache", None)
    variables = getattr(stylesheet, "_variables", None)
    if folder is None or cache is None or not isinstance(variables, dict):
        return None
    return folder, cache, variables


def load(stylesheet: Any) -> int:
    """Hand Textual the sheets kept for its current variables; how many were handed over."""
    where = _where(stylesheet)
    if where is None:
        return 0
    folder, cache, variables = where
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
    where = _where(stylesheet)
    if where is None:
        return
    folder, cache, variables = where
    try:
        entries = {key: cache.get(key) for key in cache.keys()}
        if len(entries) <= loaded:
            return
        data = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # nothing to keep this time
        return
    keep(entry_for(variables, folder), data)


__all__ = ["entry_for", "load", "save"]
