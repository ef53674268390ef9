"""The quick-capture syntax of the notes input: a kind prefix, `@name`, `owner:`, `due:`.

    i: the dashboards only showed averages @ana     -> insight, said by Ana
    a: add a p99 panel owner:Bo Chen due:fri        -> action for Bo Chen, due next Friday
    a: write it up owner:ana due:+7d                -> due a week from today
    ? what made the alert look like noise           -> question
    p: ask Chen privately about the handoff         -> private facilitator note
    @ravi p: seemed upset                           -> private (prefix and @name in either order)
    private: seemed upset                           -> private (the word works as well as p:)

A participant's full name may follow `@` or `owner:` with its spaces. Pure: it
knows participants only as names and today only as a date, and never raises.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

PREFIXES: dict[str, str] = {
    "o": "observation",
    "obs": "observation",
    "i": "insight",
    "l": "insight",
    "a": "action",
    "q": "question",
    "?": "question",
    "p": "private",
    "private": "private",
}

_PREFIX = re.compile(r"^\s*(obs|private|[oilaqp])\s*:\s*", re.IGNORECASE)
_LEADING_MENTION = re.compile(r"^\s*@([\w.\-']+)\s*")
_QUESTION = re.compile(r"^\s*\?\s*")
_MENTION = re.compile(r"(?<![\w@])@([\w.\-']+)")
_OWNER = re.compile(r"(?<!\S)owner:@?(\S+)", re.IGNORECASE)
_DUE = re.compile(r"(?<!\S)due:(\S*)", re.IGNORECASE)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_AHEAD = re.compile(r"\+(\d{1,3})\s*(d|w|m)", re.IGNORECASE)
WEEKDAYS = {name: number for number, names in enumerate((
    ("mon", "monday"), ("tue", "tues", "tuesday"), ("wed", "weds", "wednesday"),
    ("thu", "thur", "thurs", "thursday"), ("fri", "friday"), ("sat", "saturday"), ("sun", "sunday"),
)) for name in names}
DUE_FORMS = "due:2026-12-05, due:fri, due:+7d or due:next-week"


@dataclass
class QuickNote:
    kind: str
    text: str
    who: str | None = None  # the participant's full name, if a mention matched one
    owner: str = ""
    due: date | None = None
    problem: str = ""  # a one-line reason the note cannot be saved as typed
    unknown: str = ""  # an `@name` that matched no participant (the app offers to add them)


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


_TRIGGER = re.compile(r"(?:(?<![\w@])@|(?<!\S)owner:@?)", re.IGNORECASE)


def complete(value: str, names: list[str]) -> str | None:
    """`value` with the name being typed after its last `@` or `owner:` written out in full.

    For the input's suggestion: `...owner:an` gives `...owner:Ana Lima`. Spaces may
    already be typed (`@ana l`); None when nothing is being typed or no name fits.
    """
    triggers = list(_TRIGGER.finditer(value))
    if not triggers:
        return None
    start = triggers[-1].end()
    partial = value[start:]
    if not partial or len(partial) > 80 or partial != partial.lstrip():
        return None
    folded = partial.casefold()
    for name in names:
        if name.casefold().startswith(folded) and len(name) > len(partial):
            return value[:start] + name
    return None


def _full_name_at(text: str, start: int, names: list[str]) -> str | None:
    """The longest participant name written at text[start:], ending at a word's edge."""
    rest = text[start:].casefold()
    for name in sorted(names, key=len, reverse=True):
        folded = name.casefold()
        if " " in folded and rest.startswith(folded):
            after = text[start + len(name):start + len(name) + 1]
            if not after or not (after.isalnum() or after == "_"):
                return name
    return None


def _remove(text: str, start: int, end: int) -> str:
    return (text[:start] + text[end:]).strip()


