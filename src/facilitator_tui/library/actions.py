"""Action items across all reviews: what is open, what is late, and the list in three formats.

An action is overdue when it is still open and its due day has passed; how many
days late it is counts from the day after it was due. Owners are matched
without regard to case or a leading "@", as people write them both ways.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date

from facilitator_tui.export.escape import markdown_escape
from facilitator_tui.export.json_io import json_time
from facilitator_tui.library.rows import ActionRow

FORMATS = ("md", "json", "csv")
# Spreadsheets run a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ActionItem:
    row: ActionRow
    days_overdue: int

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


def days_overdue(row: ActionRow, today: date) -> int:
    if row.state != "open" or row.due is None or row.due >= today:
        return 0
    return (today - row.due).days


def with_overdue(rows: list[ActionRow], today: date, *, overdue_only: bool = False) -> list[ActionItem]:
    items = [ActionItem(row, days_overdue(row, today)) for row in rows]
    return [item for item in items if item.overdue] if overdue_only else items


def _fields(item: ActionItem) -> dict[str, object]:
    row = item.row
    return {
        "id": row.id,
        "review_id": row.review_id,
        "review_uuid": row.review_uuid,
        "review_title": row.review_title,
        "text": row.text,
        "owner": row.owner,
        "due": row.due.isoformat() if row.due else None,
        "state": row.state,
        "state_changed_at": json_time(row.state_changed_at) if row.state_changed_at else None,
        "link": row.link,
        "days_overdue": item.days_overdue,
    }


def to_json(items: list[ActionItem]) -> str:
    return json.dumps([_fields(i) for i in items], indent=2, ensure_ascii=False) + "\n"


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(items: list[ActionItem]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = ["id", "review_title", "text", "owner", "due", "state", "days_overdue", "link",
               "review_id", "review_uuid", "state_changed_at"]
    writer.writerow(columns)
    for item in items:
        fields = _fields(item)
        writer.writerow([_cell(fields[c]) for c in columns])
    return out.getvalue()


def state_words(row: ActionRow) -> str:
    if row.state == "open" or row.state_changed_at is None:
        return row.state
    return f"{row.state} {row.state_changed_at.date().isoformat()}"


def to_markdown(items: list[ActionItem], today: date) -> str:
    if not items:
        return "*No action items match.*\n"
    lines = [
        "| ID | Review | Action | Owner | Due | State | Days overdue | Link |",
        "| ---: | --- | --- | --- | --- | --- | ---: | --- |",
    ]
    for item in items:
        row = item.row
        lines.append(" | ".join([
            f"| {row.id}",
            markdown_escape(row.review_title) or "—",
            markdown_escape(row.text) or "—",
            markdown_escape(row.owner) or "—",
            row.due.isoformat() if row.due else "—",
            state_words(row),
            str(item.days_overdue) if item.overdue else "",
            markdown_escape(row.link) or "",
        ]) + " |")
    open_count = sum(1 for i in items if i.row.state == "open")
    late = sum(1 for i in items if i.overdue)
    lines.append("")
    lines.append(f"{len(items)} actions · {open_count} open · {late} overdue on {today.isoformat()}")
    return "\n".join(lines) + "\n"


def render(items: list[ActionItem], fmt: str, today: date) -> str:
    if fmt == "json":
        return to_json(items)
    if fmt == "csv":
        return to_csv(items)
    return to_markdown(items, today)
