"""The import dialog driven as a user would, asserting what the events table holds before and after."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest
from textual.widgets import Button, Input, Select

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.screens.import_dialog import ImportDialog

CSV = """time,actor,text,source
2026-11-20T22:55:00Z,PagerDuty,Queue depth above 10k,pagerduty
2026-11-20T23:02:00Z,Ana Lima,Looking at the consumers now,slack
2026-11-20T23:20:00Z,Bo Chen,[@click=app.quit]restarted[/] the consumer pool,slack
"""

TEXT_LOG = """23:55 ana: the consumers are stuck on one partition
00:05 bo: rebalanced the partitions
00:12 ana: queue is draining
"""


@pytest.fixture
def review_id(service):
    review = service.create_review("Queue backlog", start=datetime(2026, 11, 20, 22, 50, tzinfo=UTC),
                                   tz="Europe/Berlin")
    return review.id


def event_rows(db_path, review_id: int) -> list[tuple[str, str, str]]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT at, actor, text FROM events WHERE review_id = ? ORDER BY at, id",
                            (review_id,)).fetchall()


async def open_dialog(app, pilot, review_id: int, results: list) -> ImportDialog:
    await pilot.pause()
    dialog = ImportDialog(review_id)
    app.push_screen(dialog, results.append)
    await pilot.pause()
    assert app.screen is dialog
    return dialog


async def finish(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def text_of(dialog: ImportDialog, selector: str) -> str:
    return str(dialog.query_one(selector).render())


async def test_preview_writes_nothing_then_import_adds_the_csv(db_path, review_id, tmp_path, recording_app):
    source = tmp_path / "timeline.csv"
    source.write_text(CSV, encoding="utf-8")
    app = recording_app(db_path=db_path)
    results: list[int | None] = []
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_dialog(app, pilot, review_id, results)
        dialog.query_one("#path", Input).value = str(source)
        assert dialog.query_one("#import-button", Button).disabled
        await pilot.press("enter")  # preview
        await finish(app, pilot)
        preview = text_of(dialog, "#preview")
        assert "3 events" in preview and "csv" in preview
        assert "2026-11-20 23:55 to 2026-11-21 00:20 Europe/Berlin" in preview
        assert "3 actors" in preview
        assert event_rows(db_path, review_id) == [], "the preview must write nothing"
        assert not dialog.query_one("#import-button", Button).disabled
        await pilot.click("#import-button")
        await finish(app, pilot)
        assert not isinstance(app.screen, ImportDialog)
        assert any("imported 3 events" in notice.lower() for notice in app.told)
    assert results == [3]
    rows = event_rows(db_path, review_id)
    assert [actor for _, actor, _ in rows] == ["PagerDuty", "Ana Lima", "Bo Chen"]
    assert rows[2][2] == "[@click=app.quit]restarted[/] the consumer pool"


async def test_text_log_is_dated_on_the_incident_day_in_the_review_zone(db_path, review_id, tmp_path):
    source = tmp_path / "bridge.log"
    source.write_text(TEXT_LOG, encoding="utf-8")
    app = FacilitatorApp(db_path=db_path)
    results: list[int | None] = []
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_dialog(app, pilot, review_id, results)
        dialog.query_one("#path", Input).value = str(source)
        dialog.query_one("#format", Select).value = "text"
        await pilot.press("enter")
        await finish(app, pilot)
        assert "3 events (text)" in text_of(dialog, "#preview")
        assert event_rows(db_path, review_id) == []
        await pilot.press("enter")  # import, now that the preview is shown
        await finish(app, pilot)
    assert results == [3]
    rows = event_rows(db_path, review_id)
    # 23:55 in Berlin on 20 November is 22:55 UTC; the log then crosses midnight.
    assert [at[:16] for at, _, _ in rows] == ["2026-11-20T22:55", "2026-11-20T23:05", "2026-11-20T23:12"]
    assert rows[1][1:] == ("bo", "rebalanced the partitions")


async def test_since_and_until_are_read_in_the_review_zone(db_path, review_id, tmp_path):
    source = tmp_path / "timeline.csv"
    source.write_text(CSV, encoding="utf-8")
    app = FacilitatorApp(db_path=db_path)
    results: list[int | None] = []
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_dialog(app, pilot, review_id, results)
        dialog.query_one("#path", Input).value = str(source)
        dialog.query_one("#since", Input).value = "2026-11-21 00:00"  # 23:00 UTC
        await pilot.press("enter")
        await finish(app, pilot)
        assert "2 events" in text_of(dialog, "#preview")
        await pilot.press("enter")
        await finish(app, pilot)
    assert results == [2]
    assert len(event_rows(db_path, review_id)) == 2


async def test_a_broken_file_shows_one_line_and_changes_nothing(db_path, review_id, service, tmp_path):
    service.add_event(review_id, "already here")
    before = event_rows(db_path, review_id)
    broken = tmp_path / "broken.csv"
    broken.write_text("time,actor,text\nnot a time,ana,hello\n", encoding="utf-8")
    app = FacilitatorApp(db_path=db_path)
    results: list[int | None] = []
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_dialog(app, pilot, review_id, results)
        dialog.query_one("#path", Input).value = str(broken)
        await pilot.press("enter")
        await finish(app, pilot)
        error = text_of(dialog, "#error")
        assert "broken.csv" in error and "\n" not in error
        assert dialog.query_one("#import-button", Button).disabled
        assert app.screen is dialog
        await pilot.press("escape")
        await pilot.pause()
    assert results == [None]
    assert event_rows(db_path, review_id) == before


async def test_form_errors_are_inline(db_path, review_id, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_dialog(app, pilot, review_id, [])
        dialog.query_one("#path", Input).value = str(tmp_path / "missing.csv")
        await pilot.press("enter")
        await finish(app, pilot)
        assert "no such file" in text_of(dialog, "#error")
        (tmp_path / "t.csv").write_text(CSV, encoding="utf-8")
        dialog.query_one("#path", Input).value = "~/t.csv"
        dialog.query_one("#until", Input).value = "yesterday-ish"
        await pilot.press("enter")
        await finish(app, pilot)
        assert text_of(dialog, "#error").startswith("Until:")
        assert event_rows(db_path, review_id) == []


async def test_changing_the_form_after_a_preview_asks_for_a_new_one(db_path, review_id, tmp_path):
    source = tmp_path / "timeline.csv"
    source.write_text(CSV, encoding="utf-8")
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_dialog(app, pilot, review_id, [])
        dialog.query_one("#path", Input).value = str(source)
        await pilot.press("enter")
        await finish(app, pilot)
        assert not dialog.query_one("#import-button", Button).disabled
        dialog.query_one("#until", Input).value = "23:30"
        await pilot.pause()
        assert dialog.query_one("#import-button", Button).disabled
        assert "preview again" in text_of(dialog, "#preview")


async def test_closing_while_reading_writes_nothing_or_everything(db_path, review_id, tmp_path):
    rows = [f"2026-11-20T23:{i // 600 % 60:02d}:{i // 10 % 60:02d}Z,ana,message {i}" for i in range(30_000)]
    source = tmp_path / "big.csv"
    source.write_text("time,actor,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    app = FacilitatorApp(db_path=db_path)
    results: list[int | None] = []
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_dialog(app, pilot, review_id, results)
        dialog.query_one("#path", Input).value = str(source)
        await pilot.press("enter")  # preview
        await pilot.press("escape")
        await finish(app, pilot)
        assert results == [None]
        assert event_rows(db_path, review_id) == []

        dialog = await open_dialog(app, pilot, review_id, results)
        dialog.query_one("#path", Input).value = str(source)
        await pilot.press("enter")
        await finish(app, pilot)
        assert "30000 events" in text_of(dialog, "#preview")
        await pilot.press("enter")  # import
        await pilot.press("escape")
        await finish(app, pilot)
        assert not isinstance(app.screen, ImportDialog)
    assert len(event_rows(db_path, review_id)) in (0, 30_000)


async def test_fits_at_80x24(db_path, review_id):
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(app, pilot, review_id, [])
        for selector in ("#path", "#format", "#since", "#until", "#import-button", "#cancel"):
            region = dialog.query_one(selector).region
            assert region.width > 0 and region.bottom <= 24, selector


async def test_f9_on_the_review_screen_imports_into_its_timeline(db_path, review_id, tmp_path):
    source = tmp_path / "timeline.csv"
    source.write_text(CSV, encoding="utf-8")
    app = FacilitatorApp(db_path=db_path, review_id=review_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        review_screen = app.screen
        await pilot.press("f9")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        dialog.query_one("#path", Input).value = str(source)
        await pilot.press("enter")
        await finish(app, pilot)
        await pilot.press("enter")
        await finish(app, pilot)
        assert app.screen is review_screen
    assert len(event_rows(db_path, review_id)) == 3


async def test_preview_shows_the_first_rows_as_stored_and_the_lines_it_will_skip(db_path, review_id, tmp_path):
    source = tmp_path / "bridge.log"
    source.write_text("Bridge notes, all times UTC\n"
                      "22:55 ana: [@click=app.quit]paged[/] for the queue\n"
                      "20.11.2026 23:02 someone: a date we cannot read\n"
                      "23:05 WARN consumer: lag \x1b[31mrising\x1b[0m\n", encoding="utf-8")
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_dialog(app, pilot, review_id, [])
        dialog.query_one("#path", Input).value = str(source)
        await pilot.press("enter")
        await finish(app, pilot)
        preview = text_of(dialog, "#preview")
        assert "2 events (text)" in preview
        assert "times without a zone read as UTC, as line 1 says" in preview
        assert "skipped 1 line that could not be read: line 3" in preview
        assert "line 3: cannot read the time it starts with: 20.11.2026 23:02 someone" in preview
        # Stored as UTC 22:55, shown in the review's zone (Berlin), markup and escapes shown literally.
        assert "2026-11-20 23:55:00  ana" in preview and "[@click=app.quit]paged[/] for the queue" in preview
        assert "00:05:00  consumer" in preview
        assert "consumer" in preview and "WARN lag \u241b[31mrising\u241b[0m" in preview
        assert "\x1b" not in preview
        assert app.screen is dialog
    assert event_rows(db_path, review_id) == []


async def test_every_format_can_be_chosen(db_path, review_id):
    from facilitator_tui.importers import FORMATS

    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_dialog(app, pilot, review_id, [])
        select = dialog.query_one("#format", Select)
        for fmt in ("auto", *FORMATS):
            select.value = fmt
            assert select.value == fmt


async def test_cancelling_a_running_import_leaves_the_review_unchanged(db_path, review_id, service, tmp_path):
    import asyncio
    import threading

    service.add_event(review_id, "already here")
    before = event_rows(db_path, review_id)
    rows = [f"2026-11-20T23:{i // 600 % 60:02d}:{i // 10 % 60:02d}Z,ana,message {i}" for i in range(12_000)]
    source = tmp_path / "big.csv"
    source.write_text("time,actor,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    app = FacilitatorApp(db_path=db_path)
    results: list[int | None] = []
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_dialog(app, pilot, review_id, results)
        dialog.query_one("#path", Input).value = str(source)
        await pilot.press("enter")  # preview
        await finish(app, pilot)
        assert "12000 events" in text_of(dialog, "#preview")
        reading, release = threading.Event(), threading.Event()

        def hold(done: int, total: int) -> None:
            reading.set()
            release.wait(10)

        dialog.progress_hook = hold
        await pilot.press("enter")  # import: the worker stops at its first progress report
        assert await asyncio.to_thread(reading.wait, 10)
        worker = next(w for w in app.workers if w.group == "import")
        await pilot.press("escape")
        await pilot.pause()
        assert results == [None] and not isinstance(app.screen, ImportDialog)
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert worker.is_cancelled
    assert event_rows(db_path, review_id) == before
