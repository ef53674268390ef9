"""The quick-capture syntax of the notes input: a kind prefix, `@name`, `owner:`, `due:`.

    i: the dashboards only showed averages @ana     -> insight, said by Ana
    a: add a p99 panel owner:bo due:2026-12-05      -> action for Bo, due 5 Dec
    ? what made the alert look like noise           -> question
    p: ask Chen privately about the handoff         -> private facilitator note

Pure: it knows participants only as names, and never raises on any input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

PREFIXES: dict[str, str] = {
    "o": "observation",
    "obs": "observation",
    "i": "insight",
    "l": "insight",
    "a": "action",
    "q": "question",
    "?": "question",
    "p": "private",
}

_PREFIX = re.compile(r"^\s*(obs|[oilaqp])\s*:\s*", re.IGNORECASE)
_QUESTION = re.compile(r"^\s*\?\s*")
_MENTION = re.compile(r"(?<![\w@])@([\w.\-']+)")
_OWNER = re.compile(r"(?<!\S)owner:(\S+)", re.IGNORECASE)
_DUE = re.compile(r"(?<!\S)due:(\d{4}-\d{2}-\d{2})", re.IGNORECASE)


@dataclass
class QuickNote:
    kind: str
    text: str
    who: str | None = None  # the participant's full name, if a mention matched one
    owner: str = ""
    due: date | None = None
    problem: str = ""  # a one-line reason the note cannot be saved as typed


def _slug(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name).casefold()


def match_participant(token: str, names: list[str]) -> str | None:
    """The participant a mention means: full name, unique first name, or unique prefix."""
    wanted = _slug(token)
    if not wanted:
        return None
    for name in names:
        if _slug(name) == wanted:
            return name
    firsts = [n for n in names if _slug(n.split()[0]) == wanted] if names else []
    if len(firsts) == 1:
        return firsts[0]
    prefixed = [n for n in names if _slug(n).startswith(wanted)]
    if len(prefixed) == 1:
        return prefixed[0]
    return None


def mention_for(name: str, names: list[str]) -> str:
    """The shortest `@token` that picks out `name` among `names` (for completion)."""
    first = name.split()[0]
    if match_participant(first, names) == name:
        return "@" + first
    return "@" + re.sub(r"\s+", "_", name)


def parse(raw: str, names: list[str], default_kind: str = "observation") -> QuickNote:
    text = raw.strip()
    kind = default_kind
    m = _PREFIX.match(text)
    if m:
        kind = PREFIXES[m.group(1).lower()]
        text = text[m.end():]
    else:
        q = _QUESTION.match(text)
        if q:
            kind = "question"
            text = text[q.end():]
    who = None
    for mention in _MENTION.finditer(text):
        found = match_participant(mention.group(1), names)
        if found:
            who = found
            before, after = text[: mention.start()], text[mention.end():]
            # A mention at either end is attribution, not part of what was said.
            if not before.strip() or not after.strip():
                text = (before + after).strip()
            break
    owner = ""
    due = None
    problem = ""
    if kind == "action":
        om = _OWNER.search(text)
        if om:
            token = om.group(1)
            owner = match_participant(token.lstrip("@"), names) or token.lstrip("@")
            text = (text[: om.start()] + text[om.end():]).strip()
        dm = _DUE.search(text)
        if dm:
            try:
                due = date.fromisoformat(dm.group(1))
            except ValueError:
                problem = f"due date {dm.group(1)} is not a real date"
            text = (text[: dm.start()] + text[dm.end():]).strip()
    text = re.sub(r"[ \t]{2,}", " ", text).strip()
    if not text and not problem:
        problem = "the note is empty"
    return QuickNote(kind=kind, text=text, who=who, owner=owner, due=due, problem=problem)
