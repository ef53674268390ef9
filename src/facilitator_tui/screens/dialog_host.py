"""Opening the dialogs that panes ask for (see `widgets/asks.py`), on whichever screen holds them.

A mixin for a screen (or, in tests, an app) that hosts panes: each handler
opens the dialog, and hands the result back through the message's `answer`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from facilitator_tui.widgets.asks import AskConfirm, AskEventDraft, AskNoteEdit, AskPromptPick, AskText
from facilitator_tui.widgets.guard import guarded, guarded_callback

if TYPE_CHECKING:
    from facilitator_tui.app import FacilitatorApp


class DialogHost:
    """Answers the panes' asks by opening the matching dialog (Textual finds `on_ask_*` by name)."""

    app: FacilitatorApp

    @guarded
    def on_ask_text(self, ask: AskText) -> None:
        from facilitator_tui.screens.text_entry import TextEntry

        ask.stop()
        entry = TextEntry(ask.title, value=ask.value, placeholder=ask.placeholder,
                          multiline=ask.multiline, on_change=ask.on_change, choices=ask.choices,
                          hint=ask.hint)

        def closed(text: str | None) -> None:
            ask.picked.update(entry.picked)
            ask.reply(text)

        self.app.push_screen(entry, guarded_callback(self, closed))

    @guarded
    def on_ask_confirm(self, ask: AskConfirm) -> None:
        from facilitator_tui.screens.confirm import ConfirmModal

        ask.stop()
        self.app.push_screen(ConfirmModal(ask.question, yes=ask.yes, no=ask.no), guarded_callback(self, ask.reply))

    @guarded
    def on_ask_event_draft(self, ask: AskEventDraft) -> None:
        from facilitator_tui.screens.event_editor import EventEditor

        ask.stop()
        self.app.push_screen(EventEditor(ask.heading, ask.parse_time, at=ask.at, when=ask.when,
                                         text=ask.text, actor=ask.actor, key_moment=ask.key_moment),
                             guarded_callback(self, ask.reply))

    @guarded
    def on_ask_note_edit(self, ask: AskNoteEdit) -> None:
        from facilitator_tui.screens.note_editor import NoteEditor

        ask.stop()
        self.app.push_screen(NoteEditor(self.app.service, ask.note), guarded_callback(self, ask.reply))

    @guarded
    def on_ask_prompt_pick(self, ask: AskPromptPick) -> None:
        from facilitator_tui.screens.prompt_list import PromptList

        ask.stop()
        self.app.push_screen(PromptList(ask.prompts, ask.states, ask.current), guarded_callback(self, ask.reply))


__all__ = ["DialogHost"]
