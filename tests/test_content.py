"""The shipped content loads, validates, covers the meeting and holds together."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from facilitator_tui import content
from facilitator_tui.content import ContentError
from facilitator_tui.models import FACTOR_GROUPS, NOTE_KINDS, PHASES, ROLES, THEMES
from facilitator_tui.wording import find_hints

REQUIRED_FACTORS = {"production-pressure", "time-of-day", "offsites-absences", "business-decisions"}
BLAMING_WORDS = ("should", "failed", "mistake", "human error", "why didn't", "why did you", "blame")


def test_data_dir_holds_every_file():
    folder = content.data_dir()
    for name in (
        "prompts.toml",
        "factors.toml",
        "ground_rules.toml",
        "demo_review.toml",
        "wording.toml",
        "wording_examples.toml",
        "event_kinds.toml",
    ):
        assert (folder / name).is_file(), name


# ── prompts ─────────────────────────────────────────────────────────────────


def test_prompt_deck_covers_every_theme_and_phase():
    prompts = content.load_prompts()
    assert len(prompts) >= 56
    per_theme = Counter(p.theme for p in prompts)
    assert set(per_theme) == set(THEMES)
    assert min(per_theme.values()) >= 7
    per_phase = Counter(phase for p in prompts for phase in p.phases)
    assert set(per_phase) == set(PHASES)
    assert min(per_phase.values()) >= 5


def test_prompt_ids_are_unique_and_stable_looking():
    ids = [p.id for p in content.load_prompts()]
    assert len(ids) == len(set(ids))
    for prompt in content.load_prompts():
        assert prompt.id.startswith(prompt.theme.replace("_", "-") + "-")


@pytest.mark.parametrize("prompt", content.load_prompts(), ids=lambda p: p.id)
def test_prompt_is_a_curious_question(prompt):
    assert prompt.text.endswith("?")
    assert find_hints(prompt.text) == []
    lowered = prompt.text.lower()
    for word in BLAMING_WORDS:
        assert word not in lowered
    assert not lowered.startswith("why")


def test_loaders_hand_out_copies():
    first = content.load_prompts()
    first[0].text = "changed?"
    assert content.load_prompts()[0].text != "changed?"


# ── what a start reads ──────────────────────────────────────────────────────


@pytest.mark.parametrize("loader", [content.load_prompts, content.load_factors, content.load_event_kinds],
                         ids=lambda loader: loader.__name__)
def test_a_start_builds_the_shipped_files_as_validation_does(loader):
    # A start builds these without validating (see content.py); that holds only because
    # the shipped files validate and validating them makes exactly the same models.
    as_written = loader()
    validated = loader(content.data_dir())  # a folder given: every entry validated
    assert as_written == validated
    assert [m.model_fields_set for m in as_written] == [m.model_fields_set for m in validated]
    for written, checked in zip(as_written, validated, strict=True):
        for condition, twin in zip(getattr(written, "when", []), getattr(checked, "when", []), strict=True):
            assert type(condition) is type(twin) and condition.model_fields_set == twin.model_fields_set


# ── factors and ground rules ────────────────────────────────────────────────


def test_factor_catalog():
    factors = content.load_factors()
    assert len(factors) >= 20
    ids = [f.id for f in factors]
    assert len(ids) == len(set(ids))
    assert REQUIRED_FACTORS <= set(ids)
    assert {f.group for f in factors} == set(FACTOR_GROUPS)
    for factor in factors:
        assert factor.description and "\n" not in factor.description
        assert find_hints(factor.description) == []


def test_ground_rules():
    rules = content.load_ground_rules()
    assert rules.title
    assert 5 <= len(rules.rules) <= 7
    assert rules.closing
    for rule in rules.rules:
        assert find_hints(rule) == []


# ── demo review ─────────────────────────────────────────────────────────────


def test_demo_timeline_is_rich_and_spans_midnight():
    demo = content.load_demo()
    zone = ZoneInfo(demo.review.timezone)
    assert demo.review.timezone != "UTC"
    assert demo.review.timebox_minutes == 60
    assert demo.review.facilitator
    assert len(demo.events) >= 60
    sources = Counter(e.source for e in demo.events)
    assert len(sources) >= 3
    assert {"pagerduty", "slack", "deploy", "statuspage", "manual"} <= set(sources)
    assert demo.review.incident_start and demo.review.incident_end
    start_day = demo.review.incident_start.astimezone(zone).date()
    end_day = demo.review.incident_end.astimezone(zone).date()
    assert end_day > start_day
    assert len({e.at.astimezone(zone).date() for e in demo.events}) >= 2
    assert sum(e.key_moment for e in demo.events) >= 5
    assert any(e.reply_to for e in demo.events)
    assert any(e.is_bot for e in demo.events if e.source == "slack")
    assert len({e.channel for e in demo.events if e.source == "slack"}) >= 3
    times = [e.at for e in demo.events]
    assert times == sorted(times)


def test_demo_people_notes_factors_and_prompts():
    demo = content.load_demo()
    assert len(demo.participants) == 5
    roles = {p.role for p in demo.participants}
    assert {"incident_commander", "responder", "subject_expert"} <= roles
    assert roles <= set(ROLES)
    assert {n.kind for n in demo.notes} == set(NOTE_KINDS)
    assert any(n.who for n in demo.notes) and any(n.event for n in demo.notes)
    assert any(n.prompt for n in demo.notes)
    for note in demo.notes:
        if note.kind == "action":
            assert note.owner and note.due
    ticked = {f.factor_id for f in demo.factors if f.ticked}
    assert REQUIRED_FACTORS | {"fatigue", "handoffs"} <= ticked
    assert all(f.note for f in demo.factors if f.ticked)
    assert any(s.asked_at for s in demo.prompt_states)
    assert any(s.starred for s in demo.prompt_states)


def test_demo_references_resolve():
    demo = content.load_demo()
    names = {p.name for p in demo.participants}
    refs = {e.ref for e in demo.events if e.ref}
    external = {e.external_id for e in demo.events if e.external_id}
    prompt_ids = {p.id for p in content.load_prompts()}
    factor_ids = {f.id for f in content.load_factors()}
    for note in demo.notes:
        assert not note.who or note.who in names
        assert not note.event or note.event in refs
        assert not note.prompt or note.prompt in prompt_ids
    assert all(e.reply_to in external for e in demo.events if e.reply_to)
    assert all(f.factor_id in factor_ids for f in demo.factors)
    assert all(s.prompt_id in prompt_ids for s in demo.prompt_states)
    assert demo.review.facilitator in names


def test_demo_converts_to_store_models():
    demo = content.load_demo()
    event = demo.events[0].to_event()
    assert not hasattr(event, "ref") and event.at == demo.events[0].at
    note = demo.notes[0].to_note(participant_id=3, event_id=7)
    assert (note.participant_id, note.event_id, note.prompt_id) == (3, 7, demo.notes[0].prompt or None)


def test_demo_notes_are_worded_without_blame():
    demo = content.load_demo()
    for note in demo.notes:
        if note.kind != "private":
            assert find_hints(note.text) == [], note.text
    for factor in demo.factors:
        assert find_hints(factor.note) == [], factor.note
    # One private note quotes a blaming remark on purpose, to show the hint.
    assert any(find_hints(n.text) for n in demo.notes if n.kind == "private")


# ── broken content ──────────────────────────────────────────────────────────


@pytest.fixture
def data_copy(tmp_path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(content.data_dir(), folder)
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _one_line_error(loader, folder: Path) -> str:
    with pytest.raises(ContentError) as info:
        loader(folder)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_copied_data_loads(data_copy):
    assert len(content.load_prompts(data_copy)) == len(content.load_prompts())
    assert content.load_demo(data_copy).review.title == content.load_demo().review.title


def test_unknown_theme_names_file_entry_and_value(data_copy):
    _edit(
        data_copy / "prompts.toml",
        'id = "noticing-03"\ntext = "What were you watching most closely at that point, and what made it the place to look?"\ntheme = "noticing"',
        'id = "noticing-03"\ntext = "What were you watching most closely at that point, and what made it the place to look?"\ntheme = "noticng"',
    )
    message = _one_line_error(content.load_prompts, data_copy)
    assert message.startswith("prompts.toml entry 3 (noticing-03): unknown theme 'noticng'")


def test_unknown_phase(data_copy):
    _edit(data_copy / "prompts.toml", 'phases = ["walk_timeline", "open"]', 'phases = ["walk", "open"]')
    assert "unknown phase 'walk'" in _one_line_error(content.load_prompts, data_copy)


def test_duplicate_prompt_id(data_copy):
    _edit(data_copy / "prompts.toml", 'id = "noticing-02"', 'id = "noticing-01"')
    assert "(noticing-01): duplicate id" in _one_line_error(content.load_prompts, data_copy)


def test_unknown_key_and_missing_text(data_copy):
    _edit(data_copy / "prompts.toml", 'text = "What was the first thing', 'txet = "What was the first thing')
    message = _one_line_error(content.load_prompts, data_copy)
    assert "prompts.toml entry 1 (noticing-01)" in message
    assert "missing 'text'" in message and "unknown key 'txet'" in message


def test_broken_toml(data_copy):
    (data_copy / "factors.toml").write_text('[[factor]]\nid = "x\n', encoding="utf-8")
    assert _one_line_error(content.load_factors, data_copy).startswith("factors.toml: not valid TOML")


def test_missing_file(data_copy):
    (data_copy / "ground_rules.toml").unlink()
    assert "ground_rules.toml: file not found" in _one_line_error(content.load_ground_rules, data_copy)


def test_unknown_factor_group(data_copy):
    _edit(data_copy / "factors.toml", 'group = "people"', 'group = "folks"')
    assert "factors.toml entry 1 (fatigue): unknown group 'folks'" in _one_line_error(
        content.load_factors, data_copy
    )


def test_demo_with_unknown_event_ref(data_copy):
    _edit(data_copy / "demo_review.toml", 'event = "mem-ack"', 'event = "mem-akc"')
    message = _one_line_error(content.load_demo, data_copy)
    assert message == "demo_review.toml note 1: unknown event ref 'mem-akc'"


def test_demo_with_unknown_participant_prompt_and_factor(data_copy):
    _edit(data_copy / "demo_review.toml", 'who = "Maya Okafor"', 'who = "Maya O."')
    assert "unknown participant 'Maya O.'" in _one_line_error(content.load_demo, data_copy)


def test_demo_with_unknown_factor(data_copy):
    _edit(data_copy / "demo_review.toml", 'factor_id = "fatigue"', 'factor_id = "tiredness"')
    assert "unknown factor id 'tiredness'" in _one_line_error(content.load_demo, data_copy)


def test_demo_with_naive_time(data_copy):
    _edit(data_copy / "demo_review.toml", "at = 2025-11-27T17:10:00+01:00", "at = 2025-11-27T17:10:00")
    message = _one_line_error(content.load_demo, data_copy)
    assert message.startswith("demo_review.toml event 2:") and "no time zone" in message


def test_bad_wording_regex(data_copy):
    _edit(data_copy / "wording.toml", r"'''\bif\s+only\b", r"'''\bif\s+only(\b")
    message = _one_line_error(content.load_wording_rules, data_copy)
    assert (
        message.startswith("wording.toml pattern")
        and "(if-only)" in message
        and "does not compile" in message
    )
