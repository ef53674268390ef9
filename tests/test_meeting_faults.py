"""Faults a real meeting meets, injected into the running app: it stays up, shows nothing
private, keeps what was typed and saves it once the fault clears.

Each fault is real: another SQLite connection holding the write lock, a review
or note deleted or changed by a second service on the same file, a connection
made read-only, a database at its page limit (`PRAGMA max_page_count`).
"""

from __future__ import annotations

import sqlite3

import pytest

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.screens.note_editor import NoteEditor
from facilitator_tui.service import ReviewService
from facilitator_tui.widgets import notes_pane
from facilitator_tui.widgets.notes_pane import NotesPane


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch, tmp_path):
    monkeypatch.setattr(notes_pane, "RETRY_EVERY", 0.2)
    monkeypatch.setenv("FACILITATOR_LOG", str(tmp_path / "state" / "facilitator.log"))


LOCK_SECONDS = 8  # a big import into the open review, from another terminal


def saved_texts(db_path, rid: int) -> list[str]:
    other = ReviewService.open(db_path)
    try:
        return [n.text for n in other.notes(rid)]
    finally:
        other.close()


async def open_meeting(pilot, app) -> NotesPane:
    await pilot.pause()
    await pilot.press("ctrl+n")
    return app.screen.query_one(NotesPane)


async def test_a_lock_held_elsewhere_keeps_the_note_pending_until_it_clears(service, db_path, monkeypatch, demo_in_meeting, private_snippets, screen_text, shown_private, type_text, wait_for):
    monkeypatch.setattr(notes_pane, "RETRY_EVERY", 1.0)  # as in a meeting
    rid = demo_in_meeting(service)
    secrets = private_snippets(service, rid)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_meeting(pilot, app)
        locker = sqlite3.connect(db_path, isolation_level=None)
        locker.execute("BEGIN IMMEDIATE")
        try:
            await type_text(pilot, "i: caches hid the lag @maya")
            await pilot.press("enter")
            await pilot.pause()
            assert len(pane.queue) == 1
            assert "NOT SAVED YET" in screen_text(app)
            await type_text(pilot, "typed while locked")  # the box stays usable
            # Tried once a second for as long as the lock is held; nothing ends, nothing leaks.
            await pilot.pause(LOCK_SECONDS)
            assert app.is_running and len(pane.queue) == 1
            assert shown_private(app, secrets) == []
        finally:
            locker.execute("ROLLBACK")
            locker.close()
        assert await wait_for(pilot, lambda: not pane.queue and pane._draft is None)
        assert app.is_running
    assert saved_texts(db_path, rid).count("caches hid the lag") == 1
    assert service.draft(rid) == "typed while locked"


