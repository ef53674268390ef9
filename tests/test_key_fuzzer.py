"""The seeded key fuzzer (see key_fuzzer.py): 5,000 random keys and pastes, no exit, no leak.

Sequences that once failed are kept below as regression cases and replayed first.
"""

from __future__ import annotations

import pytest
from key_fuzzer import fuzz
from meeting_helpers import demo_in_meeting

from facilitator_tui.service import ReviewService

SEEDS = [11, 23, 37, 41, 53]
STEPS_PER_SEED = 1000

# Sequences that failed once, each replayed as one burst of keys, as it was found.
REGRESSIONS: dict[str, list[tuple[str, str]]] = {
    # Two palettes with one id: Textual's DuplicateIds ended the app.
    "ctrl+p twice in a burst": [("key", "ctrl+p"), ("key", "ctrl+p")],
    # Paging an empty (or not yet drawn) list of matches: a KeyError in Textual's list.
    "page down in a palette with no match": [("key", "ctrl+p"), ("key", "z"), ("key", "q"),
                                             ("key", "x"), ("key", "pagedown"), ("key", "pageup")],
    "page down as the palette opens": [("key", "ctrl+p"), ("key", "pagedown"), ("key", "pagedown")],
}


@pytest.fixture
def meeting(db_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # exports and screenshots land here
    monkeypatch.setenv("FACILITATOR_LOG", str(tmp_path / "facilitator.log"))
    service = ReviewService.open(db_path)
    rid = demo_in_meeting(service)
    service.close()
    return rid


@pytest.mark.parametrize("seed", SEEDS)
async def test_random_keys_never_end_the_meeting_or_show_private_text(db_path, meeting, seed):
    report = await fuzz(db_path, meeting, seed=seed, steps=STEPS_PER_SEED)
    tail = " ".join(report.history[-30:])
    assert not report.failure, f"{report.failure}; last steps: {tail}"
    assert not report.leaks, f"private text shown: {report.leaks}; last steps: {tail}"
    assert report.steps == STEPS_PER_SEED


@pytest.mark.parametrize("name", sorted(REGRESSIONS))
async def test_sequences_that_once_failed(db_path, meeting, name):
    report = await fuzz(db_path, meeting, seed=0, steps=0, script=REGRESSIONS[name], check_every=1)
    assert not report.failure and not report.leaks
