"""Typing the database refused survives the app ending: kept in a journal on disk, saved
once, in its own review, when that review is opened again.

Real faults, as in test_meeting_faults.py: another connection holding the write
lock, a database at its page limit, a connection made read-only. "The app ends
without closing cleanly" is the journal as it was on disk while the app still
ran, put back after the app has gone (what a kill -9 leaves); the real kill -9
in a pseudo-terminal is at the end of this file.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from pathlib import Path

import pytest
from textual.widgets import Input

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.journal import Journal, JournalEntry, journal_path
from facilitator_tui.service import ReviewService
from facilitator_tui.widgets import notes_pane
from facilitator_tui.widgets.notes_pane import NotesPane


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch, tmp_path):
    monkeypatch.setattr(notes_pane, "RETRY_EVERY", 0.2)
    monkeypatch.setenv("FACILITATOR_LOG", str(tmp_path / "state" / "facilitator.log"))


def notes_of(db_path, rid: int) -> list[tuple[str, str]]:
    other = ReviewService.open(db_path)
    try:
        return [(n.kind, n.text) for n in other.notes(rid)]
    finally:
        other.close()


def draft_of(db_path, rid: int) -> str:
    other = ReviewService.open(db_path)
    try:
        return other.draft(rid)
    finally:
        other.close()


def on_disk(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.name.endswith(".lock")}


def as_killed(folder: Path, kept: dict[Path, bytes]) -> None:
    """The journal folder as it was when the app was killed (whatever a clean exit did since)."""
    for path in list(on_disk(folder)):
        path.unlink()
    for path, data in kept.items():
        path.write_bytes(data)


class Lock:
    """Another program's write transaction on the database (a big import from a terminal)."""

    def __init__(self, db_path) -> None:
        self.conn = sqlite3.connect(db_path, isolation_level=None)
        self.conn.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        self.conn.execute("ROLLBACK")
        self.conn.close()


async def open_notes(pilot, app) -> NotesPane:
    await pilot.pause()
    await pilot.press("ctrl+n")
    return app.screen.query_one(NotesPane)


async def type_while_refused(db_path, rid: int, type_text, notes: list[str], draft: str = "",
                             *, app_class=FacilitatorApp) -> tuple[dict[Path, bytes], Lock]:
    """Open the review, take the lock, type `notes` (Enter after each) and `draft`; the app
    ends with the lock still held. Returns the journal as it was before the app ended."""
    app = app_class(db_path, rid)
    folder = journal_path(db_path).parent
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_notes(pilot, app)
        lock = Lock(db_path)
        for text in notes:
            await type_text(pilot, text)
            await pilot.press("enter")
        await type_text(pilot, draft)
        await pilot.pause()
        assert len(pane.queue) == len(notes) and app.is_running
        kept = on_disk(folder)
    return kept, lock


