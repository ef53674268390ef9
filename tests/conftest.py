"""Shared fixtures: a real SQLite file in tmp_path, the real service on it, and pilot helpers.

Helpers are fixtures (a test asks for `type_text` or `screen_text` by name), so no
test module imports another. Debounces are as good as zero in every test: a test
waits for the app's events (`await pilot.pause()`, or `until` the app shows
something), never for the clock; a test about a debounce sets the delay it needs.
"""

from __future__ import annotations

import html
import re
import sqlite3
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from facilitator_tui.models import Event
from facilitator_tui.service import ReviewService

KEY_NAMES = {" ": "space", "[": "left_square_bracket", "]": "right_square_bracket",
             "/": "slash", "@": "at", "=": "equals_sign", ".": "full_stop", "-": "minus",
             "?": "question_mark", ":": "colon"}


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "reviews.db"


@pytest.fixture
def service(db_path):
    svc = ReviewService.open(db_path)
    yield svc
    svc.close()


@pytest.fixture(autouse=True)
def runtime_folder(tmp_path_factory, monkeypatch):
    """Mirrors leave their presence files (and pictures of the screen go) in a folder of the
    test's own, never the user's."""
    folder = tmp_path_factory.mktemp("run")
    monkeypatch.setenv("FACILITATOR_RUNTIME_DIR", str(folder))
    monkeypatch.setenv("FACILITATOR_PICTURES", str(folder / "pictures"))
    return folder


@pytest.fixture(autouse=True)
def journal_folder(tmp_path_factory, monkeypatch):
    """The journal of typing the database refused is kept in the test's own folder."""
    folder = tmp_path_factory.mktemp("journal")
    monkeypatch.setenv("FACILITATOR_JOURNAL_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def no_real_windows(monkeypatch):
    """F12 never starts a terminal or a tmux window from a test (one that means to, says so)."""
    monkeypatch.setenv("FACILITATOR_NO_WINDOW", "1")


# Textual's timers refuse a delay of 0; a millisecond is as good as none.
NO_DELAY = 0.001


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch):
    """Every debounce fires at once instead of after a pause."""
    from facilitator_tui.screens.text_entry import TextEntry
    from facilitator_tui.widgets.autosave import Autosave
    from facilitator_tui.widgets.timeline_view import TimelineView

    for owner, name in ((TimelineView, "ANNOUNCE_DELAY"), (Autosave, "PAUSE"), (Autosave, "EVERY"),
                        (TextEntry, "SAVE_DELAY")):
        monkeypatch.setattr(owner, name, NO_DELAY)


async def _type_text(pilot, text: str) -> None:
    """Press each character's key, as a person typing would."""
    for char in text:
        await pilot.press(KEY_NAMES.get(char, char))


def _screen_text(app) -> str:
    """What a person sees: the screenshot's text, without SVG tags or entities."""
    svg = app.export_screenshot()
    body = svg.split("</style>", 1)[-1]
    return html.unescape(re.sub(r"<[^>]+>", "", body)).replace("\xa0", " ")


@pytest.fixture
def type_text() -> Callable[[Any, str], Awaitable[None]]:
    return _type_text


@pytest.fixture
def screen_text() -> Callable[[Any], str]:
    return _screen_text


@pytest.fixture
def until() -> Callable[..., Awaitable[None]]:
    """Waits, a moment at a time, until the app shows what `condition` looks for."""

    async def until(pilot, condition: Callable[[], bool], seconds: float = 5.0) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            assert time.monotonic() < deadline, "the app never got there"
            await pilot.pause(0.01)

    return until


@pytest.fixture
def recording_app():
    """Makes the real app, keeping the text of every notification it shows in `app.told`."""
    import facilitator_tui.app
    from facilitator_tui.app import FacilitatorApp

    here = Path(facilitator_tui.app.__file__).parent

    class RecordingApp(FacilitatorApp):
        # Textual reads a relative CSS_PATH beside the module of the class that names it.
        CSS_PATH = [here / path for path in FacilitatorApp.CSS_PATH]

        def __init__(self, db_path: str | Path, review_id: int | None = None) -> None:
            super().__init__(db_path, review_id)
            self.told: list[str] = []

        def notify(self, message: str, **kwargs: Any) -> None:
            self.told.append(message)
            super().notify(message, **kwargs)

    return RecordingApp


# -- reviews to test with -----------------------------------------------------------

START = datetime(2026, 3, 2, 22, 40, tzinfo=UTC)


