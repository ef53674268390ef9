"""The seeded key fuzzer: 5,000 random keys and pastes, no exit, no leak.

It drives the real app (the pilot) on the demo review in a running meeting with
share-safe on, and after every step checks that the app is still running and,
every few steps, that no private note's text (nor a facilitator-only event's)
is on screen. Keys arrive in bursts of one to eight, as a terminal
delivers them (the pilot then lets the app settle), so queued keys meet
screens that open and close under them. A confirmed quit is a deliberate exit:
the app is started again and the run goes on. Share-safe turned off by a confirmed F5 is put back on
before the screen is checked again.

Sequences that once failed are kept below as regression cases and replayed first.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from textual import events
from textual.keys import key_to_character

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.screens.confirm import ConfirmModal
from facilitator_tui.screens.note_editor import NoteEditor
from facilitator_tui.screens.review import ReviewScreen
from facilitator_tui.service import ReviewService

NAMED_KEYS = [
    "enter", "escape", "tab", "shift+tab", "up", "down", "left", "right", "home", "end",
    "pageup", "pagedown", "backspace", "delete", "space",
    "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10",
    "ctrl+n", "ctrl+o", "ctrl+l", "ctrl+r", "ctrl+u", "ctrl+y", "ctrl+t", "ctrl+p", "ctrl+a",
    "ctrl+e", "ctrl+k", "ctrl+w", "ctrl+s", "ctrl+z", "ctrl+g", "ctrl+b", "ctrl+c", "ctrl+d",
    "question_mark", "slash", "colon", "at",
    "asterisk", "full_stop", "minus",
]
LETTERS = list("abcdefghijklmnopqrstuvwxyzHKLNPX0123456789")
PASTES = [
    "p: PRIVZQ-{n} a word with the facilitator",
    "@Maya private: PRIVZQ-{n} seemed tired",
    "i: the alert looked like noise\nsecond line\nthird line",
    "[@click=app.quit]x[/] and a lone [/",
    "ops\x1b]0;PWNED\x07\x1b[2J",
    "a: add a panel owner:maya due:2026-12-05",
    "23:58",
    "",
]


@dataclass
class FuzzReport:
    seed: int
    steps: int = 0
    keys: int = 0
    pastes: int = 0
    checks: int = 0
    restarts: int = 0
    leaks: list[str] = field(default_factory=list)
    failure: str = ""
    history: list[str] = field(default_factory=list)
    screens: set[str] = field(default_factory=set)  # every screen and dialog the keys reached


def next_action(rng: random.Random, n: int) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.04:
        return "paste", rng.choice(PASTES).replace("{n}", str(n))
    if roll < 0.55:
        return "key", rng.choice(LETTERS)
    return "key", rng.choice(NAMED_KEYS)


async def fuzz(db_path, review_id: int, *, seed: int, steps: int, on_screen: Callable[..., list[str]],
               check_every: int = 20, size: tuple[int, int] = (160, 45),
               script: list[tuple[str, str]] | None = None) -> FuzzReport:
    """Run `steps` random actions (or the given `script`); the report says what held."""
    rng = random.Random(seed)
    report = FuzzReport(seed)
    plan = list(script) if script is not None else [next_action(rng, n) for n in range(steps)]
    while report.steps < len(plan) and not report.failure and not report.leaks:
        app = FacilitatorApp(db_path=db_path, review_id=review_id)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            while report.steps < len(plan) and app.is_running:
                # A regression script is replayed as one burst, as it was found.
                burst = len(plan) if script is not None else rng.randint(1, 8)
                for _ in range(burst):
                    if report.steps >= len(plan) or not app.is_running:
                        break
                    kind, value = plan[report.steps]
                    report.steps += 1
                    report.history.append(f"{kind}:{value!r}")
                    screen = app.screen
                    if isinstance(screen, ConfirmModal) and screen.question.startswith("The meeting is"):
                        kind, value = "key", "n"  # a quit is deliberate; the run goes on
                    if kind == "paste":
                        report.pastes += 1
                        app.post_message(events.Paste(value))
                    else:
                        report.keys += 1
                        app.post_message(events.Key(value, key_to_character(value)))
                await pilot.pause()
                if not app.is_running:
                    break
                report.screens.add(type(app.screen).__name__)
                if report.steps // check_every != (report.steps - burst) // check_every \
                        or report.steps == len(plan):
                    await pilot.pause()
                    leaks = check_private(app, review_id, on_screen)
                    report.checks += 1
                    if leaks:
                        report.leaks = leaks
                        break
        if app.return_code not in (0, None):
            report.failure = f"the app ended with code {app.return_code} at step {report.steps}"
        elif report.steps < len(plan) and not report.leaks:
            report.restarts += 1  # a confirmed quit: start again
    return report


def check_private(app, review_id: int, on_screen: Callable[..., list[str]]) -> list[str]:
    """Private text on screen while share-safe is on (share-safe turned off on purpose is put back)."""
    service: ReviewService = app.service
    review = service.review(review_id)
    if not review.share_safe:
        service.set_share_safe(review_id, True)
        for screen in app.screen_stack:
            if isinstance(screen, ReviewScreen):
                screen.reload_review()
        return []
    if isinstance(app.screen, NoteEditor):
        return []  # the facilitator opened that note on purpose; its own text is shown
    return on_screen(app, service, review_id)


SEEDS = [11, 23, 37, 41, 53]
STEPS_PER_SEED = 1000

# Sequences that failed once, each replayed as one burst of keys, as it was found.
REGRESSIONS: dict[str, list[tuple[str, str]]] = {
    # Two palettes with one id: Textual's DuplicateIds ended the app.
    "ctrl+p twice in a burst": [("key", "ctrl+p"), ("key", "ctrl+p")],
    # Paging an empty (or not yet drawn) list of matches: a KeyError in Textual's list.
    "page down in a palette with no match": [("key", "ctrl+p"), ("key", "z"), ("key", "q"),
                                             ("key", "x"), ("key", "pagedown"), ("key", "pageup")],
    "page down as the palette opens": [("key", "ctrl+p"), ("key", "pagedown"), ("key", "pagedown")],
}


@pytest.fixture
def on_screen(private_snippets, shown_private):
    """The private text a screen shows (long snippets only: short ones match by chance)."""

    def private_shown(app, service: ReviewService, review_id: int) -> list[str]:
        snippets = [s for s in private_snippets(service, review_id) if len(s.strip()) >= 10]
        return shown_private(app, snippets)

    return private_shown


@pytest.fixture
def meeting(db_path, tmp_path, monkeypatch, demo_in_meeting):
    monkeypatch.chdir(tmp_path)  # exports and screenshots land here
    monkeypatch.setenv("FACILITATOR_LOG", str(tmp_path / "facilitator.log"))
    service = ReviewService.open(db_path)
    rid = demo_in_meeting(service)
    service.close()
    return rid


@pytest.mark.parametrize("seed", SEEDS)
async def test_random_keys_never_end_the_meeting_or_show_private_text(db_path, meeting, seed, on_screen):
    report = await fuzz(db_path, meeting, seed=seed, steps=STEPS_PER_SEED, on_screen=on_screen)
    tail = " ".join(report.history[-30:])
    assert not report.failure, f"{report.failure}; last steps: {tail}"
    assert not report.leaks, f"private text shown: {report.leaks}; last steps: {tail}"
    assert report.steps == STEPS_PER_SEED


@pytest.mark.parametrize("name", sorted(REGRESSIONS))
async def test_sequences_that_once_failed(db_path, meeting, name, on_screen):
    report = await fuzz(db_path, meeting, seed=0, steps=0, script=REGRESSIONS[name], check_every=1,
                        on_screen=on_screen)
    assert not report.failure and not report.leaks
