"""The timeline pane: the incident's events in time order, added to and annotated live.

Wraps the virtual `TimelineView` with a filter line and the keys to add, edit,
hide and mark events. Tells the screen which event is selected so new notes
link to it. Every change goes through the review service; the pane only
re-reads the view afterwards, keeping the cursor on the event it was on.
"""

from __future__ import annotations

import shlex
from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import Key
from textual.message import Message
from textual.widgets import Input, Static

from facilitator_tui.errors import FacilitatorError
from facilitator_tui.models import Event, utc_now
from facilitator_tui.safe_text import single_line
from facilitator_tui.service import DeletedEvent, EventFilter, Perspective, ReviewService
from facilitator_tui.timeparse import format_local
from facilitator_tui.widgets.asks import AskEventDraft, AskText, EventDraft
from facilitator_tui.widgets.guard import guarded, guarded_callback
from facilitator_tui.widgets.literal_input import LiteralInput
from facilitator_tui.widgets.timeline_view import TimelineView


def parse_filter(text: str, base: EventFilter) -> EventFilter:
    """`source:slack actor:ana disk full` -> a filter; unknown words are the text search."""
    try:
        words = shlex.split(text)
    except ValueError:  # a lone quote: take the words as they are
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


def spelled_as_stored(name: str, known: list[str]) -> tuple[str, list[str]]:
    """What `actor:jonas` means among the names stored: the store matches exactly.

    A name typed in any case finds itself; otherwise the one name that it starts, or
    one of whose words it starts (`jonas` or `brandt` for `Jonas Brandt`). Returns the
    name to filter by and, when the typing fits several, those it fits.
    """
    typed = name.casefold()
    for candidate in known:
        if candidate.casefold() == typed:
            return candidate, []
    fits = [candidate for candidate in known
            if any(word.startswith(typed) for word in [candidate.casefold(), *candidate.casefold().split()])]
    if len(fits) == 1:
        return fits[0], []
    return name, fits


