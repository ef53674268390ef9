"""The room's mirror follows the facilitator's app through the database, and never shows a secret.

Two real apps run on one SQLite file: the facilitator's (driven by keys) and a
mirror (`facilitator follow`), each with its own pilot. Every change the room
should follow is made with the facilitator's keys and looked for on the mirror's
screen; a scripted meeting with share-safe OFF in the facilitator's window checks
every frame of the mirror for private text.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.mirror_app import MirrorApp
from facilitator_tui.mirror_feed import MirrorFeed
from facilitator_tui.models import PHASE_LABELS
from facilitator_tui.screens.mirror import MirrorScreen
from facilitator_tui.screens.review import ReviewScreen
from facilitator_tui.widgets.prompt_deck import PromptDeck
from facilitator_tui.widgets.room_panels import TimelineExcerpt
from facilitator_tui.widgets.timeline import TimelinePane

START = datetime(2026, 3, 2, 22, 40, tzinfo=UTC)
SECRETS = ("SECRET-PRIVATE-NOTE", "SECRET-FAC-ONLY-EVENT", "SECRET-HIDDEN-EVENT", "SECRET-TYPED-LIVE",
           "SECRET-NOTE-ON-PUBLIC-EVENT")


@pytest.fixture
def caught_up(until):
    """Waits until the mirror has read the database as it is now (and drawn it)."""

    async def caught_up(pilot, app: MirrorApp) -> None:
        await until(pilot, lambda: not app.feed.changed())
        await pilot.pause()

    return caught_up


def build_review(service) -> int:
    """A review with people, 30 public events, one facilitator-only, one hidden, notes of each kind."""
    review = service.create_review("Queue backlog after the deploy", start=START, tz="UTC")
    rid = review.id
    ana = service.add_participant(rid, "Ana Costa")
    service.add_participant(rid, "Bo Chen")
    service.add_participant(rid, "Quiet Quinn")
    for n in range(30):
        service.add_event(rid, f"public event {n:02d}", at=START + timedelta(minutes=n), actor="ana")
    secret = service.add_event(rid, "SECRET-FAC-ONLY-EVENT", at=START + timedelta(minutes=3, seconds=30),
                               actor="me")
    service.edit_event(secret.id, facilitator_only=True)
    hidden = service.add_event(rid, "SECRET-HIDDEN-EVENT", at=START + timedelta(minutes=4, seconds=30))
    service.set_hidden(hidden.id)
    service.add_note(rid, "The lag graph hides the stalled partition", "insight", participant_id=ana.id)
    quinn = next(p for p in service.participants(rid) if p.name == "Quiet Quinn")
    # Said privately about Quinn, so the strip must not count Quinn as heard.
    service.add_note(rid, "SECRET-PRIVATE-NOTE", "private", participant_id=quinn.id)
    first_public = service.events_around(rid, START, before=0, after=1)[0]
    service.add_note(rid, "SECRET-NOTE-ON-PUBLIC-EVENT", "private", event_id=first_public.id)
    return rid


@pytest.fixture
def review(service):
    return build_review(service)


def mirror_app(db_path, review_id: int) -> MirrorApp:
    return MirrorApp(MirrorFeed.open(db_path, review_id))


def current_row_in_view(mirror: MirrorApp) -> bool:
    excerpt = mirror.screen.query_one(TimelineExcerpt)
    row = excerpt.query(".-current").first()
    return excerpt.scrollable_content_region.contains_region(row.region)


async def test_every_change_reaches_the_mirror(db_path, service, review, screen_text, until,
                                               caught_up, type_text):
    facilitator = FacilitatorApp(db_path, review)
    mirror = mirror_app(db_path, review)
    async with facilitator.run_test(size=(160, 45)) as fp, mirror.run_test(size=(100, 30)) as mp:
        await fp.pause()
        await caught_up(mp, mirror)
        text = screen_text(mirror)
        assert "Queue backlog after the deploy" in text and "The meeting has not started yet" in text
        deck = facilitator.screen.query_one(PromptDeck)
        assert deck.current_prompt.text in text  # the question the facilitator's deck shows

        # Ground rules: up in the mirror while they are up in the facilitator's window.
        await fp.press("f2")
        await fp.pause()
        await until(mp, lambda: mirror.screen.has_class("-rules"))
        await mp.pause()  # drawn, not only read
        assert "HOW WE'LL SPEND THIS HOUR TOGETHER" in screen_text(mirror)
        await fp.press("enter")
        await until(mp, lambda: not mirror.screen.has_class("-rules"))

        # Phase and clock.
        await fp.press("f4")
        await until(mp, lambda: "Walk the timeline" in screen_text(mirror))
        first_line = screen_text(mirror).split("MIRROR")[0]
        assert re.search(r"· 0:0\d\b", first_line)  # the meeting's clock, started

        # The prompt the facilitator moves to (keys only: with two apps running, a method
        # called from here would find the wrong app).
        await fp.press("tab")
        assert deck.has_focus
        await fp.press("right")
        await fp.pause()
        await until(mp, lambda: mirror.screen.state.prompt == deck.current_prompt)
        await mp.pause()  # drawn, not only read
        assert deck.current_prompt.text in screen_text(mirror)

        # The highlighted event, far down the timeline, is highlighted and scrolled into view.
        await fp.press("shift+tab")
        for _ in range(25):
            await fp.press("down")
        await fp.pause(0.05)
        selected = facilitator.screen.query_one(TimelinePane).selected_event
        assert selected.text == "public event 25"  # share-safe: the secret events are not in the list
        await until(mp, lambda: mirror.screen.state.current_event_id == selected.id)
        await mp.pause()
        assert current_row_in_view(mirror)
        assert "public event 25" in screen_text(mirror)

        # A note as it is saved, with who said it: the strip marks them heard.
        await fp.press("ctrl+n")
        await type_text(fp, "@Bo Chen i: retries hid the backlog")
        await fp.press("enter")
        await until(mp, lambda: "retries hid the backlog" in screen_text(mirror))
        assert mirror.screen.state.heard >= {p.id for p in service.participants(review)
                                             if p.name == "Bo Chen"}
        assert "● Bo Chen" in screen_text(mirror)

        # A factor ticked.
        await fp.press("escape")  # out of the note box, back to the timeline
        await fp.press("shift+tab")  # the factors are the pane before it
        assert facilitator.screen.active_pane == "factors"
        await fp.press("space")
        await fp.pause()
        ticked = [f for f, rf in service.review_factors(review).items() if rf.ticked]
        names = {f.id: f.name for f in service.factor_catalog(review)}
        assert ticked
        await until(mp, lambda: names[ticked[0]] in mirror.screen.state.factors)
        await mp.pause()  # drawn, not only read
        assert names[ticked[0]] in screen_text(mirror)


async def test_no_private_text_reaches_the_mirror_in_a_meeting_with_share_safe_off(
        db_path, service, review, screen_text,
        caught_up, type_text):
    facilitator = FacilitatorApp(db_path, review)
    mirror = mirror_app(db_path, review)
    frames: list[str] = []

    async def look() -> None:
        await caught_up(mp, mirror)
        frames.append(screen_text(mirror))

    async with facilitator.run_test(size=(160, 45)) as fp, mirror.run_test(size=(120, 36)) as mp:
        await fp.pause()
        await look()
        await fp.press("f2")
        await look()
        await fp.press("enter")
        await fp.press("f5")  # share-safe off: it asks first
        await fp.press("y")
        await fp.pause()
        assert service.review(review).share_safe is False
        await look()
        for _ in range(8):  # across the facilitator-only and the hidden-then-shown events
            await fp.press("down")
            await fp.pause(0.02)
            await look()
        await fp.press("H")  # show hidden events in the facilitator's window too
        for _ in range(3):
            await fp.press("down")
            await look()
        await fp.press("ctrl+n")
        await type_text(fp, "p: SECRET-TYPED-LIVE @Quiet Quinn")
        await fp.press("enter")
        await look()
        await type_text(fp, "a public note")
        await fp.press("enter")
        for key in ("f4", "f4", "f4"):
            await fp.press(key)
            await look()
        mine = screen_text(facilitator)
        assert "a public note" in frames[-1]
        # The facilitator's own window does show private things: the check below can fail.
        assert "SECRET" in mine
    for frame in frames:
        assert not [s for s in SECRETS if s in frame]
        # A private note about Quinn never marks Quinn as heard.
        assert "● Quiet Quinn" not in frame


def file_state(db_path: Path) -> tuple[str, int, dict]:
    """Hashes of the database and its journal, another connection's data version, every row."""
    digest = hashlib.sha256()
    for suffix in ("", "-wal"):
        path = Path(str(db_path) + suffix)
        digest.update(path.read_bytes() if path.exists() else b"")
    conn = sqlite3.connect(db_path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        rows = {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
        return digest.hexdigest(), conn.execute("PRAGMA data_version").fetchone()[0], rows
    finally:
        conn.close()


async def test_keys_pressed_in_the_mirror_change_nothing(db_path, service, review, type_text):
    service.show_to_room(review, ground_rules=False)
    service.close()  # nobody else has the file open: any change would be the mirror's
    before = file_state(db_path)
    keeper = sqlite3.connect(db_path)  # its data version moves if anyone commits meanwhile
    version = keeper.execute("PRAGMA data_version").fetchone()[0]
    mirror = mirror_app(db_path, review)
    keys = [*"abcdefghijklmnopqrstuvwxyzAHKNLX0123456789", "space", "enter", "tab", "shift+tab",
            "escape", "delete", "backspace", "up", "down", "pagedown", "home", "end",
            *[f"f{n}" for n in range(1, 13)], "ctrl+n", "ctrl+o", "ctrl+g", "ctrl+r", "ctrl+u",
            "ctrl+l", "ctrl+s", "ctrl+y", "ctrl+b", "ctrl+t", "ctrl+t", "ctrl+t"]
    async with mirror.run_test(size=(100, 30)) as mp:
        await mp.pause()
        for key in keys:
            await mp.press(key)
        # The palette offers only this window's keys; running each changes nothing either.
        await mp.press("ctrl+p")
        await type_text(mp, "theme")
        await mp.press("enter")
        await mp.pause()
        assert isinstance(mirror.screen, MirrorScreen)
    assert keeper.execute("PRAGMA data_version").fetchone()[0] == version
    keeper.close()
    assert file_state(db_path) == before


async def test_the_facilitator_counts_mirrors_and_says_private_notes_stay_in_their_window(
        db_path, service, review, monkeypatch, screen_text,
        until):
    monkeypatch.setattr(ReviewScreen, "MIRROR_COUNT_INTERVAL", 0.02)
    facilitator = FacilitatorApp(db_path, review)
    async with facilitator.run_test(size=(160, 45)) as fp:
        await fp.pause()
        bar = facilitator.screen.query_one("#meeting-bar")
        assert "MIRROR" not in screen_text(facilitator)
        first, second = mirror_app(db_path, review), mirror_app(db_path, review)
        async with first.run_test(size=(80, 24)), second.run_test(size=(80, 24)):
            assert service.mirrors_following(review) == 2
            await until(fp, lambda: "PRIVATE VIEW · SHARE THE MIRROR (2 FOLLOWING)" in
                        screen_text(facilitator))
            await fp.press("f2")
            await fp.press("enter")
            await fp.press("f5")
            # The question says the room can see the mirror instead of this window.
            assert "2 mirrors are following" in screen_text(facilitator)
            await fp.press("y")
            await fp.pause()
            assert "PRIVATE VIEW · SHARE THE MIRROR (2 FOLLOWING)" in screen_text(facilitator)
            await fp.press("f5")  # back on: the badge says the window is safe, and the count
            await until(fp, lambda: "SHARE-SAFE · 2 MIRRORS" in screen_text(facilitator))
        # Both left: their files are gone, and the bar says so within its next count.
        assert service.mirrors_following(review) == 0
        await until(fp, lambda: "MIRROR" not in bar.render().plain)
        assert "SHARE-SAFE" in bar.render().plain


async def test_a_review_deleted_while_followed_says_so_and_the_mirror_stays_up(db_path, service, review,
                                                                             until):
    mirror = mirror_app(db_path, review)
    async with mirror.run_test(size=(80, 24)) as mp:
        await mp.pause()
        service.delete_review(review)
        await until(mp, lambda: mirror.screen.gone)
        assert mirror.screen.sub_title == "deleted"
        assert mirror.is_running


async def test_the_mirror_at_80x24_and_large_in_every_theme_shows_the_question(db_path, service, review,
                                                                              screen_text):
    deck = service.prompt_deck(review)
    service.show_to_room(review, prompt_id=deck[0].id)
    for theme in ("textual-dark", "textual-light", "facilitator-high-contrast"):
        service.set_preference("theme", theme)
        for size in ((80, 24), (200, 60)):
            mirror = mirror_app(db_path, review)
            async with mirror.run_test(size=size) as mp:
                await mp.pause()
                assert mirror.theme == theme
                text = screen_text(mirror)
                assert deck[0].text in text
                assert "MIRROR" in text and "Queue backlog" in text


async def test_phase_labels_in_the_mirror_follow_every_phase(db_path, service, review, screen_text,
                                                             until):
    service.start_meeting(review)
    mirror = mirror_app(db_path, review)
    async with mirror.run_test(size=(120, 30)) as mp:
        for phase, label in PHASE_LABELS.items():
            service.set_phase(review, phase)
            await until(mp, lambda label=label: label in screen_text(mirror))


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 45)])
async def test_all_the_ground_rules_fit_the_mirror_without_scrolling(db_path, service, review,
                                                                     screen_text, size):
    from facilitator_tui.content import load_ground_rules

    rules = load_ground_rules()
    service.show_to_room(review, ground_rules=True)
    mirror = mirror_app(db_path, review)
    async with mirror.run_test(size=size) as mp:
        await mp.pause()
        text = " ".join(screen_text(mirror).split())
        # Each rule's last words and the closing line's first are on screen.
        for line in [*rules.rules, rules.closing]:
            words = line.split()
            assert " ".join(words[-2:]) in text
        assert " ".join(rules.closing.split()[:4]) in text


