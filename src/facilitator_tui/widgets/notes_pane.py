"""The notes pane: a one-line quick input that saves on Enter, and the list of notes.

The input reads a kind prefix and an `@name` (see `note_syntax.py`), links the
note to the selected event and the current prompt, and hints gently when the
wording leans towards blame. Private notes vanish from the list in share-safe view.
Tab goes from the input to the list, whose keys (edit, delete and undo, move to
another event, search, this event's notes) show in the key bar while it has focus.
Nothing typed is lost: the half-typed note is a draft saved while typing goes
on (`Autosave`); each Enter queues exactly the text before it, and a note the
database cannot take yet (busy, full) stays in the list as "not saved yet" and
is tried again every second, in order, until it lands. While the database refuses,
such notes and the draft are also kept on disk (the service's journal), so a
killed terminal loses none of them: opening the review again saves them, once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import Key
from textual.message import Message
from textual.style import Style
from textual.suggester import Suggester
from textual.timer import Timer
from textual.widgets import Input

from facilitator_tui.errors import FacilitatorError, StorageError
from facilitator_tui.journal import EntryKind, JournalEntry
from facilitator_tui.models import NOTE_KINDS, Event, Note, Prompt
from facilitator_tui.note_syntax import complete, leading_kind, parse
from facilitator_tui.safe_text import clip, single_line
from facilitator_tui.timeparse import format_local
from facilitator_tui.widgets.asks import AskConfirm, AskNoteEdit
from facilitator_tui.widgets.autosave import Autosave
from facilitator_tui.widgets.component_styles import ComponentStyle, ComponentStyles
from facilitator_tui.widgets.guard import guarded, guarded_callback
from facilitator_tui.widgets.literal_input import LiteralInput
from facilitator_tui.widgets.note_input import NoteInput
from facilitator_tui.widgets.row_list import Row, RowList

if TYPE_CHECKING:
    from facilitator_tui.app import FacilitatorApp
    from facilitator_tui.service import ReviewService

KIND_BADGES = {
    "observation": ("OBS", ComponentStyle("text-muted", bold=True)),
    "insight": ("INSIGHT", ComponentStyle("success", bold=True)),
    "question": ("Q", ComponentStyle("secondary", bold=True)),
    "action": ("ACTION", ComponentStyle("warning", bold=True)),
    "private": ("PRIVATE", ComponentStyle("error", bold=True, reverse=True)),
}
META = ComponentStyle("text-muted", italic=True)
# An action's state, right after its badge: words, not colour alone, for every theme.
ACTION_STATE_STYLES = {"open": ComponentStyle("warning"), "done": ComponentStyle("success", bold=True),
                       "dropped": ComponentStyle("text-muted", bold=True)}


# The list's keys: shown in the key bar, and active, only while the list has focus.
LIST_ACTIONS = frozenset({"edit_note", "delete_note", "undo_delete", "move_note", "search_notes",
                          "toggle_event_filter", "focus_input"})
PENDING = ("NOT SAVED YET", ComponentStyle("warning", bold=True, reverse=True))
RETRY_EVERY = 1.0


@dataclass(frozen=True)
class QueuedNote:
    """A note entered but not yet in the database, with what it links to."""

    raw: str
    default_kind: str
    event_id: int | None
    prompt_id: str | None
    # Its journal entry once it is kept on disk: the note is then saved once by that id.
    kept: JournalEntry | None = None

    @property
    def private(self) -> bool:
        return leading_kind(self.raw, self.default_kind) == "private"


def _count(n: int, what: str, done: str) -> str:
    """'2 notes typed ... were saved', '1 note typed ... was saved'."""
    verb = ("were" if n != 1 else "was") if done in ("saved", "kept aside") else ("are" if n != 1 else "is")
    return f"{n} note{'s' if n != 1 else ''} {what} {verb} {done}"


class MentionSuggester(Suggester):
    """Completes the name after a trailing `@` or `owner:` to a participant's full name;
    right arrow accepts."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.names: list[str] = []

    async def get_suggestion(self, value: str) -> str | None:
        return complete(value, self.names)