async def test_notes_entered_during_a_lock_are_saved_in_order_once(service, db_path, demo_in_meeting, type_text, wait_for):
    rid = demo_in_meeting(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_meeting(pilot, app)
        locker = sqlite3.connect(db_path, isolation_level=None)
        locker.execute("BEGIN IMMEDIATE")
        for n in range(3):
            await type_text(pilot, f"held {n}")
            await pilot.press("enter")
        assert [q.raw for q in pane.queue] == ["held 0", "held 1", "held 2"]
        locker.execute("ROLLBACK")
        locker.close()
        assert await wait_for(pilot, lambda: not pane.queue)
    texts = saved_texts(db_path, rid)
    assert [t for t in texts if t.startswith("held")] == ["held 0", "held 1", "held 2"]


async def test_a_full_database_shows_not_saved_yet_and_saves_when_space_is_back(service, db_path, demo_in_meeting, private_snippets, screen_text, shown_private, wait_for):
    rid = demo_in_meeting(service)
    secrets = private_snippets(service, rid)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_meeting(pilot, app)
        conn = app.service.store.conn
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full from now on
        long_text = "the pager went to a phone in a drawer " * 5000  # needs new pages
        app.screen.query_one("#note-input").value = long_text
        await pilot.press("enter")
        await pilot.pause()
        assert len(pane.queue) == 1 and app.is_running
        assert "not saved yet" in screen_text(app).lower()
        assert shown_private(app, secrets) == []
        conn.execute("PRAGMA max_page_count = 1073741823")  # space is back
        assert await wait_for(pilot, lambda: not pane.queue)
    assert saved_texts(db_path, rid).count(long_text.strip()) == 1


async def test_a_read_only_database_keeps_the_note_until_it_can_be_written(service, db_path, demo_in_meeting, screen_text, type_text, wait_for):
    rid = demo_in_meeting(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_meeting(pilot, app)
        conn = app.service.store.conn
        conn.execute("PRAGMA query_only = ON")  # as a read-only file or folder would
        await type_text(pilot, "read only for now")
        await pilot.press("enter")
        await pilot.pause()
        assert len(pane.queue) == 1 and app.is_running
        assert "cannot be written" in screen_text(app)
        conn.execute("PRAGMA query_only = OFF")
        assert await wait_for(pilot, lambda: not pane.queue)
    assert "read only for now" in saved_texts(db_path, rid)


async def test_the_review_deleted_elsewhere_keeps_the_typing_and_the_app(service, db_path, demo_in_meeting, private_snippets, record_notifications, screen_text, shown_private, type_text):
    rid = demo_in_meeting(service)
    secrets = private_snippets(service, rid)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    told = record_notifications(app)
    async with app.run_test(size=(160, 45)) as pilot:
        await open_meeting(pilot, app)
        other = ReviewService.open(db_path)
        other.delete_review(rid)  # `facilitator delete 1 --yes` from another terminal
        other.close()
        await type_text(pilot, "p: half a private thought")  # the draft save meets the deletion
        await pilot.pause()
        box = app.screen.query_one("#note-input")
        assert box.value == "p: half a private thought"
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        assert box.value == "p: half a private thought"  # given back, not lost
        assert any("deleted elsewhere" in line for line in told)
        assert "half a private" not in screen_text(app) + " ".join(told)
        app.screen.check_for_changes()  # the live refresh sees the deletion: the screen stays
        await pilot.pause()
        assert box.value == "p: half a private thought" and app.is_running
        assert shown_private(app, secrets) == []


async def note_editor_on(pilot, app, note_id: int) -> NoteEditor:
    pane = app.screen.query_one(NotesPane)
    app.push_screen(NoteEditor(app.service, app.service.note(note_id)))
    await pilot.pause()
    assert isinstance(app.screen, NoteEditor)
    del pane
    return app.screen


async def test_a_note_changed_elsewhere_while_edited_keeps_both_texts(service, db_path, demo_in_meeting, record_notifications):
    rid = demo_in_meeting(service)
    note = service.add_note(rid, "original words")
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    told = record_notifications(app)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await note_editor_on(pilot, app, note.id)
        other = ReviewService.open(db_path)
        other.edit_note(note.id, text="their words")  # a second window saved first
        other.close()
        await pilot.press("end", "x", "y")
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
        assert any("changed elsewhere" in line for line in told), (told, saved_texts(db_path, rid)[-3:])
    texts = saved_texts(db_path, rid)
    assert "their words" in texts and "original wordsxy" in texts


async def test_a_note_deleted_elsewhere_while_edited_is_saved_as_new(service, db_path, demo_in_meeting):
    rid = demo_in_meeting(service)
    note = service.add_note(rid, "soon gone")
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await note_editor_on(pilot, app, note.id)
        other = ReviewService.open(db_path)
        other.delete_note(note.id)
        other.close()
        await pilot.press("end", "!")
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
    assert "soon gone!" in saved_texts(db_path, rid)


async def test_the_note_editor_opens_and_saves_a_note_without_said_by(service, db_path, demo_in_meeting, until):
    rid = demo_in_meeting(service)
    note = service.add_note(rid, "a: nobody said this")  # no participant
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await note_editor_on(pilot, app, note.id)
        await pilot.press("end", "!")
        await until(pilot, lambda: service.note(note.id).text == "a: nobody said this!")
        assert app.is_running
        assert service.note(note.id).participant_id is None


async def test_a_lock_while_editing_a_note_retries_and_saves(service, db_path, monkeypatch, demo_in_meeting, screen_text, wait_for, until):
    from facilitator_tui.screens import note_editor

    monkeypatch.setattr(note_editor, "RETRY_EVERY", 0.05)
    rid = demo_in_meeting(service)
    note = service.add_note(rid, "steady")
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        editor = await note_editor_on(pilot, app, note.id)
        locker = sqlite3.connect(db_path, isolation_level=None)
        locker.execute("BEGIN IMMEDIATE")
        await pilot.press("end", "!")
        await until(pilot, lambda: "Not saved yet" in screen_text(app))
        assert app.is_running
        locker.execute("ROLLBACK")
        locker.close()
        assert await wait_for(pilot, lambda: not editor.unsaved)
    assert service.note(note.id).text == "steady!"