HOSTILE = "[@click=app.quit]x[/] lone [/ \x1b[31mred"


async def test_text_from_the_database_is_shown_literally_in_the_mirror(db_path, service, screen_text):
    rid = service.create_review(f"Title {HOSTILE}", start=START).id
    person = service.add_participant(rid, f"Ana {HOSTILE}")
    event = service.add_event(rid, f"event {HOSTILE}", at=START, actor=f"actor {HOSTILE}")
    service.add_note(rid, f"note {HOSTILE}", "action", participant_id=person.id, owner=f"o {HOSTILE}")
    factor = service.add_custom_factor(rid, f"factor {HOSTILE}")
    prompt = service.add_custom_prompt(rid, f"question {HOSTILE}?", "noticing")
    service.show_to_room(rid, event_id=event.id, prompt_id=prompt.id)
    mirror = mirror_app(db_path, rid)
    async with mirror.run_test(size=(200, 50)) as mp:
        await mp.pause()
        text = screen_text(mirror)
        for shown in ("question [@click=app.quit]x[/] lone [/", "event [@click=app.quit]x[/]",
                      "note [@click=app.quit]x[/]", "Title [@click=app.quit]x[/]"):
            assert shown in text
        assert "\x1b" not in text
        assert mirror.screen.state.factors == (factor.name,)
        await mp.click("#question")  # a click on the text runs nothing
        assert mirror.is_running


async def test_the_ground_rules_leave_the_room_with_the_facilitator(db_path, service, review):
    from facilitator_tui.store.room_reader import RoomReader

    reader = RoomReader(db_path)
    facilitator = FacilitatorApp(db_path, review)
    async with facilitator.run_test(size=(160, 45)) as fp:
        await fp.press("f2")
        await fp.pause()
        assert reader.room_view(review)[2] is True
    # The app ended with the rules still up in its window: the room's screen lets them go.
    assert reader.room_view(review)[2] is False
    reader.close()
