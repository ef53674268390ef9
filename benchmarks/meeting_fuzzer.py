"""The seeded key fuzzer: random keys and pastes on a running meeting, no exit, no leak.

It drives the real app (the pilot) on the demo review in a running meeting with
share-safe on, and after every burst checks that the app is still running and,
every few steps, that no private note's text (nor a facilitator-only event's)
is on screen. Keys arrive in bursts of one to eight, as a terminal delivers
them (the pilot then lets the app settle), so queued keys meet screens that open
and close under them. Now and then a burst is a route instead of random keys:
the keys that lead from the screen shown to a given screen or dialog (the event
view, the theme picker, the list of reviews...), so that a run reaches every
screen and not only those a random key finds. A confirmed quit is a deliberate
exit: the app is started again and the run goes on. Share-safe turned off by a
confirmed F5 is put back on before the screen is checked again; a review deleted
from the list is loaded again.

One engine for `tests/test_key_fuzzer.py` (five seeds, and the sequences that once
failed) and `fuzz_meeting.py` (many seeds). It lives beside the script, and the tests
load it through a fixture as they load `pty_app.py`: a script never imports tests/.
"""

from __future__ import annotations

import html
import random
import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from textual import events
from textual.keys import key_to_character

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.errors import NotFoundError
from facilitator_tui.screens.confirm import ConfirmModal
from facilitator_tui.screens.note_editor import NoteEditor
from facilitator_tui.screens.review import PANES, ReviewScreen
from facilitator_tui.service import ReviewService

