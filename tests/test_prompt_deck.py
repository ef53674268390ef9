"""The prompt deck driven by keys, asserting what the database holds."""

from __future__ import annotations

from textual.app import App, ComposeResult

from facilitator_tui.errors import DatabaseBusy
from facilitator_tui.models import THEMES
from facilitator_tui.screens.dialog_host import DialogHost
from facilitator_tui.service import ReviewService
from facilitator_tui.widgets.prompt_deck import ALL, FOLLOW, PromptDeck

SIZE = (120, 36)
HOSTILE = "[@click=app.quit]x[/] and [/ and \x1b[2J"


class PaneHost(DialogHost, App[None]):
    """A bare app holding one review pane (and the dialogs it asks for), keeping what it says."""

    def __init__(self, service: ReviewService, review_id: int, pane_type: type, pane_id: str) -> None:
        super().__init__()
        self.service, self.review_id = service, review_id
        self.pane_type, self.pane_id = pane_type, pane_id
        self.told: list[str] = []

    def compose(self) -> ComposeResult:
        yield self.pane_type(self.service, self.review_id, id=self.pane_id)

    def on_mount(self) -> None:
        self.query_one(self.pane_type).focus_main()

    def notify(self, message: str, **kwargs) -> None:
        self.told.append(message)
        super().notify(message, **kwargs)


class Host(PaneHost):
    """Just the deck, recording the messages it posts and the notifications it shows."""

    def __init__(self, service: ReviewService, review_id: int) -> None:
        super().__init__(service, review_id, PromptDeck, "prompts")
        self.changes: list = []
        self.marks: list = []

    def on_prompt_deck_prompt_changed(self, message: PromptDeck.PromptChanged) -> None:
        self.changes.append(message.prompt)

    def on_prompt_deck_prompt_state_changed(self, message: PromptDeck.PromptStateChanged) -> None:
        self.marks.append((message.prompt.id, message.state))


def new_review(service: ReviewService) -> int:
    return service.create_review("Checkout latency").id


async def test_step_then_mark_asked_and_star(service):
    rid = new_review(service)
    app = Host(service, rid)
    async with app.run_test(size=SIZE) as pilot:
        deck = app.query_one(PromptDeck)
        first = deck.current_prompt
        await pilot.press("right")
        second = deck.current_prompt
        assert second != first
        await pilot.press("space", "s")
        await pilot.press("left")
        assert deck.current_prompt == first
        assert app.changes == [first, second, first]
        assert [m[0] for m in app.marks] == [second.id, second.id]
    states = service.prompt_states(rid)
    assert states[second.id].asked_at is not None and states[second.id].starred
    assert first.id not in states


async def test_letter_keys_step_too(service):
    rid = new_review(service)
    app = Host(service, rid)
    async with app.run_test(size=SIZE) as pilot:
        deck = app.query_one(PromptDeck)
        shown = deck.filtered()
        await pilot.press("l", "j")
        assert deck.current_prompt == shown[2]
        await pilot.press("h")
        assert deck.current_prompt == shown[1]
        await pilot.press("k", "k")
        assert deck.current_prompt == shown[-1]  # wraps round
        await pilot.press("enter")
    assert service.prompt_states(rid)[shown[-1].id].asked_at is not None


async def test_asked_question_is_dimmed_and_can_be_unmarked(service, screen_text):
    rid = new_review(service)
    app = Host(service, rid)
    async with app.run_test(size=SIZE) as pilot:
        deck = app.query_one(PromptDeck)
        await pilot.press("space")
        await pilot.pause()
        assert deck.has_class("-asked")
        assert "✓" in screen_text(app) and "1 asked" in screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert not deck.has_class("-asked")
    assert all(s.asked_at is None for s in service.prompt_states(rid).values())


