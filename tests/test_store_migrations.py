"""Every older schema upgrades in place, keeping its data."""

from __future__ import annotations

import sqlite3

import pytest

from facilitator_tui.store import Store
from facilitator_tui.store.schema import LATEST_VERSION, MIGRATIONS


def make_database(path, version: int) -> None:
    conn = sqlite3.connect(path)
    for script in MIGRATIONS[:version]:
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
