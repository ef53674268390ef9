"""The command line, as scripts use it: ids on stdout, one-line errors, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import pytest

from facilitator_tui.cli import main


@pytest.fixture
def cli(db_path, capsys):
    """Run `facilitator --db DB ...` in-process; returns (exit code, stdout, stderr)."""

    def run(*args: str, db: bool = True):
        argv = ["--db", str(db_path), *args] if db else list(args)
        code = main(argv)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_new_then_list(cli):
    code, out, _ = cli("new", "Checkout errors", "--start", "2026-11-20 23:10", "--tz", "Europe/Berlin")
    assert code == 0
    review_id = int(out.strip())
    code, out, _ = cli("list")
    assert code == 0
    rid, title, start, status, identity = out.strip().split("\t")
    assert (int(rid), title, status) == (review_id, "Checkout errors", "preparing")
    assert str(uuid.UUID(identity)) == identity
    assert start == "2026-11-20T23:10:00+01:00"


def test_db_option_after_the_subcommand(cli, db_path):
    code, _, _ = cli("new", "After", "--db", str(db_path), db=False)
    assert code == 0
    assert cli("list")[1].count("\n") == 1


def test_environment_variable_chooses_the_database(tmp_path, monkeypatch, capsys):
    target = tmp_path / "from-env.db"
    monkeypatch.setenv("FACILITATOR_DB", str(target))
    assert main(["new", "Env"]) == 0
    assert target.exists()
    capsys.readouterr()
    assert main(["where"]) == 0
    assert capsys.readouterr().out.strip() == str(target)


def test_demo_no_open_loads_once(cli):
    code, out, _ = cli("demo", "--no-open")
    assert code == 0
    first = int(out)
    assert int(cli("demo", "--no-open")[1]) == first
    assert cli("list")[1].count("\n") == 1


def test_export_markdown_and_json_and_restore_round_trip(cli, tmp_path):
    review_id = cli("demo", "--no-open")[1].strip()
    code, md, _ = cli("export", review_id)
    assert code == 0 and md.startswith("# ")
    assert md.index("## What we learned") < md.index("## Action items") < md.index("## Timeline")
    out = tmp_path / "review.json"
    assert cli("export", review_id, "--format", "json", "-o", str(out), "--include-private")[0] == 0
    first = json.loads(out.read_text())
    new_db = tmp_path / "empty.db"
    code, new_id, err = cli("--db", str(new_db), "restore", str(out), db=False)
    assert code == 0, err
    again = tmp_path / "again.json"
    cli("--db", str(new_db), "export", new_id.strip(), "--format", "json", "-o", str(again),
        "--include-private", db=False)
    second = json.loads(again.read_text())
    first.pop("exported_at", None)
    second.pop("exported_at", None)
    assert first == second


def test_private_notes_only_with_the_flag(cli, db_path):
    from facilitator_tui.service import ReviewService

    review_id = cli("new", "Private")[1].strip()
    svc = ReviewService.open(db_path)
    svc.add_note(int(review_id), "only for me: check on Bo", "private")
    svc.close()
    assert "only for me" not in cli("export", review_id)[1]
    assert "only for me" in cli("export", review_id, "--include-private")[1]


def test_export_refuses_to_overwrite(cli, tmp_path):
    review_id = cli("new", "x")[1].strip()
    target = tmp_path / "out.md"
    target.write_text("keep me")
    code, _, err = cli("export", review_id, "-o", str(target))
    assert code != 0 and "already exists" in err and "--force" in err
    assert target.read_text() == "keep me"
    assert cli("export", review_id, "-o", str(target), "--force")[0] == 0
    assert target.read_text().startswith("# x")


@pytest.mark.parametrize(
    "args, expected",
    [
        (["open", "999"], "no review with id 999"),
        (["export", "999"], "no review with id 999"),
        (["import", "999", "nowhere.csv"], "no review with id 999"),
        (["restore", "missing.json"], "no such file"),
        (["new", "x", "--tz", "Mars/Base"], "unknown time zone"),
        (["new", "x", "--start", "yesterday-ish"], "cannot read time"),
        (["new", "   "], "needs a title"),
        (["new", "x", "--start", "2026-11-20T10:00Z", "--end", "2026-11-20T09:00Z"], "cannot end before"),
        (["export", "notanumber"], "invalid int value"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_and_non_zero(cli, args, expected):
    code, _, err = cli(*args)
    assert code != 0
    assert expected in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_restore_of_a_broken_file_changes_nothing(cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "facilitator-tui.review", "version": 1, "review": {"title": ""')
    code, _, err = cli("restore", str(bad))
    assert code != 0 and str(bad) in err and err.count("\n") == 1
    assert cli("list")[1] == ""


def test_a_corrupt_database_is_one_line(tmp_path, capsys):
    bad = tmp_path / "corrupt.db"
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    assert main(["--db", str(bad), "list"]) != 0
    err = capsys.readouterr().err
    assert str(bad) in err and err.count("\n") == 1


def test_module_entry_point_runs_without_traceback(tmp_path):
    db = tmp_path / "sub.db"
    run = subprocess.run(
        [sys.executable, "-m", "facilitator_tui", "--db", str(db), "new", "From a subprocess"],
        capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stderr
    run = subprocess.run(
        [sys.executable, "-m", "facilitator_tui", "--db", str(db), "export", "42"],
        capture_output=True, text=True, check=False,
    )
    assert run.returncode == 1
    assert run.stderr.strip() == "facilitator: no review with id 42; 'facilitator list' shows the reviews"


def test_a_timebox_out_of_range_says_so_in_plain_words(cli):
    code, out, err = cli("new", "Short one", "--timebox", "3")
    assert code == 1 and out == ""
    assert err == "facilitator: a meeting's timebox is 5 to 600 minutes, not 3\n"
    assert cli("list")[1] == ""


def test_list_and_the_app_share_the_status_words(cli, db_path):
    from facilitator_tui.models import STATUS_LABELS
    from facilitator_tui.service import ReviewService

    review_id = int(cli("new", "Words")[1])
    service = ReviewService.open(db_path)
    service.start_meeting(review_id)
    service.close()
    assert cli("list")[1].rstrip("\n").split("\t")[3] == STATUS_LABELS["meeting"].lower() == "in meeting"


# A start declares the arguments of its own command only (see cli.build_parser).
SAMPLE_ARGS = {
    "open": ["3"], "demo": ["--no-open"], "new": ["T", "--tz", "UTC", "--timebox", "45"],
    "list": [], "export": ["3", "--format", "json", "-o", "x.json", "--force"],
    "restore": ["x.json"], "import": ["3", "log.txt", "--format", "text", "--dry-run"],
    "delete": ["3", "--yes"], "where": [], "actions": ["--open", "--owner", "Ana"],
    "action": ["7", "done", "--link", "T-1"], "report": ["--since", "2026-01-01"],
    "library": ["export", "folder"], "follow": ["3"], "serve": ["3", "--port", "8001", "--host", "0.0.0.0"],
}


def test_every_command_is_known_to_the_start_shortcut():
    from facilitator_tui.cli import COMMANDS, build_parser

    commands = next(a for a in build_parser()._actions if a.dest == "command")
    assert set(commands.choices) == set(COMMANDS) == set(SAMPLE_ARGS)


def _parsed(parser, argv, capsys):
    """What a parser makes of argv: the arguments, or its exit with what it printed."""
    try:
        return ("parsed", parser.parse_args(argv))
    except SystemExit as exc:
        out, err = capsys.readouterr()
        return ("exit", exc.code, out, err)


def _shortcut(argv):
    from facilitator_tui.cli import COMMANDS, command_in

    named = command_in(argv)
    return named if named in COMMANDS else None


@pytest.mark.parametrize("name", sorted(SAMPLE_ARGS))
def test_one_command_parses_as_the_whole_parser_does(name, capsys):
    from facilitator_tui.cli import build_parser

    args = SAMPLE_ARGS[name]
    for argv in ([name, *args], ["--db", "a.db", name, *args], ["--db=a.db", name, *args],
                 [name, *args, "--db", "b.db"], [name, *args, "--bogus"], [name, "--help"]):
        assert _shortcut(argv) == name
        assert _parsed(build_parser(only=name), argv, capsys) == _parsed(build_parser(), argv, capsys)


@pytest.mark.parametrize("argv", [["--help"], ["-h", "open"], ["--he", "list"], ["--version"], ["opne", "3"],
                                  ["--db"], [], ["--db", "open"], ["--d", "x.db", "open", "3"]])
def test_help_and_anything_unclear_get_the_whole_parser(argv):
    # Help lists every command, and a word that is no command is told the choices.
    assert _shortcut(argv) is None