NAMED_KEYS = [
    "enter", "escape", "tab", "shift+tab", "up", "down", "left", "right", "home", "end",
    "pageup", "pagedown", "backspace", "delete", "space",
    "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", "f12",
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
ROUTE_CHANCE = 0.2  # of a burst being a route to some screen rather than random keys

# Every screen and dialog the app has, by class name: what a run should reach.
EVERY_SCREEN = frozenset({
    "ReviewScreen", "HomeScreen", "InsightsScreen", "FactorReviewsScreen", "NewReviewModal",
    "ReviewDetails", "TextEntry", "ConfirmModal", "HelpScreen", "Palette",
    "EventView", "EventEditor", "EventPicker", "PerspectivePicker", "NoteEditor", "PromptList",
    "ExportDialog", "ImportDialog", "MirrorCommand", "SummaryScreen", "GroundRulesScreen",
    "ParkingLotScreen", "IdeaEntry", "ActionForm", "ParticipantsScreen", "PersonForm",
    "CloseMeetingScreen",
})


@dataclass
class FuzzReport:
    seed: int
    steps: int = 0
    keys: int = 0
    pastes: int = 0
    routes: int = 0
    checks: int = 0
    restarts: int = 0
    leaks: list[str] = field(default_factory=list)
    failure: str = ""
    history: list[str] = field(default_factory=list)  # what was done, routes named
    sent: list[tuple[str, str]] = field(default_factory=list)  # the keys and pastes: a replayable script
    screens: set[str] = field(default_factory=set)  # every screen and dialog the keys reached

    @property
    def missed(self) -> list[str]:
        return sorted(EVERY_SCREEN - self.screens)


def next_action(rng: random.Random, n: int) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.04:
        return "paste", rng.choice(PASTES).replace("{n}", str(n))
    if roll < 0.55:
        return "key", rng.choice(LETTERS)
    return "key", rng.choice(NAMED_KEYS)


# -- routes: the keys from the screen shown to another one --------------------------------

def _to_pane(screen: ReviewScreen, pane: str) -> list[str]:
    """Tabs from the focused pane to `pane` (the notes pane's list is one more Tab after its input)."""
    if screen.maximized is not None:
        return ["f6", *_to_pane_from(screen.active_pane, pane)]
    return _to_pane_from(screen.active_pane, pane)


def _to_pane_from(active: str, pane: str) -> list[str]:
    steps = (PANES.index(pane) - PANES.index(active)) % len(PANES)
    return ["tab"] * steps


REVIEW_ROUTES: dict[str, Callable[[ReviewScreen], list[str]]] = {
    "help": lambda s: ["f1"],
    "palette": lambda s: ["ctrl+p", "e", "x"],
    "theme picker": lambda s: ["ctrl+p", *"theme", "enter"],
    "palette command": lambda s: ["ctrl+p", *"zoom", "enter"],
    "review details": lambda s: ["ctrl+g"],
    "export": lambda s: ["f8"],
    "import": lambda s: ["f9"],
    "mirror": lambda s: ["f12"],
    "summary": lambda s: ["ctrl+u"],
    "ground rules": lambda s: ["ctrl+r"],
    "parking lot": lambda s: ["ctrl+l"],
    "park an idea": lambda s: ["f7"],
    "idea to action": lambda s: ["ctrl+l", "enter"],
    "participants": lambda s: ["ctrl+o"],
    "add a person": lambda s: ["ctrl+o", "a"],
    "close meeting": lambda s: ["f10"],
    "leave": lambda s: ["ctrl+n", "escape", "escape", "y"],
    "event view": lambda s: [*_to_pane(s, "timeline"), "enter"],
    "perspective": lambda s: [*_to_pane(s, "timeline"), "p"],
    "add event": lambda s: [*_to_pane(s, "timeline"), "a"],
    "go to time": lambda s: [*_to_pane(s, "timeline"), "g"],
    "prompt list": lambda s: [*_to_pane(s, "prompts"), "L"],
    "add question": lambda s: [*_to_pane(s, "prompts"), "a"],
    "factor note": lambda s: [*_to_pane(s, "factors"), "n"],
    "note editor": lambda s: ["ctrl+n", "tab", "up", "enter"],
    "move note": lambda s: ["ctrl+n", "tab", "up", "m"],
    "link in editor": lambda s: ["ctrl+n", "tab", "up", "enter", "ctrl+l"],
}
HOME_ROUTES: dict[str, list[str]] = {
    "insights": ["i"],
    "factor reviews": ["i", "enter"],
    "new review": ["n"],
    "details": ["e"],
    "rename": ["r"],
    "back to the review": ["d"],
}


def route(rng: random.Random, app: FacilitatorApp) -> tuple[str, list[str]]:
    """A named route from the screen shown; from a dialog, the way out of it first
    (Escape: a route is taken from the review screen or the list of reviews)."""
    screen = app.screen
    if isinstance(screen, ReviewScreen):
        name = rng.choice(sorted(REVIEW_ROUTES))
        return name, REVIEW_ROUTES[name](screen)
    if type(screen).__name__ == "HomeScreen":
        name = rng.choice(sorted(HOME_ROUTES))
        return name, HOME_ROUTES[name]
    return "out", ["escape"]


# -- what the room sees -------------------------------------------------------------------

def screen_text(app: FacilitatorApp) -> str:
    """What a person sees: the screenshot's text, without SVG tags or entities."""
    svg = app.export_screenshot()
    body = svg.split("</style>", 1)[-1]
    return html.unescape(re.sub(r"<[^>]+>", "", body)).replace("\xa0", " ")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def private_shown(app: FacilitatorApp, service: ReviewService, review_id: int) -> list[str]:
    """The private notes' and facilitator-only events' text on screen (long snippets only:
    short ones match by chance)."""
    texts = [n.text for n in service.notes(review_id) if n.kind == "private"]
    texts += [e.text for e in service.store.all_events(review_id) if e.facilitator_only]
    snippets = [t.strip()[:14] for t in texts if len(t.strip()[:14].strip()) >= 10]
    seen = _flat(screen_text(app))
    return [s for s in snippets if _flat(s) in seen]


def demo_in_meeting(db_path: str | Path) -> int:
    """The demo review with its meeting started (share-safe on); its id."""
    service = ReviewService.open(db_path)
    try:
        rid, _ = service.load_demo()
        if service.review(rid).meeting_started_at is None:
            service.start_meeting(rid)
        service.set_share_safe(rid, True)
        return rid
    finally:
        service.close()


class ReviewGone(Exception):
    """The review under test was deleted (from the list of reviews): load it again."""


def check_private(app: FacilitatorApp, review_id: int,
                  on_screen: Callable[..., list[str]]) -> list[str]:
    """Private text on screen while share-safe is on, for the review shown (the one under test,
    or another the keys opened from the list). Share-safe turned off on purpose is put back on."""
    service: ReviewService = app.service
    try:
        service.review(review_id)
    except NotFoundError:
        raise ReviewGone from None
    shown = [screen for screen in app.screen_stack if isinstance(screen, ReviewScreen)]
    rid = shown[-1].review_id if shown else review_id
    try:
        review = service.review(rid)
    except NotFoundError:
        return []  # another review, deleted: its screen says so and shows nothing of it
    if not review.share_safe:
        # Private view, chosen (a confirmed F5, or a review opened while preparing): put
        # share-safe back on, but only while the review screen is on top. Under a dialog,
        # Textual redraws it only when it is shown again, so until then the room would see
        # the screen as the facilitator left it (a false leak, found by seed 35).
        if shown and app.screen is shown[-1]:
            service.set_share_safe(rid, True)
            for screen in shown:
                screen.reload_review()
        return []
    if isinstance(app.screen, NoteEditor):
        return []  # the facilitator opened that note on purpose; its own text is shown
    return on_screen(app, service, rid)


# -- the run ---------------------------------------------------------------------------------

def post(app: FacilitatorApp, report: FuzzReport, kind: str, value: str) -> None:
    screen = app.screen
    if isinstance(screen, ConfirmModal) and screen.question.startswith("The meeting is"):
        kind, value = "key", "n"  # a quit is deliberate; the run goes on
    report.history.append(f"{kind}:{value!r}")
    report.sent.append((kind, value))
    if kind == "paste":
        report.pastes += 1
        app.post_message(events.Paste(value))
    else:
        report.keys += 1
        app.post_message(events.Key(value, key_to_character(value)))


async def fuzz(db_path: str | Path, review_id: int, *, seed: int, steps: int,
               on_screen: Callable[..., list[str]] = private_shown, check_every: int = 20,
               size: tuple[int, int] = (160, 45), routes: bool = True,
               script: list[tuple[str, str]] | None = None) -> FuzzReport:
    """Run `steps` random actions (or the given `script` of ("key", name), ("paste", text)
    and ("pause", "") steps); the report says what held.

    Each route taken counts its keys as steps, so a run is `steps` keys and pastes long.
    """
    rng = random.Random(seed)
    report = FuzzReport(seed)
    total = len(script) if script is not None else steps
    while report.steps < total and not report.failure and not report.leaks:
        app = FacilitatorApp(db_path=db_path, review_id=review_id)
        try:
            gone = await _drive(app, report, rng, review_id, total, size=size, routes=routes,
                                script=script, on_screen=on_screen, check_every=check_every)
        except Exception as error:  # what ended the app: the run's finding
            where = traceback.extract_tb(error.__traceback__)[-1]
            report.failure = (f"the app ended at step {report.steps}: {type(error).__name__}: {error} "
                              f"({Path(where.filename).name}:{where.lineno} in {where.name})")
            break
        if app.return_code not in (0, None):
            report.failure = f"the app ended with code {app.return_code} at step {report.steps}"
        elif gone:
            review_id = demo_in_meeting(db_path)
            report.restarts += 1
        elif report.steps < total and not report.leaks:
            report.restarts += 1  # a confirmed quit: start again
    return report


async def _drive(app: FacilitatorApp, report: FuzzReport, rng: random.Random, review_id: int,
                 total: int, *, size: tuple[int, int], routes: bool,
                 script: list[tuple[str, str]] | None, on_screen: Callable[..., list[str]],
                 check_every: int) -> bool:
    """One run of the app, until the plan is done, the app exits or a check fails;
    True when the review under test was deleted (from the list of reviews)."""
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        report.screens.add(type(app.screen).__name__)
        routing = False  # a route was chosen: on the way out of dialogs to take it
        while report.steps < total and app.is_running:
            routed = False
            if script is not None:  # a regression script is replayed as one burst, as found
                burst = [script[n] for n in range(report.steps, total)]
            else:
                routing = routing or (routes and rng.random() < ROUTE_CHANCE)
                if routing:
                    name, keys = route(rng, app)
                    routing = name == "out"
                    routed = True
                    report.routes += not routing
                    report.history.append(f"route:{name}")
                    burst = [("key", key) for key in keys]
                else:
                    burst = [next_action(rng, report.steps + n) for n in range(rng.randint(1, 8))]
                burst = burst[: total - report.steps]
            before = report.steps
            for kind, value in burst:
                if not app.is_running:
                    break
                report.steps += 1
                if kind == "pause":  # in a script: let the app settle, as a person would
                    report.sent.append((kind, value))
                    await pilot.pause()
                    continue
                post(app, report, kind, value)
                if routed:  # a route's keys are pressed one after the other, as a person would
                    await pilot.pause()
            await pilot.pause()
            if not app.is_running:
                break
            report.screens.update(type(s).__name__ for s in app.screen_stack)
            if report.steps // check_every != before // check_every or report.steps == total:
                await pilot.pause()
                try:
                    leaks = check_private(app, review_id, on_screen)
                except ReviewGone:
                    app.exit()
                    return True
                report.checks += 1
                if leaks:
                    report.leaks = leaks
                    break
    return False


__all__ = ["EVERY_SCREEN", "FuzzReport", "demo_in_meeting", "fuzz", "private_shown", "screen_text"]
