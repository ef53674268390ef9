"""Wording hints: the labelled sentences behave, and no input can make find_hints raise."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator_tui.content import data_dir, load_wording_rules
from facilitator_tui.wording import WordingHint, find_hints


def _examples() -> list[dict]:
    with (data_dir() / "wording_examples.toml").open("rb") as handle:
        return tomllib.load(handle)["example"]


EXAMPLES = _examples()
BLAMING = [e for e in EXAMPLES if e["blaming"]]
NEUTRAL = [e for e in EXAMPLES if not e["blaming"]]
# Blaming sentences no pattern catches yet are kept: they count against recall.
EXPECTED = [e for e in BLAMING if e.get("pattern")]


def test_examples_are_many_and_balanced():
    assert len(EXAMPLES) >= 150
    assert abs(len(BLAMING) - len(NEUTRAL)) <= len(EXAMPLES) // 5
    rule_ids = {r.id for r in load_wording_rules()}
    assert {e["pattern"] for e in EXPECTED} <= rule_ids


def test_precision_and_recall_on_the_labelled_sentences(capsys):
    """Precision stays at 100%: a neutral sentence never gets a hint. Recall is reported."""
    caught = sum(1 for e in BLAMING if find_hints(e["text"]))
    false_alarms = [e["text"] for e in NEUTRAL if find_hints(e["text"])]
    precision = caught / (caught + len(false_alarms)) if caught else 0.0
    recall = caught / len(BLAMING)
    with capsys.disabled():
        print(f"\nwording hints on {len(EXAMPLES)} labelled sentences "
              f"({len(BLAMING)} blaming, {len(NEUTRAL)} neutral): "
              f"precision {precision:.1%}, recall {recall:.1%}")
    assert false_alarms == [] and precision == 1.0
    assert recall >= 0.95


def test_counterfactual_and_passive_blame_are_caught():
    assert [h.pattern_id for h in find_hints("Had they checked the flags, it would not have happened.")] \
        == ["had-they"]
    assert [h.pattern_id for h in find_hints("The deploy was botched by Lukas.")] == ["passive-blame"]
    # Asking what someone knew is the review's work; a system's counterfactual is not blame.
    assert find_hints("Had she known the warning was real, the night would have gone differently.") == []
    assert find_hints("Had the alert fired at 90%, it would have paged.") == []
    assert find_hints("The deploy was approved by two reviewers.") == []


def test_no_reframe_reads_try_try():
    # The app shows a reframe after "Try:"; a reframe that starts with "Try" reads twice.
    for rule in load_wording_rules():
        assert not rule.reframe.lower().startswith("try"), rule.id


@pytest.mark.parametrize("example", EXPECTED, ids=lambda e: e["text"][:40])
def test_blaming_sentence_gets_the_expected_hint(example):
    hints = find_hints(example["text"])
    assert example["pattern"] in [h.pattern_id for h in hints], [
        (h.pattern_id, h.matched_text) for h in hints
    ]


@pytest.mark.parametrize("example", NEUTRAL, ids=lambda e: e["text"][:40])
def test_neutral_sentence_gets_no_hint(example):
    hints = find_hints(example["text"])
    assert hints == [], [(h.pattern_id, h.matched_text) for h in hints]


def test_every_rule_is_exercised_by_an_example():
    used = {e["pattern"] for e in EXPECTED}
    assert {r.id for r in load_wording_rules()} <= used


def test_hint_points_at_the_matched_text():
    text = "Honestly, Jonas should have escalated sooner."
    [hint] = find_hints(text)
    assert isinstance(hint, WordingHint)
    assert text[hint.start : hint.end] == hint.matched_text == "should have escalated"
    assert hint.hint and hint.reframe


def test_hints_come_in_reading_order_without_overlap():
    hints = find_hints("Obviously it was a mistake. The root cause was careless work.")
    assert [h.pattern_id for h in hints] == ["hindsight", "mistake", "root-cause", "careless"]
    spans = [(h.start, h.end) for h in hints]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_open_question_is_spared_but_the_same_words_in_a_statement_are_not():
    assert find_hints("What could have made this easier?") == []
    assert find_hints("- how could we have seen it sooner?") == []
    assert [h.pattern_id for h in find_hints("He could have made this easier.")] == ["could-have"]
    assert [h.pattern_id for h in find_hints("How could you have missed it?")] == ["why-did-you"]


@pytest.mark.parametrize("text", ["", "   ", "\n", "[/", "[@click=app.quit]x[/]", "\x00\x1b[31m"])
def test_odd_text_gives_nothing(text):
    assert find_hints(text) == []


def test_non_text_gives_nothing():
    assert find_hints(None) == []  # type: ignore[arg-type]
    assert find_hints(42) == []  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text):
    for hint in find_hints(text):
        assert text[hint.start : hint.end] == hint.matched_text


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([e["text"] for e in EXAMPLES]) | st.text(max_size=20), max_size=6))
def test_never_raises_on_mixed_sentences(parts):
    text = " ".join(parts)
    hints = find_hints(text)
    assert hints == sorted(hints, key=lambda h: (h.start, h.end))


def test_long_text_is_quick():
    import time

    text = ("The alert fired and we looked at it " * 2000) + "should have rolled back"
    started = time.perf_counter()
    hints = find_hints(text)
    assert time.perf_counter() - started < 1.0
    assert [h.pattern_id for h in hints] == ["should-have"]


def test_wording_and_content_stay_headless():
    code = (
        "import json, sys, facilitator_tui.wording, facilitator_tui.content, facilitator_tui.meeting.plan,"
        " facilitator_tui.event_kinds;"
        "facilitator_tui.wording.find_hints('he should have known');"
        "print(json.dumps(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(out.stdout))
    assert not {"textual", "rich", "sqlite3", "sqlite_utils", "facilitator_tui.store"} & loaded
