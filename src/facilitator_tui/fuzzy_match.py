"""Which names a few typed letters stand for, best first: the palette's search.

The letters must appear in the name in order (case aside; spaces typed are
ignored). A name that starts with what was typed comes first, then one whose
words start with it ("sm" for "Start meeting", "note" for "Add a note"), then
any other. Within a tier, letters on word starts and in runs count most, then a
shorter name. It is plain Python, quick enough to run on every key: a name of
n letters and a query of m cost n*m steps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

PREFIX, WORD_START, ANYWHERE = 0, 1, 2
WORD_BONUS, RUN_BONUS = 3, 2


@dataclass(frozen=True)
class Match:
    tier: int
    score: int
    positions: tuple[int, ...]


def word_starts(name: str) -> list[bool]:
    """Where a word begins: the first letter, after a non-letter, or a capital after a small letter."""
    starts = []
    for i, char in enumerate(name):
        before = name[i - 1] if i else ""
        starts.append(char.isalnum() and (not before or not before.isalnum()
                                          or (char.isupper() and before.islower())))
    return starts


def match(query: str, name: str) -> Match | None:
    """How `name` matches `query`, or None when the letters are not all in it, in order."""
    typed = query.strip()
    letters = [c.casefold() for c in typed if not c.isspace()]
    if not letters:
        return Match(PREFIX, 0, ())
    if len(letters) > len(name):
        return None
    starts = word_starts(name)
    if len(typed) <= len(name) and name[:len(typed)].casefold() == typed.casefold():
        positions = tuple(i for i in range(len(typed)) if not name[i].isspace())
        return Match(PREFIX, len(positions) * (WORD_BONUS + RUN_BONUS), positions)
    text = [c.casefold() for c in name]
    # best[j]: the best score with the latest letter at j; back[i][j]: where the one before sat.
    none = -1
    best = [(WORD_BONUS if starts[j] else 0) if c == letters[0] else none
            for j, c in enumerate(text)]
    back: list[list[int]] = [[-1] * len(text)]
    for letter in letters[1:]:
        row = [none] * len(text)
        came = [-1] * len(text)
        top, top_at = none, -1  # the best of best[0..j-2]
        for j in range(1, len(text)):
            if j >= 2 and best[j - 2] > top:
                top, top_at = best[j - 2], j - 2
            if text[j] != letter:
                continue
            bonus = WORD_BONUS if starts[j] else 0
            run = best[j - 1] + RUN_BONUS if best[j - 1] != none else none
            if run != none and run >= top:
                row[j], came[j] = run + bonus, j - 1
            elif top != none:
                row[j], came[j] = top + bonus, top_at
        best = row
        back.append(came)
    end = max(range(len(text)), key=lambda j: best[j])
    if best[end] == none:
        return None
    trail = [end]
    for came in reversed(back[1:]):
        trail.append(came[trail[-1]])
    trail.reverse()
    return Match(_tier(trail, starts), best[end], tuple(trail))


def _tier(positions: list[int], starts: list[bool]) -> int:
    if positions == list(range(len(positions))):
        return PREFIX
    # Every run of letters begins a word: "sm" in "Start meeting", "note" in "Add a note".
    runs_start_words = all(starts[p] for i, p in enumerate(positions)
                           if i == 0 or positions[i - 1] != p - 1)
    return WORD_START if runs_start_words else ANYWHERE


def ranked(query: str, names: Sequence[str]) -> list[tuple[int, Match]]:
    """(index into `names`, match) for every name that matches, best first; ties keep their order.

    An empty query lists every name in the order given.
    """
    if not query.strip():
        return [(i, Match(PREFIX, 0, ())) for i in range(len(names))]  # everything, as given
    found = [(i, m) for i, name in enumerate(names) if (m := match(query, name)) is not None]
    found.sort(key=lambda item: (item[1].tier, -item[1].score, len(names[item[0]]), item[0]))
    return found


__all__ = ["Match", "match", "ranked", "word_starts"]
