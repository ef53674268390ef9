"""The commands that work across reviews: actions, the report, and the team library.

`cli.py` adds these to its parser and hands them their parsed arguments and an
open service. Failures are raised as one-line errors for `cli.main` to print.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from facilitator_tui.service import ReviewService

def add_commands(command: Callable[[str, str], argparse.ArgumentParser],
                 parser_class: type[argparse.ArgumentParser]) -> None:
    p = command("actions", "list action items across all reviews")
    p.add_argument("--open", action="store_true", help="only actions still open")
    p.add_argument("--overdue", action="store_true", help="only open actions past their due date")
    p.add_argument("--owner", metavar="NAME", help="only actions owned by NAME (any case)")
    p.add_argument("--format", choices=("md", "json", "csv"), default="md")

    p = command("action", "set an action item's state: open, done or dropped")
    p.add_argument("action_id", type=int, metavar="ID", help="the action's id ('facilitator actions')")
    p.add_argument("state", metavar="STATE", help="open, done or dropped")
    p.add_argument("--link", metavar="URL", help="a ticket or other link for it ('' clears it)")

    p = command("report", "figures across reviews: factors, learnings, actions, meetings")
    p.add_argument("--since", metavar="DATE", help="only incidents from this day on (YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="only incidents up to this day (YYYY-MM-DD)")
    p.add_argument("--format", choices=("md", "json"), default="md")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    p = command("library", "share reviews through a folder kept in git")
    sub = p.add_subparsers(dest="library_command", metavar="export|import", required=True,
                           parser_class=parser_class)
    for name, text in (("export", "write each changed review to DIR, one JSON file each"),
                       ("import", "add new and update changed reviews from DIR")):
        q = sub.add_parser(name, help=text, description=text)
        q.add_argument("folder", metavar="DIR")


def parse_day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    from facilitator_tui.errors import InputError
    from facilitator_tui.safe_text import clip, single_line

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        shown = clip(single_line(text), 40)
        raise InputError(f"{option}: {shown!r} is not a date like 2026-01-31") from None


def run_command(service: ReviewService, args: argparse.Namespace,
                write_output: Callable[[Path, str, bool], None]) -> int:
    cmd = args.command
    if cmd == "actions":
        from facilitator_tui.library.actions import render

        today = date.today()
        items = service.actions(open_only=args.open, overdue_only=args.overdue, owner=args.owner,
                                today=today)
        sys.stdout.write(render(items, args.format, today))
        return 0
    if cmd == "action":
        note = service.set_action_state(args.action_id, args.state, link=args.link)
        link = f" · {_line(note.link)}" if note.link else ""
        print(f"action {note.id}: {note.state}{link}", file=sys.stderr)
        return 0
    if cmd == "report":
        from facilitator_tui.library.report_text import to_json, to_markdown

        report = service.report(since=parse_day(args.since, "--since"),
                                until=parse_day(args.until, "--until"))
        text = to_json(report) if args.format == "json" else to_markdown(report)
        if args.output:
            write_output(Path(args.output), text, args.force)
            print(f"wrote {args.output}", file=sys.stderr)
        else:
            sys.stdout.write(text)
        return 0
    done = (service.export_library(args.folder) if args.library_command == "export"
            else service.import_library(args.folder))
    for line in done.lines():
        print(line)
    return 0


def _line(text: str) -> str:
    from facilitator_tui.safe_text import single_line

    return single_line(text)
