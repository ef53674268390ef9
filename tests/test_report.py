"""`facilitator report`: factors across reviews, learnings by factor, action follow-through, meetings."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from markdown_it import MarkdownIt

from facilitator_tui.cli import main
from facilitator_tui.errors import InputError
from facilitator_tui.library.report_text import to_json, to_markdown

TODAY = date(2026, 9, 1)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture
def reviews(service, small_review):
    """Four reviews over three quarters; pressure in three, pressure and fatigue together in two."""
    a = small_review(service, "Q1 outage", start=at("2026-02-10 23:00"),
                     factors=("production-pressure", "fatigue"))
    b = small_review(service, "Q2 outage", start=at("2026-05-03 02:00"),
                     factors=("production-pressure", "fatigue", "handoffs"))
    c = small_review(service, "Q2 slowdown", start=at("2026-06-20 14:00"),
                     factors=("production-pressure",))
    d = small_review(service, "Q3 blip", start=at("2026-07-02 10:00"), factors=())
    custom = service.add_custom_factor(c, "Vendor | outage *again*")
    service.add_custom_factor(d, "vendor  | OUTAGE *again*")  # the same factor, typed again
    service.add_custom_factor(d, " handoffs AND shift changes")  # one the catalog has
    assert custom.custom
    # actions: a done in 4 days, b dropped, c open and overdue, d open not yet due
    service.set_action_state(next(n.id for n in service.notes(a) if n.kind == "action"), "done",
                             now=datetime.combine(date.today(), datetime.min.time(), UTC)
                             + timedelta(days=4))
    service.set_action_state(next(n.id for n in service.notes(b) if n.kind == "action"), "dropped")
    service.edit_note(next(n.id for n in service.notes(d) if n.kind == "action"),
                      due=date(2026, 12, 1))
    # meetings: a ran 50 of 60 minutes, b 75 of 60
    for rid, minutes, answers in ((a, 50, (4, 1, 5, 0)), (b, 75, (3, 0, 2, 2))):
        start = at("2026-08-01 10:00")
        service.update_review(rid, meeting_started_at=start,
                              meeting_ended_at=start + timedelta(minutes=minutes), status="closed",
                              learned_yes=answers[0], learned_no=answers[1],
                              again_yes=answers[2], again_no=answers[3])
    return a, b, c, d


def test_factor_counts_shares_quarters_and_pairs(service, reviews):
    report = service.report(today=TODAY)
    assert report.review_count == 4
    assert report.quarters == ["2026-Q1", "2026-Q2", "2026-Q3"]
    counts = {f.name: (f.reviews, round(f.share, 2)) for f in report.factors}
    assert counts == {"Production pressure": (3, 0.75), "Fatigue": (2, 0.5),
                      "Vendor | outage *again*": (2, 0.5), "Handoffs and shift changes": (2, 0.5)}
    assert report.factors[0].name == "Production pressure"
    assert report.factors[0].by_quarter == {"2026-Q1": 1, "2026-Q2": 2, "2026-Q3": 0}
    first = report.pairs[0]
    assert ({first.first, first.second}, first.reviews) == ({"Fatigue", "Production pressure"}, 2)


def test_learnings_are_grouped_by_the_factors_of_their_review(service, reviews):
    *_, d = reviews
    service.add_note(d, "Nobody owned the vendor status page", "insight")
    report = service.report(today=TODAY)
    groups = {g.factor: [(item.review_title, item.text) for item in g.learnings]
              for g in report.learnings}
    fatigue = groups["Fatigue"]
    assert {title for title, _ in fatigue} == {"Q1 outage", "Q2 outage"}
    assert ("Q3 blip", "Nobody owned the vendor status page") in groups["Vendor | outage *again*"]
    assert "No factor ticked" not in groups


def test_action_figures_and_median_days_to_done(service, reviews):
    figures = service.report(today=TODAY).actions
    assert (figures.total, figures.done, figures.open, figures.dropped, figures.overdue) == (
        4, 1, 2, 1, 1)
    assert figures.share_done == 0.25
    assert figures.median_days_to_done == 4


def test_meetings_time_used_against_the_timebox_and_the_closing_answers(service, reviews):
    meetings = service.report(today=TODAY).meetings
    assert (meetings.held, round(meetings.minutes_used), meetings.minutes_planned,
            meetings.over_timebox) == (2, 125, 120, 1)
    assert meetings.learned_share == 7 / 8
    assert meetings.again_share == 7 / 9


def test_the_window_keeps_reviews_whose_incident_began_in_it(service, reviews):
    report = service.report(since=date(2026, 5, 1), until=date(2026, 6, 30), today=TODAY)
    assert [r.title for r in report.reviews] == ["Q2 outage", "Q2 slowdown"]
    assert report.actions.total == 2
    assert service.report(since=date(2026, 7, 2), until=date(2026, 7, 2), today=TODAY).review_count == 1
    with pytest.raises(InputError, match="ends"):
        service.report(since=date(2026, 7, 2), until=date(2026, 7, 1))


def test_the_markdown_reads_as_a_wiki_page_and_escapes_what_people_typed(service, reviews):
    md = to_markdown(service.report(today=TODAY))
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[:4] == ["Learning reviews across the whole system", "Contributing factors",
                            "By quarter", "Factors that appear together"]
    assert "Action items" in headings and "Meetings" in headings
    assert sum(1 for t in tokens if t.type == "table_open") == 5
    assert "| Vendor \\| outage \\*again\\* | 2 | 50% |" in md
    assert "| Production pressure | 3 | 75% |" in md
    assert "| Overdue (open, past due on 2026-09-01) | 1 | 25% |" in md
    assert "Median time from an action being written to being done: 4 days." in md
    assert "| Meetings held | 2 of 4 reviews |" in md
    assert "| Learned something | 88% of 8 answers |" in md


def test_an_empty_database_reports_gently(service):
    md = to_markdown(service.report(today=TODAY))
    assert "*No contributing factors were ticked in these reviews.*" in md
    assert "*No action items in these reviews.*" in md
    document = json.loads(to_json(service.report(today=TODAY)))
    assert document["reviews"] == 0 and document["actions"]["share_done"] is None


def test_the_json_has_every_figure(service, reviews):
    document = json.loads(to_json(service.report(today=TODAY)))
    assert document["format"] == "facilitator-tui.report"
    assert document["factors"][0]["name"] == "Production pressure"
    assert document["factors"][0]["by_quarter"] == {"2026-Q1": 1, "2026-Q2": 2, "2026-Q3": 0}
    assert len(document["factors"][0]["review_uuids"]) == 3
    assert document["actions"]["overdue"] == 1
    assert document["meetings"]["held"] == 2


# -- the command line -------------------------------------------------------------------


@pytest.fixture
def cli(db_path, capsys):
    def run(*args: str):
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_cli_report_to_stdout_and_to_a_file(cli, reviews, tmp_path):
    code, out, _ = cli("report", "--since", "2026-05-01")
    assert code == 0 and out.startswith("# Learning reviews across the whole system")
    assert "Since 2026-05-01: 3 reviews" in out
    target = tmp_path / "report.json"
    code, _, err = cli("report", "--format", "json", "-o", str(target))
    assert code == 0 and err == f"wrote {target}\n"
    assert json.loads(target.read_text())["reviews"] == 4
    code, _, err = cli("report", "-o", str(target))
    assert code == 1 and "already exists" in err


@pytest.mark.parametrize("value", ["yesterday", "2026-02-30", "2026-1-5x", "\x1b[31m"])
def test_cli_report_with_a_date_that_is_not_a_date(cli, value):
    code, out, err = cli("report", "--until", value)
    assert (code, out) == (1, "")
    assert err.startswith("facilitator: --until: ") and "is not a date like 2026-01-31" in err
    assert err.count("\n") == 1 and "\x1b" not in err
