"""The `facilitator` command: open the app, or script reviews from the shell.

Every failure a user can cause (an unknown id, a missing file, a bad argument,
a damaged database) is one line on stderr and a non-zero exit, never a traceback.
Every message goes through the same literal-text rule as the screen: a file
name or a channel name from an untrusted archive can never drive the terminal.
"""

from __future__ import annotations

import argparse
import gc
import sys
from datetime import datetime
from pathlib import Path
from typing import NoReturn, cast

from facilitator_tui import __version__
from facilitator_tui.paths import DB_ENV, resolve_db_path

# Defined in cli_library.py, which is loaded only to run one of them.
LIBRARY_COMMANDS = ("actions", "action", "report", "library")
COMMANDS = ("open", "demo", "new", "list", "export", "restore", "import", "delete", "where",
            "follow", "serve", *LIBRARY_COMMANDS)
EXIT_USAGE = 2
EXIT_FAILED = 1
# The importers' formats (importers.FORMATS), listed here so that --help does not load them.
IMPORT_FORMATS = ("auto", "slack", "pagerduty", "opsgenie", "statuspage", "jsonl", "csv", "text")


class CliError(Exception):
    """A failure to report as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def _db_option(parser: argparse.ArgumentParser, top: bool) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=None if top else argparse.SUPPRESS,
        help=f"the database file (default: ${DB_ENV}, else the user data folder)",
    )


class _NotParsed:
    """Stands in for the parser of a command this run does not parse: nothing is built."""

    def add_argument(self, *args: object, **kwargs: object) -> None:
        pass

    def add_subparsers(self, *args: object, **kwargs: object) -> _NotParsed:
        return self

    def add_parser(self, *args: object, **kwargs: object) -> _NotParsed:
        return self


def command_in(argv: list[str]) -> str | None:
    """The command `argv` runs, when nothing before it but --db asks for the whole parser."""
    words = iter(argv)
    for word in words:
        if word == "--db":
            next(words, None)
        elif not word.startswith("--db="):
            return None if word.startswith("-") else word
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line; with `only`, the arguments of that command alone are declared.

    A start parses one command: declaring the other sixteen (and loading the library
    commands' module) would cost it a few milliseconds for nothing. `--help`, or a
    word that is no command, gets the whole parser and so the same answer as ever.
    """
    parser = _Parser(
        prog="facilitator",
        description="Run blameless post-incident learning reviews in the terminal.",
    )
    parser.add_argument("--version", action="version", version=f"facilitator-tui {__version__}")
    _db_option(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        if only is not None and name != only:
            return cast(argparse.ArgumentParser, _NotParsed())
        p = sub.add_parser(name, help=help_text, description=help_text)
        _db_option(p, top=False)
        return p

    p = command("open", "open one review in the app")
    p.add_argument("review_id", type=int, metavar="ID")

    p = command("demo", "load the demo review (if absent) and open it")
    p.add_argument("--no-open", action="store_true", help="only load it and print its id")

    p = command("new", "create a review and print its id")
    p.add_argument("title")
    p.add_argument("--start", metavar="ISO", help="incident start, e.g. 2026-11-20T23:10+01:00")
    p.add_argument("--end", metavar="ISO", help="incident end")
    p.add_argument("--tz", metavar="ZONE", default="UTC", help="the review's time zone (IANA name)")
    p.add_argument("--summary", default="", help="a short summary")
    p.add_argument("--facilitator", default="", help="who facilitates")
    p.add_argument("--timebox", type=int, default=60, metavar="MINUTES",
                   help="meeting length in minutes (default 60)")

    command("list", "list reviews: id, title, incident start, status, identity (UUID)")

    p = command("export", "export a review as Markdown or JSON")
    p.add_argument("review_id", type=int, metavar="ID")
    p.add_argument("--format", choices=("md", "json"), default="md")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--include-private", action="store_true",
                   help="include the facilitator's private notes")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    p = command("restore", "load a JSON export as a new review and print its id")
    p.add_argument("file", metavar="FILE.json")

    p = command("import", "import timeline events from Slack, PagerDuty, Opsgenie, Statuspage, "
                          "a JSON Lines log, a CSV or a text timeline")
    p.add_argument("review_id", type=int, metavar="ID")
    p.add_argument("path", metavar="PATH")
    p.add_argument("--format", default="auto", choices=IMPORT_FORMATS)
    p.add_argument("--channel", action="append", metavar="NAME",
                   help="Slack channel to import (repeatable; default all)")
    p.add_argument("--since", metavar="ISO", help="skip events before this time")
    p.add_argument("--until", metavar="ISO", help="skip events after this time")
    p.add_argument("--tz", metavar="ZONE", help="zone for times without an offset "
                   "(default: the review's zone)")
    p.add_argument("--include-noise", action="store_true",
                   help="keep Slack joins, leaves and topic changes")
    p.add_argument("--dry-run", action="store_true",
                   help="show what would be imported, the first rows and the lines skipped; write nothing")

    p = command("delete", "delete a review and everything in it")
    p.add_argument("review_id", type=int, metavar="ID")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    command("where", "print the database file's path")

    p = command("follow", "a read-only mirror of a review's meeting, for the room to see")
    p.add_argument("review_id", type=int, metavar="ID")

    p = command("serve", "the read-only mirror in a web browser, for sharing on a call")
    p.add_argument("review_id", type=int, metavar="ID")
    p.add_argument("--port", type=int, default=8000, metavar="N", help="port to listen on (default 8000)")
    p.add_argument("--host", default=None, metavar="H",
                   help="address to listen on (default 127.0.0.1: this machine only)")

    if only is None or only in LIBRARY_COMMANDS:
        from facilitator_tui.cli_library import add_commands

        add_commands(command, _Parser)
    return parser


