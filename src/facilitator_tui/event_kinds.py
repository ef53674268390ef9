"""What kind of moment a timeline event is: a page, an acknowledgement, a handoff, a deploy...

The prompt deck offers the questions written for that kind first. Kinds are
recognised from the event's source, its importer-given kind and its words,
with the rules kept in data/event_kinds.toml: what the tools say outweighs
the words, so every rule without words is tried before any rule with them.
Pure: no Textual, no database; never raises on odd text.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache

from facilitator_tui.content import KIND_WORDS_FLAGS, ContentError, load_event_kinds
from facilitator_tui.models import Event

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Condition:
    kind_id: str
    sources: frozenset[str]
    kinds: frozenset[str]
    words: str | None  # the pattern's source, compiled when an event first reaches it

    def fits(self, source: str, kind: str, text: str) -> bool:
        if self.sources and source not in self.sources:
            return False
        if self.kinds and kind not in self.kinds:
            return False
        return self.words is None or words_pattern(self.words).search(text) is not None


@cache
def words_pattern(words: str) -> re.Pattern[str]:
    """A condition's words as a compiled pattern, once per process.

    Compiling all of them costs a start about 5 ms; the first event shown usually
    fits a rule tried before most of them (what the tools say is tried first).
    """
    return re.compile(words, KIND_WORDS_FLAGS)


@dataclass(frozen=True, slots=True)
class _Rules:
    conditions: tuple[_Condition, ...]  # in the order they are tried
    labels: dict[str, str]


@cache
def _rules() -> _Rules:
    kinds = load_event_kinds()
    structural: list[_Condition] = []
    worded: list[_Condition] = []
    for kind in kinds:
        for when in kind.when:
            words = when.words_source()
            condition = _Condition(kind.id, frozenset(s.casefold() for s in when.source),
                                   frozenset(k.casefold() for k in when.kind), words)
            (worded if words is not None else structural).append(condition)
    return _Rules(tuple(structural + worded), {k.id: k.label for k in kinds})


def recognise(event: Event) -> str | None:
    """The id of the kind of moment `event` is, or None when no rule fits."""
    try:
        rules = _rules()
    except ContentError as exc:
        log.warning("event kinds are off: %s", exc)
        return None
    source, kind = event.source.strip().casefold(), event.kind.strip().casefold()
    text = event.text or ""
    for condition in rules.conditions:
        if condition.fits(source, kind, text):
            return condition.kind_id
    return None


def kind_label(kind_id: str) -> str:
    """How the deck names a kind ("a deploy or config change"); the id if unknown."""
    try:
        return _rules().labels.get(kind_id, kind_id)
    except ContentError:
        return kind_id


def kind_ids() -> list[str]:
    try:
        return list(_rules().labels)
    except ContentError:
        return []


__all__ = ["kind_ids", "kind_label", "recognise"]
