"""The prompt deck driven by keys, asserting what the database holds."""

from __future__ import annotations

from pilot_helpers import type_text
from textual.app import App, ComposeResult

from facilitator_tui.models import THEMES
from facilitator_tui.service import ReviewService
from facilitator_tui.widgets.prompt_deck import PromptDeck


class Host(App[None]):
    def __init__(self, service: ReviewService, review_id: int) -> None:
        super().__init__()
        self.service, self.review_id = service, review_id
        self.changes: list = []

    def compose(self) -> ComposeResult:
        yield PromptDeck(self.service, self.review_id, id="prompts")

    def on_mount(self) -> None:
        self.query_one(PromptDeck).focus()

    def on_prompt_deck_prompt_changed(self, message: PromptDeck.PromptChanged) -> None:
        self.changes.append(message.prompt)

    def say(self, message: str, *, error: bool = False, timeout: float = 3) -> None:
        self.notify(message, markup=False)

    def hint_wording(self, text: str) -> None:
        from facilitator_tui.wording import find_hints

        if find_hints(text):
            self.notify("hint", markup=False)


def deck_for(service: ReviewService) -> tuple[int, PromptDeck | None]:
    return service.create_review("Deck").id, None


async def test_step_and_mark_asked_and_star(service):
    rid, _ = deck_for(service)
    app = Host(service, rid)
    async with app.run_test(size=(120, 36)) as pilot:
        deck = app.query_one(PromptDeck)
        first = deck.current_prompt
        await pilot.press("right")
        second = deck.current_prompt
        assert second != first
        await pilot.press("space", "s")
        await pilot.press("left")
        assert deck.current_prompt == first
        assert app.changes[-1] == first
    states = service.prompt_states(rid)
    assert states[second.id].asked_at is not None and states[second.id].starred
    assert first.id not in states


async def test_asked_question_can_be_unmarked(service):
    rid, _ = deck_for(service)
    app = Host(service, rid)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        assert app.query_one(PromptDeck).has_class("-asked")
        await pilot.press("space")
    assert all(s.asked_at is None for s in service.prompt_states(rid).values())


async def test_theme_filter_narrows_to_one_theme(service):
    rid, _ = deck_for(service)
    app = Host(service, rid)
    async with app.run_test(size=(120, 36)) as pilot:
        deck = app.query_one(PromptDeck)
        await pilot.press("f")  # phase filter: follow -> open
        await pilot.press(*["f"] * 7)  # ... -> all phases
        assert deck.active_phase is None
        await pilot.press("t")
        assert deck.theme_filter == THEMES[0]
        shown = deck.filtered()
        assert shown and all(p.theme == THEMES[0] for p in shown)
        assert "Noticing" in str(deck.border_title)


async def test_deck_follows_the_meeting_phase(service):
    rid, _ = deck_for(service)
    app = Host(service, rid)
    async with app.run_test(size=(120, 36)) as pilot:
        deck = app.query_one(PromptDeck)
        deck.set_phase("actions")
        await pilot.pause()
        assert deck.filtered() and all("actions" in p.phases for p in deck.filtered())
        assert "actions" in deck.current_prompt.phases


async def test_starred_and_unasked_only(service):
    rid, _ = deck_for(service)
    app = Host(service, rid)
    async with app.run_test(size=(120, 36)) as pilot:
        deck = app.query_one(PromptDeck)
        await pilot.press("s", "right", "space")
        await pilot.press("asterisk")
        assert len(deck.filtered()) == 1
        await pilot.press("asterisk", "u")
        assert all(not (s := deck.states.get(p.id)) or not s.asked_at for p in deck.filtered())


async def test_add_your_own_question(service):
    rid, _ = deck_for(service)
    app = Host(service, rid)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "What did the queue graph tell you first")
        await pilot.press("enter")
        await pilot.pause()
        deck = app.query_one(PromptDeck)
        assert deck.current_prompt.text == "What did the queue graph tell you first"
    custom = [p for p in service.prompt_deck(rid) if p.custom]
    assert len(custom) == 1 and custom[0].phases == ["open"]


async def test_hostile_custom_question_shows_literally(service):
    rid, _ = deck_for(service)
    service.add_custom_prompt(rid, "[@click=app.quit]x[/] and [/", "noticing", ["open"])
    app = Host(service, rid)
    async with app.run_test(size=(120, 36)) as pilot:
        deck = app.query_one(PromptDeck)
        await pilot.press("L")
        await pilot.pause()
        await pilot.press("end", "enter")
        await pilot.pause()
        assert deck.current_prompt.custom
        await pilot.click("#prompt-text")
        assert app.is_running


async def test_refresh_keeps_the_current_question(service, db_path):
    rid, _ = deck_for(service)
    app = Host(service, rid)
    async with app.run_test(size=(120, 36)) as pilot:
        deck = app.query_one(PromptDeck)
        await pilot.press("right", "right")
        current = deck.current_prompt
        other = ReviewService.open(db_path)
        other.toggle_star(rid, service.prompt_deck(rid)[0].id)
        other.close()
        deck.refresh_data()
        await pilot.pause()
        assert deck.current_prompt == current
