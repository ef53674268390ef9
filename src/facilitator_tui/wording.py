"""Blame-aware wording hints: spot phrases that judge people instead of describing work.

Pure and quiet: `find_hints` takes any text and returns hints (never raises), so
the note composer can call it on every keystroke. The patterns live in
data/wording.toml; earlier patterns win where two match overlapping text.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache

from facilitator_tui.content import ContentError, load_wording_rules

log = logging.getLogger(__name__)

# An open, curious question ("What could have made this easier?") is not a
# judgement, but "How could you ..." and "How come ..." are.
_OPEN_QUESTION = re.compile(r"^(?:what|how|which|where|in\s+what)\b", re.IGNORECASE)
_ACCUSING_QUESTION = re.compile(r"^how\s+(?:could\s+(?:you|he|she)|come)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?\n]")
_LEADING_NOISE = " \t\"'“‘(-*•>"


@dataclass(frozen=True, slots=True)
class WordingHint:
    pattern_id: str
    matched_text: str
    start: int
    end: int
    hint: str
    reframe: str


@dataclass(frozen=True, slots=True)
class _Compiled:
    id: str
    regex: re.Pattern[str]
    hint: str
    reframe: str
    open_questions_ok: bool


@cache
def _rules() -> tuple[_Compiled, ...]:
    return tuple(
        _Compiled(
            id=rule.id,
            regex=re.compile(rule.pattern, re.IGNORECASE),
            hint=rule.hint,
            reframe=rule.reframe,
            open_questions_ok=rule.open_questions_ok,
        )
        for rule in load_wording_rules()
    )


def _in_open_question(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] sits in a sentence that is an open what/how question."""
    before = max(text.rfind(ch, 0, start) for ch in ".!?\n")
    after = _SENTENCE_END.search(text, end)
    if after is None or after.group() != "?":
        return False
    sentence = text[before + 1 : after.start()].lstrip(_LEADING_NOISE)
    return bool(_OPEN_QUESTION.match(sentence)) and not _ACCUSING_QUESTION.match(sentence)


def find_hints(text: str) -> list[WordingHint]:
    """Every blame-aware hint for `text`, in reading order; [] on anything odd."""
    if not isinstance(text, str) or not text.strip():
        return []
    try:
        rules = _rules()
    except ContentError as exc:
        log.warning("wording hints are off: %s", exc)
        return []
    taken: list[tuple[int, int]] = []
    hints: list[WordingHint] = []
    for rule in rules:
        for match in rule.regex.finditer(text):
            start, end = match.span()
            if start == end or any(start < e and s < end for s, e in taken):
                continue
            if rule.open_questions_ok and _in_open_question(text, start, end):
                continue
            taken.append((start, end))
            hints.append(WordingHint(rule.id, match.group(), start, end, rule.hint, rule.reframe))
    hints.sort(key=lambda h: (h.start, h.end))
    return hints
