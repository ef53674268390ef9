"""`facilitator library export|import` from the shell, and what a hostile folder gets: one line
naming the file or value, a non-zero exit, and a database exactly as it was."""

from __future__ import annotations

import json
import os

import pytest

from facilitator_tui.cli import main
from facilitator_tui.library import folder as library_folder
from facilitator_tui.service import ReviewService


@pytest.fixture
def cli(capsys):
    def run(db, *args: str):
        code = main(["--db", str(db), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


# A good review that sorts first, so that an import that stopped half-way would have added it,
EXTRA_UUID = "00000000-0000-4000-8000-000000000001"
# and the name of a bad file that sorts last.
BAD_UUID = "ffffffff-ffff-4fff-bfff-ffffffffffff"


@pytest.fixture
def library(tmp_path, small_review):
    """A library folder holding one good review file, and an empty database to import into."""
    source = ReviewService.open(tmp_path / "source.db")
    small_review(source)
    folder = tmp_path / "library"
    source.export_library(folder)
    source.close()
    target = tmp_path / "target.db"
    ReviewService.open(target).close()
    return folder, target


def good_document(folder):
    [path] = [p for p in folder.iterdir() if p.suffix == ".json" and EXTRA_UUID not in p.name]
    return path, json.loads(path.read_text())


def add_extra_review(folder, tmp_path, small_review) -> None:
    extra = ReviewService.open(tmp_path / "extra.db")
    small_review(extra, "Another review")
    scratch = tmp_path / "scratch"
    extra.export_library(scratch)
    extra.close()
    [path] = list(scratch.iterdir())
    document = json.loads(path.read_text())
    document["review"]["uuid"] = EXTRA_UUID
    write_json(folder / f"{EXTRA_UUID}.json", document)


def test_export_then_import_from_the_command_line(cli, tmp_path, small_review):
    service = ReviewService.open(tmp_path / "a.db")
    rid = small_review(service)
    uuid = service.review(rid).uuid
    service.close()
    folder = tmp_path / "shared"
    code, out, err = cli(tmp_path / "a.db", "library", "export", str(folder))
    assert (code, err) == (0, "")
    assert out == "wrote 1 review file (1 new), 0 unchanged\n"
    code, out, _ = cli(tmp_path / "a.db", "library", "export", str(folder))
    assert out == "wrote 0 review files (0 new), 1 unchanged\n"
    code, out, _ = cli(tmp_path / "b.db", "library", "import", str(folder))
    assert (code, out) == (0, "added 1, updated 0, 0 unchanged\n")
    code, out, _ = cli(tmp_path / "b.db", "library", "import", str(folder))
    assert (code, out) == (0, "added 0, updated 0, 1 unchanged\n")
    code, out, _ = cli(tmp_path / "b.db", "list")
    assert out.rstrip("\n").split("\t")[-1] == uuid


def test_import_from_a_missing_folder_is_one_line(cli, library, tmp_path):
    _, target = library
    code, out, err = cli(target, "library", "import", str(tmp_path / "nowhere"))
    assert code == 1 and out == ""
    assert err == f"facilitator: {tmp_path / 'nowhere'}: no such folder\n"


def write_json(path, document) -> None:
    path.write_text(json.dumps(document, indent=2, sort_keys=True))


def hostile_cases():
    """(name, how to spoil the folder, what the error line must say)."""

    def malformed(folder):
        (folder / f"{BAD_UUID}.json").write_text('{"format": "facilitator-tui.review", "vers')
        return f"{BAD_UUID}.json", "not valid JSON"

    def git_conflict_markers(folder):
        path, _ = good_document(folder)
        lines = path.read_text().splitlines(keepends=True)
        lines[3:3] = ["<<<<<<< HEAD\n", '  "x": 1,\n', "=======\n", '  "x": 2,\n', ">>>>>>> b461da6\n"]
        path.write_text("".join(lines))
        return path.name, "holds git's conflict markers"

    def a_list(folder):
        (folder / f"{BAD_UUID}.json").write_text("[1, 2, 3]")
        return f"{BAD_UUID}.json", "expected a JSON object"

    def deeply_nested(folder):
        (folder / f"{BAD_UUID}.json").write_text("[" * 100_000 + "]" * 100_000)
        return f"{BAD_UUID}.json", "JSON"

    def wrong_types(folder):
        path, document = good_document(folder)
        document["review"]["title"] = 5
        document["events"] = "many"
        write_json(path, document)
        return path.name, "review.title"

    def unknown_state(folder):
        path, document = good_document(folder)
        action = next(n for n in document["notes"] if n["kind"] == "action")
        action["state"] = "finished"
        write_json(path, document)
        return path.name, "unknown action state 'finished'"

    def not_a_date(folder):
        path, document = good_document(folder)
        action = next(n for n in document["notes"] if n["kind"] == "action")
        action["due"] = "2026-13-45"
        write_json(path, document)
        return path.name, "due"

    def not_a_uuid(folder):
        path, document = good_document(folder)
        document["review"]["uuid"] = "not-a-uuid"
        write_json(path, document)
        return path.name, "'not-a-uuid' is not a UUID"

    def another_review_inside(folder):
        path, document = good_document(folder)
        document["review"]["uuid"] = BAD_UUID
        write_json(path, document)
        return path.name, f"holds review {BAD_UUID}"

    def wrong_name(folder):
        path, _ = good_document(folder)
        (folder / "review.json").write_text(path.read_text())
        return "review.json", "not named after a review's UUID"

    def symlink_outside(folder):
        outside = folder.parent / "secret.json"
        outside.write_text('{"password": "hunter2"}')
        (folder / f"{BAD_UUID}.json").symlink_to(outside)
        return f"{BAD_UUID}.json", "symbolic link"

    def not_utf8(folder):
        (folder / f"{BAD_UUID}.json").write_bytes(b'{"format": "\xff\xfe"}')
        return f"{BAD_UUID}.json", "not UTF-8"

    def fifo(folder):
        os.mkfifo(folder / f"{BAD_UUID}.json")
        return f"{BAD_UUID}.json", "not a plain file"

    def control_characters_in_the_name(folder):
        name = "bad\x1b[31mname\n.json"
        (folder / name).write_text("{}")
        return "bad␛[31mname ⏎ .json", "not named after"

    return [malformed, git_conflict_markers, a_list, deeply_nested, wrong_types, unknown_state, not_a_date, not_a_uuid,
            another_review_inside, wrong_name, symlink_outside, not_utf8, fifo,
            control_characters_in_the_name]


@pytest.mark.parametrize("spoil", hostile_cases(), ids=lambda f: f.__name__)
def test_a_hostile_file_is_named_in_one_line_and_nothing_changes(cli, library, spoil, tmp_path, table_dump, small_review):
    folder, target = library
    add_extra_review(folder, tmp_path, small_review)
    named, says = spoil(folder)
    before = table_dump(target)
    code, out, err = cli(target, "library", "import", str(folder))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("facilitator: ")
    assert named in err and says in err, err
    assert "\x1b" not in err
    assert table_dump(target) == before


def test_a_huge_file_is_refused_without_reading_it_all(cli, library, monkeypatch, table_dump):
    folder, target = library
    monkeypatch.setattr(library_folder, "MAX_FILE_BYTES", 4096)
    path = folder / f"{BAD_UUID}.json"
    path.write_text(" " * 10_000 + "{}")
    before = table_dump(target)
    code, _, err = cli(target, "library", "import", str(folder))
    assert code == 1 and f"{BAD_UUID}.json is larger than" in err
    assert table_dump(target) == before


def test_control_characters_in_a_title_are_kept_and_shown_harmlessly(cli, library, tmp_path):
    folder, target = library
    path, document = good_document(folder)
    document["review"]["title"] = "Outage \x1b]0;pwned\x07 [@click=app.quit]x[/] ‮dlrow"
    write_json(path, document)
    code, _, err = cli(target, "library", "import", str(folder))
    assert code == 0, err
    service = ReviewService.open(target)
    [summary] = service.list_reviews()
    assert summary.review.title == "Outage \x1b]0;pwned\x07 [@click=app.quit]x[/] \u202edlrow"
    service.close()
    code, out, _ = cli(target, "list")
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "[@click=app.quit]x[/]" in out


def test_export_into_a_path_that_is_a_file_is_one_line(cli, tmp_path, small_review):
    service = ReviewService.open(tmp_path / "a.db")
    small_review(service)
    service.close()
    (tmp_path / "file").write_text("x")
    code, _, err = cli(tmp_path / "a.db", "library", "export", str(tmp_path / "file"))
    assert code == 1 and err == f"facilitator: {tmp_path / 'file'} is not a folder\n"


def test_export_refuses_a_symlinked_review_file_and_writes_nothing(cli, tmp_path, small_review):
    service = ReviewService.open(tmp_path / "a.db")
    rid = small_review(service)
    uuid = service.review(rid).uuid
    service.close()
    folder = tmp_path / "lib"
    folder.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    (folder / f"{uuid}.json").symlink_to(outside)
    code, _, err = cli(tmp_path / "a.db", "library", "export", str(folder))
    assert code == 1 and "symbolic link" in err
    assert outside.read_text() == "keep me"


@pytest.mark.parametrize("history", ["not a list", ["nothex!!nothex!!"], [5], ["ab" * 8] * 5000])
def test_a_file_with_a_bad_history_is_refused(cli, library, history, table_dump):
    folder, target = library
    path, document = good_document(folder)
    document["history"] = history
    write_json(path, document)
    before = table_dump(target)
    code, _, err = cli(target, "library", "import", str(folder))
    assert code == 1 and path.name in err and '"history" is not a list of versions' in err
    assert table_dump(target) == before
