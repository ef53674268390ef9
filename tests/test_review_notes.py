"""The notes list on the real review screen: reached by Tab, its keys in the key bar, moving
a note to another event (in the list and in the editor), undoing a delete, searching, and
offering to add a person named with an unknown @name."""

from __future__ import annotations

import pytest

from facilitator_tui.screens.confirm import ConfirmModal
from facilitator_tui.screens.event_picker import EventPicker
from facilitator_tui.screens.note_editor import NoteEditor
from facilitator_tui.widgets.key_bar import KeyBar
from facilitator_tui.widgets.notes_pane import NotesPane
from facilitator_tui.widgets.row_list import RowList
from facilitator_tui.widgets.timeline import TimelinePane
from facilitator_tui.widgets.timeline_view import TimelineView

SIZE = (160, 45)


@pytest.fixture
def rid(service) -> int:
    review = service.create_review("Queue backlog", tz="UTC")
    from datetime import UTC, datetime, timedelta

    from facilitator_tui.models import Event

    start = datetime(2026, 3, 14, 22, 0, tzinfo=UTC)
    service.import_events(review.id, [
        Event(at=start + timedelta(minutes=5 * i), source="slack", actor="Ana",
              text=f"message {i}", external_id=f"m{i}") for i in range(8)])
    return review.id


def key_bar(app) -> str:
    bar = app.screen.query_one(KeyBar)
    return "".join(strip.text for strip in bar.render_lines(bar.region.reset_offset))


def listing(app) -> RowList:
    return app.screen.query_one("#notes-list", RowList)


