"""What an import did or would do, in words: one summary line, the lines it left out, a preview.

Shared by the CLI (`import`, `import --dry-run`) and the import dialog, so both
say the same thing. Every piece of imported text (names, sources, skipped
lines) is shown literally on one line: control characters become symbols.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from facilitator_tui.safe_text import clip, single_line
from facilitator_tui.timeparse import format_local

if TYPE_CHECKING:
    from facilitator_tui.import_job import ImportSummary

_LISTED_NUMBERS = 12


def describe_import(summary: ImportSummary, review: Any, dry_run: bool | None = None) -> str:
    """'imported 3 events (csv) from ... to ... Europe/Berlin; sources: csv 3; 2 actors'."""
    tz = review.zone
    if summary.first is None or summary.last is None:
        span = "no events"
    else:
        span = (f"{format_local(summary.first, tz, with_date=True)} to "
                f"{format_local(summary.last, tz, with_date=True)} {review.timezone}")
    sources = ", ".join(f"{single_line(k)} {v}" for k, v in sorted(summary.sources.items())) or "none"
    would = summary.dry_run if dry_run is None else dry_run
    verb = "would import" if would else "imported"
    extra = f"; {summary.duplicates} already present" if summary.duplicates else ""
    noise = f"; {summary.noise_skipped} join/leave messages skipped" if summary.noise_skipped else ""
    return (f"{verb} {summary.added} events ({summary.fmt}) from {span}; sources: {sources}; "
            f"{summary.actors} actors{extra}{noise}")


def _numbers(numbers: list[int], total: int) -> str:
    shown = ", ".join(str(n) for n in numbers[:_LISTED_NUMBERS])
    more = total - min(len(numbers), _LISTED_NUMBERS)
    return shown + (f" and {more} more" if more > 0 else "")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def left_out(summary: ImportSummary) -> list[str]:
    """One line per kind of thing the import skipped, joined or assumed, with line numbers."""
    lines = [single_line(note) for note in summary.notes]
    if summary.leading_skipped:
        lines.append(f"skipped {_plural(summary.leading_skipped, 'line')} before the first time")
    unread = [s for s in summary.skipped if s.reason != "before the first timed line"]
    unread_total = summary.skipped_total - summary.leading_skipped
    if unread_total > 0:
        numbers = [s.line for s in unread if s.line is not None]
        lines.append(f"skipped {_plural(unread_total, 'line')} that could not be read: line "
                     f"{_numbers(numbers, unread_total)}")
    if summary.joined:
        lines.append(f"joined {_plural(summary.joined, 'line')} without a time to the event above: line "
                     f"{_numbers(list(summary.joined_lines), summary.joined)}")
    if summary.outside_window:
        lines.append(f"left out {_plural(summary.outside_window, 'event')} outside the chosen times")
    return lines


def skipped_details(summary: ImportSummary, width: int = 100, limit: int = 10) -> list[str]:
    """'line 14: cannot read the time it starts with: 14.03.2026 23:07 restart', one per skipped line."""
    rows = []
    for item in summary.skipped[:limit]:
        where = f"line {item.line}" if item.line is not None else "entry"
        rows.append(clip(single_line(f"{where}: {item.reason}: {item.text}"), width))
    more = summary.skipped_total - len(rows)
    if more > 0:
        rows.append(f"and {more} more")
    return rows


def preview_rows(summary: ImportSummary, review: Any, width: int = 100) -> list[str]:
    """The first events as they will be stored: local time, actor, source, text; literal, one line each."""
    tz = review.zone
    rows = []
    for event in summary.preview:
        when = format_local(event.at, tz, with_date=True)
        actor = clip(single_line(event.actor) or "-", 14).ljust(14)
        source = clip(single_line(event.source), 9).ljust(9)
        head = f"{when}  {actor}  {source}  "
        rows.append(head + clip(single_line(event.text), max(10, width - len(head))))
    return rows


def dry_run_text(summary: ImportSummary, review: Any, width: int = 100) -> str:
    """Everything `import --dry-run` prints: the summary, what is left out and why, the first rows."""
    lines = [describe_import(summary, review, dry_run=True), *left_out(summary)]
    details = skipped_details(summary, width - 2)
    if details:
        lines.append("lines that will be skipped:")
        lines.extend(f"  {row}" for row in details)
    rows = preview_rows(summary, review, width - 2)
    if rows:
        lines.append(f"first events as they will be stored ({review.timezone}):")
        lines.extend(f"  {row}" for row in rows)
    return "\n".join(lines)