async def test_notes_typed_during_a_lock_are_saved_once_when_the_review_opens_again(service, db_path, demo_in_meeting, journal_folder, private_snippets, recording_app, screen_text, shown_private, type_text, until):
    rid = demo_in_meeting(service)  # share-safe on, as in a meeting
    before = notes_of(db_path, rid)
    kept, lock = await type_while_refused(
        db_path, rid, type_text, ["i: caches hid the lag", "p: Bo looked exhausted"], "half typed")
    as_killed(journal_folder, kept)
    lock.release()
    assert notes_of(db_path, rid) == before  # nothing reached the database: the journal has it all

    secrets = [*private_snippets(service, rid), "Bo looked exhausted"]
    app = recording_app(db_path, rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await until(pilot, lambda: len(notes_of(db_path, rid)) == len(before) + 2)
        await pilot.pause()
        assert app.is_running
        assert "2 notes typed while the database was busy were saved." in app.told
        assert app.screen.query_one("#note-input", Input).value == "half typed"
        assert shown_private(app, secrets) == []
        assert not any("exhausted" in line for line in app.told)
    added = notes_of(db_path, rid)[len(before):]
    assert added == [("insight", "caches hid the lag"), ("private", "Bo looked exhausted")]
    assert draft_of(db_path, rid) == "half typed"
    assert on_disk(journal_folder) == {}  # settled

    again = recording_app(db_path, rid)  # a third start saves nothing more, says nothing
    async with again.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
    assert notes_of(db_path, rid)[len(before):] == added
    assert not any("busy" in line for line in again.told)


async def test_opened_while_still_refused_the_kept_notes_wait_in_the_list_then_land_once(service, db_path, demo_in_meeting, journal_folder, private_snippets, screen_text, shown_private, type_text, until):
    rid = demo_in_meeting(service)
    before = notes_of(db_path, rid)
    kept, lock = await type_while_refused(db_path, rid, type_text, ["p: still private", "still locked"])
    as_killed(journal_folder, kept)
    secrets = [*private_snippets(service, rid), "still private"]
    app = FacilitatorApp(db_path, rid)
    try:
        async with app.run_test(size=(160, 45)) as pilot:
            pane = app.screen.query_one(NotesPane)
            await until(pilot, lambda: len(pane.queue) == 2)
            await until(pilot, lambda: "NOT SAVED YET still locked" in screen_text(app))  # drawn at the end
            assert shown_private(app, secrets) == []  # share-safe: the private one stays hidden
            lock.release()
            lock = None
            await until(pilot, lambda: not pane.queue)
            await pilot.pause()
            assert shown_private(app, secrets) == [] and app.is_running
    finally:
        if lock is not None:
            lock.release()
    assert notes_of(db_path, rid)[len(before):] == [("private", "still private"), ("observation", "still locked")]
    assert on_disk(journal_folder) == {}


async def test_the_retry_saves_a_kept_note_once_and_settles_the_journal(service, db_path, make_review, journal_folder, type_text, wait_for):
    rid = make_review(service)
    app = FacilitatorApp(db_path, rid)
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_notes(pilot, app)
        lock = Lock(db_path)
        await type_text(pilot, "held by the lock")
        await pilot.press("enter")
        await pilot.pause()
        assert [e.text for e in Journal.for_database(db_path).read().entries
                if e.entry == "note"] == ["held by the lock"]
        lock.release()
        assert await wait_for(pilot, lambda: not pane.queue)
        await pilot.pause()
    assert notes_of(db_path, rid).count(("observation", "held by the lock")) == 1
    assert on_disk(journal_folder) == {}


async def test_a_crash_between_saving_and_settling_never_doubles_a_note(service, db_path, make_review, journal_folder, recording_app, type_text):
    rid = make_review(service)
    kept, lock = await type_while_refused(db_path, rid, type_text, ["saved just before the crash"])
    as_killed(journal_folder, kept)
    lock.release()
    # The database took the note, then the app died before the journal was rewritten.
    [entry] = [e for e in Journal.for_database(db_path).read().entries if e.entry == "note"]
    assert service.add_quick_note_once(rid, entry.text, entry.id) is not None
    app = recording_app(db_path, rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert app.is_running
        assert app.screen.query_one("#note-input", Input).value == ""  # not given back either
    assert notes_of(db_path, rid).count(("observation", "saved just before the crash")) == 1
    assert not any("were saved" in line or "was saved" in line for line in app.told)
    assert on_disk(journal_folder) == {}


async def test_a_full_database_keeps_the_note_on_disk_until_space_is_back(service, db_path, make_review, journal_folder, recording_app, until):
    rid = make_review(service)
    long_text = "the pager went to a phone in a drawer " * 3000  # needs new pages
    app = FacilitatorApp(db_path, rid)
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_notes(pilot, app)
        conn = app.service.store.conn
        conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
        app.screen.query_one("#note-input", Input).value = long_text
        await pilot.press("enter")
        await pilot.pause()
        assert len(pane.queue) == 1 and app.is_running
        kept = on_disk(journal_folder)
    as_killed(journal_folder, kept)  # the app ended while the disk was still full
    again = recording_app(db_path, rid)  # space is back (the limit was this connection's)
    async with again.run_test(size=(160, 45)) as pilot:
        await until(pilot, lambda: len(notes_of(db_path, rid)) == 1)
        assert "1 note typed while the database was busy was saved." in again.told
    assert notes_of(db_path, rid) == [("observation", long_text.strip())]


async def test_a_read_only_database_keeps_notes_and_draft_on_disk(service, db_path, make_review, journal_folder, type_text, until):
    rid = make_review(service)
    app = FacilitatorApp(db_path, rid)
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_notes(pilot, app)
        app.service.store.conn.execute("PRAGMA query_only = ON")  # as a read-only file would
        await type_text(pilot, "a: read only for now")
        await pilot.press("enter")
        await type_text(pilot, "and more")
        await pilot.pause()
        assert len(pane.queue) == 1
        kept = on_disk(journal_folder)
    as_killed(journal_folder, kept)
    again = FacilitatorApp(db_path, rid)
    async with again.run_test(size=(160, 45)) as pilot:
        await until(pilot, lambda: len(notes_of(db_path, rid)) == 1)
        assert again.screen.query_one("#note-input", Input).value == "and more"
    assert notes_of(db_path, rid) == [("action", "read only for now")]
    assert draft_of(db_path, rid) == "and more"


async def test_each_review_gets_only_its_own_notes(service, db_path, make_review, journal_folder, type_text, until):
    first, second = make_review(service), make_review(service)
    kept, lock = await type_while_refused(db_path, first, type_text, ["for the first"])
    as_killed(journal_folder, kept)
    lock.release()
    kept, lock = await type_while_refused(db_path, second, type_text, ["for the second"], "second draft")
    as_killed(journal_folder, kept)
    lock.release()

    app = FacilitatorApp(db_path, first)
    async with app.run_test(size=(160, 45)) as pilot:
        await until(pilot, lambda: len(notes_of(db_path, first)) == 1)
        await pilot.pause()
        assert app.screen.query_one("#note-input", Input).value == ""
    assert notes_of(db_path, first) == [("observation", "for the first")]
    assert notes_of(db_path, second) == []  # still waiting in the journal for its own review
    waiting = Journal.for_database(db_path).read().entries
    assert [e.text for e in waiting if e.entry == "note"] == ["for the second"]
    assert [e.text for e in waiting if e.entry == "draft"][-1] == "second draft"
    assert {e.review_id for e in waiting} == {second}

    app = FacilitatorApp(db_path, second)
    async with app.run_test(size=(160, 45)) as pilot:
        await until(pilot, lambda: len(notes_of(db_path, second)) == 1)
        await pilot.pause()
        assert app.screen.query_one("#note-input", Input).value == "second draft"
    assert notes_of(db_path, second) == [("observation", "for the second")]
    assert notes_of(db_path, first) == [("observation", "for the first")]


async def test_notes_for_a_review_deleted_since_are_kept_aside_and_written_nowhere(service, db_path, make_review, journal_folder, recording_app, table_dump, type_text):
    gone, other = make_review(service), make_review(service)
    kept, lock = await type_while_refused(db_path, gone, type_text, ["p: for a review soon gone"])
    as_killed(journal_folder, kept)
    lock.release()
    service.delete_review(gone)  # `facilitator delete` from another terminal
    before = table_dump(db_path)
    app = recording_app(db_path, other)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert app.is_running
    after = table_dump(db_path)
    for table in ("notes", "drafts", "journal_saved"):
        assert after[table] == before[table]
    [line] = [t for t in app.told if "kept aside" in t]
    assert line.startswith("1 note typed for a review deleted since was kept aside in ")
    assert "soon gone" not in line
    [aside] = [p for p in journal_folder.iterdir() if ".aside-" in p.name]
    assert "for a review soon gone" in aside.read_text()
    assert stat.S_IMODE(aside.stat().st_mode) == 0o600
    assert not journal_path(db_path).exists()


async def test_a_damaged_journal_is_read_up_to_the_damage_and_start_up_goes_on(service, db_path, make_review, journal_folder, recording_app, until):
    rid = make_review(service)
    review = service.review(rid)
    journal = Journal.for_database(db_path)
    journal.append(JournalEntry(entry="note", review_id=rid, review_uuid=review.uuid, text="before the tear"))
    path = journal_path(db_path)
    with path.open("ab") as torn:
        torn.write(b'\x00\xffgarbage\n{"v": 1, "entry": "note", "review_id": 1, "text": "torn hal')
    app = recording_app(db_path, rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await until(pilot, lambda: len(notes_of(db_path, rid)) == 1)
        await pilot.pause()
        assert app.is_running
    assert notes_of(db_path, rid) == [("observation", "before the tear")]
    assert any("damaged part of the journal" in line for line in app.told)
    [aside] = [p for p in journal_folder.iterdir() if ".aside-" in p.name]
    assert b"torn hal" in aside.read_bytes() and b"garbage" in aside.read_bytes()
    assert not path.exists()


def test_a_torn_last_line_is_ended_before_the_next_entry(db_path, service, make_review):
    rid = make_review(service)
    uuid = service.review(rid).uuid
    journal = Journal.for_database(db_path)
    journal.append(JournalEntry(entry="note", review_id=rid, review_uuid=uuid, text="one"))
    with journal.path.open("ab") as torn:
        torn.write(b'{"v": 1, "entry": "no')  # the crash cut this line short
    journal.append(JournalEntry(entry="note", review_id=rid, review_uuid=uuid, text="two"))
    read = Journal.for_database(db_path).read()
    assert [e.text for e in read.entries] == ["one", "two"]
    assert [e.seq for e in read.entries] == [1, 2]
    assert read.damaged == 1 and read.aside is not None


def test_each_database_has_its_own_private_journal(tmp_path, journal_folder):
    one, two = journal_path(tmp_path / "a.db"), journal_path(tmp_path / "b.db")
    assert one != two and one.parent == two.parent == journal_folder
    Journal(one).append(JournalEntry(entry="draft", review_id=1, review_uuid="u", text="p: secret"))
    assert stat.S_IMODE(one.stat().st_mode) == 0o600
    assert not two.exists()
    assert journal_path(tmp_path / "x" / ".." / "a.db") == one  # the same file, the same journal


# -- a real kill -9 in a pseudo-terminal --------------------------------------------------

pty_only = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pty")


def wait_until(condition, seconds: float = 30.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pty_only
def test_kill_9_while_the_database_is_locked_loses_no_note(db_path, tmp_path, pty_harness):
    service = ReviewService.open(db_path)
    rid = service.create_review("Queue backlog").id
    service.add_participant(rid, "Ana Lima")
    service.close()
    app = pty_harness.PtyApp(db_path, rid, log=tmp_path / "log")
    lock = None
    try:
        assert app.wait_for("Notes", 60)
        time.sleep(0.5)
        app.write(pty_harness.CTRL_N)
        time.sleep(0.3)
        lock = Lock(db_path)
        for text in ("locked one", "p: locked two"):
            for char in text:
                app.write(char.encode())
                time.sleep(0.12)
            app.write(pty_harness.ENTER)
        for char in "half":
            app.write(char.encode())
            time.sleep(0.12)
        time.sleep(0.5)  # the promise: what was typed more than half a second ago is kept
        app.kill9()
    finally:
        app.close()
        if lock is not None:
            lock.release()
    assert notes_of(db_path, rid) == []  # the database never had them

    again = pty_harness.PtyApp(db_path, rid, log=tmp_path / "log")
    try:
        assert wait_until(lambda: len(notes_of(db_path, rid)) >= 2)
        assert wait_until(lambda: draft_of(db_path, rid) == "half", 5)
        time.sleep(0.3)
        assert again.running()
    finally:
        again.kill9()
    assert notes_of(db_path, rid) == [("observation", "locked one"), ("private", "locked two")]
    assert draft_of(db_path, rid) == "half"


async def test_a_journal_that_cannot_be_written_is_said_once_and_the_meeting_goes_on(service, db_path, make_review, monkeypatch, tmp_path, recording_app, type_text, wait_for):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("FACILITATOR_JOURNAL_DIR", str(blocked / "journal"))
    rid = make_review(service)
    app = recording_app(db_path, rid)
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await open_notes(pilot, app)
        lock = Lock(db_path)
        for text in ("first while blocked", "second while blocked"):
            await type_text(pilot, text)
            await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and len(pane.queue) == 2
        assert len([t for t in app.told if t.startswith("Not kept on disk")]) == 1
        lock.release()
        assert await wait_for(pilot, lambda: not pane.queue)  # still saved from memory
    assert notes_of(db_path, rid) == [("observation", "first while blocked"),
                                      ("observation", "second while blocked")]


def test_a_link_planted_in_place_of_the_journal_is_not_followed(db_path, tmp_path, service, make_review):
    rid = make_review(service)
    planted = tmp_path / "planted.jsonl"
    planted.write_text(JournalEntry(entry="note", review_id=rid, review_uuid=service.review(rid).uuid,
                                    text="injected").line())
    path = journal_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(planted)
    assert service.replay_typed(rid).saved == []
    with pytest.raises(Exception, match="kept on disk"):
        service.keep_typed(JournalEntry(entry="draft", review_id=rid, review_uuid="u", text="x"))
    assert notes_of(db_path, rid) == [] and planted.read_text().count("\n") == 1


async def test_only_a_draft_for_a_review_deleted_since_is_kept_aside_too(service, db_path, make_review, journal_folder, recording_app):
    gone, other = make_review(service), make_review(service)
    service.keep_typed(JournalEntry(entry="draft", review_id=gone, review_uuid=service.review(gone).uuid,
                                    text="a draft for nobody"))
    service.delete_review(gone)
    app = recording_app(db_path, other)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert app.is_running
        assert app.screen.query_one("#note-input", Input).value == ""
    assert any(t.startswith("Text typed for a review deleted since was kept aside in ") for t in app.told)
    assert draft_of(db_path, other) == ""
