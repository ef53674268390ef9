"""Charts for the insights screen, drawn as text: bars of block characters beside words and numbers.

Every chart says what it shows in words and figures as well as in length or
shade, so it reads on a projector, in every theme and without colour. Names
people typed (custom factors) are shown literally, on one line. The functions
take a `paint` that turns a theme role ("accent", "success"...) into a style,
so the same chart serves a `Static` (theme variables) and a `RowList` (resolved
styles).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.style import Style

from facilitator_tui.library.report import ActionFigures, FactorCount, Report, quarter
from facilitator_tui.library.report_text import percent
from facilitator_tui.safe_text import clip, single_line

Paint = Callable[[str], "Style | str"]

_EIGHTHS = " ▏▎▍▌▋▊▉"
_SPARK = "▁▂▃▄▅▆▇█"
STATE_ROLES = {"done": "success", "open": "warning", "dropped": "text-muted"}


def bar(fraction: float, width: int) -> str:
    """A horizontal bar `fraction` of `width` cells long, to an eighth of a cell."""
    eighths = round(max(0.0, min(1.0, fraction)) * max(0, width) * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def spark(fraction: float) -> str:
    return _SPARK[round(max(0.0, min(1.0, fraction)) * (len(_SPARK) - 1))]


def name_cell(name: str, width: int) -> str:
    return clip(single_line(name), width).ljust(width)


def name_width(report: Report, available: int) -> int:
    """Room for factor names: the longest, up to 30 cells, leaving at least 16 for the rest."""
    longest = max((len(single_line(f.name)) for f in report.factors), default=6)
    return max(8, min(longest, 30, available - 16))


def factor_row(factor: FactorCount, top: int, width: int, names: int, paint: Paint) -> Content:
    """'Production pressure  ██████▍   7  58%': the bar is scaled to the most ticked factor."""
    tail = f" {factor.reviews:>4} {percent(factor.share):>4}"
    room = max(1, width - names - len(tail) - 1)
    drawn = bar(factor.reviews / top if top else 0.0, room)
    return Content.assemble(
        (name_cell(factor.name, names) + " ", ""),
        (drawn, paint("accent")),
        (" " * (room - len(drawn)), ""),
        (tail, paint("text-muted")),
    )


def action_chart(figures: ActionFigures, width: int, paint: Paint) -> Content:
    """One bar per state, then overdue and the median time to done, in words."""
    if not figures.total:
        return Content("No action items in these reviews yet.")
    lines = []
    label = 8
    for state, count in (("done", figures.done), ("open", figures.open),
                         ("dropped", figures.dropped)):
        tail = f" {count:>4} {percent(count / figures.total):>4}"
        room = max(1, width - label - len(tail))
        drawn = bar(count / figures.total, room)
        lines.append(Content.assemble(
            (state.ljust(label), "bold"),
            (drawn, paint(STATE_ROLES[state])),
            (" " * (room - len(drawn)) + tail, paint("text-muted")),
        ))
    words = f"{figures.total} actions · {figures.overdue} overdue"
    if figures.median_days_to_done is not None:
        words += f" · median {figures.median_days_to_done:g} days to done"
    lines.append(Content(words))
    return Content("\n").join(lines)


def quarter_chart(report: Report, width: int, paint: Paint) -> Content:
    """Factors down, the latest quarters across: a shade for the share of that quarter's
    reviews that ticked the factor, and the count."""
    if not report.factors:
        return Content("No contributing factors were ticked yet.")
    cell = 7
    names = max(8, min(name_width(report, width), width - cell * 2 - 1))
    columns = max(1, min(8, (width - names) // cell))
    quarters = report.quarters[-columns:]
    per_quarter = {q: 0 for q in quarters}
    for review in report.reviews:
        key = quarter(review.day)
        if key in per_quarter:
            per_quarter[key] += 1
    head = "".join(q[2:].replace("-", " ").rjust(cell) for q in quarters)
    lines = [
        Content.assemble((name_cell("", names), ""), (head, paint("text-muted"))),
        Content.assemble((name_cell("reviews", names), paint("text-muted")),
                         ("".join(str(per_quarter[q]).rjust(cell) for q in quarters),
                          paint("text-muted"))),
    ]
    for factor in report.factors:
        parts: list[tuple[str, Style | str]] = [(name_cell(factor.name, names), "")]
        for q in quarters:
            count, total = factor.by_quarter.get(q, 0), per_quarter[q]
            shade = spark(count / total) if count and total else " "
            parts.append((" " * (cell - 5) + shade, paint("accent")))
            parts.append((f"{count:>4}", "" if count else paint("text-muted")))
        lines.append(Content.assemble(*parts))
    return Content("\n").join(lines)


def summary(report: Report) -> str:
    """One or two lines: how many reviews and meetings, and how the meetings went."""
    m = report.meetings
    parts = [f"{report.review_count} review{'s' if report.review_count != 1 else ''}",
             f"{m.held} meeting{'s' if m.held != 1 else ''} held"]
    if m.held:
        parts.append(f"{round(m.minutes_used)} of {m.minutes_planned} min used "
                     f"({percent(m.minutes_used / m.minutes_planned if m.minutes_planned else None)})")
        parts.append(f"{m.over_timebox} ran over")
    if m.learned_yes + m.learned_no:
        parts.append(f"learned something {percent(m.learned_share)}")
    if m.again_yes + m.again_no:
        parts.append(f"would come again {percent(m.again_share)}")
    return " · ".join(parts)
