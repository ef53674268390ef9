"""The mirror's door to the data: read-only, private rows left out at the query, and the
facilitator's side written only when it changes, never counted as an edit of the review."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from facilitator_tui.errors import DatabaseReadOnly, DatabaseUnavailable, InputError, StorageError
from facilitator_tui.mirror_feed import MirrorFeed
from facilitator_tui.service import ReviewService
from facilitator_tui.store.room_reader import RoomReader

START = datetime(2026, 3, 2, 22, 40, tzinfo=UTC)


def make_review(service: ReviewService) -> tuple[int, dict[str, int]]:
    rid = service.create_review("Cache stampede", start=START).id
    ids = {}
    for n in range(5):
        ids[f"e{n}"] = service.add_event(rid, f"event {n}", at=START + timedelta(minutes=n)).id
    secret = service.add_event(rid, "only for the facilitator", at=START + timedelta(minutes=2, seconds=1))
    service.edit_event(secret.id, facilitator_only=True)
    ids["secret"] = secret.id
    hidden = service.add_event(rid, "hidden one", at=START + timedelta(minutes=3, seconds=1))
    service.set_hidden(hidden.id)
    ids["hidden"] = hidden.id
    service.add_note(rid, "a private thought", "private")
    service.add_note(rid, "an insight", "insight")
    return rid, ids


def test_the_feed_never_reads_private_rows_whatever_the_facilitator_shows(service, db_path):
    rid, ids = make_review(service)
    service.set_share_safe(rid, False)
    feed = MirrorFeed.open(db_path, rid)
    state = feed.read()
    assert [e.text for e in state.events] == [f"event {n}" for n in range(5)]
    assert [n.text for n in state.notes] == ["an insight"]
    # The facilitator highlights the facilitator-only event, then the hidden one: the room
    # keeps the last event it may see, and the private one is never read into the mirror.
    service.show_to_room(rid, event_id=ids["e1"])
    assert feed.read().current_event_id == ids["e1"]
    for private in ("secret", "hidden"):
        service.show_to_room(rid, event_id=ids[private])
        state = feed.read()
        assert state.current_event_id == ids["e1"]
        assert ids[private] not in {e.id for e in state.events}
    feed.close()


def test_the_reader_cannot_write(service, db_path):
    rid, _ = make_review(service)
    reader = RoomReader(db_path)
    with pytest.raises(DatabaseReadOnly):
        reader.conn.execute("UPDATE reviews SET title = 'changed'")
    with pytest.raises(StorageError):
        reader.conn.execute("INSERT INTO room_view (review_id, changed_at) VALUES (?, 'x')", (rid,))
    reader.close()
    assert service.review(rid).title == "Cache stampede"


def test_a_missing_database_is_one_line_and_is_not_created(tmp_path):
    missing = tmp_path / "nowhere.db"
    with pytest.raises(DatabaseUnavailable, match="does not exist"):
        MirrorFeed.open(missing, 1)
    assert not missing.exists()


def test_an_older_database_is_not_upgraded_by_a_mirror(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE reviews (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StorageError, match="open it once"):
        MirrorFeed.open(path, 1)
    assert path.read_bytes() == before


def test_an_unknown_review_is_one_line(service, db_path):
    make_review(service)
    with pytest.raises(InputError, match="no review with id 99"):
        MirrorFeed.open(db_path, 99)


def test_the_room_view_is_written_once_per_change(service, db_path):
    rid, ids = make_review(service)
    watcher = sqlite3.connect(db_path)
    version = watcher.execute("PRAGMA data_version").fetchone()[0]
    assert service.show_to_room(rid, event_id=ids["e1"], prompt_id="p1")
    after_first = watcher.execute("PRAGMA data_version").fetchone()[0]
    assert after_first != version
    for _ in range(50):  # a key held down, or the same value told again: nothing written
        assert service.show_to_room(rid, event_id=ids["e1"], prompt_id="p1")
    assert watcher.execute("PRAGMA data_version").fetchone()[0] == after_first
    service.show_to_room(rid, prompt_id="p2")
    row = watcher.execute("SELECT prompt_id, event_id, ground_rules FROM room_view").fetchone()
    assert row == ("p2", ids["e1"], 0)
    watcher.close()


def test_following_the_meeting_is_not_an_edit_for_the_team_library(service):
    rid, ids = make_review(service)
    revision = service.store.mark_synced(rid)
    service.show_to_room(rid, event_id=ids["e3"], prompt_id="p1", ground_rules=True)
    service.show_to_room(rid, ground_rules=False)
    assert service.store.review_revision(rid) == revision
    assert service.store.conn.execute("SELECT unsynced FROM reviews WHERE id = ?",
                                      (rid,)).fetchone()[0] == 0


def test_the_room_view_refuses_what_it_does_not_know_and_survives_a_refusal(service):
    rid, ids = make_review(service)
    with pytest.raises(InputError):
        service.show_to_room(rid, title="not a room field")
    # A review deleted elsewhere: the database refuses, the meeting goes on, nothing is kept.
    assert service.show_to_room(999, event_id=ids["e1"]) is False
    assert service.show_to_room(999, event_id=ids["e1"]) is False  # tried again, not cached
    assert service.store.conn.execute("SELECT count(*) FROM room_view").fetchone()[0] == 0


def test_a_deleted_review_takes_its_room_view_with_it(service):
    rid, ids = make_review(service)
    service.show_to_room(rid, event_id=ids["e1"])
    service.delete_review(rid)
    assert service.store.conn.execute("SELECT count(*) FROM room_view").fetchone()[0] == 0