def _make_review(service: ReviewService, **kwargs) -> int:
    review = service.create_review("Queue backlog", start=datetime(2026, 11, 20, 22, 50, tzinfo=UTC),
                                   tz="Europe/Berlin", **kwargs)
    service.add_participant(review.id, "Ana Lima", "incident_commander")
    service.add_participant(review.id, "Bo Chen")
    service.import_events(review.id, [
        Event(at=datetime(2026, 11, 20, 22, 55, tzinfo=UTC), source="pagerduty", actor="PagerDuty",
              text="Queue depth above 10k", kind="trigger", external_id="pd1"),
        Event(at=datetime(2026, 11, 20, 23, 5, tzinfo=UTC), source="slack", actor="Ana Lima",
              text="Looking at the consumers now", external_id="s1"),
    ])
    return review.id


def _small_review(service: ReviewService, title: str = "Queue backlog after the deploy", *,
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


def _table_dump(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table: to prove that a refused command changed nothing."""
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


def _data_version(db: Path) -> sqlite3.Connection:
    """A second connection: its `PRAGMA data_version` moves when anyone else commits."""
    return sqlite3.connect(db)


def _team_history(service: ReviewService) -> list[int]:
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
        rid = _small_review(service, title, start=start, factors=factors, private=False)
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


@pytest.fixture
def make_review():
    """Makes a review with two participants and two events; returns its id."""
    return _make_review


@pytest.fixture
def small_review():
    """Makes a review with people, events (one facilitator-only), notes of each kind, factors."""
    return _small_review


@pytest.fixture
def table_dump():
    """Every row of every table of a database file: proof that a refusal changed nothing."""
    return _table_dump


@pytest.fixture
def data_version():
    """Opens a second connection, whose `PRAGMA data_version` moves when anyone else commits."""
    return _data_version


@pytest.fixture
def team_history():
    """Fills the database with a year of a team's reviews."""
    return _team_history


# -- the live meeting under attack ------------------------------------------------------


def _demo_in_meeting(service: ReviewService) -> int:
    """The demo review with its meeting started (share-safe on)."""
    rid, _ = service.load_demo()
    service.start_meeting(rid)
    assert service.review(rid).share_safe
    return rid


def _private_snippets(service: ReviewService, rid: int) -> list[str]:
    """The start of every private note and facilitator-only event: never on a shared screen."""
    texts = [n.text for n in service.notes(rid) if n.kind == "private"]
    texts += [e.text for e in service.store.all_events(rid) if e.facilitator_only]
    return [t.strip()[:14] for t in texts if t.strip()]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _shown_private(app, snippets: list[str]) -> list[str]:
    """Which private snippets the screen shows now (an empty list is the only good answer)."""
    seen = _flat(_screen_text(app))
    return [s for s in snippets if _flat(s) in seen]


async def _wait_for(pilot, condition, tries: int = 100, step: float = 0.05) -> bool:
    """Let the app run until `condition()` holds (bounded); True if it did."""
    for _ in range(tries):
        if condition():
            return True
        await pilot.pause(step)
    return condition()


def _record_notifications(app) -> list[str]:
    """Every notification the app shows from now on, in order (the toasts' text)."""
    told: list[str] = []
    show = app.notify

    def notify(message: str, **kwargs) -> None:
        told.append(message)
        show(message, **kwargs)

    app.notify = notify
    return told


@pytest.fixture
def demo_in_meeting():
    """Loads the demo review and starts its meeting (share-safe on); returns its id."""
    return _demo_in_meeting


@pytest.fixture
def private_snippets():
    """The start of every private note and facilitator-only event of a review."""
    return _private_snippets


@pytest.fixture
def shown_private():
    """Which of the given private snippets the screen shows now."""
    return _shown_private


@pytest.fixture
def wait_for():
    """Lets the app run until a condition holds (bounded); True if it did."""
    return _wait_for


@pytest.fixture
def record_notifications():
    """Keeps every notification the app shows from now on, in order."""
    return _record_notifications


def _benchmark_module(name: str) -> Any:
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def pty_harness():
    """The real app in a real pseudo-terminal (benchmarks/pty_app.py, shared with bench_crash.py)."""
    return _benchmark_module("pty_app")


@pytest.fixture(scope="session")
def key_fuzzer():
    """The seeded key fuzzer (benchmarks/meeting_fuzzer.py, shared with fuzz_meeting.py)."""
    return _benchmark_module("meeting_fuzzer")
