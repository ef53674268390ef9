"""Who is in the room: add, rename, change the role of, or remove the review's participants.

Removing someone keeps their notes (they simply lose the attribution). Names are
shown as literal text; every problem is one line under the list.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from facilitator_tui.models import ROLES, Participant, friendly_error
from facilitator_tui.safe_text import single_line
from facilitator_tui.screens.confirm import ConfirmModal
from facilitator_tui.widgets.guard import guarded, guarded_callback

ROLE_LABELS = {
    "responder": "Responder",
    "incident_commander": "Incident commander",
    "subject_expert": "Subject-matter expert",
    "observer": "Observer",
    "facilitator": "Facilitator",
}


def person_line(person: Participant) -> Text:
    """One participant as literal text: name, then role."""
    line = Text(single_line(person.name), style="bold")
    line.append(f"  {ROLE_LABELS.get(person.role, person.role)}", style="dim")
    return line


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


class ParticipantsScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    ParticipantsScreen { align: center middle; }
    ParticipantsScreen > Vertical {
        width: 72; max-width: 100%; height: 80%; padding: 1 2;
        border: thick $primary; background: $panel;
    }
    ParticipantsScreen .heading { text-style: bold; margin-bottom: 1; }
    ParticipantsScreen OptionList { height: 1fr; }
    ParticipantsScreen #people-error { color: $error; height: 1; }
    ParticipantsScreen .hint { color: $text-muted; height: auto; }
    """
    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("r", "rename", "Rename"),
        Binding("o", "cycle_role", "Next role"),
        Binding("delete,x", "remove", "Remove"),
        Binding("escape", "close", "Close"),
    ]

    def __init__(self, review_id: int) -> None:
        super().__init__()
        self.review_id = review_id
        self.people: list[Participant] = []

    @property
    def service(self):
        return self.app.service

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Participants", classes="heading", markup=False)
            yield OptionList(id="people")
            yield Static("", id="people-error", markup=False)
            yield Static("a add · r rename · o next role · x remove · Escape closes",
                         classes="hint", markup=False)

    @guarded
    def on_mount(self) -> None:
        self.reload()
        self.query_one(OptionList).focus()

    def reload(self, select_id: int | None = None) -> None:
        self.people = self.service.participants(self.review_id)
        people = self.query_one(OptionList)
        keep = people.highlighted
        people.clear_options()
        if not self.people:
            people.add_option(Option(Text("No one yet. Press a to add the people in the room.",
                                          style="dim"), disabled=True))
            return
        people.add_options(Option(person_line(p), id=str(p.id)) for p in self.people)
        index = next((i for i, p in enumerate(self.people) if p.id == select_id), keep)
        people.highlighted = min(index or 0, len(self.people) - 1)

    def selected(self) -> Participant | None:
        index = self.query_one(OptionList).highlighted
        if index is None or not self.people or index >= len(self.people):
            return None
        return self.people[index]

    def _error(self, message: str = "") -> None:
        self.query_one("#people-error", Static).update(message)

    def _attempt(self, do, select_id: int | None = None) -> bool:
        """Run a service call; a refusal becomes the one-line error."""
        try:
            result = do()
        except ValueError as exc:
            self._error(friendly_error(exc))
            return False
        self._error()
        self.reload(getattr(result, "id", None) or select_id)
        return True

    @guarded
    def action_add(self) -> None:
        def done(answer: tuple[str, str] | None) -> None:
            if answer:
                name, role = answer
                self._attempt(lambda: self.service.add_participant(self.review_id, name, role))

        self.app.push_screen(PersonForm("Add a participant"), guarded_callback(self, done))

    @guarded
    def action_rename(self) -> None:
        person = self.selected()
        if person is None:
            return

        def done(answer: tuple[str, str] | None) -> None:
            if not answer:
                return
            name = answer[0]
            if any(p.name.casefold() == name.casefold() and p.id != person.id for p in self.people):
                self._error(f"{name} is already a participant")
                return
            self._attempt(lambda: self.service.update_participant(person.id, name=name), person.id)

        self.app.push_screen(PersonForm("Rename", person.name, role=None), guarded_callback(self, done))

    @guarded
    def action_cycle_role(self) -> None:
        person = self.selected()
        if person is None:
            return
        role = ROLES[(ROLES.index(person.role) + 1) % len(ROLES)]
        self._attempt(lambda: self.service.update_participant(person.id, role=role), person.id)

    @guarded
    def action_remove(self) -> None:
        person = self.selected()
        if person is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self._attempt(lambda: self.service.remove_participant(person.id))

        self.app.push_screen(ConfirmModal(
            f"Remove {single_line(person.name)} from the participants? "
            "Their notes stay in the review, without a name on them.",
            yes="Remove", no="Keep"), guarded_callback(self, done))

    @guarded
    def action_close(self) -> None:
        self.dismiss(None)
