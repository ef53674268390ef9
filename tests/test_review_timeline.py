"""The timeline on the real review screen with the demo review: reading an event in full,
deleting and undoing, one person's view, and questions that fit the highlighted event."""

from __future__ import annotations

import pytest

from facilitator_tui.screens.event_view import EventView
from facilitator_tui.screens.perspective_picker import PerspectivePicker
from facilitator_tui.screens.review import ReviewScreen
from facilitator_tui.service import EventFilter
from facilitator_tui.widgets.prompt_deck import PromptDeck
from facilitator_tui.widgets.timeline import TimelinePane
from facilitator_tui.widgets.timeline_view import TimelineView

SIZE = (160, 45)


@pytest.fixture
def demo(service) -> int:
    review_id, _ = service.load_demo()
    return review_id


def drawn(app, selector: str) -> list[str]:
    """The lines a widget of the screen on top draws, as a person reads them."""
    widget = app.screen.query_one(selector)
    return [strip.text.strip() for strip in widget.render_lines(widget.region.reset_offset)]


def timeline(app) -> TimelinePane:
    return app.screen.query_one(TimelinePane)


async def go_to(pilot, app, words: str) -> None:
    """Put the timeline's cursor on the event whose text holds `words`."""
    view = app.screen.query_one(TimelineView)
    for row in range(view.count):
        event = view.event_at(row)
        if event is not None and words in event.text:
            view.move_cursor(row)
            await pilot.pause(TimelineView.ANNOUNCE_DELAY)  # one debounce: the panes hear of it
            await pilot.pause()  # and the message it sends is handled
            return
    raise AssertionError(words)


# -- a timeline that never goes blank --------------------------------------------------------


@pytest.mark.parametrize("keys", [["K"], ["slash", *"actor:maya", "enter"]])
async def test_filtering_while_scrolled_down_keeps_rows_and_cursor_on_screen(service, db_path, demo, keys, recording_app, screen_text):
    app = recording_app(db_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        view = app.screen.query_one(TimelineView)
        assert view.scroll_offset.y > 0
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        assert 0 < view.count < 74
        assert view.scroll_offset.y == 0  # everything fits: nothing scrolled away
        first = view.event_at(0)
        assert first.text[:30] in screen_text(app)
        assert 0 <= view.cursor - view.scroll_offset.y < view.size.height
        await pilot.press("home")
        await pilot.pause()
        assert view.cursor == 0
        await pilot.press("down")
        await pilot.pause()
        assert view.cursor == 1


# -- reading an event in full --------------------------------------------------------------


async def test_enter_shows_the_whole_event_wrapped_with_its_notes(service, db_path, demo, recording_app):
    app = recording_app(db_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, app, "That explains it")
        pane = timeline(app)
        event = pane.selected_event
        notes = [n for n in service.notes(demo, event_id=event.id) if n.kind != "private"]
        assert notes
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EventView)
        lines = [line for line in drawn(app, "#event-text") if line]
        # The whole message, not the row's 55 characters: wrapped over several lines.
        assert len(event.text) > 100 and len(lines) > 1
        assert " ".join(lines) == " ".join(event.text.split())
        heading = " ".join(drawn(app, "#event-heading"))
        assert "Maya Okafor" in heading and "inc-presale-checkout" in heading
        assert "2025-11-28 00:20:30 Europe/Berlin" in heading
        shown = " ".join(" ".join(drawn(app, "#event-notes")).split())
        for note in notes:
            assert " ".join(note.text.split())[:60] in shown
        await pilot.press("down")
        await pilot.pause()
        assert app.screen.event.id != event.id
        assert app.screen.event.id == pane.selected_event.id
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)


async def test_the_event_view_hides_private_notes_while_sharing(service, db_path, demo, recording_app):
    private = next(n for n in service.notes(demo) if n.kind == "private" and n.event_id)
    event = service.event(private.event_id)
    service.set_share_safe(demo, True)
    app = recording_app(db_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, app, event.text[:40])
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EventView)
        shown = " ".join(" ".join(drawn(app, "#event-notes")).split())
        assert private.text[:30] not in shown
        public = [n for n in service.notes(demo, event_id=event.id) if n.kind != "private"]
        assert all(n.text[:30] in shown for n in public)


async def test_n_in_the_event_view_writes_a_note_linked_to_it(service, db_path, demo, recording_app, type_text):
    app = recording_app(db_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, app, "Trying Priya")
        event = timeline(app).selected_event
        await pilot.press("enter", "n")
        await pilot.pause()
        assert app.focused.id == "note-input"
        await type_text(pilot, "nobody else knew holdcache")
        await pilot.press("enter")
        await pilot.pause()
    assert service.notes(demo)[-1].event_id == event.id


# -- deleting an event, and undo -------------------------------------------------------------


async def test_delete_an_event_then_undo_brings_it_back_with_its_notes(service, db_path, demo, recording_app, screen_text):
    app = recording_app(db_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, app, "That explains it")
        event = timeline(app).selected_event
        linked = sorted(n.id for n in service.notes(demo, event_id=event.id))
        assert linked
        await pilot.press("x")
        await pilot.pause()
        assert service.event_count(demo, EventFilter(include_hidden=True)) == 73
        assert [n for n in service.notes(demo) if n.event_id == event.id] == []
        assert "That explains it" not in screen_text(app)
        assert any("Event deleted" in m and "u brings it back" in m for m in app.told)
        await pilot.press("u")
        await pilot.pause()
        assert timeline(app).selected_event.id == event.id
    assert service.event(event.id) == event
    assert sorted(n.id for n in service.notes(demo, event_id=event.id)) == linked


# -- one person's view ---------------------------------------------------------------------