class NotesList(RowList):
    """The list of notes; Enter with no note highlighted says so instead of doing nothing."""

    BINDINGS = [Binding("enter", "select", "Edit note")]

    class NothingHighlighted(Message):
        pass

    @guarded
    def action_select(self) -> None:
        if self.highlighted_row is None:
            self.post_message(self.NothingHighlighted())
            return
        super().action_select()


class NotesPane(Vertical):
    """Quick capture and the review's notes."""

    app: FacilitatorApp

    ALLOW_MAXIMIZE = True

    DEFAULT_CSS = """
    NotesPane { height: 1fr; }
    NotesPane #notes-list { height: 1fr; padding: 0 0 0 1; }
    NotesPane #notes-search { height: 3; }
    NotesPane #note-input {
        border-title-color: $accent; border-title-style: bold;
        border-subtitle-color: $text-muted; border-subtitle-align: left;
    }
    """
    # The list's keys first: in the list they matter more than the input's default kind.
    BINDINGS = [
        Binding("enter", "edit_note", "Edit note"),
        Binding("m", "move_note", "Move to event"),
        Binding("slash", "search_notes", "Search notes"),
        Binding("d,delete", "delete_note", "Delete note"),
        Binding("u", "undo_delete", "Undo delete"),
        Binding("f", "toggle_event_filter", "This event's notes only"),
        Binding("i", "focus_input", "Write"),
        Binding("ctrl+y", "cycle_kind", "Note kind"),
        Binding("s", "cycle_action_state", "Action: open, done, dropped", show=False),
        Binding("l", "edit_action_link", "Action: ticket link", show=False),
    ]

    class NotesChanged(Message):
        """A note was added, edited or deleted here."""

    class MoveRequested(Message):
        """Link this note to another event, or to none (the screen asks which)."""

        def __init__(self, note: Note) -> None:
            super().__init__()
            self.note = note

    class ActionLinkRequested(Message):
        """The highlighted action's link is to be edited (the screen opens the dialog)."""

        def __init__(self, note: Note) -> None:
            super().__init__()
            self.note = note

    class UnknownPerson(Message):
        """A saved note named `@name`, who is not a participant (the screen offers to add them)."""

        def __init__(self, note: Note, name: str) -> None:
            super().__init__()
            self.note = note
            self.name = name

    def __init__(self, service: ReviewService, review_id: int, *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.service = service
        self.review_id = review_id
        self.event: Event | None = None
        self.prompt: Prompt | None = None
        self.share_safe = False
        self.default_kind = "observation"
        self.only_event = False
        self.suggester = MentionSuggester()
        self.component_styles = ComponentStyles(self)
        self._notes: list[Note] = []
        self._draft: str | None = None
        review = service.review(review_id)
        self._zone = review.zone
        self._review_uuid = review.uuid  # journal entries name it: they never land elsewhere
        self._kept_draft: str | None = None  # the draft text last put in the journal
        self._journal_trouble = False  # the journal itself could not be written (said once)
        self._event_times: dict[int, datetime] = {}
        self.search = ""
        self._deleted: Note | None = None  # the last note deleted here, for undo
        self.stop = "input"  # which of the pane's two stops (input, list) Tab left it at
        self._autosave = Autosave(self, self._save_draft)
        self.queue: list[QueuedNote] = []
        self._retry: Timer | None = None
        self._trouble = ""

    @guarded
    def compose(self) -> ComposeResult:
        # The search box is mounted the first time `/` is pressed.
        yield NotesList(id="notes-list", wrap=True)
        # The input's frame carries the kind a plain line is saved as (top) and what the
        # note will link to (bottom): one widget, not four.
        # A recovered draft is not selected on focus: the next key adds to it.
        yield NoteInput(
            id="note-input",
            placeholder="Type a note, Enter saves · i: insight  a: action  ? question  p: private  @name",
            suggester=self.suggester, select_on_focus=False,
        )

    @guarded
    def on_mount(self) -> None:
        self.border_title = "Notes"
        draft = self._replay()
        if draft is None:
            draft = self.service.draft(self.review_id)
        if draft:
            box = self.query_one("#note-input", Input)
            with box.prevent(Input.Changed):
                box.value = draft
        self.refresh_data()
        self._update_kind()
        self._update_context()
        # The list's rows carry their colours: a new theme needs them built again.
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    @guarded
    def _theme_changed(self, _theme: object) -> None:
        self.component_styles.forget()
        self._render_list()

    # -- calls down from the screen ---------------------------------------------------

    def focus_main(self) -> None:
        self.stop = "input"
        self.query_one("#note-input", Input).focus()

    focus_input = focus_main

    def focus_list(self) -> None:
        self.stop = "list"
        self.query_one("#notes-list", RowList).focus()

    @guarded
    def on_descendant_focus(self, event) -> None:
        if event.widget.id in ("note-input", "notes-list"):
            self.stop = "input" if event.widget.id == "note-input" else "list"

    def focus_next_stop(self, step: int) -> bool:
        """Tab inside the pane: from the input on to the list (shift+tab back); False at the edge.

        Goes by the stop last asked for, not by focus, which Textual moves a moment later:
        three quick Tabs must land where three slow ones do.
        """
        if step > 0 and self.stop == "input":
            self.focus_list()
            return True
        if step < 0 and self.stop == "list":
            self.focus_main()
            return True
        return False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The list's keys belong to the list: typed into the input they are just letters.
        if action in LIST_ACTIONS:
            return self.query_one("#notes-list", RowList).has_focus if self.children else False
        return True

    def set_event(self, event: Event | None) -> None:
        # Told again about the event it already shows (the screen's first hand-over,
        # then the timeline's own word): change nothing, draw nothing.
        if event == self.event:
            return
        self.event = event
        self._update_context()
        if self.only_event:
            self._render_list()

    def set_prompt(self, prompt: Prompt | None) -> None:
        if prompt == self.prompt:
            return
        self.prompt = prompt
        self._update_context()

    def set_share_safe(self, share_safe: bool) -> None:
        if share_safe != self.share_safe:
            self.share_safe = share_safe
            self._render_list()
        self._mask_private_typing()

    def refresh_data(self) -> None:
        people = self.service.participants(self.review_id)
        self.people = {p.id: p for p in people}
        self.suggester.names = [p.name for p in people]
        self._notes = self.service.notes(self.review_id)
        self._event_times = self.service.linked_event_times(self.review_id)
        self._zone = self.service.review(self.review_id).zone
        self._render_list()

    # -- rendering --------------------------------------------------------------------

    def visible_notes(self) -> list[Note]:
        notes = self._notes
        if self.share_safe:
            notes = [n for n in notes if n.kind != "private"]
        if self.only_event and self.event is not None:
            notes = [n for n in notes if n.event_id == self.event.id]
        if self.search:
            notes = [n for n in notes if self._matches(n, self.search.casefold())]
        return notes

    def _matches(self, note: Note, words: str) -> bool:
        person = self.people.get(note.participant_id) if note.participant_id else None
        haystack = " ".join((note.text, note.owner, person.name if person else "", note.kind))
        return all(word in haystack.casefold() for word in words.split())

    def visible_queue(self) -> list[QueuedNote]:
        """Notes entered but not saved yet; a private one stays hidden while sharing."""
        return [q for q in self.queue if not (self.share_safe and q.private)]

    def _render_list(self) -> None:
        if not self.children:  # not composed yet
            return
        listing = self.query_one("#notes-list", RowList)
        had_highlight = listing.highlighted_row is not None
        notes = self.visible_notes()
        # The highlight stays on the same note by id; a fresh list starts on the newest.
        rows = [Row(self._note_line(n), id=str(n.id)) for n in notes]
        rows += [Row(self._queued_line(q), id=f"queued-{i}") for i, q in enumerate(self.visible_queue())]
        listing.set_rows(rows)
        if not had_highlight and rows:
            listing.highlighted = len(rows) - 1
        counts = f"{len(notes)} shown"
        if self.queue:
            counts += f" · {len(self.queue)} not saved yet"
        hidden = len(self._notes) - len([n for n in self._notes if n.kind != "private"])
        if self.share_safe and hidden:
            counts += " · private hidden"
        title = f"Notes · {counts}" + (" · this event" if self.only_event else "")
        if self.search:
            title += f" · search “{clip(single_line(self.search), 30)}”"
        # Content, not a str: the search words are the user's and never markup.
        self.border_title = Content(title)
        listing.empty_message = ("No notes match the search · / changes it, Escape there clears it"
                                 if self.search else "No notes yet · i writes one")

    def _note_line(self, note: Note) -> Content:
        label, ink = KIND_BADGES[note.kind]
        # Plain strings in (text, style) pairs: a note's text is never read as markup.
        parts: list[tuple[str, str | Style]] = [(f"{label:<7} ", self._style(ink))]
        person = self.people.get(note.participant_id) if note.participant_id else None
        if person:
            parts.append((f"{single_line(person.name)}: ", "bold"))
        if note.kind == "action":
            parts.append((f"[{note.state}] ", self._style(ACTION_STATE_STYLES[note.state])))
        parts.append((single_line(note.text), ""))
        meta = []
        if note.kind == "action":
            if note.owner:
                meta.append(f"owner {single_line(note.owner)}")
            if note.due:
                meta.append(f"due {note.due.isoformat()}")
            if note.state != "open" and note.state_changed_at:
                meta.append(f"{note.state} {note.state_changed_at.date().isoformat()}")
            if note.link:
                meta.append(f"link {clip(single_line(note.link), 48)}")
        if note.event_id:
            at = self._event_times.get(note.event_id)
            meta.append(f"⟶ event {format_local(at, self._zone, seconds=False)}" if at else "⟶ event")
        if meta:
            parts.append(("  " + " · ".join(meta), self._style(META)))
        return Content.assemble(*parts)

    def _queued_line(self, queued: QueuedNote) -> Content:
        label, ink = PENDING
        return Content.assemble((f"{label} ", self._style(ink)), (single_line(queued.raw), ""),
                                (f"  {self._trouble}", self._style(META)))

    def _style(self, ink: ComponentStyle) -> Style:
        # Worked out against this pane's background, so that theme colours such as
        # $text-muted (an "auto" colour) read well on light themes too; without the
        # background, which is the list's to paint.
        return self.component_styles.visual(ink, background=False)

    def _update_kind(self) -> None:
        label, _ = KIND_BADGES[self.default_kind]
        self.query_one("#note-input", Input).border_title = Content(f" {label} · ctrl+y ")

    def _update_context(self) -> None:
        if not self.children:  # not composed yet
            return
        parts = []
        if self.event is not None:
            # The zone is cached by refresh_data: selecting an event reads nothing.
            when = format_local(self.event.at, self._zone, seconds=False)
            parts.append(f"↳ event {when} {clip(single_line(self.event.text), 28)}")
        if self.prompt is not None:
            parts.append(f"? {clip(single_line(self.prompt.text), 36)}")
        text = " · ".join(parts) or "No event selected"
        self.query_one("#note-input", Input).border_subtitle = Content(f" {text} ")

    def _mask_private_typing(self) -> None:
        """While sharing, a private note being typed is masked like a password."""
        box = self.query_one("#note-input", Input)
        private = leading_kind(box.value, self.default_kind) == "private"
        box.password = self.share_safe and private

    # -- input ------------------------------------------------------------------------

    @on(Input.Changed, "#note-input")
    @guarded
    def _typing(self, event: Input.Changed) -> None:
        self._mask_private_typing()
        # The half-typed note is a draft, saved at least every 0.4 s while typing goes on.
        self._draft = event.value
        self._autosave.changed()

    def _save_draft(self, *, now: bool = False) -> None:
        if self._draft is None:
            return
        if self._trouble and not now:
            # The database is failing: only the retry (once a second) tries it, so keys stay
            # quick; the journal on disk keeps the draft meanwhile.
            self._keep_draft()
            return
        try:
            self.service.save_draft(self.review_id, self._draft)
        except StorageError as exc:
            # Kept in memory and on disk, and tried again every second; one line, not one per key.
            self._set_trouble(str(exc))
            self._start_retry()
            self._keep_draft()
            return
        except FacilitatorError as exc:
            # The review is gone: the text stays in the box, nothing more is written.
            self._draft = None
            self.app.say(f"Not saved: {exc}", error=True, timeout=8)
            return
        self._draft = None
        if self._kept_draft is not None:  # the database has it: the journal's copies can go
            self._kept_draft = None
            self.service.settle_typed(drafts_of=[self._review_uuid])

    def flush(self) -> None:
        """Save the draft and any queued notes now (blur, leaving, quitting)."""
        self._autosave.flush()
        self._save_draft(now=True)
        self._save_queue()

    @guarded
    def on_unmount(self) -> None:
        self.flush()

    @guarded
    def on_descendant_blur(self) -> None:
        self._autosave.flush()

    @on(NoteInput.Entered, "#note-input")
    @guarded
    def _entered(self, message: NoteInput.Entered) -> None:
        message.stop()
        self.queue.append(QueuedNote(
            message.text, self.default_kind,
            self.event.id if self.event else None, self.prompt.id if self.prompt else None,
        ))
        if not self._trouble:  # while the database fails, the retry saves the queue in order
            self._save_queue()
        else:
            self._keep_queue()
        if self.queue:
            self._render_list()
            # The list follows the note that is waiting, so its "not saved yet" is seen.
            listing = self.query_one("#notes-list", RowList)
            index = listing.index_of(f"queued-{len(self.visible_queue()) - 1}")
            if index is not None:
                listing.highlighted = index

    def _save_queue(self) -> None:
        """Save queued notes in the order they were entered; stop at the first that must wait."""
        settled: list[str] = []
        try:
            self._save_queued(settled)
        finally:
            if settled:
                self.service.settle_typed(settled)

    def _save_queued(self, settled: list[str]) -> None:
        while self.queue:
            queued = self.queue[0]
            try:
                if queued.kept is None:
                    note: Note | None = self.service.add_quick_note(
                        self.review_id, queued.raw, default_kind=queued.default_kind,
                        event_id=queued.event_id, prompt_id=queued.prompt_id,
                    )
                else:  # on disk too: saved once by its entry's id, whoever saves it first
                    note = self.service.add_quick_note_once(
                        self.review_id, queued.raw, queued.kept.id,
                        default_kind=queued.default_kind, event_id=queued.event_id,
                        prompt_id=queued.prompt_id,
                    )
            except FacilitatorError as exc:
                if isinstance(exc, StorageError):
                    # Busy, full, read-only...: kept (in memory and on disk), shown as not
                    # saved yet, tried every second.
                    self._set_trouble(str(exc))
                    self._start_retry()
                    self._keep_queue()
                    return
                # It cannot be saved as typed (or the review is gone): back into the box.
                self.queue.pop(0)
                if queued.kept is not None:
                    settled.append(queued.kept.id)
                self._give_back(queued.raw)
                self.app.say(f"Not saved: {exc}", error=True)
                continue
            self.queue.pop(0)
            if queued.kept is not None:
                settled.append(queued.kept.id)
            if note is not None:  # None: another window saved it from the journal already
                self._landed(note, queued.raw)
        if self._draft is None:  # nothing waits any more
            if self._retry is not None:
                self._retry.stop()
                self._retry = None
            self._set_trouble("")

    # -- the journal: what the database refused, kept on disk -------------------------------

    def _entry(self, entry: EntryKind, raw: str, default_kind: str, event_id: int | None = None,
               prompt_id: str | None = None) -> JournalEntry:
        # The text as typed: its kind prefix and @name are read again when it is saved.
        return JournalEntry(entry=entry, review_id=self.review_id, review_uuid=self._review_uuid,
                            text=raw, default_kind=default_kind, event_id=event_id, prompt_id=prompt_id)

    def _keep_queue(self) -> None:
        """Every note waiting for the database goes to the journal on disk, in order."""
        for n, queued in enumerate(self.queue):
            if queued.kept is not None:
                continue
            entry = self._entry("note", queued.raw, queued.default_kind, queued.event_id,
                                queued.prompt_id)
            try:
                self.queue[n] = replace(queued, kept=self.service.keep_typed(entry))
            except FacilitatorError as exc:
                self._not_kept(exc)
                return

    def _keep_draft(self) -> None:
        """The draft the database refused goes to the journal (once per change of text)."""
        if self._draft is None or self._draft == self._kept_draft:
            return
        try:
            self.service.keep_typed(self._entry("draft", self._draft, self.default_kind))
        except FacilitatorError as exc:
            self._not_kept(exc)
            return
        self._kept_draft = self._draft

    def _not_kept(self, exc: FacilitatorError) -> None:
        if not self._journal_trouble:  # one line, not one per key
            self._journal_trouble = True
            self.app.say(f"Not kept on disk: {exc}", error=True, timeout=8)

    def _replay(self) -> str | None:
        """Save what was typed here while the database refused it, before a crash or a quit.

        Returns the draft the journal kept (None if it kept none). One plain line says what happened;
        it never quotes the text, so a private note stays private on a shared screen.
        """
        try:
            replayed = self.service.replay_typed(self.review_id)
        except FacilitatorError as exc:  # it stays in the journal for the next start
            self.app.say(f"Typing kept from last time is not saved yet: {exc}", error=True, timeout=8)
            return None
        for entry in replayed.waiting:
            self.queue.append(QueuedNote(entry.text, entry.default_kind, entry.event_id,
                                         entry.prompt_id, kept=entry))
        draft = replayed.draft
        if replayed.refused:  # back where it was typed, before the draft
            draft = " ".join([e.text for e in replayed.refused] + [draft or ""]).strip()
            self._draft = draft
            self._autosave.changed()
        elif replayed.draft_waiting:
            self._draft = self._kept_draft = draft
        if replayed.waiting or replayed.draft_waiting:
            self._set_trouble(replayed.trouble)
            self._start_retry()
        lines = []
        if replayed.saved:
            lines.append(_count(len(replayed.saved), "typed while the database was busy", "saved"))
            self.post_message(self.NotesChanged())
        if replayed.waiting:
            lines.append(_count(len(replayed.waiting), "typed while the database was busy",
                                "still waiting for it"))
        if replayed.refused:
            lines.append("a note typed while the database was busy is back in the note box")
        if replayed.aside:
            lines.append(_count(replayed.aside, "typed for a review deleted since", "kept aside"))
        if replayed.damaged:
            lines.append("a damaged part of the journal of unsaved typing was kept aside")
        if replayed.aside_files:
            if not replayed.aside and not replayed.damaged:  # only a draft, of a review gone
                lines.append("text typed for a review deleted since was kept aside")
            lines[-1] += " in " + ", ".join(str(p) for p in replayed.aside_files)
        if lines:
            text = "; ".join(lines)
            self.app.say(text[0].upper() + text[1:] + ".", timeout=10)
        return draft

    def _give_back(self, raw: str) -> None:
        box = self.query_one("#note-input", Input)
        box.value = f"{raw} {box.value}" if box.value.strip() else raw
        box.cursor_position = len(box.value)

    def _start_retry(self) -> None:
        if self._retry is None:
            self._retry = self.set_interval(RETRY_EVERY, self._try_again)

    @guarded
    def _try_again(self) -> None:
        self._save_draft(now=True)
        self._save_queue()
        if not self.queue and self._draft is None and self._retry is not None:
            self._retry.stop()
            self._retry = None
        self._render_list()

    def _set_trouble(self, line: str) -> None:
        if line == self._trouble or not self.children:  # unchanged, or leaving
            return
        self._trouble = line
        self.query_one("#note-input", Input).set_class(bool(line), "-not-saved")
        if line:
            self.app.say(f"Not saved yet: {line}", error=True, timeout=4)
        self._render_list()

    def _landed(self, note: Note, raw: str) -> None:
        self._notes.append(note)
        if note.event_id is not None and self.event is not None and note.event_id == self.event.id:
            self._event_times[self.event.id] = self.event.at
        self._render_list()
        # The list follows what was just written, so the room sees the note land.
        listing = self.query_one("#notes-list", RowList)
        index = listing.index_of(str(note.id))
        if index is not None:
            listing.highlighted = index
        self.post_message(self.NotesChanged())
        if note.kind == "private":
            if self.share_safe:
                self.app.say("Private note saved; it stays hidden while sharing.")
            return  # a hint would quote a private note's words
        self.app.hint_wording(note.text)
        self._offer_new_person(raw, note)

    def _offer_new_person(self, raw: str, note: Note) -> None:
        """An `@name` that is nobody yet: ask (through the screen) whether to add them."""
        if note.participant_id is not None:
            return
        unknown = parse(raw, self.suggester.names).unknown
        if unknown:
            self.post_message(self.UnknownPerson(note, unknown))

    @guarded
    def action_cycle_kind(self) -> None:
        index = NOTE_KINDS.index(self.default_kind)
        self.default_kind = NOTE_KINDS[(index + 1) % len(NOTE_KINDS)]
        self._update_kind()
        self._mask_private_typing()

    @guarded
    def action_focus_input(self) -> None:
        self.focus_main()

    # -- the list ---------------------------------------------------------------------

    def _highlighted_note(self) -> Note | None:
        listing = self.query_one("#notes-list", RowList)
        row = listing.highlighted_row
        if row is None or not listing.has_focus:
            return None
        return next((n for n in self._notes if str(n.id) == row.id), None)

    def _highlighted_or_say(self) -> Note | None:
        note = self._highlighted_note()
        if note is None:
            self._say_nothing_highlighted()
        return note

    @on(NotesList.NothingHighlighted)
    @guarded
    def _say_nothing_highlighted(self) -> None:
        if self.visible_notes():
            self.app.say("No note is highlighted · ↑/↓ picks one")
        elif self.search or self.only_event:
            self.app.say("No notes shown here · f or Escape in the search shows all notes")
        else:
            self.app.say("No notes yet · i writes one")

    @guarded
    def action_edit_note(self) -> None:
        note = self._highlighted_or_say()
        if note is None:
            return
        def closed(_: object) -> None:
            self.refresh_data()
            self.post_message(self.NotesChanged())

        self.post_message(AskNoteEdit(note, answer=guarded_callback(self, closed)))

    @on(RowList.Selected, "#notes-list")
    @guarded
    def _selected(self, event: RowList.Selected) -> None:
        event.stop()
        self.action_edit_note()

    @guarded
    def action_delete_note(self) -> None:
        note = self._highlighted_or_say()
        if note is None:
            return
        def answered(yes: bool | None) -> None:
            if yes:
                self.service.delete_note(note.saved_id())
                self._deleted = note
                self.refresh_data()
                self.post_message(self.NotesChanged())
                self.app.say("Note deleted · u in the list brings it back")

        self.post_message(AskConfirm(f"Delete this note?\n\n{clip(single_line(note.text), 200)}",
                                     yes="Delete", no="Keep", answer=guarded_callback(self, answered)))

    @guarded
    def action_undo_delete(self) -> None:
        note, self._deleted = self._deleted, None
        if note is None:
            self.app.say("No deleted note to bring back.")
            return
        try:
            restored = self.service.restore_note(note)
        except FacilitatorError as exc:
            self._deleted = note
            self.app.say(f"Not restored: {exc}", error=True)
            return
        self.refresh_data()
        listing = self.query_one("#notes-list", RowList)
        index = listing.index_of(str(restored.id))
        if index is not None:
            listing.highlighted = index
        self.post_message(self.NotesChanged())
        self.app.say("Note restored.")

    @guarded
    def action_move_note(self) -> None:
        note = self._highlighted_or_say()
        if note is not None:
            self.post_message(self.MoveRequested(note))

    def note_moved(self, note: Note) -> None:
        """The screen linked `note` elsewhere: show it, still highlighted."""
        self.refresh_data()
        listing = self.query_one("#notes-list", RowList)
        index = listing.index_of(str(note.id))
        if index is not None:
            listing.highlighted = index
        self.post_message(self.NotesChanged())

    # -- search -------------------------------------------------------------------------

    @guarded
    def action_search_notes(self) -> None:
        found = self.query("#notes-search")
        if found:
            box = found.first(Input)
        else:
            box = LiteralInput(self.search, id="notes-search",
                               placeholder="Search notes: words, a name · Enter keeps · Escape clears")
            self.mount(box, before=self.query_one("#notes-list"))
        box.focus()

    @on(Input.Changed, "#notes-search")
    @guarded
    def _searching(self, event: Input.Changed) -> None:
        event.stop()
        self.search = event.value.strip()
        self._render_list()

    @on(Input.Submitted, "#notes-search")
    @guarded
    def _search_kept(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.search:
            self._close_search()
        self.focus_list()

    def _close_search(self) -> None:
        self.search = ""
        for box in self.query("#notes-search"):
            box.remove()
        self._render_list()

    @guarded
    def on_key(self, event: Key) -> None:
        # Escape in the search box clears it; it must not reach the screen's "back".
        if event.key != "escape":
            return
        box = next(iter(self.query("#notes-search").results(Input)), None)
        if box is not None and box.has_focus:
            event.stop()
            event.prevent_default()
            self._close_search()
            self.focus_list()

    @guarded
    def action_cycle_action_state(self) -> None:
        """open → done → dropped → open, for the highlighted action."""
        note = self._highlighted_action()
        if note is None:
            return
        note = self.service.next_action_state(note.saved_id())
        self._notes = [note if n.id == note.id else n for n in self._notes]
        self.query_one("#notes-list", RowList).replace_row(str(note.id), self._note_line(note))
        self.post_message(self.NotesChanged())
        self.app.say(f"Action {note.state}.", timeout=2)

    @guarded
    def action_edit_action_link(self) -> None:
        note = self._highlighted_action()
        if note is not None:
            self.post_message(self.ActionLinkRequested(note))

    def _highlighted_action(self) -> Note | None:
        note = self._highlighted_or_say()
        if note is not None and note.kind != "action":
            self.app.say("Only action items have a state and a link.", timeout=2)
            return None
        return note

    @guarded
    def action_toggle_event_filter(self) -> None:
        self.show_event_notes(not self.only_event)

    def show_event_notes(self, only_event: bool = True) -> None:
        """List only the selected event's notes (or all notes again)."""
        self.only_event = only_event
        self._render_list()
