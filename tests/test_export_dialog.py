"""The export dialog driven as a user would, asserting on the file it writes (or leaves alone)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Input

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.screens.confirm import ConfirmModal
from facilitator_tui.screens.export_dialog import (
    ExportDialog,
    default_export_path,
    resolve_target,
    slugify,
    write_atomically,
)

PRIVATE = "ask Bo privately how the handoff felt"
PUBLIC = "the dashboard only showed averages"


@pytest.fixture
def review_id(service):
    review = service.create_review("Queue backlog (EU) [/ night", tz="Europe/Berlin")
    service.add_note(review.id, PUBLIC, "insight")
    service.add_note(review.id, PRIVATE, "private")
    return review.id


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))


async def open_dialog(app, pilot, review_id: int, results: list | None = None) -> ExportDialog:
    await pilot.pause()
    dialog = ExportDialog(review_id)
    app.push_screen(dialog, results.append if results is not None else None)
    await pilot.pause()
    assert app.screen is dialog
    return dialog


async def finish(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def path_input(dialog: ExportDialog) -> Input:
    return dialog.query_one("#path", Input)


async def test_markdown_export_has_the_title_and_no_private_notes(db_path, review_id, tmp_path):
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        results: list[Path | None] = []
        dialog = await open_dialog(app, pilot, review_id, results)
        expected = tmp_path / "queue-backlog-eu-night-review.md"
        assert path_input(dialog).value == str(expected)
        await pilot.press("enter")
        await finish(app, pilot)
        assert results == [expected]
    text = expected.read_text(encoding="utf-8")
    assert text.startswith("# Queue backlog (EU)")  # Markdown escapes the bracket that follows
    assert PUBLIC in text
    assert PRIVATE not in text


async def test_dialog_closes_and_reports_the_full_path(db_path, review_id, tmp_path, recording_app):
    app = recording_app(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_dialog(app, pilot, review_id)
        path_input(dialog).value = "out.md"
        await pilot.click("#export-button")
        await finish(app, pilot)
        assert not isinstance(app.screen, ExportDialog)
        messages = app.told
        assert f"Exported to {tmp_path / 'out.md'}" in messages
    assert (tmp_path / "out.md").exists()


async def test_ticking_the_box_includes_private_notes_and_warns(db_path, review_id, tmp_path):
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_dialog(app, pilot, review_id)
        warning = dialog.query_one("#private-warning")
        assert not warning.display
        await pilot.click("#private")
        await pilot.pause()
        assert warning.display
        path_input(dialog).value = "with-private.md"
        await pilot.click("#export-button")
        await finish(app, pilot)
    target = tmp_path / "with-private.md"
    assert PRIVATE in target.read_text(encoding="utf-8")
    assert target.stat().st_mode & 0o077 == 0, "a file with private notes is owner-only"


async def test_json_export_parses_and_follows_the_format(db_path, review_id, tmp_path):
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_dialog(app, pilot, review_id)
        await pilot.click("#fmt-json")
        await pilot.pause()
        target = tmp_path / "queue-backlog-eu-night-review.json"
        assert path_input(dialog).value == str(target)
        await pilot.click("#export-button")
        await finish(app, pilot)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert "Queue backlog (EU) [/ night" in json.dumps(data)
    assert PRIVATE not in json.dumps(data)


async def test_the_dialog_and_the_cli_write_the_same_export(db_path, service, review_id, tmp_path,
                                                           capsys):
    from facilitator_tui.cli import main

    # Row ids that a fresh database would not give: the export renumbers them either way.
    service.delete_review(service.create_review("Gone before").id)
    moved = service.restore(service.snapshot(review_id))
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_dialog(app, pilot, moved)
        await pilot.click("#fmt-json")
        await pilot.pause()
        path_input(dialog).value = str(tmp_path / "from-dialog.json")
        await pilot.click("#export-button")
        await finish(app, pilot)
    assert main(["--db", str(db_path), "export", str(moved), "--format", "json"]) == 0
    from_cli = json.loads(capsys.readouterr().out)
    from_dialog = json.loads((tmp_path / "from-dialog.json").read_text(encoding="utf-8"))
    from_cli.pop("exported_at")
    from_dialog.pop("exported_at")
    assert from_dialog == from_cli
    assert [n["id"] for n in from_dialog["notes"]] == [1]


async def test_a_name_the_user_typed_keeps_its_extension(db_path, review_id):
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_dialog(app, pilot, review_id)
        path_input(dialog).value = "notes-for-bo.txt"
        await pilot.click("#fmt-json")
        await pilot.pause()
        assert path_input(dialog).value == "notes-for-bo.txt"


async def test_never_overwrites_until_confirmed(db_path, review_id, tmp_path):
    target = tmp_path / "existing.md"
    target.write_text("keep me", encoding="utf-8")
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_dialog(app, pilot, review_id)
        path_input(dialog).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert str(target) in app.screen.question
        await pilot.press("n")  # Keep
        await finish(app, pilot)
        assert app.screen is dialog
        assert target.read_text(encoding="utf-8") == "keep me"
        assert "Kept the existing file" in str(dialog.query_one("#error").render())

        await pilot.click("#export-button")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")  # Replace
        await finish(app, pilot)
        assert not isinstance(app.screen, ExportDialog)
    assert "Queue backlog" in target.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


async def test_missing_folder_is_an_inline_error_and_escape_cancels(db_path, review_id, tmp_path):
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_dialog(app, pilot, review_id)
        path_input(dialog).value = str(tmp_path / "nowhere" / "review.md")
        await pilot.press("enter")
        await finish(app, pilot)
        error = str(dialog.query_one("#error").render())
        assert "does not exist" in error and "\n" not in error
        assert app.screen is dialog
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
    assert not (tmp_path / "nowhere").exists()


async def test_tilde_is_expanded(db_path, review_id, tmp_path):
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_dialog(app, pilot, review_id)
        path_input(dialog).value = "~/from-home.md"
        await pilot.press("enter")
        await finish(app, pilot)
    assert (tmp_path / "from-home.md").exists()


async def test_readable_at_80x24(db_path, review_id):
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(app, pilot, review_id)
        button = dialog.query_one("#export-button")
        assert button.region.bottom <= 24 and button.region.width > 0


def test_slugs_and_default_paths(tmp_path):
    assert slugify("Checkout 502s (EU) — Störung!") == "checkout-502s-eu-storung"
    assert slugify("[/ ☃ ]") == "review"
    assert default_export_path("A b", "json", tmp_path) == tmp_path / "a-b-review.json"


def test_resolve_target_refuses_folders_and_blank(tmp_path):
    for raw, reason in (("", "Type the path"), (str(tmp_path), "is a folder")):
        with pytest.raises(ValueError, match=reason):
            resolve_target(raw)


def test_write_atomically_refuses_a_file_that_appeared(tmp_path):
    target = tmp_path / "late.md"
    target.write_text("theirs", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_atomically(target, "ours", private=False, overwrite=False)
    assert target.read_text(encoding="utf-8") == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["late.md"]


def test_a_failed_write_names_the_chosen_file_and_leaves_no_temp(tmp_path, monkeypatch):
    import errno
    import os

    from facilitator_tui.errors import one_line

    def full_disk(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    target = tmp_path / "review.md"
    with pytest.raises(OSError) as caught:
        write_atomically(target, "text", private=False, overwrite=False)
    assert one_line(caught.value) == f"{target}: no space left on device"
    assert list(tmp_path.iterdir()) == []


async def test_f8_on_the_review_screen_opens_the_dialog(db_path, review_id, tmp_path):
    app = FacilitatorApp(db_path=db_path, review_id=review_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        review_screen = app.screen
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("enter")
        await finish(app, pilot)
        assert app.screen is review_screen
    assert (tmp_path / "queue-backlog-eu-night-review.md").exists()


async def test_ctrl_b_copies_the_markdown_to_the_clipboard(db_path, review_id, tmp_path, service):
    from facilitator_tui.export import to_markdown

    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_dialog(app, pilot, review_id)
        await pilot.press("ctrl+b")
        await finish(app, pilot)
        assert app.clipboard == to_markdown(service.snapshot(review_id))
        assert PUBLIC in app.clipboard and PRIVATE not in app.clipboard
        assert "lines of Markdown to the clipboard" in str(dialog.query_one("#status").render())
        assert app.screen is dialog  # still there, to export a file as well
        dialog.query_one("#private").value = True
        dialog.query_one("#copy-button").press()
        await finish(app, pilot)
        assert PRIVATE in app.clipboard
    assert list(tmp_path.glob("*.md")) == []  # copying writes no file
