"""`facilitator import`: what --dry-run shows, what an import says, and one line for every bad file."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from facilitator_tui.cli import IMPORT_FORMATS, build_parser, main
from facilitator_tui.importers import FORMATS

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "imports"


@pytest.fixture
def cli(db_path, capsys):
    def run(*args: str):
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def rid(cli):
    code, out, _ = cli("new", "Card payments failing", "--start", "2026-03-14 22:50", "--tz", "Europe/Berlin")
    assert code == 0
    return out.strip()


def stored(db_path) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT at, actor, text FROM events ORDER BY id").fetchall()


def test_dry_run_shows_the_first_rows_and_the_skipped_lines_and_writes_nothing(cli, rid, db_path):
    code, out, err = cli("import", rid, str(FIXTURES / "edge_proxy.log"), "--dry-run")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("would import 7 events (text) from 2026-03-14 22:57:59 to 2026-03-14 23:11:45 "
                               "Europe/Berlin")
    assert "skipped 1 line before the first time" in lines
    assert "skipped 1 line that could not be read: line 10" in lines
    assert "joined 2 lines without a time to the event above: line 4, 5" in lines
    assert "  line 1: before the first timed line: edge-proxy log excerpt, collected by Jonas for the review" in lines
    assert any(line.startswith("  line 10: cannot read the time it starts with: 14.03.2026 23:09") for line in lines)
    start = lines.index("first events as they will be stored (Europe/Berlin):")
    first = lines[start + 1]
    assert first.startswith("  2026-03-14 22:57:59  issuer-proxy") and "WARN upstream p99 above 2s" in first
    assert len(lines) - start - 1 == 7
    assert stored(db_path) == []


def test_an_import_reports_what_it_left_out(cli, rid, db_path):
    code, out, _ = cli("import", rid, str(FIXTURES / "wiki_postmortem.md"))
    assert code == 0
    assert out.splitlines() == [
        "imported 5 events (text) from 2026-03-14 14:58:00 to 2026-03-14 15:34:00 Europe/Berlin; sources: text 5; "
        "3 actors",
        "times without a zone read as UTC, as line 3 says",
        "skipped 3 lines before the first time",
        "skipped 1 line that could not be read: line 17",
        "joined 3 lines without a time to the event above: line 10, 16, 19",
    ]
    assert len(stored(db_path)) == 5


@pytest.mark.parametrize("name, fmt, count", [
    ("opsgenie_alert_logs.json", "opsgenie", 5), ("statuspage_incidents.json", "statuspage", 4),
    ("app_events.jsonl", "jsonl", 5), ("slack_bots_export", "slack", 13),
])
def test_each_new_source_imports_from_the_command_line(cli, rid, db_path, name, fmt, count):
    code, out, _ = cli("import", rid, str(FIXTURES / name))
    assert code == 0 and out.startswith(f"imported {count} events ({fmt})")
    assert len(stored(db_path)) == count


def _slack_truncated(tmp_path: Path) -> Path:
    root = tmp_path / "export"
    (root / "general").mkdir(parents=True)
    (root / "channels.json").write_text('[{"id": "C1", "name": "general"}]')
    (root / "general" / "2026-03-14.json").write_text('[\n{"type": "message", "ts": "1773525600.1", "text": "a"},\n{"ts"')
    return root


def _zip_bomb(tmp_path: Path) -> Path:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("channels.json", "[]")
        for day in range(11):
            with archive.open(f"general/2026-03-{day + 1:02d}.json", "w") as member:
                for _ in range(50):
                    member.write(b" " * (1 << 20))
    return path


BAD = [
    ("short.csv", "time,actor,text,source\n2026-03-14 22:00,ana,paged,pager\n2026-03-14 22:01,bo\n",
     "short.csv line 3: 2 fields but the header has 4"),
    ("zones.log", "22:00 ana: paged\n22:03 IST bo: ack\n", "zones.log line 2: the time zone 'IST' is ambiguous"),
    ("impossible.log", "Title\n22:00 ana: paged\n25:61 bo: ack\n", "impossible.log line 3: impossible time '25:61'"),
    ("app.jsonl", '{"ts": "x", "msg": "a"}\n{"ts": "y", "msg": "b"}\n',
     "app.jsonl: nothing to import: no line is a JSON object with a time and a message (line 1: cannot read time 'x'"),
    ("alerts.json", json.dumps({"data": [{"log": "created", "type": "system"}]}),
     "alerts.json entry 1: it has no createdAt time"),
    ("status.json", json.dumps({"incident": {"name": "x", "incident_updates": [{"status": "resolved"}]}}),
     "status.json incident 1 update 1: it has no display_at or created_at time"),
    ("pd.json", json.dumps({"log_entries": [{"id": "R1", "type": "trigger_log_entry", "created_at": "later"}]}),
     "pd.json entry 1 (R1): cannot read time 'later'"),
    ("empty.csv", "", "empty.csv: the file is empty"),
    (_slack_truncated, None, "export: general/2026-03-14.json line 3: truncated JSON"),
    (_zip_bomb, None, "export.zip: would unpack to 577 MB; more than 512 MB is refused as a possible zip bomb"),
    ("ops\x1b]0;PWNED\x07\x1b[2J.csv", "time,text\n", "ops\u241b]0;PWNED\u2407\u241b[2J.csv line 1: nothing to import"),
]


@pytest.mark.parametrize("name, content, expected", BAD, ids=[str(b[0]).split()[1] if callable(b[0]) else b[0]
                                                               for b in BAD])
def test_every_bad_input_is_one_line_naming_the_file_and_line_and_changes_nothing(
        cli, rid, db_path, tmp_path, name, content, expected):
    cli("import", rid, str(FIXTURES / "opsgenie_alert_logs.json"))
    before = stored(db_path)
    if callable(name):
        path = name(tmp_path)
    else:
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
    for extra in ([], ["--dry-run"]):
        code, out, err = cli("import", rid, str(path), *extra)
        assert code == 1 and out == ""
        assert err.startswith(f"facilitator: {expected}"), err
        assert err.count("\n") == 1 and "Traceback" not in err and "\x1b" not in err and "\x07" not in err
    assert stored(db_path) == before


def test_format_choices_are_the_importers_formats(capsys):
    assert IMPORT_FORMATS == ("auto", *FORMATS)
    for fmt in IMPORT_FORMATS:
        assert build_parser().parse_args(["import", "1", "x", "--format", fmt]).format == fmt
    assert main(["import", "1", "x", "--format", "xml"]) == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


def test_the_readme_lists_every_format():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"[--format {'|'.join(IMPORT_FORMATS).replace('|', chr(92) + '|')}]" in readme
    section = readme.split("## What you can import", 1)[1].split("\n## ", 1)[0]
    for fmt in FORMATS:
        assert f"`--format {fmt}`" in section, fmt


def test_the_readme_text_example_imports_as_it_says(tmp_path):
    from datetime import date

    from facilitator_tui.importers import ImportOptions, read_events

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## What you can import", 1)[1].split("\n## ", 1)[0]
    example = section.split("```text\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "timeline.txt"
    path.write_text("\n".join(line.strip() for line in example.splitlines()) + "\n", encoding="utf-8")
    result = read_events(path, ImportOptions(default_date=date(2026, 3, 14)))
    assert [(e.at.strftime("%H:%M:%S"), e.actor, e.text) for e in result.events] == [
        ("21:57:00", "Jonas", "paged for cards-api latency"),
        ("21:57:59", "issuer-proxy", "WARN upstream p99 above 2s")]
    assert result.report.leading_skipped == 2
