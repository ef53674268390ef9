"""Editing one note in full: multi-line text saved as you type, kind, who, owner, due date,
and the event it belongs to (ctrl+l links it to another event, or to none).

Saves are debounced (a short timer restarted on each keystroke) and forced on
blur, on close and when the app quits, so at most the last fraction of a
second of typing is ever at risk.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Label, Select, Static, TextArea

from facilitator_tui.errors import FacilitatorError
from facilitator_tui.models import NOTE_KINDS, Note
from facilitator_tui.safe_text import clip, single_line
from facilitator_tui.timeparse import format_local
from facilitator_tui.widgets.guard import guarded
from facilitator_tui.widgets.literal_text_area import LiteralTextArea

if TYPE_CHECKING:
    from facilitator_tui.service import ReviewService



class NoteEditor(ModalScreen[Note | None]):
    SAVE_DELAY: ClassVar[float] = 0.3  # seconds of quiet before an edit is saved
    DEFAULT_CSS = """
    NoteEditor { align: center middle; }
    NoteEditor > Vertical {
        width: 90%; max-width: 100; height: auto; max-height: 90%;
        padding: 1 2; border: thick $primary; background: $panel;
    }
    NoteEditor TextArea { height: 8; }
    NoteEditor Horizontal { height: auto; }
    NoteEditor Horizontal > Vertical { width: 1fr; height: auto; padding-right: 1; }
    NoteEditor #status { color: $text-muted; height: 1; }
    NoteEditor #event-link { color: $text-muted; height: auto; margin-top: 1; }
    NoteEditor #error { color: $error; height: auto; }
    """
    BINDINGS = [
        Binding("escape", "close", "Done"),
        Binding("ctrl+l", "link_event", "Link to another event"),
    ]

    def __init__(self, service: ReviewService, note: Note) -> None:
        super().__init__()
        self.service = service
        self.note = note
        self._timer: Timer | None = None
        self._pending: dict | None = None
        self.event_id = note.event_id

    @property
    def review_id(self) -> int:
        """The review the note belongs to (a note read from the store always has one)."""
        if self.note.review_id is None:
            raise TypeError("a note being edited belongs to a review")
        return self.note.review_id

    def compose(self) -> ComposeResult:
        review_id = self.note.review_id
        people = self.service.participants(review_id) if review_id is not None else []
        with Vertical():
            yield Static("Edit note · saved as you type · Escape when done", markup=False)
            yield LiteralTextArea(id="text", soft_wrap=True, show_line_numbers=False)
            with Horizontal():
                with Vertical():
                    yield Label("Kind")
                    yield Select([(k, k) for k in NOTE_KINDS], value=self.note.kind, id="kind",
                                 allow_blank=False)
                with Vertical():
                    yield Label("Said by")
                    yield Select([(p.name, p.id) for p in people], value=self.note.participant_id
                                 if self.note.participant_id else Select.NULL, id="who")
            with Horizontal(id="action-fields"):
                with Vertical():
                    yield Label("Owner (actions)")
                    yield Input(self.note.owner, id="owner")
                with Vertical():
                    yield Label("Due (YYYY-MM-DD)")
                    yield Input(self.note.due.isoformat() if self.note.due else "", id="due")
            yield Static(self._event_words(), id="event-link")
            yield Static("", id="error", markup=False)
            yield Static("", id="status", markup=False)

    def on_mount(self) -> None:
        area = self.query_one("#text", TextArea)
        with area.prevent(TextArea.Changed):
            area.load_text(self.note.text)
        area.focus()

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        self._pending = self._read_fields()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.SAVE_DELAY, self.save)

    def _read_fields(self) -> dict | None:
        """What the form holds now, or None (with an inline error) if it cannot be saved."""
        text = self.query_one("#text", TextArea).text
        error = self.query_one("#error", Static)
        if not text.strip():
            error.update("A note cannot be empty; it keeps its last saved text.")
            return None
        due_raw = self.query_one("#due", Input).value.strip()
        try:
            due = date.fromisoformat(due_raw) if due_raw else None
        except ValueError:
            error.update(f"Due date {due_raw!r} is not a date like 2026-12-05; the rest is saved.")
            due = self.note.due
        else:
            error.update("")
        who = self.query_one("#who", Select).value
        return {
            "event_id": self.event_id,
            "text": text,
            "kind": self.query_one("#kind", Select).value,
            "participant_id": None if who is Select.NULL else who,
            "owner": self.query_one("#owner", Input).value.strip(),
            "due": due,
        }

    def _event_words(self) -> Content:
        """Which event the note is on, as a line under the fields (the event's text is literal)."""
        hint = " · ctrl+l links it to another event or to none"
        if self.event_id is None:
            return Content("Not linked to an event" + hint)
        try:
            event = self.service.event(self.event_id)
            zone = self.service.review(self.review_id).zone
        except FacilitatorError:
            return Content("Linked to an event that is no longer there" + hint)
        who = f"{single_line(event.actor)}: " if event.actor else ""
        when = format_local(event.at, zone, with_date=True)
        return Content(f"On the event at {when}: {who}{clip(single_line(event.text), 60)}{hint}")

    @guarded
    def action_link_event(self) -> None:
        from facilitator_tui.screens.event_picker import EventPicker, Picked

        def picked(choice: Picked | None) -> None:
            if choice is None or choice.event_id == self.event_id:
                return
            self.event_id = choice.event_id
            self.query_one("#event-link", Static).update(self._event_words())
            self._changed()

        share_safe = self.service.review(self.review_id).share_safe
        self.app.push_screen(EventPicker(self.review_id, current=self.event_id, highlighted=None,
                                         share_safe=share_safe), picked)

    def on_descendant_blur(self) -> None:
        self.save()

    def save(self) -> None:
        pending, self._pending = self._pending, None
        if not pending:
            return
        self.note = self.service.edit_note(self.note.saved_id(), **pending)
        if self.is_mounted:
            self.query_one("#status", Static).update("Saved")

    def on_unmount(self) -> None:
        # Closing the app with the editor open still keeps the last keystrokes.
        self.save()

    def action_close(self) -> None:
        self.save()
        self.dismiss(self.note)