def parse_due(value: str, today: date) -> date | None:
    """A due date as typed after `due:`: ISO, a weekday, today/tomorrow, +7d/+2w/+1m, next-week.

    A weekday is the next one after today; next-week is the Friday of next week,
    and next-fri (or any next-<day>) that day in next week. None if it cannot be read.
    """
    word = value.strip().casefold().rstrip(".,;")
    if _ISO_DATE.fullmatch(word):
        return date.fromisoformat(word)  # ValueError for a date that does not exist
    if word in ("today", "tod"):
        return today
    if word in ("tomorrow", "tmrw", "tmr"):
        return today + timedelta(days=1)
    if word in WEEKDAYS:
        return today + timedelta(days=(WEEKDAYS[word] - today.weekday() - 1) % 7 + 1)
    next_monday = today + timedelta(days=7 - today.weekday())
    if word in ("next-week", "nextweek", "next_week"):
        return next_monday + timedelta(days=4)
    if word.startswith(("next-", "next_")) and word[5:] in WEEKDAYS:
        return next_monday + timedelta(days=WEEKDAYS[word[5:]])
    ahead = _AHEAD.fullmatch(word)
    if ahead:
        count, unit = int(ahead.group(1)), ahead.group(2).lower()
        if unit == "d":
            return today + timedelta(days=count)
        if unit == "w":
            return today + timedelta(weeks=count)
        month = today.month - 1 + count
        year, month = today.year + month // 12, month % 12 + 1
        return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))
    return None


def _attribution(text: str, names: list[str]) -> tuple[str, str | None, str]:
    """The text, the participant an `@name` credits, and an `@name` that matched nobody."""
    unknown = ""
    for mention in _MENTION.finditer(text):
        start = mention.start()
        full = _full_name_at(text, start + 1, names)
        end = start + 1 + len(full) if full else mention.end()
        found = full or match_participant(mention.group(1), names)
        if not found:
            unknown = unknown or mention.group(1).rstrip(".,;:!?'")
            continue
        before, after = text[:start], text[end:]
        # A mention at either end is attribution, not part of what was said.
        if not before.strip() or not after.strip():
            text = (before + after).strip()
        return text, found, ""
    return text, None, unknown


def _kind_at_start(text: str) -> tuple[str | None, str]:
    """A kind prefix (or a leading `?`) at the start of `text`, and the text after it."""
    m = _PREFIX.match(text)
    if m:
        return PREFIXES[m.group(1).lower()], text[m.end():]
    q = _QUESTION.match(text)
    if q:
        return "question", text[q.end():]
    return None, text


def leading_kind(raw: str, default_kind: str = "observation") -> str:
    """The kind `raw` will be saved as, reading past leading `@mentions` (for masking as one types)."""
    text = raw
    while True:
        kind, text = _kind_at_start(text)
        if kind:
            return kind
        m = _LEADING_MENTION.match(text)
        if not m:
            return default_kind
        text = text[m.end():]


def parse(raw: str, names: list[str], default_kind: str = "observation", *,
          today: date | None = None) -> QuickNote:
    text = raw.strip()
    who = None
    # The kind prefix and an @name may come in either order: "@ravi p: ..." is private.
    found_kind, text = _kind_at_start(text)
    if found_kind is None:
        m = _LEADING_MENTION.match(text)
        if m:
            full = _full_name_at(text, m.start(1), names)
            end = m.start(1) + len(full) if full else m.end(1)
            later, rest = _kind_at_start(text[end:])
            if later:
                found_kind = later
                who = full or match_participant(m.group(1), names)
                # Not a participant: the mention stays in the text (and is offered to add).
                text = rest if who else f"{text[:end].strip()} {rest}"
    kind = found_kind or default_kind
    owner = ""
    due = None
    problem = ""
    if kind == "action":
        # Owner and due first: a name after `owner:` is the owner, not who said it.
        om = _OWNER.search(text)
        if om:
            start = om.start(1)
            full = _full_name_at(text, start, names)
            if full:
                owner, end = full, start + len(full)
            else:
                token = om.group(1)
                owner, end = match_participant(token, names) or token, om.end()
            text = _remove(text, om.start(), end)
        dm = _DUE.search(text)
        if dm:
            value = dm.group(1)
            try:
                due = parse_due(value, today or date.today())
            except (ValueError, OverflowError):
                problem = f"due date {value} is not a real date"
            else:
                if due is None:
                    shown = value or "(nothing)"
                    problem = f"due:{shown} cannot be read as a date; try {DUE_FORMS}"
            text = _remove(text, dm.start(), dm.end())
    unknown = ""
    if who is None:
        text, who, unknown = _attribution(text, names)
    text = re.sub(r"[ \t]{2,}", " ", text).strip()
    if not text and not problem:
        problem = "the note is empty"
    return QuickNote(kind=kind, text=text, who=who, owner=owner, due=due, problem=problem,
                     unknown=unknown)
