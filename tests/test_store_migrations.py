"""Every older schema upgrades in place, keeping its data."""

from __future__ import annotations

import sqlite3

import pytest

from facilitator_tui.store import Store
from facilitator_tui.store.schema import LATEST_VERSION, MIGRATIONS


def make_database(path, version: int) -> None:
    conn = sqlite3.connect(path)
    for script in MIGRATIONS[:version]:
        if callable(script):
            script(conn)
        else:
            conn.executescript(script)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute(
        "INSERT INTO reviews (id, title, timezone, created_at, updated_at) "
        "VALUES (1, 'Old review', 'Europe/Berlin', '2025-01-01T00:00:00.000000Z', "
        "'2025-01-01T00:00:00.000000Z')"
    )
    conn.execute("INSERT INTO participants (review_id, name, role) VALUES (1, 'Ana', 'responder')")
    conn.execute(
        "INSERT INTO events (review_id, at, source, actor, text, dedupe) VALUES "
        "(1, '2025-01-01T10:00:00.000000Z', 'slack', 'ana', 'it is slow', 'k1')"
    )
    conn.execute(
        "INSERT INTO notes (review_id, kind, text, participant_id, event_id, created_at, updated_at) "
        "VALUES (1, 'insight', 'caches hide it', 1, 1, '2025-01-01T11:00:00.000000Z', "
        "'2025-01-01T11:00:00.000000Z')"
    )
    conn.commit()
    conn.close()


@pytest.mark.parametrize("version", range(1, LATEST_VERSION))
def test_older_versions_upgrade_with_their_data(tmp_path, version):
    path = tmp_path / f"v{version}.db"
    make_database(path, version)
    store = Store(path)
    assert store.schema_version == LATEST_VERSION
    review = store.get_review(1)
    assert review.title == "Old review"
    assert review.current_phase == "open" and review.share_safe is False
    [event] = store.all_events(1)
    assert event.text == "it is slow" and event.facilitator_only is False
    [note] = store.list_notes(1)
    assert (note.kind, note.participant_id, note.event_id) == ("insight", 1, 1)
    assert store.list_parked(1) == []
    store.close()
    # opening again is a no-op
    assert Store(path).schema_version == LATEST_VERSION


def test_settings_are_kept_after_an_upgrade(tmp_path):
    path = tmp_path / "v5.db"
    make_database(path, 5)
    store = Store(path)
    assert store.get_setting("theme") is None
    store.set_setting("theme", "textual-light")
    store.set_setting("theme", "facilitator-high-contrast")
    store.close()
    assert Store(path).get_setting("theme") == "facilitator-high-contrast"


def test_a_new_file_gets_the_latest_schema(tmp_path):
    assert Store(tmp_path / "new.db").schema_version == LATEST_VERSION


@pytest.mark.parametrize("version", range(1, 8))
def test_reviews_from_before_the_library_get_an_identity_and_actions_a_state(tmp_path, version):
    import uuid

    path = tmp_path / f"v{version}.db"
    make_database(path, version)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO reviews (id, title, created_at, updated_at) VALUES "
        "(2, 'Second', '2025-02-01T00:00:00.000000Z', '2025-02-01T00:00:00.000000Z')"
    )
    conn.execute(
        "INSERT INTO notes (review_id, kind, text, owner, due, created_at, updated_at) VALUES "
        "(2, 'action', 'fix it', 'bo', '2025-03-01', '2025-02-01T00:00:00.000000Z', "
        "'2025-02-01T00:00:00.000000Z')"
    )
    conn.commit()
    conn.close()
    store = Store(path)
    first, second = store.get_review(1), store.get_review(2)
    assert str(uuid.UUID(first.uuid)) == first.uuid and uuid.UUID(first.uuid).version == 4
    assert first.uuid != second.uuid
    [action] = store.list_notes(2)
    assert (action.state, action.state_changed_at, action.link) == ("open", None, "")
    store.close()


def test_the_revision_moves_with_any_change_to_a_review_or_its_rows(tmp_path):
    from facilitator_tui.models import Note, Participant, Review

    store = Store(tmp_path / "r.db")
    review = store.insert_review(Review(title="t"))
    rid = review.id

    def moved(change) -> bool:
        before = store.mark_synced(rid)
        change()
        return store.review_revision(rid) != before

    assert moved(lambda: store.add_note(Note(review_id=rid, text="n")))
    note = store.list_notes(rid)[0]
    assert moved(lambda: store.update_note(note.id, text="m"))
    assert moved(lambda: store.delete_note(note.id))
    assert moved(lambda: store.add_participant(Participant(review_id=rid, name="Ana")))
    assert moved(lambda: store.set_review_factor(rid, "fatigue", ticked=True))
    assert moved(lambda: store.set_prompt_state(rid, "p", starred=True))
    assert moved(lambda: store.update_review(rid, title="u"))
    assert not moved(lambda: store.set_draft(rid, "note", "half-typed"))
    # Many changes in a row count once until the next exchange: a flag, not a write a row.
    before = store.mark_synced(rid)
    for i in range(5):
        store.add_note(Note(review_id=rid, text=f"n{i}"))
    assert store.review_revision(rid) == before + 1
    store.close()


def test_importing_events_moves_the_revision_once_a_batch(tmp_path):
    from datetime import UTC, datetime, timedelta

    from facilitator_tui.models import Event, Review

    store = Store(tmp_path / "r.db")
    rid = store.insert_review(Review(title="t")).id
    before = store.mark_synced(rid)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    store.insert_events(rid, [Event(at=start + timedelta(seconds=i), text=f"e{i}") for i in range(50)])
    assert store.review_revision(rid) == before + 1
    store.close()


@pytest.mark.parametrize("version", range(1, LATEST_VERSION))
def test_ids_are_never_reused_after_the_upgrade(tmp_path, version):
    """A deleted review's, note's or event's id is never handed out again (migration 9)."""
    path = tmp_path / f"v{version}.db"
    make_database(path, version)
    store = Store(path)
    conn = store.conn
    conn.execute("INSERT INTO drafts (review_id, field, text) VALUES (1, 'note', 'half')")
    # Everything kept its links through the rebuild.
    assert store.get_draft(1, "note") == "half"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.execute("DELETE FROM reviews WHERE id = 1")
    assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 0  # still cascades
    from facilitator_tui.models import Event, Note, Review

    again = store.insert_review(Review(title="Next"))
    assert again.id == 2
    store.insert_events(2, [Event(review_id=2, at="2025-01-01T10:00:00Z", text="x")])
    note = store.add_note(Note(review_id=2, kind="insight", text="y"))
    assert note.id == 2
    assert store.all_events(2)[0].id == 2
    store.close()
