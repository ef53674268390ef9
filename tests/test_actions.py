"""Action items with a life: a state, the day it changed, a link; listed across every review."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime

import pytest

from facilitator_tui.cli import main
from facilitator_tui.errors import InputError, NotFoundError
from facilitator_tui.export import from_json, to_json, to_markdown

TODAY = date(2026, 3, 25)


def the_action(service, rid):
    return next(n for n in service.notes(rid) if n.kind == "action")


def test_an_action_is_open_until_marked_done_or_dropped(service, small_review):
    rid = small_review(service)
    action = the_action(service, rid)
    assert (action.state, action.state_changed_at, action.link) == ("open", None, "")
    when = datetime(2026, 3, 21, 9, 30, tzinfo=UTC)
    done = service.set_action_state(action.id, "done", link=" https://tickets.example.test/OPS-1 ",
                                    now=when)
    assert (done.state, done.state_changed_at, done.link) == (
        "done", when, "https://tickets.example.test/OPS-1")
    assert the_action(service, rid) == done
    # The same state again keeps the day it changed.
    assert service.set_action_state(action.id, "done").state_changed_at == when
    assert service.next_action_state(action.id).state == "dropped"
    assert service.next_action_state(action.id).state == "open"


@pytest.mark.parametrize("state", ["finished", "", "DONE", "open\n"])
def test_an_unknown_state_is_refused_and_nothing_changes(service, db_path, state, small_review, table_dump):
    rid = small_review(service)
    action = the_action(service, rid)
    before = table_dump(db_path)
    with pytest.raises(InputError, match="unknown action state"):
        service.set_action_state(action.id, state)
    assert table_dump(db_path) == before


def test_only_actions_have_a_state_and_a_link(service, small_review):
    rid = small_review(service)
    insight = next(n for n in service.notes(rid) if n.kind == "insight")
    with pytest.raises(InputError, match="not an action item"):
        service.set_action_state(insight.id, "done")
    with pytest.raises(NotFoundError, match="no action with id 999"):
        service.set_action_link(999, "x")
    with pytest.raises(InputError, match="one line"):
        service.set_action_link(the_action(service, rid).id, "a\nb")


def test_actions_across_reviews_with_filters_and_days_overdue(service, small_review):
    first = small_review(service)  # due 2026-03-20, owner Ana Costa
    second = small_review(service, "Search timeouts")
    late = service.add_note(second, "Rotate the search certificates", "action", owner="@bo",
                            due=date(2026, 3, 1))
    service.add_note(second, "Write down the failover steps", "action", owner="Bo")
    service.set_action_state(the_action(service, first).id, "done")

    everything = service.actions(today=TODAY)
    assert everything[0].row.text == "Rotate the search certificates"  # the soonest due first
    assert len(everything) == 4
    by_text = {i.row.text: i for i in everything}
    assert by_text["Rotate the search certificates"].days_overdue == 24
    assert by_text["Rotate the search certificates"].row.review_title == "Search timeouts"

    open_ones = service.actions(open_only=True, today=TODAY)
    assert len(open_ones) == 3 and all(i.row.state == "open" for i in open_ones)
    overdue = service.actions(overdue_only=True, today=TODAY)
    assert [(i.row.id, i.days_overdue) for i in overdue] == [(late.id, 24), (
        the_action(service, second).id, 5)]
    assert {i.row.text for i in service.actions(owner="BO", today=TODAY)} == {
        "Rotate the search certificates", "Write down the failover steps"}
    assert service.actions(owner="nobody", today=TODAY) == []


def test_the_json_export_and_restore_keep_state_day_and_link(service, tmp_path, small_review):
    rid = small_review(service)
    when = datetime(2026, 3, 21, 9, 30, tzinfo=UTC)
    service.set_action_state(the_action(service, rid).id, "dropped", link="OPS-9", now=when)
    text = to_json(service.snapshot(rid, portable=True))
    from facilitator_tui.service import ReviewService

    other = ReviewService.open(tmp_path / "other.db")
    restored = the_action(other, other.restore(from_json(text)))
    assert (restored.state, restored.state_changed_at, restored.link) == ("dropped", when, "OPS-9")
    other.close()


def test_the_markdown_export_shows_state_and_link(service, small_review):
    rid = small_review(service)
    service.set_action_state(the_action(service, rid).id, "done", link="https://t.example/OPS-2",
                             now=datetime(2026, 3, 21, tzinfo=UTC))
    md = to_markdown(service.snapshot(rid, portable=True))
    assert ("| Add per-partition lag to the dashboard | Ana Costa | 2026-03-20 | done 2026-03-21 "
            "| https://t.example/OPS-2 |") in md


# -- the command line -------------------------------------------------------------------


@pytest.fixture
def cli(db_path, capsys):
    def run(*args: str):
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_cli_action_sets_a_state_and_link(cli, service, small_review):
    rid = small_review(service)
    action = the_action(service, rid)
    code, out, err = cli("action", str(action.id), "done", "--link", "https://t.example/OPS-3")
    assert (code, out) == (0, "")
    assert err == f"action {action.id}: done · https://t.example/OPS-3\n"
    assert the_action(service, rid).state == "done"
    code, _, err = cli("action", str(action.id), "open", "--link", "")
    assert code == 0 and err == f"action {action.id}: open\n"


def test_cli_action_with_an_unknown_state_is_one_line_and_changes_nothing(cli, service, db_path, small_review, table_dump):
    rid = small_review(service)
    action = the_action(service, rid)
    before = table_dump(db_path)
    code, out, err = cli("action", str(action.id), "finished")
    assert (code, out) == (1, "")
    assert err == ("facilitator: unknown action state 'finished'; use open, done or dropped\n")
    code, _, err = cli("action", "4242", "done")
    assert code == 1 and err.startswith("facilitator: no action with id 4242")
    assert table_dump(db_path) == before


def test_cli_actions_in_three_formats(cli, service, small_review):
    rid = small_review(service)
    service.add_note(rid, "=HYPERLINK(\"http://evil.test\",\"x\") | not a | column", "action",
                     owner="+bo", due=date(2020, 1, 1))
    code, md, _ = cli("actions", "--overdue")
    assert code == 0
    assert md.startswith("| ID | Review | Action | Owner | Due | State | Days overdue | Link |")
    assert "\\| not a \\| column" in md  # a pipe in the text never makes a new column
    code, out, _ = cli("actions", "--format", "json", "--owner", "ana costa")
    [item] = json.loads(out)
    assert (item["text"], item["state"], item["review_title"]) == (
        "Add per-partition lag to the dashboard", "open", "Queue backlog after the deploy")
    assert item["review_uuid"] == service.review(rid).uuid
    code, out, _ = cli("actions", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    evil = next(r for r in rows if "HYPERLINK" in r["text"])
    assert evil["text"].startswith("'=") and evil["owner"] == "'+bo"  # no formula in a spreadsheet


def test_cli_actions_when_there_are_none(cli):
    code, out, _ = cli("actions", "--open")
    assert (code, out) == (0, "*No action items match.*\n")
