"""The report as text: Markdown for a wiki page, JSON for scripts.

The Markdown leads with the factors (tables: counts and shares, by quarter,
pairs), then what was learned where each factor was ticked, then actions and
meetings. Every name and learning people typed is escaped (`export.escape`);
the rest is our own fixed wording. The JSON holds every figure and every
learning; the Markdown shows the most recent learnings under each factor and
says how many more there are, so that the page stays readable.
"""

from __future__ import annotations

import json
from typing import Any

from facilitator_tui.export.escape import escaped_block, markdown_escape
from facilitator_tui.library.report import Report, quarter

LEARNINGS_PER_FACTOR = 10
QUARTERS_SHOWN = 8
STEP = "    "


def percent(share: float | None) -> str:
    return "—" if share is None else f"{round(share * 100)}%"


def _window(report: Report) -> str:
    if report.since and report.until:
        return f"from {report.since.isoformat()} to {report.until.isoformat()}"
    if report.since:
        return f"since {report.since.isoformat()}"
    if report.until:
        return f"until {report.until.isoformat()}"
    return "all reviews"


def _minutes(value: float) -> str:
    return f"{round(value)} min"


def to_markdown(report: Report) -> str:
    count = report.review_count
    blocks = [
        "# Learning reviews across the whole system",
        f"*{_window(report).capitalize()}: {count} review{'s' if count != 1 else ''}, "
        f"reported on {report.today.isoformat()}. Dates are the incident's start (UTC).*",
    ]
    blocks += _factors(report)
    blocks += _learnings(report)
    blocks += _actions(report)
    blocks += _meetings(report)
    return "\n\n".join(blocks) + "\n"


def _factors(report: Report) -> list[str]:
    blocks = ["## Contributing factors"]
    if not report.factors:
        return [*blocks, "*No contributing factors were ticked in these reviews.*"]
    blocks.append("In how many reviews each factor was ticked.")
    rows = ["| Factor | Reviews | Share |", "| --- | ---: | ---: |"]
    rows += [f"| {markdown_escape(f.name) or '—'} | {f.reviews} | {percent(f.share)} |"
             for f in report.factors]
    blocks.append("\n".join(rows))

    quarters = report.quarters[-QUARTERS_SHOWN:]
    blocks.append("### By quarter")
    if len(report.quarters) > len(quarters):
        blocks.append(f"*The last {len(quarters)} quarters; the JSON report has all of them.*")
    per_quarter = {q: 0 for q in quarters}
    for review in report.reviews:
        key = quarter(review.day)
        if key in per_quarter:
            per_quarter[key] += 1
    rows = ["| Factor | " + " | ".join(quarters) + " |",
            "| --- | " + " | ".join("---:" for _ in quarters) + " |",
            "| *Reviews* | " + " | ".join(str(per_quarter[q]) for q in quarters) + " |"]
    rows += [f"| {markdown_escape(f.name) or '—'} | "
             + " | ".join(str(f.by_quarter.get(q, 0)) for q in quarters) + " |"
             for f in report.factors]
    blocks.append("\n".join(rows))

    blocks.append("### Factors that appear together")
    if not report.pairs:
        blocks.append("*No review ticked two factors or more.*")
    else:
        rows = ["| Factors | Reviews | Share |", "| --- | ---: | ---: |"]
        rows += [f"| {markdown_escape(p.first)} + {markdown_escape(p.second)} | {p.reviews} | "
                 f"{percent(p.share)} |" for p in report.pairs]
        blocks.append("\n".join(rows))
    return blocks


def _learnings(report: Report) -> list[str]:
    blocks = ["## What we learned, by contributing factor"]
    if not report.learnings:
        return [*blocks, "*No learnings were recorded in these reviews.*"]
    blocks.append("*Insights noted in the reviews where each factor was ticked; the most recent "
                  "first.*")
    for group in report.learnings:
        blocks.append(f"### {markdown_escape(group.factor) or '—'}")
        recent = list(reversed(group.learnings))[:LEARNINGS_PER_FACTOR]
        items = [f"- {escaped_block(item.text, STEP, '*(no text)*')} — "
                 f"*{markdown_escape(item.review_title)}*" for item in recent]
        more = len(group.learnings) - len(recent)
        if more:
            items.append(f"- *… and {more} more (the JSON report lists every one).*")
        blocks.append("\n".join(items))
    return blocks