async def test_tab_reaches_the_list_and_its_keys_show_in_the_bar(service, db_path, rid, recording_app, type_text):
    service.add_note(rid, "the queue grew quietly")
    app = recording_app(db_path, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab", "tab")  # timeline -> prompts -> notes' input
        await pilot.pause()
        assert app.focused.id == "note-input"
        assert "Move to event" not in key_bar(app)  # letters typed here are text
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused.id == "notes-list"
        bar = key_bar(app)
        for words in ("⏎ Edit note", "m Move to event", "/ Search notes", "d Delete note", "u Undo delete"):
            assert words in bar, bar
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused.id == "factor-list"
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused.id == "notes-list"
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused.id == "note-input"
        await type_text(pilot, "dm/u")  # the list's keys are letters in the input
        assert app.focused.value == "dm/u"


async def test_enter_with_no_note_highlighted_says_so(service, db_path, rid, recording_app):
    app = recording_app(db_path, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one(NotesPane).focus_list()
        await pilot.press("enter")
        await pilot.pause()
        assert app.told[-1] == "No notes yet · i writes one"
        await pilot.press("m")
        await pilot.pause()
        assert app.told[-1] == "No notes yet · i writes one"


async def test_m_moves_a_note_to_another_event_or_to_none(service, db_path, rid, recording_app, screen_text):
    events = service.store.all_events(rid)
    note = service.add_note(rid, "the consumer lagged", event_id=events[1].id)
    app = recording_app(db_path, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        timeline = app.screen.query_one(TimelinePane)
        timeline.view.move_cursor(5)
        await pilot.pause(TimelineView.ANNOUNCE_DELAY)  # one debounce: the notes pane hears of it
        app.screen.query_one(NotesPane).focus_list()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, EventPicker)
        picker = app.screen.query_one("#picker-events", RowList)
        # The note's own event is highlighted; the timeline's is marked.
        assert picker.highlighted_row.id == str(events[1].id)
        text = screen_text(app)
        assert "(now linked)" in text
        assert "(highlighted in the timeline) Ana: message 5" in text
        await pilot.press("down", "down", "down", "down", "enter")
        await pilot.pause()
        assert service.store.get_note(note.id).event_id == events[5].id
        assert "Note moved to the event." in app.told
        # ... and to no event at all.
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("home", "enter")
        await pilot.pause()
        assert service.store.get_note(note.id).event_id is None


async def test_the_picker_lists_the_events_around_a_typed_time(service, db_path, rid, recording_app, type_text):
    events = service.store.all_events(rid)
    note = service.add_note(rid, "far away from its event", event_id=events[0].id)
    app = recording_app(db_path, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one(NotesPane).focus_list()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("ctrl+g")
        await type_text(pilot, "22:35")
        await pilot.press("enter")
        await pilot.pause()
        picker = app.screen.query_one("#picker-events", RowList)
        ids = [picker.row_at(i).id for i in range(picker.row_count)]
        assert str(events[7].id) in ids and str(events[0].id) not in ids
        await pilot.press("end", "enter")
        await pilot.pause()
    assert service.store.get_note(note.id).event_id == events[7].id


async def test_the_editor_links_a_note_to_another_event(service, db_path, rid, recording_app, screen_text):
    events = service.store.all_events(rid)
    note = service.add_note(rid, "noted on the wrong event", event_id=events[2].id)
    app = recording_app(db_path, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one(NotesPane).focus_list()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert "On the event at 2026-03-14 22:10:00: Ana: message 2" in screen_text(app)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, EventPicker)
        await pilot.press("home", "enter")  # no event
        await pilot.pause()
        assert "Not linked to an event" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
    assert service.store.get_note(note.id).event_id is None
    assert service.store.get_note(note.id).text == "noted on the wrong event"


async def test_a_deleted_note_can_be_brought_back(service, db_path, rid, recording_app):
    events = service.store.all_events(rid)
    ana = service.add_participant(rid, "Ana Lima")
    note = service.add_note(rid, "keep me", kind="insight", participant_id=ana.id, event_id=events[3].id)
    service.add_note(rid, "another one")
    app = recording_app(db_path, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one(NotesPane).focus_list()
        await pilot.press("up")  # from the newest to "keep me"
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
        assert [n.text for n in service.notes(rid)] == ["another one"]
        await pilot.press("u")
        await pilot.pause()
        assert app.told[-1] == "Note restored."
        assert listing(app).highlighted_row.id == str(note.id)
        await pilot.press("u")
        await pilot.pause()
        assert app.told[-1] == "No deleted note to bring back."
    restored = service.store.get_note(note.id)
    assert restored == note.model_copy(update={"updated_at": restored.updated_at})


async def test_slash_searches_the_notes(service, db_path, rid, recording_app, type_text):
    ana = service.add_participant(rid, "Ana Lima")
    service.add_note(rid, "the consumer lag graph was flat", participant_id=ana.id)
    service.add_note(rid, "the queue kept growing")
    service.add_note(rid, "[@click=app.quit]x[/] hostile text")
    app = recording_app(db_path, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(NotesPane)
        pane.focus_list()
        await pilot.press("slash")
        await type_text(pilot, "ana")
        await pilot.pause()
        assert [n.text for n in pane.visible_notes()] == ["the consumer lag graph was flat"]
        assert "search “ana”" in str(pane.border_title)
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused.id == "notes-list"
        # ctrl+u is the meeting summary everywhere: the search is cleared key by key.
        await pilot.press("slash", "backspace", "backspace", "backspace")
        await type_text(pilot, "[/")
        await pilot.pause()
        assert [n.text for n in pane.visible_notes()] == ["[@click=app.quit]x[/] hostile text"]
        await pilot.press("escape")  # clears the search, stays on the review
        await pilot.pause()
        assert len(pane.visible_notes()) == 3 and app.focused.id == "notes-list"
        assert not app.screen.query("#notes-search") and app.is_running


async def test_an_unknown_name_is_offered_as_a_new_participant(service, db_path, rid, recording_app, screen_text, type_text):
    app = recording_app(db_path, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await type_text(pilot, "i: the dashboards lied @Nobody")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert "@Nobody is not a participant yet" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
    [person] = service.participants(rid)
    [note] = service.notes(rid)
    assert (person.name, note.participant_id, note.text) == ("Nobody", person.id, "the dashboards lied")


async def test_declining_the_new_participant_keeps_the_note_as_typed(service, db_path, rid, recording_app, type_text):
    app = recording_app(db_path, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await type_text(pilot, "asked @Nobody about it")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
    assert service.participants(rid) == []
    assert [(n.text, n.participant_id) for n in service.notes(rid)] == [("asked @Nobody about it", None)]


async def test_owner_names_complete_from_participants(service, db_path, rid, recording_app, type_text):
    service.add_participant(rid, "Ana Lima")
    app = recording_app(db_path, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await type_text(pilot, "a: write the runbook owner:an")
        await pilot.pause()
        await pilot.press("right")  # accepts the completion
        await type_text(pilot, " due:+7d")
        await pilot.press("enter")
        await pilot.pause()
    [note] = service.notes(rid)
    assert (note.kind, note.text, note.owner) == ("action", "write the runbook", "Ana Lima")
    assert note.due is not None


async def test_a_paste_into_the_note_editor_keeps_its_text_in_order(service, db_path, rid, recording_app):
    from textual import events

    note = service.add_note(rid, "first line")
    app = recording_app(db_path, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one(NotesPane).focus_list()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("end")
        app.post_message(events.Paste(" AAA \x1b[31mBBB\r\nsecond line"))
        await pilot.press("escape")  # closing the editor saves what was pasted
        await pilot.pause()
    assert service.store.get_note(note.id).text == "first line AAA [31mBBB\nsecond line"


async def test_a_person_added_elsewhere_meanwhile_is_not_added_twice(service, db_path, rid, recording_app, type_text):
    app = recording_app(db_path, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await type_text(pilot, "@Nobody the dashboards lied")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        service.add_participant(rid, "Nobody")  # someone else was quicker
        await pilot.press("y")
        await pilot.pause()
        assert app.told[-1] == "Not added: Nobody is already a participant"
        assert app.is_running
    assert [p.name for p in service.participants(rid)] == ["Nobody"]
    assert [n.text for n in service.notes(rid)] == ["@Nobody the dashboards lied"]
