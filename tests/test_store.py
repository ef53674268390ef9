"""The SQLite store: private files, clear errors, transactions, cascading deletes."""

from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, datetime, timedelta

import pytest

from facilitator_tui.errors import InputError
from facilitator_tui.models import Event, Note, Participant, Review
from facilitator_tui.store import EventFilter, Store, StoreError

T0 = datetime(2026, 11, 20, 22, 0, tzinfo=UTC)


def events(n: int, start: datetime = T0) -> list[Event]:
    return [
        Event(at=start + timedelta(seconds=i), text=f"message {i}", actor=f"user{i % 5}",
              source="slack" if i % 2 else "pagerduty", external_id=f"x{i}")
        for i in range(n)
    ]


def test_new_file_and_folder_are_private(tmp_path):
    path = tmp_path / "nested" / "reviews.db"
    Store(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_file_that_is_not_a_database_gives_one_line(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("this is my shopping list, not a database\n" * 50)
    with pytest.raises(StoreError) as exc:
        Store(path)
    text = str(exc.value)
    assert str(path) in text and "\n" not in text
    assert "backup" in text
    assert path.read_text().startswith("this is my shopping list")


def test_another_programs_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="another program"):
        Store(path)


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer facilitator-tui"):
        Store(path)


def test_a_folder_is_not_a_database(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        Store(tmp_path)


def test_wal_and_foreign_keys_are_on(tmp_path):
    store = Store(tmp_path / "r.db")
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_reimporting_the_same_events_adds_nothing(tmp_path):
    store = Store(tmp_path / "r.db")
    review = store.insert_review(Review(title="t"))
    assert store.insert_events(review.id, events(50)) == (50, 0)
    assert store.insert_events(review.id, events(60)) == (10, 50)
    assert store.count_events(review.id) == 60


def test_events_without_an_id_dedupe_on_time_actor_and_text(tmp_path):
    store = Store(tmp_path / "r.db")
    review = store.insert_review(Review(title="t"))
    same = [Event(at=T0, actor="ana", text="restarted"), Event(at=T0, actor="ana", text="restarted")]
    assert store.insert_events(review.id, same) == (1, 1)
    other = Event(at=T0, actor="bo", text="restarted")
    assert store.insert_events(review.id, [other]) == (1, 0)


def test_a_failed_bulk_insert_writes_nothing(tmp_path):
    store = Store(tmp_path / "r.db")
    review = store.insert_review(Review(title="t"))
    batch = events(100)
    broken = Event.model_construct(**{**batch[50].model_dump(), "text": None})
    batch[50] = broken
    # The store's edge turns sqlite3's error into the app's own.
    with pytest.raises(InputError):
        store.insert_events(review.id, batch)
    assert store.count_events(review.id) == 0


def test_paging_filtering_and_finding_times(tmp_path):
    store = Store(tmp_path / "r.db")
    review = store.insert_review(Review(title="t"))
    store.insert_events(review.id, list(reversed(events(1000))))
    page = store.page_events(review.id, 10, 5)
    assert [e.text for e in page] == [f"message {i}" for i in range(10, 15)]
    assert store.count_events(review.id, EventFilter(source="slack")) == 500
    assert store.count_events(review.id, EventFilter(actor="user3")) == 200
    assert store.count_events(review.id, EventFilter(text="message 99")) == 11
    # LIKE wildcards typed by a user are literal
    assert store.count_events(review.id, EventFilter(text="%")) == 0
    assert store.index_of_time(review.id, T0 + timedelta(seconds=250)) == 250


def test_hidden_and_private_events_are_filtered(tmp_path):
    store = Store(tmp_path / "r.db")
    review = store.insert_review(Review(title="t"))
    store.insert_events(review.id, events(10))
    first = store.page_events(review.id, 0, 2)
    store.update_event(first[0].id, hidden=True)
    store.update_event(first[1].id, facilitator_only=True)
    assert store.count_events(review.id) == 9
    assert store.count_events(review.id, EventFilter(include_private=False)) == 8
    assert store.count_events(review.id, EventFilter(include_hidden=True)) == 10


def test_time_range_skips_hidden_events_at_either_end(tmp_path):
    store = Store(tmp_path / "r.db")
    review = store.insert_review(Review(title="t"))
    other = store.insert_review(Review(title="other"))
    store.insert_events(review.id, events(10))
    store.insert_events(other.id, events(3, start=T0 - timedelta(days=1)))
    assert store.event_time_range(review.id) == (T0, T0 + timedelta(seconds=9))
    shown = store.page_events(review.id, 0, 10)
    store.update_event(shown[0].id, hidden=True)
    store.update_event(shown[-1].id, hidden=True)
    assert store.event_time_range(review.id) == (T0 + timedelta(seconds=1), T0 + timedelta(seconds=8))
    empty = store.insert_review(Review(title="empty"))
    assert store.event_time_range(empty.id) == (None, None)


def test_the_timeline_counts_and_pages_from_an_index(tmp_path):
    store = Store(tmp_path / "r.db")
    review = store.insert_review(Review(title="t"))
    store.insert_events(review.id, events(50))
    for flt in (EventFilter(), EventFilter(include_private=False)):
        where, params = flt.where(review.id)
        plan = " ".join(str(row) for row in store.conn.execute(
            f"EXPLAIN QUERY PLAN SELECT count(*) FROM events WHERE {where}", params))
        assert "COVERING INDEX events_review_shown" in plan, plan
    plan = " ".join(str(row) for row in store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT (SELECT min(at) FROM events WHERE review_id = ?1 AND hidden = 0)",
        (review.id,)))
    assert "SCAN" not in plan.replace("SCAN CONSTANT ROW", ""), plan


def test_deleting_a_review_removes_all_its_rows(tmp_path):
    store = Store(tmp_path / "r.db")
    keep = store.insert_review(Review(title="keep"))
    gone = store.insert_review(Review(title="gone"))
    for review in (keep, gone):
        person = store.add_participant(Participant(review_id=review.id, name="Ana"))
        store.insert_events(review.id, events(20))
        event = store.page_events(review.id, 0, 1)[0]
        store.add_note(Note(review_id=review.id, text="n", participant_id=person.id,
                            event_id=event.id))
        store.set_review_factor(review.id, "production-pressure", ticked=True, note="sale")
        store.set_prompt_state(review.id, "p1", starred=True)
        store.enter_phase(review.id, "open", T0)
    assert store.delete_review(gone.id)
    tables = ["participants", "events", "notes", "review_factors", "prompt_state", "phase_spans"]
    for table in tables:
        left = store.conn.execute(f"SELECT count(*) FROM {table} WHERE review_id = ?", (gone.id,))
        assert left.fetchone()[0] == 0, table
        kept = store.conn.execute(f"SELECT count(*) FROM {table} WHERE review_id = ?", (keep.id,))
        assert kept.fetchone()[0] > 0, table


def test_another_connections_commit_changes_data_version(tmp_path):
    path = tmp_path / "r.db"
    mine, theirs = Store(path), Store(path)
    review = mine.insert_review(Review(title="t"))
    before = mine.data_version()
    mine.insert_events(review.id, events(1))
    assert mine.data_version() == before  # my own writes do not count
    theirs.insert_events(review.id, events(2, T0 + timedelta(hours=1)))
    assert mine.data_version() != before
