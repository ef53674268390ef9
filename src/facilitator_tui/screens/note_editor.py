"""Editing one note in full: multi-line text saved as you type, kind, who, owner, due date,
and the event it belongs to (ctrl+l links it to another event, or to none).

Saves follow `Autosave` (after a pause, and at least every 0.4 s while typing
goes on) and are forced on blur, on close and when the app quits. Each save
says which version it read: a change or delete made elsewhere meanwhile is
never overwritten; this window's text is saved as a new note beside it. A busy
or full database leaves the text here, marked "not saved yet", and retries.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Label, Select, Static, TextArea

from facilitator_tui.errors import ConflictError, FacilitatorError, NotFoundError, StorageError
from facilitator_tui.models import NOTE_KINDS, Note
from facilitator_tui.safe_text import clip, single_line
from facilitator_tui.timeparse import format_local
from facilitator_tui.widgets.autosave import Autosave
from facilitator_tui.widgets.guard import guarded, guarded_callback
from facilitator_tui.widgets.literal_text_area import LiteralTextArea

RETRY_EVERY = 1.0

if TYPE_CHECKING:
    from facilitator_tui.service import ReviewService



class NoteEditor(ModalScreen[Note | None]):
    DEFAULT_CSS = """
    NoteEditor { align: center middle; }
    NoteEditor > Vertical {
        width: 90%; max-width: 100; height: auto; max-height: 90%;
        padding: 1 2; border: thick $primary; background: $panel;
    }
    NoteEditor TextArea { height: 8; }
    NoteEditor Horizontal { height: auto; }
    NoteEditor Horizontal > Vertical { width: 1fr; height: auto; padding-right: 1; }
    NoteEditor #status { color: $text-muted; height: auto; }
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
        self._autosave = Autosave(self, self.save)
        self._retry: Timer | None = None
        self._pending: dict | None = None
        self.event_id = note.event_id
        self._leave_anyway = False

    @property
    def unsaved(self) -> bool:
        """Whether an edit is still waiting to be saved (the database refused it so far)."""
        return self._pending is not None

    @property
    def review_id(self) -> int:
        """The review the note belongs to (a note read from the store always has one)."""
        if self.note.review_id is None:
            raise TypeError("a note being edited belongs to a review")
        return self.note.review_id

    @guarded
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
                    known = {p.id for p in people}
                    yield Select([(p.name, p.id) for p in people], value=self.note.participant_id
                                 if self.note.participant_id in known else Select.NULL, id="who")
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

    @guarded
    def on_mount(self) -> None:
        area = self.query_one("#text", TextArea)
        with area.prevent(TextArea.Changed):
            area.load_text(self.note.text)
        area.focus()

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(Select.Changed)
    @guarded
    def _changed(self) -> None:
        self._pending = self._read_fields()
        self._leave_anyway = False
        self._autosave.changed()

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
            # "Said by" left empty is Select.NULL, not a participant id.
            "participant_id": who if isinstance(who, int) else None,
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
                                         share_safe=share_safe), guarded_callback(self, picked))

    @guarded
    def on_descendant_blur(self) -> None:
        self.save()

    def save(self) -> None:
        """Write what the form holds; never raises, never drops the text."""
        pending = self._pending
        if not pending:
            return
        try:
            self.note = self.service.edit_note(self.note.saved_id(), expected=self.note, **pending)
        except (ConflictError, NotFoundError) as exc:
            self._save_beside(pending, exc)
            return
        except FacilitatorError as exc:
            self._not_saved(exc)
            return
        self._pending = None
        self._status("Saved")

    def _save_beside(self, pending: dict, exc: FacilitatorError) -> None:
        """Changed or deleted elsewhere: this text becomes a new note, and both are kept."""
        try:
            copy = self.service.add_note(
                self.review_id, pending["text"], pending["kind"],
                participant_id=pending["participant_id"], event_id=pending["event_id"],
                prompt_id=self.note.prompt_id, owner=pending["owner"], due=pending["due"],
            )
        except FacilitatorError as error:
            self._not_saved(error)
            return
        self.note, self._pending = copy, None
        what = "changed" if isinstance(exc, ConflictError) else "deleted"
        line = (f"This note was {what} elsewhere while open here: your text is saved as a new "
                "note beside it, so neither is lost.")
        self._status(line)
        self.app.notify(line, severity="warning", timeout=8, markup=False)

    def _not_saved(self, exc: FacilitatorError) -> None:
        """Keep the text and say so; a storage fault (busy, full, read-only) is retried every second."""
        self._status(f"Not saved yet: {exc}")
        if isinstance(exc, StorageError) and self._retry is None:
            self._retry = self.set_interval(RETRY_EVERY, self._try_again)

    @guarded
    def _try_again(self) -> None:
        self.save()
        if self._pending is None and self._retry is not None:
            self._retry.stop()
            self._retry = None

    def _status(self, line: str) -> None:
        if self.is_mounted:
            self.query_one("#status", Static).update(line)

    @guarded
    def on_unmount(self) -> None:
        # Closing the app with the editor open still keeps the last keystrokes.
        self.save()

    @guarded
    def action_close(self) -> None:
        self.save()
        if self._pending is not None and not self._leave_anyway:
            # Leaving now would drop the unsaved text: the first Escape says so.
            self._leave_anyway = True
            self.app.notify("Not saved yet; it is tried again every second. Escape again leaves "
                            "without these changes.", severity="warning", timeout=6, markup=False)
            return
        self.dismiss(self.note)
