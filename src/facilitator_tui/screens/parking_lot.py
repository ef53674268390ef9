"""The parking lot: ideas for fixes, held until the actions phase and then turned into actions.

Parking an idea lets the room note it and go back to understanding what
happened. Here the facilitator adds ideas, turns one into an action item with an
owner and a due date, or lets one go. `IdeaEntry` (one line) and `ActionForm`
(owner, due date) are the small forms it uses; `park_idea` in meeting.py reuses
`IdeaEntry`.
"""

from __future__ import annotations

import re
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from facilitator_tui.models import ParkedIdea
from facilitator_tui.safe_text import clip, single_line
from facilitator_tui.screens.confirm import ConfirmModal
from facilitator_tui.screens.list_dialog import ListDialog
from facilitator_tui.widgets.guard import guarded, guarded_callback

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
FORM_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 72; max-width: 100%; height: auto; padding: 1 2;
    border: thick $primary; background: $panel;
}}
{name} .heading {{ text-style: bold; }}
{name} Label {{ margin-top: 1; }}
{name} .hint {{ color: $text-muted; margin-top: 1; }}
{name} .form-error {{ color: $error; height: auto; }}
"""


class IdeaEntry(ModalScreen[str | None]):
    """One line for an idea to park; dismisses with the text or None."""

    DEFAULT_CSS = FORM_CSS.format(name="IdeaEntry")
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    @guarded
    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Park an idea for the actions phase", classes="heading", markup=False)
            yield Input(id="idea-text", placeholder="e.g. an alert on queue depth per consumer")
            yield Static("We note it now and come back to it in the actions phase. "
                         "Enter parks it · Escape cancels", classes="hint", markup=False)
            yield Static("", classes="form-error", markup=False)

    @guarded
    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @guarded
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self.query_one(".form-error", Static).update("Type the idea first, or Escape to cancel.")
            return
        self.dismiss(event.value.strip())

    @guarded
    def action_cancel(self) -> None:
        self.dismiss(None)


def parse_due(raw: str) -> date | None:
    """An optional due date typed as YYYY-MM-DD; raises ValueError with a one-line reason."""
    raw = raw.strip()
    if not raw:
        return None
    try:
        if not ISO_DATE.fullmatch(raw):
            raise ValueError(raw)
        return date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{raw!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-12-01") from None


class ActionForm(ModalScreen[tuple[str, date | None] | None]):
    """Owner and due date for an action item; dismisses with (owner, due) or None."""

    DEFAULT_CSS = FORM_CSS.format(name="ActionForm")
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, idea: str) -> None:
        super().__init__()
        self.idea = idea

    @guarded
    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Turn into an action item", classes="heading", markup=False)
            yield Static(clip(single_line(self.idea), 200), markup=False)
            yield Label("Owner (a team or a person who agreed to it)")
            yield Input(id="action-owner", placeholder="e.g. Platform team")
            yield Label("Due date (optional)")
            yield Input(id="action-due", placeholder="YYYY-MM-DD", max_length=10,
                        restrict=r"[0-9-]*")
            yield Static("Enter saves · Escape cancels", classes="hint", markup=False)
            yield Static("", classes="form-error", markup=False)

    @guarded
    def on_mount(self) -> None:
        self.query_one("#action-owner", Input).focus()

    @guarded
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        owner = " ".join(self.query_one("#action-owner", Input).value.split())
        try:
            due = parse_due(self.query_one("#action-due", Input).value)
        except ValueError as exc:
            self.query_one(".form-error", Static).update(str(exc))
            return
        self.dismiss((owner, due))

    @guarded
    def action_cancel(self) -> None:
        self.dismiss(None)


def idea_line(idea: ParkedIdea) -> Content:
    """A parked idea as literal text, with its state in front."""
    if idea.action_note_id:
        state = Content.styled("→ action  ", "bold $text-success")
    else:
        state = Content.styled("parked    ", "dim")
    return state + Content(single_line(idea.text))


class ParkingLotScreen(ListDialog[ParkedIdea]):
    DEFAULT_CSS = """
    ParkingLotScreen > Vertical { width: 96; }
    """
    BINDINGS = [
        Binding("a", "add", "Add idea"),
        Binding("enter", "to_action", "Turn into an action item"),
        Binding("d,delete", "discard", "Discard"),
    ]
    HEADING = "Parking lot: ideas for the actions phase"
    HINT = "a add · Enter turns an idea into an action item · d discard · Escape closes"
    EMPTY = "Nothing parked yet. Press a (or F7 during the meeting) to park an idea for a fix."
    LIST_ID = "parked"

    def load(self) -> list[ParkedIdea]:
        return self.service.parked(self.review_id)

    def line(self, item: ParkedIdea) -> Content:
        return idea_line(item)

    def choose(self, item: ParkedIdea) -> None:
        self.action_to_action()

    @guarded
    def action_add(self) -> None:
        def done(text: str | None) -> None:
            if text:
                self.attempt(lambda: self.service.park_idea(self.review_id, text))

        self.app.push_screen(IdeaEntry(), guarded_callback(self, done))

    @guarded
    def action_to_action(self) -> None:
        idea = self.selected()
        if idea is None:
            return
        if idea.action_note_id:
            self.show_error("That idea is already an action item.")
            return
        idea_id = idea.saved_id()

        def done(answer: tuple[str, date | None] | None) -> None:
            if answer is None:
                return
            owner, due = answer
            if self.attempt(lambda: self.service.parked_to_action(self.review_id, idea_id, owner=owner,
                                                                   due=due), idea_id):
                self.app.say("Now an action item in the notes.")

        self.app.push_screen(ActionForm(idea.text), guarded_callback(self, done))

    @guarded
    def action_discard(self) -> None:
        idea = self.selected()
        if idea is None:
            return
        idea_id = idea.saved_id()

        def done(yes: bool | None) -> None:
            if yes:
                self.attempt(lambda: self.service.discard_parked(idea_id))

        note = " The action item it became stays in the notes." if idea.action_note_id else ""
        self.app.push_screen(ConfirmModal(
            f"Let go of this idea? “{clip(single_line(idea.text), 120)}”{note}",
            yes="Discard", no="Keep"), guarded_callback(self, done))
