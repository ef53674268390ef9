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

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from facilitator_tui.models import ParkedIdea, friendly_error
from facilitator_tui.safe_text import clip, single_line
from facilitator_tui.screens.confirm import ConfirmModal
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


def idea_line(idea: ParkedIdea) -> Text:
    """A parked idea as literal text, with its state in front."""
    if idea.action_note_id:
        line = Text("→ action  ", style="bold green")
    else:
        line = Text("parked    ", style="dim")
    line.append(single_line(idea.text))
    return line


class ParkingLotScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    ParkingLotScreen { align: center middle; }
    ParkingLotScreen > Vertical {
        width: 96; max-width: 100%; height: 80%; padding: 1 2;
        border: thick $primary; background: $panel;
    }
    ParkingLotScreen .heading { text-style: bold; margin-bottom: 1; }
    ParkingLotScreen OptionList { height: 1fr; }
    ParkingLotScreen #parked-error { color: $error; height: 1; }
    ParkingLotScreen .hint { color: $text-muted; height: auto; }
    """
    BINDINGS = [
        Binding("a", "add", "Add idea"),
        Binding("enter", "to_action", "Turn into an action item"),
        Binding("d,delete", "discard", "Discard"),
        Binding("escape", "close", "Close"),
    ]

    def __init__(self, review_id: int) -> None:
        super().__init__()
        self.review_id = review_id
        self.ideas: list[ParkedIdea] = []

    @property
    def service(self):
        return self.app.service

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Parking lot: ideas for the actions phase", classes="heading", markup=False)
            yield OptionList(id="parked")
            yield Static("", id="parked-error", markup=False)
            yield Static("a add · Enter turns an idea into an action item · d discard · Escape closes",
                         classes="hint", markup=False)

    @guarded
    def on_mount(self) -> None:
        self.reload()
        self.query_one(OptionList).focus()

    def reload(self, select_id: int | None = None) -> None:
        self.ideas = self.service.parked(self.review_id)
        ideas = self.query_one(OptionList)
        keep = ideas.highlighted
        ideas.clear_options()
        if not self.ideas:
            ideas.add_option(Option(Text("Nothing parked yet. Press a (or F7 during the meeting) "
                                         "to park an idea for a fix.", style="dim"), disabled=True))
            return
        ideas.add_options(Option(idea_line(i), id=str(i.id)) for i in self.ideas)
        index = next((n for n, i in enumerate(self.ideas) if i.id == select_id), keep)
        ideas.highlighted = min(index or 0, len(self.ideas) - 1)

    def selected(self) -> ParkedIdea | None:
        index = self.query_one(OptionList).highlighted
        if index is None or not self.ideas or index >= len(self.ideas):
            return None
        return self.ideas[index]

    def _error(self, message: str = "") -> None:
        self.query_one("#parked-error", Static).update(message)

    @guarded
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_to_action()

    @guarded
    def action_add(self) -> None:
        def done(text: str | None) -> None:
            if not text:
                return
            try:
                idea = self.service.park_idea(self.review_id, text)
            except ValueError as exc:
                self._error(friendly_error(exc))
                return
            self._error()
            self.reload(idea.id)

        self.app.push_screen(IdeaEntry(), guarded_callback(self, done))

    @guarded
    def action_to_action(self) -> None:
        idea = self.selected()
        if idea is None:
            return
        if idea.action_note_id:
            self._error("That idea is already an action item.")
            return

        def done(answer: tuple[str, date | None] | None) -> None:
            if answer is None:
                return
            owner, due = answer
            try:
                self.service.parked_to_action(self.review_id, idea.id, owner=owner, due=due)
            except ValueError as exc:
                self._error(friendly_error(exc))
                return
            self._error()
            self.reload(idea.id)
            self.app.say("Now an action item in the notes.")

        self.app.push_screen(ActionForm(idea.text), guarded_callback(self, done))

    @guarded
    def action_discard(self) -> None:
        idea = self.selected()
        if idea is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.service.discard_parked(idea.id)
                self._error()
                self.reload()

        note = " The action item it became stays in the notes." if idea.action_note_id else ""
        self.app.push_screen(ConfirmModal(
            f"Let go of this idea? “{clip(single_line(idea.text), 120)}”{note}",
            yes="Discard", no="Keep"), guarded_callback(self, done))

    @guarded
    def action_close(self) -> None:
        self.dismiss(None)
