"""The timeline pane: the incident's events in time order, added to and annotated live.

Wraps the virtual `TimelineView` with a filter line and the keys to add, edit,
hide and mark events. Tells the screen which event is selected so new notes
link to it.
"""

from __future__ import annotations

import shlex
from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input

from facilitator_tui.models import Event, utc_now
from facilitator_tui.safe_text import single_line
from facilitator_tui.screens.event_editor import EventDraft, EventEditor
from facilitator_tui.store import EventFilter
from facilitator_tui.timeparse import format_local
from facilitator_tui.widgets.timeline_view import TimelineView


def parse_filter(text: str, base: EventFilter) -> EventFilter:
    """`source:slack actor:ana disk full` -> a filter; unknown words are the text search."""
    try:
        words = shlex.split(text)
    except ValueError:
        words = text.split()
    source = actor = ""
    rest = []
    for word in words:
        lowered = word.lower()
        if lowered.startswith("source:"):
            source = word.split(":", 1)[1]
        elif lowered.startswith("actor:"):
            actor = word.split(":", 1)[1]
        else:
            rest.append(word)
    return replace(base, text=" ".join(rest), source=source, actor=actor)


class TimelinePane(Vertical):
    DEFAULT_CSS = """
    TimelinePane { height: 1fr; }
    TimelinePane #timeline-filter { display: none; height: 3; }
    TimelinePane.-filtering #timeline-filter { display: block; }
    """
    BINDINGS = [
        Binding("a", "add_event", "Add event"),
        Binding("e", "edit_event", "Edit event", show=False),
        Binding("k", "toggle_key", "Key moment"),
        Binding("h", "hide_event", "Hide event", show=False),
        Binding("H", "toggle_show_hidden", "Show hidden", show=False),
        Binding("slash", "filter", "Filter"),
        Binding("g", "jump_to_time", "Go to time", show=False),
        Binding("K", "toggle_key_only", "Key moments only", show=False),
        Binding("n", "note_on_event", "Note on event", show=False),
        Binding("enter", "event_notes", "Event's notes", show=False),
    ]

    class EventSelected(Message):
        def __init__(self, event: Event | None) -> None:
            super().__init__()
            self.event = event

    class NotesRequested(Message):
        """Show the notes linked to this event."""

        def __init__(self, event: Event | None) -> None:
            super().__init__()
            self.event = event

    class AddNoteRequested(Message):
        def __init__(self, event: Event | None) -> None:
            super().__init__()
            self.event = event

    def __init__(self, service, review_id: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.service = service
        self.review_id = review_id
        self.review = service.review(review_id)
        self.filter_text = ""
        self._last_hidden: Event | None = None

    def compose(self) -> ComposeResult:
        yield Input(id="timeline-filter",
                    placeholder="Filter: words, source:slack, actor:ana · Enter applies · Escape clears")
        yield TimelineView(self.service.store, self.review_id, self.review.zone, id="timeline-view")

    @property
    def view(self) -> TimelineView:
        return self.query_one(TimelineView)

    def on_mount(self) -> None:
        self.view.reload()
        self._update_title()

    # -- calls down ------------------------------------------------------------------

    def focus_list(self) -> None:
        self.view.focus()

    focus_main = focus_list

    @property
    def selected_event(self) -> Event | None:
        return self.view.current_event()

    def set_share_safe(self, share_safe: bool) -> None:
        view = self.view
        wanted = not share_safe
        if view.filter.include_private != wanted:
            view.filter = replace(view.filter, include_private=wanted)
            view.reload()
            self._update_title()

    def refresh_data(self) -> None:
        self.review = self.service.review(self.review_id)
        self.view.tz = self.review.zone
        self.view.reload()
        self._update_title()

    def _update_title(self) -> None:
        flt = self.view.filter
        parts = [f"Timeline · {self.view.count:,} events"]
        described = " ".join(p for p in (
            f"source={flt.source}" if flt.source else "", f"actor={flt.actor}" if flt.actor else "",
            f"“{flt.text}”" if flt.text else "", "key moments" if flt.key_only else "",
            "with hidden" if flt.include_hidden else "") if p)
        if described:
            parts.append("filter: " + single_line(described))
        parts.append(self.review.timezone)
        self.border_title = " · ".join(parts)

    @on(TimelineView.CursorMoved)
    def _moved(self, message: TimelineView.CursorMoved) -> None:
        message.stop()
        self.post_message(self.EventSelected(message.event))

    # -- adding and editing -----------------------------------------------------------

    def _parse(self, text: str):
        return self.service.parse_time(self.review_id, text)

    def action_add_event(self) -> None:
        now = format_local(utc_now(), self.review.zone)

        def added(draft: EventDraft | None) -> None:
            if draft is None:
                return
            event = self.service.add_event(self.review_id, draft.text, at=draft.at,
                                           actor=draft.actor, key_moment=draft.key_moment)
            self.view.reload(keep=event)
            self._update_title()
            self.app.say("Event added.")

        self.app.push_screen(EventEditor("Add an event", self._parse, when=now), added)

    def action_edit_event(self) -> None:
        event = self.selected_event
        if event is None:
            return
        when = format_local(event.at, self.review.zone, with_date=True)

        def edited(draft: EventDraft | None) -> None:
            if draft is None:
                return
            updated = self.service.edit_event(event.id, text=draft.text, at=draft.at,
                                              actor=draft.actor, key_moment=draft.key_moment)
            self.view.reload(keep=updated)

        self.app.push_screen(EventEditor("Edit event", self._parse, when=when, text=event.text,
                                         actor=event.actor, key_moment=event.key_moment), edited)

    def action_toggle_key(self) -> None:
        event = self.selected_event
        if event is not None:
            updated = self.service.toggle_key_moment(event.id)
            self.view.reload(keep=updated)
            self._update_title()

    def action_hide_event(self) -> None:
        event = self.selected_event
        if event is None:
            return
        self.service.set_hidden(event.id, True)
        self._last_hidden = event
        self.view.reload(keep=event)
        self._update_title()
        self.app.say("Event hidden from the timeline and the export. H shows hidden events.")

    def action_toggle_show_hidden(self) -> None:
        view = self.view
        view.filter = replace(view.filter, include_hidden=not view.filter.include_hidden)
        view.reload()
        self._update_title()

    def action_toggle_key_only(self) -> None:
        view = self.view
        view.filter = replace(view.filter, key_only=not view.filter.key_only)
        view.reload()
        self._update_title()

    def action_event_notes(self) -> None:
        self.post_message(self.NotesRequested(self.selected_event))

    def action_note_on_event(self) -> None:
        self.post_message(self.AddNoteRequested(self.selected_event))

    # -- filter and jump ---------------------------------------------------------------

    def action_filter(self) -> None:
        self.add_class("-filtering")
        box = self.query_one("#timeline-filter", Input)
        box.value = self.filter_text
        box.focus()

    @on(Input.Submitted, "#timeline-filter")
    def _apply_filter(self, event: Input.Submitted) -> None:
        event.stop()
        self.filter_text = event.value.strip()
        self.view.filter = parse_filter(self.filter_text, self.view.filter)
        self.view.reload()
        self._update_title()
        if not self.filter_text:
            self.remove_class("-filtering")
        self.view.focus()

    def on_key(self, event) -> None:
        box = self.query_one("#timeline-filter", Input)
        if event.key == "escape" and box.has_focus:
            event.stop()
            event.prevent_default()
            box.value = ""
            self.filter_text = ""
            self.view.filter = parse_filter("", self.view.filter)
            self.view.reload()
            self._update_title()
            self.remove_class("-filtering")
            self.view.focus()

    def action_jump_to_time(self) -> None:
        from facilitator_tui.screens.text_entry import TextEntry

        def chosen(text: str | None) -> None:
            if not text:
                return
            try:
                moment = self._parse(text)
            except ValueError as exc:
                self.app.say(str(exc), error=True)
                return
            index = self.service.store.index_of_time(self.review_id, moment, self.view.filter)
            self.view.move_cursor(min(index, self.view.count - 1))
            self.view.focus()

        self.app.push_screen(TextEntry("Go to time", placeholder="23:58 or 2026-11-21 00:10"), chosen)
