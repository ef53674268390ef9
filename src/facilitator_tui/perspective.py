"""Whose events are whose, and what one person saw: the rules of the timeline's
"as they saw it" view, as plain functions of names and times.

A person saw what they wrote (under their name, or their unique first name as a
chat tool spells it), what named them (a page "Notified Maya Okafor", a message
to "maya"), and what was said in the channels they wrote in from half an hour
before to half an hour after each of their messages there. The review service
reads the names and times from the store; the store turns the result into SQL.
No database, no Textual.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

# How long around their own message a person counts as reading a channel.
WINDOW = timedelta(minutes=30)


def slug(name: str) -> str:
    """A name with case, spaces, dots and dashes gone: 'maya.okafor' is 'Maya Okafor'."""
    return "".join(c for c in name.casefold() if c.isalnum())


def ascii_lower(text: str) -> str:
    """Lower-case as SQLite's lower() does: ASCII letters only."""
    return "".join(c.lower() if c.isascii() else c for c in text)


def _unique_first(name: str, everyone: Iterable[str]) -> str | None:
    """The first name, if the name has more than one word and nobody else shares it."""
    words = name.split()
    if len(words) < 2:
        return None
    others = {n.split()[0].casefold() for n in everyone if n.split() and slug(n) != slug(name)}
    return None if words[0].casefold() in others else words[0]


def own_actors(name: str, actors: Iterable[str], everyone: Iterable[str]) -> list[str]:
    """The stored actor names that mean this person: the name itself, or their unique
    first name ("maya" for Maya Okafor), in any case or spelling of dots and dashes."""
    first = _unique_first(name, list(everyone))
    wanted = {slug(name)} | ({slug(first)} if first else set())
    return [actor for actor in actors if slug(actor) in wanted]


def mention_words(name: str, everyone: Iterable[str]) -> list[str]:
    """The words that name the person in a message: the full name, and a unique first
    name of three letters or more."""
    words = [ascii_lower(name)]
    first = _unique_first(name, list(everyone))
    if first and len(first) >= 3:
        words.append(ascii_lower(first))
    return list(dict.fromkeys(words))


def channel_windows(written: Iterable[tuple[str, datetime]],
                    width: timedelta = WINDOW) -> list[tuple[str, datetime, datetime]]:
    """(channel, from, to) around each message, overlapping stretches joined; `written`
    is (channel, time) in channel then time order."""
    windows: list[tuple[str, datetime, datetime]] = []
    for channel, at in written:
        start, end = at - width, at + width
        if windows and windows[-1][0] == channel and start <= windows[-1][2]:
            windows[-1] = (channel, windows[-1][1], max(end, windows[-1][2]))
        else:
            windows.append((channel, start, end))
    return windows


__all__ = ["WINDOW", "ascii_lower", "channel_windows", "mention_words", "own_actors", "slug"]