def _service(args: argparse.Namespace):
    from facilitator_tui.service import ReviewService

    service = ReviewService.open(resolve_db_path(args.db))
    try:
        service.check()  # a damaged file is reported before anything is read or written
    except BaseException:
        service.close()
        raise
    return service


def _say(line: str) -> None:
    """One message on stderr, shown literally (no escape sequence reaches the terminal)."""
    from facilitator_tui.safe_text import single_line

    print(single_line(line), file=sys.stderr)


def _parse_time(text: str | None, tz_name: str = "UTC") -> datetime | None:
    if not text:
        return None
    from facilitator_tui.timeparse import parse_timestamp, zone

    return parse_timestamp(text, zone(tz_name))


def _write_output(path: Path, text: str, force: bool) -> None:
    from facilitator_tui.files import write_file

    if path.exists() and not force:
        raise CliError(f"{path} already exists; use --force to overwrite it")
    if path.parent and not path.parent.exists():
        raise CliError(f"folder {path.parent} does not exist")
    try:
        write_file(path, text, overwrite=force)
    except FileExistsError:
        raise CliError(f"{path} appeared meanwhile; nothing was replaced (use --force)") from None


def run(args: argparse.Namespace) -> int:
    cmd = args.command
    if cmd in (None, "open"):
        return _run_app(args, getattr(args, "review_id", None))
    if cmd == "where":
        print(resolve_db_path(args.db))
        return 0
    if cmd == "follow":
        return _run_mirror(args)
    if cmd == "serve":
        from facilitator_tui.serve import serve

        return serve(resolve_db_path(args.db), args.review_id, port=args.port, host=args.host,
                     say=_say)
    service = _service(args)
    try:
        if cmd == "demo":
            review_id, _ = service.load_demo()
            if args.no_open:
                print(review_id)
                return 0
            service.close()
            return _run_app(args, review_id)
        if cmd == "new":
            from facilitator_tui.timeparse import zone

            zone(args.tz)
            review = service.create_review(
                args.title, start=_parse_time(args.start, args.tz), end=_parse_time(args.end, args.tz),
                tz=args.tz, summary=args.summary, facilitator=args.facilitator,
                timebox_minutes=args.timebox,
            )
            print(review.id)
        elif cmd == "list":
            from facilitator_tui.models import status_label

            for summary in service.list_reviews():
                r = summary.review
                start = r.incident_start.astimezone(r.zone).isoformat() if r.incident_start else "-"
                print(f"{r.id}\t{_one_line(r.title)}\t{start}\t{status_label(r.status).lower()}\t{r.uuid}")
        elif cmd == "export":
            text = service.export(args.review_id, "json" if args.format == "json" else "markdown",
                                  include_private=args.include_private)
            if args.output:
                _write_output(Path(args.output), text, args.force)
                _say(f"wrote {args.output}")
            else:
                sys.stdout.write(text)
        elif cmd == "restore":
            path = Path(args.file)
            try:
                raw = path.read_text(encoding="utf-8-sig")
            except FileNotFoundError:
                raise CliError(f"{path}: no such file") from None
            except UnicodeDecodeError:
                raise CliError(f"{path}: not a UTF-8 JSON export") from None
            from facilitator_tui.export import from_json

            try:
                snap = from_json(raw)
            except ValueError as exc:
                raise CliError(f"{path}: {exc}") from None
            print(service.restore(snap))
        elif cmd == "import":
            return _run_import(service, args)
        elif cmd in LIBRARY_COMMANDS:
            from facilitator_tui.cli_library import run_command

            return run_command(service, args, _write_output)
        elif cmd == "delete":
            review = service.review(args.review_id)
            if not args.yes:
                if not sys.stdin.isatty():
                    raise CliError("refusing to delete without confirmation; pass --yes")
                answer = input(f"Delete review {review.id} '{_one_line(review.title)}' and all its notes? [y/N] ")
                if answer.strip().lower() not in ("y", "yes"):
                    _say("kept")
                    return EXIT_FAILED
            service.delete_review(args.review_id)
            _say(f"deleted review {args.review_id}")
        return 0
    finally:
        service.close()


