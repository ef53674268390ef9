"""sqlite3's failures reach people as one accurate line per cause, from the store and from the CLI.

Every fault here is real SQLite: a second connection holding the write lock, a
page limit (`PRAGMA max_page_count`) for a full disk, `PRAGMA query_only` for a
file that cannot be written, bytes overwritten for a damaged page.
"""

from __future__ import annotations

import gc
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from facilitator_tui.cli import main
from facilitator_tui.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseFull,
    DatabaseReadOnly,
    FacilitatorError,
    NotFoundError,
)
from facilitator_tui.models import Event
from facilitator_tui.service import ReviewService

T0 = datetime(2026, 11, 20, 22, 0, tzinfo=UTC)


def test_a_held_lock_is_busy_and_transient(db_path):
    service = ReviewService.open(db_path, busy_timeout=0.05)
    rid = service.create_review("r").id
    locker = sqlite3.connect(db_path, isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    with pytest.raises(DatabaseBusy) as caught:
        service.add_note(rid, "waiting")
    assert caught.value.transient and "busy" in str(caught.value)
    locker.execute("ROLLBACK")
    service.add_note(rid, "waiting")  # the same call works once the lock is gone
    assert [n.text for n in service.notes(rid)] == ["waiting"]


def test_a_full_database_is_full_and_keeps_nothing_half_written(service):
    rid = service.create_review("r").id
    conn = service.store.conn
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
    with pytest.raises(DatabaseFull) as caught:
        service.add_note(rid, "x" * 200_000)
    assert caught.value.transient and "full" in str(caught.value)
    assert service.notes(rid) == []


def test_a_read_only_database_says_so(service):
    rid = service.create_review("r").id
    service.store.conn.execute("PRAGMA query_only = ON")
    with pytest.raises(DatabaseReadOnly, match="cannot be written"):
        service.add_note(rid, "x")


def test_a_review_deleted_elsewhere_is_named_as_such(service, db_path):
    rid = service.create_review("r").id
    other = ReviewService.open(db_path)
    other.delete_review(rid)
    other.close()
    for attempt in (lambda: service.add_note(rid, "x"), lambda: service.save_draft(rid, "x")):
        with pytest.raises(NotFoundError, match="deleted elsewhere"):
            attempt()


def test_review_ids_are_never_reused(service):
    first = service.create_review("first").id
    service.delete_review(first)
    second = service.create_review("second").id
    assert second != first
    note = service.add_note(second, "a")
    service.delete_note(note.id)
    assert service.add_note(second, "b").id != note.id


def damaged(db_path) -> int:
    """A database with one review of 3,000 events, then garbage over pages in the middle.

    Four pages, so that an events page is hit whatever index page a schema change puts there.
    """
    service = ReviewService.open(db_path)
    rid = service.create_review("damaged").id
    service.import_events(rid, [Event(at=T0 + timedelta(seconds=i), text=f"message {i} " * 5)
                                for i in range(3000)])
    service.close()
    data = bytearray(db_path.read_bytes())
    page = 4096
    middle = (len(data) // page // 2) * page
    data[middle: middle + 4 * page] = b"\xa5" * (4 * page)
    db_path.write_bytes(bytes(data))
    for extra in ("-wal", "-shm"):
        db_path.with_name(db_path.name + extra).unlink(missing_ok=True)
    return rid


def test_a_damaged_page_is_one_line_and_a_non_zero_exit(db_path, capsys):
    rid = damaged(db_path)
    assert main(["--db", str(db_path), "open", str(rid)]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "damaged" in err and "backup" in err
    size = db_path.stat().st_size
    assert main(["--db", str(db_path), "new", "more"]) != 0  # nothing written into it
    assert db_path.stat().st_size == size
    service = ReviewService.open(db_path)
    with pytest.raises(DatabaseDamaged):
        service.check()
    with pytest.raises(FacilitatorError):  # reading the page itself is translated too
        service.store.all_events(rid)
    service.close()


def test_open_refuses_a_damaged_file_before_writing_into_it(db_path, capsys):
    # `open` checks the file in a thread while the UI's modules load, and waits for the
    # answer before the screen clears: the file is as it was, and the error is one line.
    rid = damaged(db_path)
    before = db_path.read_bytes()
    assert main(["--db", str(db_path), "open", str(rid)]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "damaged" in err
    assert db_path.read_bytes() == before
    assert gc.isenabled()  # the collector, held while the app loads, works again


def test_the_check_in_a_thread_finds_the_damage(db_path):
    damaged(db_path)
    service = ReviewService.open(db_path)
    service.start_check()
    with pytest.raises(DatabaseDamaged, match="damaged"):
        service.check()
    service.close()


def test_a_check_in_a_thread_passes_a_sound_file_and_can_be_left_unasked(db_path):
    service = ReviewService.open(db_path)
    rid = service.create_review("sound").id
    service.start_check()
    service.check()  # nothing to report
    service.start_check()
    service.close()  # waits for the thread, whose answer no one asked for
    assert ReviewService.open(db_path).review(rid).title == "sound"


def test_an_older_damaged_file_is_not_upgraded(tmp_path):
    # An upgrade writes: a damaged file of an older schema is refused before the first step.
    from facilitator_tui.store import Store
    from facilitator_tui.store.schema import MIGRATIONS

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for script in MIGRATIONS[:1]:
        conn.executescript(script)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO reviews (id, title, timezone, created_at, updated_at) VALUES "
                 "(1, 'Old', 'UTC', '2025-01-01T00:00:00.000000Z', '2025-01-01T00:00:00.000000Z')")
    conn.executemany("INSERT INTO events (review_id, at, source, actor, text, dedupe) VALUES "
                     "(1, ?, 'slack', 'ana', ?, ?)",
                     [(f"2025-01-01T10:00:{i % 60:02d}.{i:06d}Z", f"message {i} " * 5, f"k{i}")
                      for i in range(3000)])
    conn.commit()
    conn.close()
    data = bytearray(path.read_bytes())
    middle = (len(data) // 4096 // 2) * 4096
    data[middle: middle + 4096] = b"\xa5" * 4096
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamaged):
        Store(path)
    assert path.read_bytes() == bytes(data)


def test_the_real_command_on_a_damaged_file_prints_no_traceback(db_path):
    rid = damaged(db_path)
    run = subprocess.run([sys.executable, "-m", "facilitator_tui", "--db", str(db_path), "open",
                          str(rid)], capture_output=True, text=True, timeout=60)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_a_file_that_is_not_a_database_is_damaged_not_locked(db_path, capsys):
    db_path.write_bytes(b"not sqlite at all\n" * 300)
    assert main(["--db", str(db_path), "list"]) != 0
    err = capsys.readouterr().err
    assert "damaged" in err and "busy" not in err and "read-only" not in err


def test_a_locked_database_in_the_cli_says_busy(db_path, capsys, monkeypatch):
    ReviewService.open(db_path).close()
    original = ReviewService.open.__func__  # type: ignore[attr-defined]
    # The CLI waits for a lock as a script would; here it gives up quickly.
    monkeypatch.setattr(ReviewService, "open",
                        classmethod(lambda cls, path, **kw: original(cls, path, busy_timeout=0.05)))
    locker = sqlite3.connect(db_path, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        assert main(["--db", str(db_path), "new", "x"]) != 0
    finally:
        locker.execute("ROLLBACK")
    err = capsys.readouterr().err
    assert "busy" in err and "damaged" not in err


def test_escape_sequences_in_a_file_name_never_reach_the_terminal(db_path, capsys, tmp_path):
    service = ReviewService.open(db_path)
    rid = service.create_review("r").id
    service.close()
    hostile = tmp_path / "ops\x1b]0;PWNED\x07\x1b[2J.txt"
    assert main(["--db", str(db_path), "import", str(rid), str(hostile)]) != 0
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and err.count("\n") == 1


@pytest.mark.parametrize(("denied", "words"), [
    ("file-read", "cannot be read"), ("file-write", "is read-only"), ("folder", "folder of"),
])
def test_unreadable_and_read_only_files_each_get_their_own_line(db_path, capsys, monkeypatch,
                                                               denied, words):
    ReviewService.open(db_path).close()
    real_access = os.access

    def access(path, mode):  # the tests run as root, for whom chmod denies nothing
        if denied == "folder" and str(path) == str(db_path.parent):
            return False
        if str(path) == str(db_path):
            if denied == "file-read" and mode & os.R_OK:
                return False
            if denied == "file-write" and mode & os.W_OK:
                return False
        return real_access(path, mode)

    monkeypatch.setattr(os, "access", access)
    assert main(["--db", str(db_path), "list"]) != 0
    err = capsys.readouterr().err
    assert words in err and "damaged" not in err and err.count("\n") == 1
