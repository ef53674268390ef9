"""Helpers for tests across reviews: a small review with something of everything, table dumps."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from facilitator_tui.service import ReviewService

START = datetime(2026, 3, 2, 22, 40, tzinfo=UTC)


def small_review(service: ReviewService, title: str = "Queue backlog after the deploy", *,
                 start: datetime = START, factors: tuple[str, ...] = ("fatigue", "time-of-day"),
                 private: bool = True) -> int:
    """A review with people, events (one facilitator-only), notes of each kind and factors."""
    review = service.create_review(title, start=start, tz="Europe/Berlin")
    rid = review.id
    ana = service.add_participant(rid, "Ana Costa")
    first = service.add_event(rid, "Consumer lag alert fired", at=start, actor="pager")
    service.add_event(rid, "Rolled back the deploy", at=start + timedelta(minutes=30), actor="ana",
                      key_moment=True)
    service.add_note(rid, "The lag graph hides the partition that stalled", "insight",
                     participant_id=ana.id, event_id=first.id)
    service.add_note(rid, "Add per-partition lag to the dashboard", "action", owner="Ana Costa",
                     due=date(2026, 3, 20))
    service.add_note(rid, "Why did the canary pass?", "question")
    if private:
        secret = service.add_event(rid, "Facilitator: Ana was on her third night", at=start,
                                   actor="me")
        service.edit_event(secret.id, facilitator_only=True)
        service.add_note(rid, "Check in with Ana privately", "private", event_id=secret.id)
    for factor in factors:
        service.set_factor(rid, factor, ticked=True)
    return rid


def table_dump(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table: to prove that a refused command changed nothing."""
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


def data_version(db: Path) -> sqlite3.Connection:
    """A second connection: its `PRAGMA data_version` moves when anyone else commits."""
    return sqlite3.connect(db)
