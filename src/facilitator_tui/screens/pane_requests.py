"""What the panes ask the review screen for, and the dialogs that answer them.

Widgets never open screens: the timeline asks to show an event in full or one
person's view, the notes pane asks to move a note or to add a person it heard
named. Each function takes the review screen (it offers `service`, `review_id`,
`review`, `query_one` and `refresh_all()`), opens the dialog, saves through the
service and says what happened in one literal line. A refusal from the database
is that line too, never a crash.
"""

from __future__ import annotations

from typing import Any

from facilitator_tui.errors import FacilitatorError
from facilitator_tui.models import Event, Note, Review
from facilitator_tui.safe_text import single_line
from facilitator_tui.timeparse import format_local
from facilitator_tui.widgets.guard import guarded_callback
from facilitator_tui.widgets.meeting_bar import MeetingBar
from facilitator_tui.widgets.notes_pane import NotesPane
from facilitator_tui.widgets.timeline import TimelinePane


def open_event(screen: Any, event: Event) -> None:
    """Enter on an event: its full text, wrapped, with its notes (none private while sharing)."""
    from facilitator_tui.screens.event_view import EventView

    timeline = screen.query_one(TimelinePane)
    service, rid = screen.service, screen.review_id
    zone = screen.review.zone

    def notes(shown: Event) -> list[Note]:
        return service.notes(rid, event_id=shown.id, include_private=not screen.review.share_safe)

    def done(choice: str | None) -> None:
        if choice == "note":
            timeline.action_note_on_event()
        elif choice == "edit":
            timeline.action_edit_event()

    names = {p.id: p.name for p in service.participants(rid) if p.id is not None}
    screen.app.push_screen(EventView(event, zone_name=screen.review.timezone, notes=notes, names=names,
                                     step=timeline.step_event,
                                     when=lambda e: format_local(e.at, zone, with_date=True)),
                           guarded_callback(screen, done))


def choose_perspective(screen: Any, current: str) -> None:
    """Whose view of the timeline to show; "" shows everyone's again."""
    from facilitator_tui.screens.perspective_picker import PerspectivePicker

    def chosen(name: str | None) -> None:
        if name is None:
            return
        try:
            screen.query_one(TimelinePane).set_perspective(name)
        except FacilitatorError as exc:
            screen.app.say(str(exc), error=True)

    people = screen.service.timeline_people(screen.review_id)
    screen.app.push_screen(PerspectivePicker(people, current), guarded_callback(screen, chosen))


def move_note(screen: Any, note: Note) -> None:
    """Link a note to another event, or to none: the event picker asks which."""
    from facilitator_tui.screens.event_picker import EventPicker, Picked

    notes = screen.query_one(NotesPane)

    def picked(choice: Picked | None) -> None:
        if choice is None or choice.event_id == note.event_id:
            return
        try:
            moved = screen.service.move_note(note.id, choice.event_id)
        except FacilitatorError as exc:
            screen.app.say(f"Not moved: {exc}", error=True)
            return
        notes.note_moved(moved)
        screen.app.say("Note moved to the event." if moved.event_id
                       else "Note no longer linked to an event.")

    screen.app.push_screen(EventPicker(screen.review_id, current=note.event_id,
                                       highlighted=screen.query_one(TimelinePane).selected_event,
                                       share_safe=screen.review.share_safe),
                           guarded_callback(screen, picked))


def offer_new_person(screen: Any, note: Note, name: str) -> None:
    """A note named `@name`, who is nobody yet: add them and credit the note, if the facilitator says so."""
    from facilitator_tui.screens.confirm import ConfirmModal

    shown = single_line(name)

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            screen.service.credit_new_participant(note.id, name)
        except FacilitatorError as exc:
            screen.app.say(f"Not added: {exc}", error=True)
            return
        screen.query_one(NotesPane).refresh_data()
        screen.query_one(MeetingBar).refresh_data()
        screen.app.say(f"{shown} added to the participants; the note is theirs.")

    screen.app.push_screen(ConfirmModal(
        f"@{shown} is not a participant yet. Add {shown} to the review and credit the note to them?",
        yes="Add", no="Not now"), guarded_callback(screen, answered))


def edit_details(screen: Any) -> None:
    """The review's details (title, summary, window, zone, facilitator, timebox, status)."""
    from facilitator_tui.screens.review_details import ReviewDetails

    def saved(review: Review | None) -> None:
        if review is not None:
            screen.refresh_all()
            screen.app.say("Review details saved.")

    screen.app.push_screen(ReviewDetails(screen.review_id), guarded_callback(screen, saved))


__all__ = ["choose_perspective", "edit_details", "move_note", "offer_new_person", "open_event"]
