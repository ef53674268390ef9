"""Who is in the room: add, rename, change the role of, or remove the review's participants.

Removing someone keeps their notes (they simply lose the attribution). Names are
shown as literal text; every problem is one line under the list.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from facilitator_tui.models import ROLES, Participant
from facilitator_tui.safe_text import single_line
from facilitator_tui.screens.confirm import ConfirmModal
from facilitator_tui.screens.list_dialog import ListDialog
from facilitator_tui.widgets.guard import guarded, guarded_callback

ROLE_LABELS = {
    "responder": "Responder",
    "incident_commander": "Incident commander",
    "subject_expert": "Subject-matter expert",
    "observer": "Observer",
    "facilitator": "Facilitator",
}


def person_line(person: Participant) -> Content:
    """One participant as literal text: name, then role."""
    return Content.assemble((single_line(person.name), "bold"),
                            (f"  {ROLE_LABELS.get(person.role, person.role)}", "dim"))


class PersonForm(ModalScreen[tuple[str, str] | None]):
    """Name (and role, when adding): dismisses with (name, role) or None."""

    DEFAULT_CSS = """
    PersonForm { align: center middle; }
    PersonForm > Vertical {
        width: 60; max-width: 100%; height: auto; padding: 1 2;
        border: thick $primary; background: $panel;
    }
    PersonForm .heading { text-style: bold; }
    PersonForm Label { margin-top: 1; }
    PersonForm .hint { color: $text-muted; margin-top: 1; }
    PersonForm #form-error { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, heading: str, name: str = "", role: str | None = "responder") -> None:
        super().__init__()
        self.heading, self.initial_name, self.initial_role = heading, name, role

    @guarded
    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading, classes="heading", markup=False)
            yield Label("Name")
            yield Input(self.initial_name, id="person-name", placeholder="e.g. Ana Lima")
            if self.initial_role is not None:
                yield Label("Role")
                yield Select([(label, role) for role, label in ROLE_LABELS.items()],
                             value=self.initial_role, allow_blank=False, id="person-role")
            yield Static("Enter saves · Escape cancels", classes="hint", markup=False)
            yield Static("", id="form-error", markup=False)

    @guarded
    def on_mount(self) -> None:
        self.query_one("#person-name", Input).focus()

    @guarded
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = " ".join(event.value.split())
        if not name:
            self.query_one("#form-error", Static).update("A participant needs a name.")
            return
        role = ""
        if self.initial_role is not None:
            role = str(self.query_one("#person-role", Select).value)
        self.dismiss((name, role))

    @guarded
    def action_cancel(self) -> None:
        self.dismiss(None)


class ParticipantsScreen(ListDialog[Participant]):
    DEFAULT_CSS = """
    ParticipantsScreen > Vertical { width: 72; }
    """
    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("r", "rename", "Rename"),
        Binding("o", "cycle_role", "Next role"),
        Binding("delete,x", "remove", "Remove"),
    ]
    HEADING = "Participants"
    HINT = "a add · r rename · o next role · x remove · Escape closes"
    EMPTY = "No one yet. Press a to add the people in the room."
    LIST_ID = "people"

    def load(self) -> list[Participant]:
        return self.service.participants(self.review_id)

    def line(self, item: Participant) -> Content:
        return person_line(item)

    @guarded
    def action_add(self) -> None:
        def done(answer: tuple[str, str] | None) -> None:
            if answer:
                name, role = answer
                self.attempt(lambda: self.service.add_participant(self.review_id, name, role))

        self.app.push_screen(PersonForm("Add a participant"), guarded_callback(self, done))

    @guarded
    def action_rename(self) -> None:
        person = self.selected()
        if person is None:
            return
        person_id = person.saved_id()

        def done(answer: tuple[str, str] | None) -> None:
            if not answer:
                return
            name = answer[0]
            if any(p.name.casefold() == name.casefold() and p.id != person_id for p in self.items):
                self.show_error(f"{name} is already a participant")
                return
            self.attempt(lambda: self.service.update_participant(person_id, name=name), person_id)

        self.app.push_screen(PersonForm("Rename", person.name, role=None), guarded_callback(self, done))

    @guarded
    def action_cycle_role(self) -> None:
        person = self.selected()
        if person is None:
            return
        role = ROLES[(ROLES.index(person.role) + 1) % len(ROLES)]
        person_id = person.saved_id()
        self.attempt(lambda: self.service.update_participant(person_id, role=role), person_id)

    @guarded
    def action_remove(self) -> None:
        person = self.selected()
        if person is None:
            return
        person_id = person.saved_id()

        def done(yes: bool | None) -> None:
            if yes:
                self.attempt(lambda: self.service.remove_participant(person_id))

        self.app.push_screen(ConfirmModal(
            f"Remove {single_line(person.name)} from the participants? "
            "Their notes stay in the review, without a name on them.",
            yes="Remove", no="Keep"), guarded_callback(self, done))
