"""What a pane asks its screen to show: a question, a form, an editor, and what to do with the answer.

Widgets never open screens themselves (they would have to import them, and the
arrows would point up). A pane posts one of these messages instead; the screen
it sits on (see `screens/dialog_host.py`) opens the matching dialog and, when it
closes, calls the message's `answer` with the result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from textual.message import Message

from facilitator_tui.models import Note, Prompt, PromptState

Result = TypeVar("Result")


@dataclass(frozen=True)
class Choice:
    """One labelled pick shown under the text, e.g. the theme of a new question."""

    name: str
    label: str
    options: Sequence[tuple[str, str]]
    value: str | None = None


@dataclass(frozen=True)
class EventDraft:
    """An event as the event form holds it, before the service saves it."""

    at: datetime
    text: str
    actor: str
    key_moment: bool


class Ask(Message, Generic[Result]):
    """A dialog wanted; `answer` (if any) gets its result once it closes."""

    def __init__(self, answer: Callable[[Result], None] | None = None) -> None:
        super().__init__()
        self.answer = answer

    def reply(self, result: Result) -> None:
        if self.answer is not None:
            self.answer(result)


class AskText(Ask[str | None]):
    """One piece of text (None when cancelled); what was picked among `choices` is in `picked`.

    With `on_change` the text is saved as it is typed, and Escape means "done".
    """

    def __init__(self, title: str, *, value: str = "", placeholder: str = "",
                 multiline: bool = False, on_change: Callable[[str], None] | None = None,
                 choices: Sequence[Choice] = (), hint: str = "",
                 answer: Callable[[str | None], None] | None = None) -> None:
        super().__init__(answer)
        self.title, self.value, self.placeholder = title, value, placeholder
        self.multiline, self.on_change, self.hint = multiline, on_change, hint
        self.choices = tuple(choices)
        self.picked: dict[str, str] = {c.name: c.value or c.options[0][1] for c in self.choices}


class AskConfirm(Ask[bool | None]):
    """A yes/no question."""

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No",
                 answer: Callable[[bool | None], None] | None = None) -> None:
        super().__init__(answer)
        self.question, self.yes, self.no = question, yes, no


class AskEventDraft(Ask[EventDraft | None]):
    """The event form: when, what, who, key moment. `when` is how `at` is shown in it."""

    def __init__(self, heading: str, parse_time: Callable[[str], datetime], *, at: datetime,
                 when: str, text: str = "", actor: str = "", key_moment: bool = False,
                 answer: Callable[[EventDraft | None], None] | None = None) -> None:
        super().__init__(answer)
        self.heading, self.parse_time, self.at, self.when = heading, parse_time, at, when
        self.text, self.actor, self.key_moment = text, actor, key_moment


class AskNoteEdit(Ask[Note | None]):
    """The note editor on one note; it saves as it goes and answers with the note as saved."""

    def __init__(self, note: Note, *, answer: Callable[[Note | None], None] | None = None) -> None:
        super().__init__(answer)
        self.note = note


class AskPromptPick(Ask[int | None]):
    """Pick one of `prompts` (answers with its index, or None)."""

    def __init__(self, prompts: list[Prompt], states: dict[str, PromptState], current: int, *,
                 answer: Callable[[int | None], None] | None = None) -> None:
        super().__init__(answer)
        self.prompts, self.states, self.current = prompts, states, current


__all__ = ["Ask", "AskConfirm", "AskEventDraft", "AskNoteEdit", "AskPromptPick", "AskText",
           "Choice", "EventDraft"]