async def test_theme_filter_narrows_to_one_theme_and_back(service):
    rid = new_review(service)
    app = Host(service, rid)
    async with app.run_test(size=SIZE) as pilot:
        deck = app.query_one(PromptDeck)
        await pilot.press(*["f"] * 8)  # follow -> each of the 7 phases -> all
        assert deck.phase_filter == ALL and deck.active_phase is None
        everything = len(deck.filtered())
        await pilot.press("t")
        assert deck.theme_filter == THEMES[0]
        shown = deck.filtered()
        assert shown and len(shown) < everything and all(p.theme == THEMES[0] for p in shown)
        assert deck.current_prompt.theme == THEMES[0]
        assert "Noticing and attention" in str(deck.border_title)
        await pilot.press(*["t"] * len(THEMES))
        assert deck.theme_filter == ALL and len(deck.filtered()) == everything


async def test_deck_follows_the_meeting_phase(service):
    rid = new_review(service)
    app = Host(service, rid)
    async with app.run_test(size=SIZE) as pilot:
        deck = app.query_one(PromptDeck)
        deck.set_phase("actions")
        await pilot.pause()
        assert deck.filtered() and all("actions" in p.phases for p in deck.filtered())
        assert "actions" in app.changes[-1].phases
        assert "Actions (following the meeting)" in str(deck.border_title)
        await pilot.press("space")
        asked = deck.current_prompt
    assert "actions" in asked.phases
    assert service.prompt_states(rid)[asked.id].asked_at is not None


async def test_a_chosen_phase_stays_when_the_meeting_moves(service):
    rid = new_review(service)
    app = Host(service, rid)
    async with app.run_test(size=SIZE) as pilot:
        deck = app.query_one(PromptDeck)
        await pilot.press("f", "f")  # follow -> open -> walk_timeline
        assert deck.phase_filter == "walk_timeline"
        current = deck.current_prompt
        deck.set_phase("themes")
        await pilot.pause()
        assert deck.active_phase == "walk_timeline" and deck.current_prompt == current
        await pilot.press(*["f"] * 7)  # ... -> all -> follow again
        assert deck.phase_filter == FOLLOW and deck.active_phase == "themes"


async def test_starred_and_not_yet_asked_only(service):
    rid = new_review(service)
    app = Host(service, rid)
    async with app.run_test(size=SIZE) as pilot:
        deck = app.query_one(PromptDeck)
        starred = deck.current_prompt
        await pilot.press("s", "right", "space")
        await pilot.press("asterisk")
        assert deck.filtered() == [starred] and deck.current_prompt == starred
        assert "★ only" in str(deck.border_title)
        await pilot.press("asterisk", "u")
        asked = {i for i, s in service.prompt_states(rid).items() if s.asked_at}
        assert asked and not asked & {p.id for p in deck.filtered()}


async def test_add_your_own_question(service, type_text):
    rid = new_review(service)
    app = Host(service, rid)
    async with app.run_test(size=SIZE) as pilot:
        deck = app.query_one(PromptDeck)
        theme = deck.current_prompt.theme
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "What did the queue graph tell you first?")
        await pilot.press("enter")
        await pilot.pause()
        assert deck.current_prompt.text == "What did the queue graph tell you first?"
        assert app.changes[-1] == deck.current_prompt
    custom = [p for p in service.prompt_deck(rid) if p.custom]
    assert len(custom) == 1
    assert custom[0].theme == theme and custom[0].phases == ["open"]