def _one_line(text: str) -> str:
    from facilitator_tui.safe_text import single_line

    return single_line(text)


def _run_import(service, args: argparse.Namespace) -> int:
    import shutil

    from facilitator_tui.import_report import describe_import, dry_run_text, left_out
    from facilitator_tui.importers import ImportOptions
    from facilitator_tui.timeparse import zone

    review = service.review(args.review_id)
    tz_name = args.tz or review.timezone
    options = ImportOptions(
        fmt=args.format, channels=args.channel, since=_parse_time(args.since, tz_name),
        until=_parse_time(args.until, tz_name), tz=zone(tz_name), include_noise=args.include_noise,
    )
    summary = service.import_file(review.id, Path(args.path), options, dry_run=args.dry_run)
    if args.dry_run:
        print(dry_run_text(summary, review, shutil.get_terminal_size((100, 24)).columns))
    else:
        print("\n".join([describe_import(summary, review), *left_out(summary)]))
    return 0


def _run_app(args: argparse.Namespace, review_id: int | None) -> int:
    path = resolve_db_path(args.db)
    # Loading the app makes a few hundred thousand objects that live as long as the
    # process (modules, classes, Textual's and pydantic's tables), and building its first
    # frame many more that live as long as the screen. The cyclic garbage collector would
    # walk them again and again as they are made, tens of milliseconds for next to no
    # garbage: it waits until the first frame is drawn (FacilitatorApp.on_ready), and
    # leaves what the loading made out of its rounds for good (`gc.freeze`).
    gc.disable()
    try:
        from facilitator_tui.service import ReviewService

        service = ReviewService.open(path)
        try:
            # SQLite reads the whole file on another core while the UI's modules load.
            service.start_check()
            from facilitator_tui.app import FacilitatorApp

            # A damaged file or a missing review is one line and a non-zero exit, reported
            # before the screen clears and before anything is written.
            service.check()
            if review_id is not None:
                service.review(review_id)
        except BaseException:
            service.close()
            raise
        gc.freeze()
    except BaseException:
        gc.enable()
        raise
    # The app goes on with the service the check was made on (and closes it).
    app = FacilitatorApp(db_path=path, review_id=review_id, service=service)
    try:
        app.run()
    finally:
        gc.enable()
    return app.return_code or 0


def _run_mirror(args: argparse.Namespace) -> int:
    """The mirror opens the database read-only: it never creates, upgrades or writes it."""
    from facilitator_tui.mirror_app import MirrorApp
    from facilitator_tui.mirror_feed import MirrorFeed

    feed = MirrorFeed.open(resolve_db_path(args.db), args.review_id)
    try:
        app = MirrorApp(feed)
    except BaseException:
        feed.close()
        raise
    app.run()
    return app.return_code or 0


def main(argv: list[str] | None = None) -> int:
    named = command_in(sys.argv[1:] if argv is None else argv)
    parser = build_parser(only=named if named in COMMANDS else None)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        return run(args)
    except KeyboardInterrupt:
        _say("facilitator: interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_FAILED
    except Exception as exc:
        from facilitator_tui.errors import one_line

        _say(f"facilitator: {one_line(exc)}")
        return EXIT_FAILED


if __name__ == "__main__":
    raise SystemExit(main())