async def test_the_timeline_as_one_person_saw_it(service, db_path, demo, recording_app, screen_text):
    app = recording_app(db_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PerspectivePicker)
        rows = [app.screen.query_one("#people").row_at(i).id
                for i in range(app.screen.query_one("#people").row_count)]
        assert rows[1:5] == ["Elif Yıldız", "Jonas Brandt", "Maya Okafor", "Priya Raman"]
        await pilot.press("down", "down", "enter")  # from Elif to Maya
        await pilot.pause()
        pane = timeline(app)
        assert pane.perspective == "Maya Okafor"
        seen = service.event_count(demo, EventFilter(seen_by=service.perspective(demo, "Maya Okafor")))
        assert 20 < seen < 74
        assert str(pane.border_title) == (f"Timeline · as Maya Okafor saw it · {seen} of 74 events "
                                          "· Europe/Berlin")
        text = screen_text(app)
        assert "As Maya Okafor saw it" in text
        # Pages sent to her and the channel she was in around then are there; a
        # conversation she was not part of is not.
        assert "Notified Maya Okafor by phone" in text
        assert "Holding the deploy until the load test" not in text
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("home", "enter")  # Everyone
        await pilot.pause()
        assert pane.perspective == "" and pane.view.count == 74
        assert "As Maya Okafor saw it" not in screen_text(app)


def test_what_one_person_saw(service, demo):
    maya = service.perspective(demo, "Maya Okafor")
    seen = {e.text for e in service.store.all_events(demo, EventFilter(seen_by=maya))}
    assert "Notified Maya Okafor by phone call (high urgency)" in seen  # a page to her
    assert any(t.startswith("Handoff notes for Maya") for t in seen)  # a message naming her
    assert any(t.startswith("Hi from Toronto") for t in seen)  # her own
    assert any(t.startswith("Please not the tiers") for t in seen)  # her channel, then
    assert not any(t.startswith("PR #4182") for t in seen)  # someone else's channel
    assert not any(t.startswith("Facilitator prep") for t in seen)  # the facilitator's own
    # A name inside a word is not a mention: "Ana" is not in "analysis".
    ana = service.perspective(demo, "Ana Costa")
    assert all("ana costa" in e.text.lower() or "ana" in e.text.lower().split() or
               e.actor == "Ana Costa" or e.channel
               for e in service.store.all_events(demo, EventFilter(seen_by=ana)))


async def test_the_perspective_is_a_palette_command(service, db_path, demo, recording_app):
    app = recording_app(db_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = {c.title for c in app.palette_commands(app.screen)}
        assert {"As they saw it", "Read event", "Delete event", "Undo hide or delete"} <= titles


# -- questions that fit the moment -----------------------------------------------------------


async def test_the_deck_offers_questions_for_the_highlighted_events_kind_first(service, db_path, demo, recording_app, screen_text):
    app = recording_app(db_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        deck = app.screen.query_one(PromptDeck)
        assert deck.event_kind is None  # the first event is the facilitator's context note
        await go_to(pilot, app, "On-call handoff: Platform Primary passes from Jonas")
        assert deck.event_kind == "handoff"
        shown = deck.filtered()
        assert shown[0].kinds == ["handoff"] and deck.current_prompt == shown[0]
        assert sum(1 for p in shown if p.kinds) == 4 and not any(p.kinds for p in shown[4:])
        text = screen_text(app)
        assert "◆ For this moment: a handoff or shift change" in text
        assert "first 4 for this moment" in text
        await go_to(pilot, app, "OK, no rollback for now")
        assert deck.event_kind == "decision" and deck.current_prompt.kinds == ["decision"]
        await go_to(pilot, app, "WE ARE LIVE")
        assert deck.event_kind is None
        assert not any(p.kinds for p in deck.filtered())
        assert "For this moment" not in screen_text(app)


def test_one_persons_view_follows_changes_to_the_timeline(service, demo, db_path):
    from datetime import timedelta

    from facilitator_tui.service import ReviewService

    maya = service.perspective(demo, "Maya Okafor")
    seen = EventFilter(seen_by=maya)
    before = service.event_count(demo, seen)
    hers = next(e for e in service.store.all_events(demo) if e.text.startswith("Hi from Toronto"))
    # A message in her channel just after hers is in her view; deleting it takes it out again.
    added = service.add_event(demo, "anyone seen the memory graph?", at=hers.at + timedelta(minutes=2),
                              actor="Lukas Meier")
    service.edit_event(added.id, channel="platform-oncall")
    assert service.event_count(demo, seen) == before + 1
    service.delete_event(added.id)
    assert service.event_count(demo, seen) == before
    # Another process's change is seen too.
    other = ReviewService.open(db_path)
    other.import_events(demo, [added.model_copy(update={"id": None, "channel": "platform-oncall",
                                                        "external_id": "from-elsewhere"})])
    other.close()
    assert service.event_count(demo, seen) == before + 1


async def test_hostile_text_in_the_event_view_is_shown_literally(service, db_path, recording_app):
    from datetime import UTC, datetime

    review = service.create_review("Hostile", tz="UTC")
    text = "[@click=app.quit]x[/] and a lone [/ and \x1b[31mred"
    event = service.add_event(review.id, text, at=datetime(2026, 1, 1, tzinfo=UTC), actor="[b]who[/b]")
    service.add_note(review.id, "[@click=app.quit]note[/]", event_id=event.id)
    app = recording_app(db_path, review.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EventView)
        shown = " ".join(drawn(app, "#event-text"))
        assert "[@click=app.quit]x[/] and a lone [/ and ␛[31mred" in shown
        assert "[b]who[/b]" in " ".join(drawn(app, "#event-heading"))
        assert "[@click=app.quit]note[/]" in " ".join(drawn(app, "#event-notes"))
        await pilot.click("#event-text")
        await pilot.pause()
        assert app.is_running