async def test_new_question_takes_the_theme_filter_and_chosen_phase(service, type_text):
    rid = new_review(service)
    app = Host(service, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "t")  # the second theme
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "How did the handover feel")
        # Tab past the theme to the phase, open it and pick the last entry: any phase.
        await pilot.press("tab", "tab", "enter")
        await pilot.pause()
        await pilot.press("end", "enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    (custom,) = [p for p in service.prompt_deck(rid) if p.custom]
    assert custom.theme == THEMES[1]
    assert len(custom.phases) == 7


async def test_an_empty_question_is_not_added(service, screen_text):
    rid = new_review(service)
    app = Host(service, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("space", "enter")
        await pilot.pause()
        assert "Please type something first." in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen.focused, PromptDeck)
    assert not [p for p in service.prompt_deck(rid) if p.custom]


async def test_hostile_question_shows_literally(service, screen_text):
    rid = new_review(service)
    service.add_custom_prompt(rid, HOSTILE, "noticing", ["open"])
    app = Host(service, rid)
    async with app.run_test(size=SIZE) as pilot:
        deck = app.query_one(PromptDeck)
        await pilot.press("L")
        await pilot.pause()
        assert "[@click=app.quit]x[/] and [/ and ␛[2J" in screen_text(app)
        await pilot.press("end", "enter")
        await pilot.pause()
        assert deck.current_prompt.custom
        assert "[@click=app.quit]x[/] and [/ and ␛[2J" in screen_text(app)
        await pilot.click("#prompts")
        await pilot.pause()
        assert app.is_running


async def test_list_jumps_to_a_question(service):
    rid = new_review(service)
    app = Host(service, rid)
    async with app.run_test(size=SIZE) as pilot:
        deck = app.query_one(PromptDeck)
        shown = deck.filtered()
        await pilot.press("L")
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert deck.current_prompt == shown[2]
        await pilot.press("space")
    assert service.prompt_states(rid)[shown[2].id].asked_at is not None


async def test_refresh_keeps_the_current_question(service, db_path, screen_text):
    rid = new_review(service)
    app = Host(service, rid)
    async with app.run_test(size=SIZE) as pilot:
        deck = app.query_one(PromptDeck)
        await pilot.press("right", "right")
        current = deck.current_prompt
        announced = len(app.changes)
        other = ReviewService.open(db_path)
        other.toggle_star(rid, current.id)
        other.close()
        deck.refresh_data()
        await pilot.pause()
        assert deck.current_prompt == current and len(app.changes) == announced
        assert deck.states[current.id].starred and "★ 1" in screen_text(app)


async def test_filters_and_place_survive_a_new_deck(service):
    rid = new_review(service)
    app = Host(service, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", "f", "t", "right")
        old = app.query_one(PromptDeck)
        view = (old.phase_filter, old.theme_filter, old.current_prompt)
        await old.remove()
        fresh = PromptDeck(service, rid, id="prompts")
        await app.mount(fresh)
        await pilot.pause()
        assert (fresh.phase_filter, fresh.theme_filter, fresh.current_prompt) == view


async def test_a_failed_save_is_one_notification_and_changes_nothing(service, monkeypatch):
    rid = new_review(service)
    app = Host(service, rid)

    def locked(*_args):
        raise DatabaseBusy("database is locked")

    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(service, "toggle_asked", locked)
        await pilot.press("space")
        await pilot.pause()
        assert app.told == ["Not saved: database is locked"]
        assert not app.query_one(PromptDeck).has_class("-asked") and app.is_running
    assert service.prompt_states(rid) == {}


async def test_the_question_reads_dark_on_light_and_light_on_dark(service):
    # Theme colours such as $text are "auto": worked out without the widget's own
    # background they came out white on the light theme.
    rid = new_review(service)
    for theme, dark_text in (("textual-light", True), ("textual-dark", False)):
        app = Host(service, rid)
        app.theme = theme
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            deck = app.query_one(PromptDeck)
            strips = deck.render_lines(deck.region.reset_offset)
            question = deck.current_prompt.text.split()[0]
            colours = [segment.style.color for strip in strips for segment in strip
                       if question in segment.text and segment.style and segment.style.color]
            assert colours, "the question is on screen"
            brightness = sum(c.triplet.red + c.triplet.green + c.triplet.blue for c in colours) / (
                3 * 255 * len(colours))
            assert (brightness < 0.5) == dark_text, (theme, brightness)