def _actions(report: Report) -> list[str]:
    figures = report.actions
    blocks = ["## Action items"]
    if not figures.total:
        return [*blocks, "*No action items in these reviews.*"]

    def share(n: int) -> str:
        return percent(n / figures.total)

    rows = [
        "| | Actions | Share |", "| --- | ---: | ---: |",
        f"| Total | {figures.total} | |",
        f"| Done | {figures.done} | {share(figures.done)} |",
        f"| Open | {figures.open} | {share(figures.open)} |",
        f"| Dropped | {figures.dropped} | {share(figures.dropped)} |",
        f"| Overdue (open, past due on {report.today.isoformat()}) | {figures.overdue} | "
        f"{share(figures.overdue)} |",
    ]
    blocks.append("\n".join(rows))
    if figures.median_days_to_done is not None:
        blocks.append(f"Median time from an action being written to being done: "
                      f"{figures.median_days_to_done:g} days.")
    return blocks


def _meetings(report: Report) -> list[str]:
    m = report.meetings
    blocks = ["## Meetings"]
    if not m.held:
        return [*blocks, "*No review meeting was held and closed in these reviews.*"]
    rows = [
        "| | |", "| --- | --- |",
        f"| Meetings held | {m.held} of {report.review_count} reviews |",
        f"| Time used | {_minutes(m.minutes_used)} of {m.minutes_planned} min planned "
        f"({percent(m.minutes_used / m.minutes_planned if m.minutes_planned else None)}) |",
        f"| Median meeting | {_minutes(m.median_minutes or 0)} |",
        f"| Ran past the timebox | {m.over_timebox} of {m.held} |",
        f"| Learned something | {percent(m.learned_share)} of {m.learned_yes + m.learned_no} answers |",
        f"| Would come again | {percent(m.again_share)} of {m.again_yes + m.again_no} answers |",
    ]
    blocks.append("\n".join(rows))
    return blocks


def to_document(report: Report) -> dict[str, Any]:
    """Every figure and every learning, as plain JSON values."""
    uuids = {r.id: r.uuid for r in report.reviews}
    a, m = report.actions, report.meetings
    return {
        "format": "facilitator-tui.report",
        "since": report.since.isoformat() if report.since else None,
        "until": report.until.isoformat() if report.until else None,
        "today": report.today.isoformat(),
        "reviews": report.review_count,
        "quarters": report.quarters,
        "factors": [
            {"key": f.key, "name": f.name, "group": f.group, "reviews": f.reviews,
             "share": round(f.share, 4), "by_quarter": f.by_quarter,
             "review_uuids": [uuids[i] for i in f.review_ids]}
            for f in report.factors
        ],
        "pairs": [{"factors": [p.first, p.second], "reviews": p.reviews, "share": round(p.share, 4)}
                  for p in report.pairs],
        "learnings": [
            {"factor": g.factor,
             "learnings": [{"review_uuid": uuids[item.review_id], "review_title": item.review_title,
                            "text": item.text} for item in g.learnings]}
            for g in report.learnings
        ],
        "actions": {"total": a.total, "done": a.done, "open": a.open, "dropped": a.dropped,
                    "overdue": a.overdue,
                    "share_done": None if a.share_done is None else round(a.share_done, 4),
                    "median_days_to_done": a.median_days_to_done},
        "meetings": {"held": m.held, "minutes_used": round(m.minutes_used, 1),
                     "minutes_planned": m.minutes_planned, "over_timebox": m.over_timebox,
                     "median_minutes": None if m.median_minutes is None else round(m.median_minutes, 1),
                     "learned_share": None if m.learned_share is None else round(m.learned_share, 4),
                     "learned_answers": m.learned_yes + m.learned_no,
                     "again_share": None if m.again_share is None else round(m.again_share, 4),
                     "again_answers": m.again_yes + m.again_no},
    }


def to_json(report: Report) -> str:
    return json.dumps(to_document(report), indent=2, ensure_ascii=False) + "\n"
