"""The quick-capture syntax of the notes input."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from facilitator_tui.note_syntax import mention_for, parse

PEOPLE = ["Ana Lima", "Bo Chen", "Bo Diallo", "Chris"]


def test_plain_text_is_an_observation():
    note = parse("the dashboard showed averages", PEOPLE)
    assert (note.kind, note.text, note.who) == ("observation", "the dashboard showed averages", None)


def test_prefixes_choose_the_kind():
    assert parse("i: averages hide spikes", PEOPLE).kind == "insight"
    assert parse("a: add p99 panel", PEOPLE).kind == "action"
    assert parse("? what made it look like noise", PEOPLE).kind == "question"
    assert parse("q: what did you expect", PEOPLE).kind == "question"
    assert parse("p: follow up with Chris", PEOPLE).kind == "private"
    assert parse("P : upper case works", PEOPLE).kind == "private"


def test_mention_at_either_end_is_attribution_not_text():
    note = parse("i: averages hide spikes @ana", PEOPLE)
    assert note.who == "Ana Lima"
    assert note.text == "averages hide spikes"
    note = parse("@chris the pager was quiet", PEOPLE)
    assert (note.who, note.text) == ("Chris", "the pager was quiet")


def test_mention_in_the_middle_is_kept_in_the_text():
    note = parse("asked @chris to look at the queue", PEOPLE)
    assert note.who == "Chris"
    assert note.text == "asked @chris to look at the queue"


def test_ambiguous_first_name_does_not_attribute():
    note = parse("@bo restarted it", PEOPLE)
    assert note.who is None
    assert parse("@bo_chen restarted it", PEOPLE).who == "Bo Chen"


def test_action_owner_and_due():
    note = parse("a: add a p99 panel owner:ana due:2026-12-05", PEOPLE)
    assert note.kind == "action"
    assert note.owner == "Ana Lima"
    assert note.due == date(2026, 12, 5)
    assert note.text == "add a p99 panel"


def test_impossible_due_date_is_a_problem():
    assert "not a real date" in parse("a: x due:2026-02-30", PEOPLE).problem


def test_empty_note_is_a_problem():
    assert parse("i:   ", PEOPLE).problem == "the note is empty"


def test_mentions_for_completion_are_unique():
    assert mention_for("Ana Lima", PEOPLE) == "@Ana"
    assert mention_for("Bo Chen", PEOPLE) == "@Bo_Chen"
    assert parse(mention_for("Bo Diallo", PEOPLE) + " hi", PEOPLE).who == "Bo Diallo"


@given(st.text())
def test_never_raises(raw):
    parse(raw, PEOPLE)
