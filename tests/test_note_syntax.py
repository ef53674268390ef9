"""The quick-capture syntax of the notes input."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from facilitator_tui.note_syntax import complete, mention_for, parse

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


WEDNESDAY = date(2026, 12, 2)


def test_owner_and_mention_may_hold_spaces():
    note = parse("a: add a p99 panel owner:Ana Lima due:2026-12-05", PEOPLE)
    assert (note.owner, note.text) == ("Ana Lima", "add a p99 panel")
    note = parse("a: write it up owner:bo chen", PEOPLE)
    assert (note.owner, note.text) == ("Bo Chen", "write it up")
    note = parse("@Bo Diallo the cache was full", PEOPLE)
    assert (note.who, note.text) == ("Bo Diallo", "the cache was full")
    note = parse("i: averages hide spikes @ana lima", PEOPLE)
    assert (note.who, note.text) == ("Ana Lima", "averages hide spikes")
    # The owner is not who said it: a later mention still attributes.
    note = parse("a: add a panel owner:Ana Lima @Bo Chen", PEOPLE)
    assert (note.owner, note.who, note.text) == ("Ana Lima", "Bo Chen", "add a panel")


def test_an_owner_who_is_not_a_participant_is_kept_as_typed():
    assert parse("a: tune alerts owner:platform-team", PEOPLE).owner == "platform-team"


def test_due_dates_people_type():
    def due(value: str) -> date | None:
        return parse(f"a: x due:{value}", PEOPLE, today=WEDNESDAY).due

    assert due("fri") == date(2026, 12, 4)
    assert due("Friday") == date(2026, 12, 4)
    assert due("wed") == date(2026, 12, 9)  # today is Wednesday: the next one
    assert due("+7d") == date(2026, 12, 9)
    assert due("+2w") == date(2026, 12, 16)
    assert due("+1m") == date(2027, 1, 2)
    assert due("tomorrow") == date(2026, 12, 3)
    assert due("next-week") == date(2026, 12, 11)  # the Friday of next week
    assert due("next-mon") == date(2026, 12, 7)
    assert parse("a: x due:+1m", PEOPLE, today=date(2027, 1, 31)).due == date(2027, 2, 28)


def test_a_due_date_that_cannot_be_read_says_so():
    note = parse("a: write the runbook due:next-wek", PEOPLE, today=WEDNESDAY)
    assert note.problem == ("due:next-wek cannot be read as a date; "
                            "try due:2026-12-05, due:fri, due:+7d or due:next-week")
    assert "cannot be read" in parse("a: x due:", PEOPLE).problem


def test_an_unknown_mention_is_reported_for_the_app_to_offer():
    note = parse("@Nobody the dashboards lied", PEOPLE)
    assert (note.who, note.unknown, note.text) == (None, "Nobody", "@Nobody the dashboards lied")
    assert parse("mail ana@example.com", PEOPLE).unknown == ""
    assert parse("@ana and @Nobody", PEOPLE).unknown == ""


def test_completion_writes_out_the_full_name():
    assert complete("i: spikes @an", PEOPLE) == "i: spikes @Ana Lima"
    assert complete("@bo d", PEOPLE) == "@Bo Diallo"
    assert complete("a: fix it owner:ch", PEOPLE) == "a: fix it owner:Chris"
    assert complete("a: fix it owner:@ana", PEOPLE) == "a: fix it owner:@Ana Lima"
    assert complete("plain text", PEOPLE) is None
    assert complete("@zed", PEOPLE) is None
    assert complete("@Chris", PEOPLE) is None


@given(st.text(), st.dates())
def test_never_raises_with_any_date(raw, today):
    parse(raw, PEOPLE, today=today)
    complete(raw, PEOPLE)
