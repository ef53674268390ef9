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


def team_history(service: ReviewService) -> list[int]:
    """A year of a team's reviews: factors that recur, meetings held, actions in every state."""
    plan = [
        ("2025-10-14 23:10", "Payments declined after certificate rotation",
         ("time-of-day", "fatigue", "recent-changes"), "done"),
        ("2025-11-27 22:20", "Presale seat holds released early",
         ("production-pressure", "handoffs", "time-of-day"), "open"),
        ("2025-12-09 03:05", "Search index lagging by hours", ("alert-noise", "fatigue"), "dropped"),
        ("2026-01-20 14:00", "Checkout slow after the pricing change",
         ("production-pressure", "recent-changes"), "done"),
        ("2026-02-11 02:40", "Queue backlog after the deploy",
         ("production-pressure", "fatigue", "time-of-day"), "open"),
        ("2026-03-30 10:15", "Login errors for one region", ("handoffs",), "done"),
        ("2026-05-05 23:55", "Stale prices in the app", ("production-pressure", "recent-changes"),
         "open"),
        ("2026-06-18 16:20", "Webhook retries flooded a partner", ("alert-noise",), "done"),
    ]
    ids = []
    for n, (when, title, factors, state) in enumerate(plan):
        start = datetime.fromisoformat(when).replace(tzinfo=UTC)
        rid = small_review(service, title, start=start, factors=factors, private=False)
        action = next(note for note in service.notes(rid) if note.kind == "action")
        service.edit_note(action.id, due=(start + timedelta(days=30)).date())
        if state != "open":
            # Days after the note was written (now), whatever day the tests run on.
            later = datetime.now(UTC).replace(microsecond=0) + timedelta(days=12 + n)
            service.set_action_state(action.id, state, now=later)
        if n % 4 != 3:
            meeting = start + timedelta(days=3)
            service.update_review(rid, meeting_started_at=meeting,
                                  meeting_ended_at=meeting + timedelta(minutes=45 + 7 * n),
                                  status="closed", learned_yes=4 + n % 3, learned_no=n % 2,
                                  again_yes=4, again_no=1 - n % 2)
        ids.append(rid)
    service.add_custom_factor(ids[-1], "Vendor [b]status[/b] page \x1b[31m")
    return ids
