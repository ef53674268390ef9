"""The database schema as an ordered list of migrations.

`PRAGMA user_version` records how many migrations a file has had. A migration is
never edited once released: a change to the schema is a new entry at the end,
and `tests/test_store_migrations.py` upgrades a file of every older version
with data in it. Most migrations are SQL; one that must read the schema it finds
is a function of the connection, run in the same transaction.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

# Tables whose ids a window, a script or a note may hold after the row is gone.
NEVER_REUSED = ("reviews", "participants", "events", "notes", "parked_ideas")


def never_reuse_ids(conn: sqlite3.Connection) -> None:
    """Rebuild each table of NEVER_REUSED with AUTOINCREMENT, so a deleted row's id is never
    given again: a window or script still holding it can never write into a newer row.

    Each table is copied from its own stored definition (which holds every column added
    since), then its indexes and triggers are made again. Foreign keys are off while the
    store migrates, so dropping a table others refer to cascades nothing. The legacy
    rename leaves other tables' triggers as written (they name the table, which exists
    again once renamed) instead of checking them while it is briefly gone.
    """
    conn.execute("PRAGMA legacy_alter_table = ON")
    try:
        _rebuild(conn)
    finally:
        conn.execute("PRAGMA legacy_alter_table = OFF")


def _rebuild(conn: sqlite3.Connection) -> None:
    for table in NEVER_REUSED:
        (sql,) = conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
        if "AUTOINCREMENT" in sql.upper():
            continue
        rebuilt = f"{table}_rebuilt"
        create, found = re.subn(r"\bid\s+INTEGER\s+PRIMARY\s+KEY\b",
                                "id INTEGER PRIMARY KEY AUTOINCREMENT", sql, count=1, flags=re.I)
        create, named = re.subn(rf'^CREATE TABLE\s+"?{table}"?', f"CREATE TABLE {rebuilt}", create,
                                count=1, flags=re.I)
        if not (found and named):
            raise sqlite3.DatabaseError(f"unexpected definition of table {table}")
        extras = [row[0] for row in conn.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') "
            "AND sql IS NOT NULL ORDER BY type, name", (table,))]
        columns = ", ".join(f'"{row[1]}"' for row in conn.execute(f'PRAGMA table_info("{table}")'))
        conn.execute(create)
        conn.execute(f"INSERT INTO {rebuilt} ({columns}) SELECT {columns} FROM {table}")
        conn.execute(f"DROP TABLE {table}")
        conn.execute(f"ALTER TABLE {rebuilt} RENAME TO {table}")
        for statement in extras:
            conn.execute(statement)


Migration = str | Callable[[sqlite3.Connection], None]

MIGRATIONS: list[Migration] = [
    # 1: the first release: reviews, people, timeline, notes, factors, prompts.
    """
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'draft',
        incident_start TEXT,
        incident_end TEXT,
        timezone TEXT NOT NULL DEFAULT 'UTC',
        timebox_minutes INTEGER NOT NULL DEFAULT 60,
        facilitator TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE participants (
        id INTEGER PRIMARY KEY,
        review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT 'responder'
    );
    CREATE INDEX participants_review ON participants(review_id);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT 'manual',
        actor TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'message',
        channel TEXT NOT NULL DEFAULT '',
        external_id TEXT,
        reply_to TEXT,
        is_bot INTEGER NOT NULL DEFAULT 0,
        key_moment INTEGER NOT NULL DEFAULT 0,
        hidden INTEGER NOT NULL DEFAULT 0,
        dedupe TEXT NOT NULL
    );
    CREATE INDEX events_review_at ON events(review_id, at, id);
    CREATE UNIQUE INDEX events_dedupe ON events(review_id, dedupe);
    CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        participant_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
        event_id INTEGER REFERENCES events(id) ON DELETE SET NULL,
        prompt_id TEXT,
        owner TEXT NOT NULL DEFAULT '',
        due TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX notes_review ON notes(review_id, id);
    CREATE INDEX notes_event ON notes(event_id);
    CREATE INDEX notes_participant ON notes(participant_id);
    CREATE TABLE review_factors (
        review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
        factor_id TEXT NOT NULL,
        ticked INTEGER NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (review_id, factor_id)
    );
    CREATE TABLE prompt_state (
        review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
        prompt_id TEXT NOT NULL,
        asked_at TEXT,
        starred INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (review_id, prompt_id)
    );
    CREATE TABLE custom_prompts (
        review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        text TEXT NOT NULL,
        theme TEXT NOT NULL,
        phases TEXT NOT NULL,
        PRIMARY KEY (review_id, id)
    );
    CREATE TABLE custom_factors (
        review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        "group" TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (review_id, id)
    );
    """,
    # 2: meeting mode: the meeting's clock, phases, share-safe view, survey, parking lot.
    """
    ALTER TABLE reviews ADD COLUMN meeting_started_at TEXT;
    ALTER TABLE reviews ADD COLUMN meeting_ended_at TEXT;
    ALTER TABLE reviews ADD COLUMN current_phase TEXT NOT NULL DEFAULT 'open';
    ALTER TABLE reviews ADD COLUMN share_safe INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE reviews ADD COLUMN learned_yes INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE reviews ADD COLUMN learned_no INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE reviews ADD COLUMN again_yes INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE reviews ADD COLUMN again_no INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE phase_spans (
        id INTEGER PRIMARY KEY,
        review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
        phase TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT
    );
    CREATE INDEX phase_spans_review ON phase_spans(review_id, id);
    CREATE TABLE parked_ideas (
        id INTEGER PRIMARY KEY,
        review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        action_note_id INTEGER REFERENCES notes(id) ON DELETE SET NULL
    );
    CREATE INDEX parked_ideas_review ON parked_ideas(review_id, id);
    """,
    # 3: events a facilitator keeps to themselves while screen-sharing.
    """
    ALTER TABLE events ADD COLUMN facilitator_only INTEGER NOT NULL DEFAULT 0;
    """,
    # 4: half-typed text survives a crash: one draft per review and input.
    """
    CREATE TABLE drafts (
        review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
        field TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (review_id, field)
    );
    """,
    # 5: the timeline's count and pages read one index, not the table, at 100,000 events.
    """
    CREATE INDEX events_review_shown ON events(review_id, hidden, facilitator_only, at, id);
    """,
    # 6: the facilitator's preferences that outlive a run of the app (the theme).
    """
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 7: action items with a life: a state, the moment it last changed, a link (a ticket).
    """
    ALTER TABLE notes ADD COLUMN state TEXT NOT NULL DEFAULT 'open';
    ALTER TABLE notes ADD COLUMN state_changed_at TEXT;
    ALTER TABLE notes ADD COLUMN link TEXT NOT NULL DEFAULT '';
    CREATE INDEX notes_kind ON notes(kind, review_id);
    """,
    # 8: the team library. Each review gets a stable identity (a random UUID, also for the
    # reviews already here) and a revision. library_sync remembers, per review, the file
    # (its hash, its version and the versions it was made from) and the revision at the
    # last exchange with a library folder: what tells "changed here", "changed there" and
    # "changed on both sides" apart (see library/sync.py). Triggers
    # keep the revision, so that no verb can forget it: the first change to a review or
    # any of its rows after an exchange counts it up and sets `unsynced`; later changes
    # see the flag and skip the write. An exchange clears the flag as it reads the review.
    # Events have no insert or delete trigger: a trigger costs microseconds a row even
    # when it does nothing, which doubled a 100,000-event import. Events are only added
    # by the store's bulk insert, which touches the review once a batch (the review's own
    # trigger counts that), and only deleted with their review.
    """
    ALTER TABLE reviews ADD COLUMN uuid TEXT;
    ALTER TABLE reviews ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE reviews ADD COLUMN unsynced INTEGER NOT NULL DEFAULT 1;
    UPDATE reviews SET uuid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
        substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random() % 4), 1) ||
        substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
    CREATE UNIQUE INDEX reviews_uuid ON reviews(uuid);
    CREATE TRIGGER reviews_insert_uuid AFTER INSERT ON reviews WHEN NEW.uuid IS NULL BEGIN
        UPDATE reviews SET uuid =
        lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
            substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random() % 4), 1) ||
            substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
            WHERE id = NEW.id;
    END;
    CREATE TRIGGER reviews_update_revision AFTER UPDATE ON reviews
    WHEN OLD.unsynced = 0 AND NEW.unsynced = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = NEW.id;
    END;
    CREATE TRIGGER participants_insert_revision AFTER INSERT ON participants
    WHEN (SELECT unsynced FROM reviews WHERE id = NEW.review_id) = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = NEW.review_id;
    END;
    CREATE TRIGGER participants_update_revision AFTER UPDATE ON participants
    WHEN (SELECT unsynced FROM reviews WHERE id = NEW.review_id) = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = NEW.review_id;
    END;
    CREATE TRIGGER participants_delete_revision AFTER DELETE ON participants
    WHEN (SELECT unsynced FROM reviews WHERE id = OLD.review_id) = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = OLD.review_id;
    END;
    CREATE TRIGGER events_update_revision AFTER UPDATE ON events
    WHEN (SELECT unsynced FROM reviews WHERE id = NEW.review_id) = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = NEW.review_id;
    END;
    CREATE TRIGGER notes_insert_revision AFTER INSERT ON notes
    WHEN (SELECT unsynced FROM reviews WHERE id = NEW.review_id) = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = NEW.review_id;
    END;
    CREATE TRIGGER notes_update_revision AFTER UPDATE ON notes
    WHEN (SELECT unsynced FROM reviews WHERE id = NEW.review_id) = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = NEW.review_id;
    END;
    CREATE TRIGGER notes_delete_revision AFTER DELETE ON notes
    WHEN (SELECT unsynced FROM reviews WHERE id = OLD.review_id) = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = OLD.review_id;
    END;
    CREATE TRIGGER review_factors_insert_revision AFTER INSERT ON review_factors
    WHEN (SELECT unsynced FROM reviews WHERE id = NEW.review_id) = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = NEW.review_id;
    END;
    CREATE TRIGGER review_factors_update_revision AFTER UPDATE ON review_factors
    WHEN (SELECT unsynced FROM reviews WHERE id = NEW.review_id) = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = NEW.review_id;
    END;
    CREATE TRIGGER review_factors_delete_revision AFTER DELETE ON review_factors
    WHEN (SELECT unsynced FROM reviews WHERE id = OLD.review_id) = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = OLD.review_id;
    END;
    CREATE TRIGGER prompt_state_insert_revision AFTER INSERT ON prompt_state
    WHEN (SELECT unsynced FROM reviews WHERE id = NEW.review_id) = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = NEW.review_id;
    END;
    CREATE TRIGGER prompt_state_update_revision AFTER UPDATE ON prompt_state
    WHEN (SELECT unsynced FROM reviews WHERE id = NEW.review_id) = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = NEW.review_id;
    END;
    CREATE TRIGGER prompt_state_delete_revision AFTER DELETE ON prompt_state
    WHEN (SELECT unsynced FROM reviews WHERE id = OLD.review_id) = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = OLD.review_id;
    END;
    CREATE TRIGGER custom_prompts_insert_revision AFTER INSERT ON custom_prompts
    WHEN (SELECT unsynced FROM reviews WHERE id = NEW.review_id) = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = NEW.review_id;
    END;
    CREATE TRIGGER custom_prompts_update_revision AFTER UPDATE ON custom_prompts
    WHEN (SELECT unsynced FROM reviews WHERE id = NEW.review_id) = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = NEW.review_id;
    END;
    CREATE TRIGGER custom_prompts_delete_revision AFTER DELETE ON custom_prompts
    WHEN (SELECT unsynced FROM reviews WHERE id = OLD.review_id) = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = OLD.review_id;
    END;
    CREATE TRIGGER custom_factors_insert_revision AFTER INSERT ON custom_factors
    WHEN (SELECT unsynced FROM reviews WHERE id = NEW.review_id) = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = NEW.review_id;
    END;
    CREATE TRIGGER custom_factors_update_revision AFTER UPDATE ON custom_factors
    WHEN (SELECT unsynced FROM reviews WHERE id = NEW.review_id) = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = NEW.review_id;
    END;
    CREATE TRIGGER custom_factors_delete_revision AFTER DELETE ON custom_factors
    WHEN (SELECT unsynced FROM reviews WHERE id = OLD.review_id) = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = OLD.review_id;
    END;
    CREATE TRIGGER phase_spans_insert_revision AFTER INSERT ON phase_spans
    WHEN (SELECT unsynced FROM reviews WHERE id = NEW.review_id) = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = NEW.review_id;
    END;
    CREATE TRIGGER phase_spans_update_revision AFTER UPDATE ON phase_spans
    WHEN (SELECT unsynced FROM reviews WHERE id = NEW.review_id) = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = NEW.review_id;
    END;
    CREATE TRIGGER phase_spans_delete_revision AFTER DELETE ON phase_spans
    WHEN (SELECT unsynced FROM reviews WHERE id = OLD.review_id) = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = OLD.review_id;
    END;
    CREATE TRIGGER parked_ideas_insert_revision AFTER INSERT ON parked_ideas
    WHEN (SELECT unsynced FROM reviews WHERE id = NEW.review_id) = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = NEW.review_id;
    END;
    CREATE TRIGGER parked_ideas_update_revision AFTER UPDATE ON parked_ideas
    WHEN (SELECT unsynced FROM reviews WHERE id = NEW.review_id) = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = NEW.review_id;
    END;
    CREATE TRIGGER parked_ideas_delete_revision AFTER DELETE ON parked_ideas
    WHEN (SELECT unsynced FROM reviews WHERE id = OLD.review_id) = 0 BEGIN
        UPDATE reviews SET unsynced = 1, revision = revision + 1 WHERE id = OLD.review_id;
    END;
    CREATE TABLE library_sync (
        review_uuid TEXT PRIMARY KEY,
        file_hash TEXT NOT NULL,
        version TEXT NOT NULL,
        history TEXT NOT NULL DEFAULT '[]',
        revision INTEGER NOT NULL,
        synced_at TEXT NOT NULL
    );
    """,
    # 9: ids are never reused (see never_reuse_ids).
    never_reuse_ids,
    # 10: what the room follows in a mirror (`facilitator follow`): the question the
    # facilitator shows, the event highlighted, whether the ground rules are up. A table
    # of its own with no revision trigger: moving a cursor is not an edit of the review,
    # and the team library must not count it as one.
    """
    CREATE TABLE room_view (
        review_id INTEGER PRIMARY KEY REFERENCES reviews(id) ON DELETE CASCADE,
        prompt_id TEXT,
        event_id INTEGER,
        ground_rules INTEGER NOT NULL DEFAULT 0,
        changed_at TEXT NOT NULL
    );
    """,
]

LATEST_VERSION = len(MIGRATIONS)