class TimelinePane(Vertical):
    ALLOW_MAXIMIZE = True
    DEFAULT_CSS = """
    TimelinePane { height: 1fr; }
    TimelinePane #timeline-filter { display: none; height: 3; }
    TimelinePane.-filtering #timeline-filter { display: block; }
    TimelinePane #perspective-header {
        height: auto; padding: 0 1; background: $boost; color: $text-accent;
    }
    """
    BINDINGS = [
        Binding("a", "add_event", "Add event"),
        Binding("enter", "read_event", "Read event"),
        Binding("k", "toggle_key", "Key moment", show=False),
        Binding("p", "perspective", "As they saw it", tooltip="The timeline as one person saw it"),
        Binding("slash", "filter", "Filter"),
        Binding("e", "edit_event", "Edit event", show=False),
        Binding("h", "hide_event", "Hide event", show=False),
        Binding("x,delete", "delete_event", "Delete event", show=False),
        Binding("u", "undo", "Undo hide or delete", show=False),
        Binding("H", "toggle_show_hidden", "Show hidden", show=False),
        Binding("g", "jump_to_time", "Go to time", show=False),
        Binding("K", "toggle_key_only", "Key moments only", show=False),
        Binding("n", "note_on_event", "Note on event", show=False),
        Binding("N", "event_notes", "Event's notes", show=False),
    ]

    class EventSelected(Message):
        """The cursor settled on another event (or on none): notes link to it."""

        def __init__(self, event: Event | None) -> None:
            super().__init__()
            self.event = event

    class NotesRequested(Message):
        """Show the notes linked to this event."""

        def __init__(self, event: Event | None) -> None:
            super().__init__()
            self.event = event

    class AddNoteRequested(Message):
        """Write a note on this event: the screen moves focus to the note input."""

        def __init__(self, event: Event | None) -> None:
            super().__init__()
            self.event = event

    class EventOpened(Message):
        """Show this event in full, with its notes (the screen opens the event view)."""

        def __init__(self, event: Event) -> None:
            super().__init__()
            self.event = event

    class PerspectiveRequested(Message):
        """Choose whose view of the timeline to show (the screen asks whose)."""

        def __init__(self, current: str) -> None:
            super().__init__()
            self.current = current

    class EventsRemoved(Message):
        """An event left the timeline or came back: notes that pointed at it changed."""

    def __init__(self, service: ReviewService, review_id: int, *, share_safe: bool | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.service = service
        self.review_id = review_id
        self.review = service.review(review_id)
        self.filter_text = ""
        # The last hide or delete, for `u`: ("hide", Event) or ("delete", DeletedEvent).
        self._undo: tuple[str, object] | None = None
        share_safe = self.review.share_safe if share_safe is None else share_safe
        # Read before the first frame, so the pane is drawn once, already full.
        self._view = TimelineView(service, review_id, self.review.zone, id="timeline-view")
        self._view.filter = EventFilter(include_private=not share_safe)
        self._view.load()
        self._describe_empty()
        self._update_title()

    @guarded
    def compose(self) -> ComposeResult:
        # The filter box is mounted the first time `/` is pressed: one widget fewer at start.
        yield self._view

    @property
    def view(self) -> TimelineView:
        return self._view

    @guarded
    def on_mount(self) -> None:
        # The view stays quiet about its first event (see TimelineView.load); say it once here.
        self.post_message(self.EventSelected(self.view.current_event()))

    def _filter_box(self) -> Input:
        """The filter input, mounted on first use."""
        found = self.query("#timeline-filter")
        if found:
            return found.first(Input)
        box = LiteralInput(id="timeline-filter",
                           placeholder="Filter: words, source:slack, actor:ana · Enter applies · Escape clears")
        self.mount(box, before=self._view)
        return box

    # -- calls down ------------------------------------------------------------------

    def focus_list(self) -> None:
        self.view.focus()

    focus_main = focus_list

    @property
    def selected_event(self) -> Event | None:
        return self.view.current_event()

    def set_share_safe(self, share_safe: bool) -> None:
        """In share-safe view, events marked facilitator-only are not shown."""
        self._set_filter(replace(self.view.filter, include_private=not share_safe))

    def refresh_data(self) -> None:
        """Re-read after another process changed the database; the cursor stays put."""
        self.review = self.service.review(self.review_id)
        self.view.tz = self.review.zone
        seen_by = self.view.filter.seen_by
        if seen_by is not None:  # their messages may have changed: so may what they saw
            self.view.filter = replace(self.view.filter,
                                       seen_by=self.service.perspective(self.review_id, seen_by.name))
        self._reload()

    def _set_filter(self, flt: EventFilter) -> None:
        if flt != self.view.filter:
            self.view.filter = flt
            self._reload()

    def _reload(self, keep: Event | None = None) -> None:
        self._describe_empty()
        self.view.reload(keep)
        self._update_title()

    def _describe_empty(self) -> None:
        view = self.view
        flt = view.filter
        if flt.text or flt.source or flt.actor:
            view.empty_message = "No events match the filter · / changes it, Escape there clears it"
        elif flt.seen_by is not None:
            view.empty_message = (f"Nothing on this timeline reached {single_line(flt.seen_by.name)} · "
                                  "p shows someone else or everyone")
        elif flt.key_only:
            view.empty_message = "No key moments yet · K shows every event, k marks one"
        else:
            view.empty_message = ("No events yet · a adds one\n"
                                  "F9 imports a chat export, an alert log, a CSV or a text timeline")

    def _update_title(self) -> None:
        flt = self.view.filter
        if flt.seen_by is not None:
            everyone = self.service.event_count(self.review_id, replace(flt, seen_by=None))
            parts = [f"Timeline · as {single_line(flt.seen_by.name)} saw it",
                     f"{self.view.count:,} of {everyone:,} events"]
        else:
            parts = [f"Timeline · {self.view.count:,} events"]
        described = " ".join(p for p in (
            f"source={flt.source}" if flt.source else "", f"actor={flt.actor}" if flt.actor else "",
            f"“{flt.text}”" if flt.text else "", "key moments" if flt.key_only else "",
            "with hidden" if flt.include_hidden else "") if p)
        if described:
            parts.append("filter: " + single_line(described))
        parts.append(self.review.timezone)
        # A str border title is parsed as markup; the filter words are the user's.
        self.border_title = Content(" · ".join(parts))

    def _say(self, message: str, *, error: bool = False) -> None:
        self.notify(single_line(message), severity="error" if error else "information",
                    timeout=6 if error else 3, markup=False)

    @on(TimelineView.CursorMoved)
    @guarded
    def _moved(self, message: TimelineView.CursorMoved) -> None:
        message.stop()
        self.post_message(self.EventSelected(message.event))

    def _selected_or_say(self) -> Event | None:
        event = self.selected_event
        if event is None:
            self._say("No event selected.", error=True)
        return event

    # -- adding and editing -----------------------------------------------------------

    def _parse(self, text: str):
        return self.service.parse_time(self.review_id, text)

    @guarded
    def action_add_event(self) -> None:
        # Reviews are held days later: a new event starts at the highlighted one's time
        # (and lands just after it), not at today's clock.
        highlighted = self.selected_event
        if highlighted is not None:
            now = highlighted.at
        else:
            now = self.review.incident_start or utc_now()

        def added(draft: EventDraft | None) -> None:
            if draft is None:
                return
            try:
                event = self.service.add_event(self.review_id, draft.text, at=draft.at,
                                               actor=draft.actor, key_moment=draft.key_moment)
            except FacilitatorError as exc:
                self._say(str(exc), error=True)
                return
            self._reload(keep=event)
            shown = self.selected_event
            self._say("Event added." if shown is not None and shown.id == event.id
                      else "Event added; the current filter does not show it.")

        self.post_message(AskEventDraft(f"Add an event · times in {self.review.timezone}",
                                        self._parse, at=now,
                                        when=format_local(now, self.review.zone, with_date=True),
                                        answer=guarded_callback(self, added)))

    @guarded
    def action_edit_event(self) -> None:
        event = self._selected_or_say()
        if event is None or event.id is None:
            return
        event_id = event.id

        def edited(draft: EventDraft | None) -> None:
            if draft is None:
                return
            try:
                updated = self.service.edit_event(event_id, text=draft.text, at=draft.at,
                                                  actor=draft.actor, key_moment=draft.key_moment)
            except FacilitatorError as exc:
                self._say(str(exc), error=True)
                return
            self._reload(keep=updated)

        self.post_message(AskEventDraft(
            f"Edit event · times in {self.review.timezone}", self._parse, at=event.at,
            when=format_local(event.at, self.review.zone, with_date=True),
            text=event.text, actor=event.actor, key_moment=event.key_moment, answer=guarded_callback(self, edited)))

    def _change(self, change, event_id: int) -> Event | None:
        try:
            return change(event_id)
        except FacilitatorError as exc:
            self._say(str(exc), error=True)
            return None

    @guarded
    def action_toggle_key(self) -> None:
        event = self._selected_or_say()
        if event is not None:
            updated = self._change(self.service.toggle_key_moment, event.saved_id())
            if updated is not None:
                self._reload(keep=updated)

    @guarded
    def action_hide_event(self) -> None:
        event = self._selected_or_say()
        if event is None:
            return
        if event.hidden:  # shown because of H: h brings it back
            updated = self._change(lambda i: self.service.set_hidden(i, False), event.saved_id())
            if updated is not None:
                self._reload(keep=updated)
            return
        updated = self._change(lambda i: self.service.set_hidden(i, True), event.saved_id())
        if updated is None:
            return
        self._undo = ("hide", updated)
        # The cursor lands on the next event, where the hidden one was.
        self._reload(keep=updated)
        self._say("Event hidden from the timeline and the export · u undoes · H shows hidden events")

    @guarded
    def action_delete_event(self) -> None:
        """Remove the highlighted event for good (u brings it back while the screen is open)."""
        event = self._selected_or_say()
        if event is None or event.id is None:
            return
        try:
            deleted = self.service.delete_event(event.id)
        except FacilitatorError as exc:
            self._say(str(exc), error=True)
            return
        self._undo = ("delete", deleted)
        self._reload(keep=event)  # the cursor takes the next event, where this one was
        notes = len(deleted.note_ids)
        kept = f"; its {notes} note{'s' if notes != 1 else ''} stay, unlinked" if notes else ""
        self._say(f"Event deleted{kept} · u brings it back")
        self.post_message(self.EventsRemoved())

    @guarded
    def action_undo(self) -> None:
        """Undo the last hide or delete made here."""
        last, self._undo = self._undo, None
        if last is None:
            self._say("Nothing to undo.")
            return
        what, payload = last
        if what == "delete" and isinstance(payload, DeletedEvent):
            try:
                restored = self.service.restore_event(payload)
            except FacilitatorError as exc:
                self._say(str(exc), error=True)
                return
            self._reload(keep=restored)
            self._say("Event back on the timeline, with its notes.")
            self.post_message(self.EventsRemoved())
            return
        if isinstance(payload, Event):
            updated = self._change(lambda i: self.service.set_hidden(i, False), payload.saved_id())
            if updated is not None:
                self._reload(keep=updated)
                self._say("Event shown again.")

    @guarded
    def action_toggle_show_hidden(self) -> None:
        flt = self.view.filter
        self._set_filter(replace(flt, include_hidden=not flt.include_hidden))

    @guarded
    def action_toggle_key_only(self) -> None:
        flt = self.view.filter
        self._set_filter(replace(flt, key_only=not flt.key_only))

    @guarded
    def action_event_notes(self) -> None:
        self.post_message(self.NotesRequested(self.selected_event))

    @guarded
    def action_read_event(self) -> None:
        event = self._selected_or_say()
        if event is not None:
            self.post_message(self.EventOpened(event))

    def step_event(self, delta: int) -> Event | None:
        """Move the cursor `delta` events on (for the event view's up and down)."""
        view = self.view
        if view.count == 0:
            return None
        view.move_cursor(view.cursor + delta)
        return self.selected_event

    # -- one person's view ---------------------------------------------------------------

    @guarded
    def action_perspective(self) -> None:
        seen_by = self.view.filter.seen_by
        self.post_message(self.PerspectiveRequested(seen_by.name if seen_by else ""))

    @property
    def perspective(self) -> str:
        """Whose view the timeline shows ("" for everyone's)."""
        seen_by = self.view.filter.seen_by
        return seen_by.name if seen_by else ""

    def set_perspective(self, name: str) -> None:
        """Show only what `name` saw ("" shows everyone's timeline again)."""
        seen_by = self.service.perspective(self.review_id, name) if name.strip() else None
        self._set_filter(replace(self.view.filter, seen_by=seen_by))
        for header in self.query("#perspective-header"):
            header.remove()
        if seen_by is not None:
            self.mount(Static(self._perspective_words(seen_by), id="perspective-header"),
                       before=self.view)
            self._say(f"As {single_line(seen_by.name)} saw it: {self.view.count} events · "
                      "p shows someone else or everyone")

    @staticmethod
    def _perspective_words(seen_by: Perspective) -> Content:
        channels = list(dict.fromkeys(channel for channel, _, _ in seen_by.windows))
        shown = ", ".join("#" + single_line(c).lstrip("#") for c in channels[:4])
        shown += " …" if len(channels) > 4 else ""
        where = f"; {shown} around their messages" if shown else ""
        return Content(f"As {single_line(seen_by.name)} saw it: what they wrote, the pages and "
                       f"messages naming them{where} · p: someone else or everyone")

    @guarded
    def action_note_on_event(self) -> None:
        self.post_message(self.AddNoteRequested(self.selected_event))

    # -- filter and jump ---------------------------------------------------------------

    @guarded
    def action_filter(self) -> None:
        self.add_class("-filtering")
        box = self._filter_box()
        box.value = self.filter_text
        box.focus()

    def apply_filter(self, text: str) -> None:
        """Show only the events `text` matches; the cursor stays on its event if it still shows."""
        self.filter_text = text.strip()
        flt = parse_filter(self.filter_text, self.view.filter)
        if flt.source or flt.actor:
            sources, actors = self.service.event_sources_and_actors(self.review_id)
            source, source_fits = spelled_as_stored(flt.source, sources) if flt.source else ("", [])
            actor, actor_fits = spelled_as_stored(flt.actor, actors) if flt.actor else ("", [])
            flt = replace(flt, source=source, actor=actor)
            for what, typed, fits in (("source", flt.source, source_fits), ("actor", flt.actor, actor_fits)):
                if fits:
                    shown = ", ".join(single_line(f) for f in fits[:4]) + (" …" if len(fits) > 4 else "")
                    self._say(f"{what}:{single_line(typed)} fits {len(fits)}: {shown} · type more of one")
        for box in self.query("#timeline-filter").results(Input):
            box.value = self.filter_text
        self._set_filter(flt)
        self.set_class(bool(self.filter_text), "-filtering")

    @on(Input.Submitted, "#timeline-filter")
    @guarded
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.apply_filter(event.value)
        self.view.focus()

    @guarded
    def on_key(self, event: Key) -> None:
        # Escape in the filter box clears the filter; it must not reach the screen's "back".
        if event.key != "escape":
            return
        box = next(iter(self.query("#timeline-filter").results(Input)), None)
        if box is not None and box.has_focus:
            event.stop()
            event.prevent_default()
            box.value = ""
            self.apply_filter("")
            self.view.focus()

    @guarded
    def action_jump_to_time(self) -> None:
        def chosen(text: str | None) -> None:
            if not text or not text.strip():
                return
            self.jump_to_time(text)

        self.post_message(AskText("Go to time", placeholder="23:58 or 2026-11-21 00:10",
                                  hint="The cursor goes to the first event at or after it.",
                                  answer=guarded_callback(self, chosen)))

    def jump_to_time(self, text: str) -> None:
        """Cursor to the first shown event at or after the time `text` names."""
        try:
            moment = self._parse(text)
        except FacilitatorError as exc:
            self._say(str(exc), error=True)
            return
        view = self.view
        if view.count == 0:
            return
        index = self.service.position_at_time(self.review_id, moment, view.filter)
        if index >= view.count:
            self._say("No event at or after that time; showing the last one.")
        view.move_cursor(min(index, view.count - 1))
        view.focus()
