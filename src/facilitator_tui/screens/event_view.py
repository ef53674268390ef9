"""One event in full, large and wrapped, with its notes: the timeline row made readable.

A timeline row is cut to the pane's width; during a meeting the room needs the
whole message. This view shows the event's time, source, who wrote it and what
kind of moment it is, then its text wrapped across the screen, then the notes
on it (private ones only outside share-safe view). Up and down walk the
timeline without closing the view. It writes nothing: `n` and `e` come back to
the review screen as "note" and "edit".
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from facilitator_tui.event_kinds import kind_label, recognise
from facilitator_tui.models import Event, Note
from facilitator_tui.safe_text import single_line, visible
from facilitator_tui.widgets.guard import guarded

KIND_WORDS = {"observation": "Observation", "insight": "Insight", "question": "Question",
              "action": "Action", "private": "Private"}


class EventView(ModalScreen[str | None]):
    """Dismisses with "note" (write a note on it), "edit" (edit it), or None."""

    DEFAULT_CSS = """
    EventView { align: center middle; }
    EventView > Vertical {
        width: 94%; max-width: 130; height: auto; max-height: 90%;
        border: thick $primary; background: $panel; padding: 0 1;
    }
    EventView #event-heading { color: $text-muted; padding: 1 2 0 2; height: auto; }
    EventView #event-scroll { height: auto; max-height: 100%; }
    EventView #event-text { padding: 1 2; text-style: bold; }
    EventView #event-notes-title { padding: 0 2; color: $text-accent; text-style: bold; }
    EventView #event-notes { padding: 0 2 1 4; height: auto; }
    EventView #event-hint { color: $text-muted; padding: 0 2; height: auto; }
    """
    BINDINGS = [
        Binding("escape,enter", "close", "Close"),
        Binding("up,k", "step(-1)", "Previous event"),
        Binding("down,j", "step(1)", "Next event"),
        Binding("n", "finish('note')", "Write a note on it"),
        Binding("e", "finish('edit')", "Edit event"),
        Binding("pageup", "scroll(-1)", "Scroll up", show=False),
        Binding("pagedown", "scroll(1)", "Scroll down", show=False),
    ]

    def __init__(self, event: Event, *, zone_name: str, notes: Callable[[Event], list[Note]],
                 names: dict[int, str], step: Callable[[int], Event | None],
                 when: Callable[[Event], str]) -> None:
        super().__init__()
        self.event = event
        self.zone_name = zone_name
        self.notes_of = notes
        self.names = names
        self.step_to = step
        self.when = when

    @guarded
    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="event-heading")
            # Above the text, so that a long message never pushes the keys off screen.
            yield Static("↑/↓ previous/next event · PgUp/PgDn scroll · n write a note on it · "
                         "e edit · Escape back to the timeline", id="event-hint", markup=False)
            with VerticalScroll(id="event-scroll"):
                yield Static(id="event-text")
                yield Static(id="event-notes-title")
                yield Static(id="event-notes")

    @guarded
    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        event = self.event
        where = single_line(event.source)
        if event.channel:
            where += " #" + single_line(event.channel).lstrip("#")
        parts = [f"{self.when(event)} {self.zone_name}", where]
        if event.actor:
            parts.append(single_line(event.actor) + (" (bot)" if event.is_bot else ""))
        kind = recognise(event)
        if kind:
            parts.append(kind_label(kind))
        if event.key_moment:
            parts.append("★ key moment")
        if event.facilitator_only:
            parts.append("[private]")
        # Everything here is the event's own text: Content, never markup.
        self.query_one("#event-heading", Static).update(Content(" · ".join(parts)))
        self.query_one("#event-text", Static).update(Content(visible(event.text)))
        notes = self.notes_of(event)
        title = f"Notes on this event ({len(notes)})" if notes else "No notes on this event yet · n writes one"
        self.query_one("#event-notes-title", Static).update(Content(title))
        lines = []
        for note in notes:
            who = self.names.get(note.participant_id or -1, "")
            line = f"{KIND_WORDS[note.kind]}: " + (f"{who}: " if who else "") + visible(note.text)
            if note.kind == "action" and (note.owner or note.due):
                details = [f"owner {note.owner}" if note.owner else "",
                           f"due {note.due.isoformat()}" if note.due else ""]
                line += " (" + ", ".join(d for d in details if d) + ")"
            lines.append("• " + line)
        self.query_one("#event-notes", Static).update(Content("\n".join(lines)))
        self.query_one("#event-scroll", VerticalScroll).scroll_home(animate=False)

    @guarded
    def action_step(self, delta: int) -> None:
        moved = self.step_to(delta)
        if moved is None or moved.id == self.event.id:
            self.app.bell()
            return
        self.event = moved
        self._show()

    @guarded
    def action_scroll(self, direction: int) -> None:
        scroll = self.query_one("#event-scroll", VerticalScroll)
        if direction < 0:
            scroll.scroll_page_up(animate=False)
        else:
            scroll.scroll_page_down(animate=False)

    @guarded
    def action_finish(self, what: str) -> None:
        self.dismiss(what)

    @guarded
    def action_close(self) -> None:
        self.dismiss(None)


__all__ = ["EventView"]
