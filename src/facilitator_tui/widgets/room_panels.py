"""The mirror's panels: the question, the timeline around the highlighted event, recent notes,
the factors ticked, and the ground rules while they are up.

Each panel is shown a `RoomState` (calls down from the mirror's screen) and draws
only what is in it; every text from the database is drawn literally, as Content.
Rows are a fixed set of widgets whose text changes, so a new reading rebuilds
nothing and the window never flickers in front of the room.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from facilitator_tui.content import ContentError, GroundRules, load_ground_rules
from facilitator_tui.mirror_feed import MirrorFeed, RoomState
from facilitator_tui.models import PHASE_LABELS, THEME_LABELS, Event, Note
from facilitator_tui.safe_text import single_line, visible
from facilitator_tui.widgets.guard import guarded

KIND_TAGS = {"observation": ("Observed", "bold $text-muted"), "insight": ("Insight", "bold $text-success"),
             "question": ("Question", "bold $text-accent"), "action": ("Action", "bold $text-warning")}


class QuestionCard(Vertical):
    """The facilitator's current question, as large as the terminal allows: bold, centred, alone."""

    DEFAULT_CSS = """
    QuestionCard {
        height: auto; max-height: 45%; border: round $accent; padding: 1 2;
        border-title-color: $text-accent; border-title-style: bold;
        border-subtitle-color: $text-muted;
    }
    QuestionCard #question-text { width: 1fr; text-align: center; text-style: bold; }
    QuestionCard.-empty #question-text { text-style: italic; color: $text-muted; }
    """

    @guarded
    def compose(self) -> ComposeResult:
        yield Static(id="question-text")

    def show(self, state: RoomState) -> None:
        prompt = state.prompt
        text = self.query_one("#question-text", Static)
        self.set_class(prompt is None, "-empty")
        if prompt is None:
            self.border_title = Content("Question")
            self.border_subtitle = Content("")
            text.update(Content("The facilitator's question shows here."))
            return
        self.border_title = Content(f"Question · {PHASE_LABELS[state.review.current_phase]}")
        self.border_subtitle = Content(THEME_LABELS.get(prompt.theme, ""))
        text.update(Content(visible(prompt.text)))


def event_line(event: Event, state: RoomState) -> Content:
    """One event: its time in the review's zone, who, and what."""
    when = event.at.astimezone(state.review.zone).strftime("%H:%M")
    parts: list[str | tuple[str, str]] = [(when, "$text-muted"), " "]
    if event.key_moment:
        parts.append(("★ ", "bold $text-warning"))
    if event.actor:
        parts += [(single_line(event.actor), "bold $text-accent"), " "]
    parts.append(visible(event.text) if event.id == state.current_event_id else single_line(event.text))
    return Content.assemble(*parts)


class TimelineExcerpt(VerticalScroll, can_focus=False):
    """The public timeline around the event the facilitator highlights, kept in view."""

    DEFAULT_CSS = """
    TimelineExcerpt {
        border: round $primary 60%; border-title-color: $text-primary; padding: 0 1;
        scrollbar-size-vertical: 0;
    }
    TimelineExcerpt .event-row { height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    TimelineExcerpt .event-row.-current {
        height: auto; text-wrap: wrap; background: $accent 25%; text-style: bold;
    }
    TimelineExcerpt #timeline-empty { color: $text-muted; text-style: italic; }
    """
    ROWS = 2 * MirrorFeed.EVENTS_AROUND + 1

    @guarded
    def compose(self) -> ComposeResult:
        yield Static("No events on the timeline yet.", id="timeline-empty")
        for n in range(self.ROWS):
            yield Static(classes="event-row", id=f"event-row-{n}")

    @guarded
    def on_mount(self) -> None:
        self.border_title = Content("Timeline")

    def show(self, state: RoomState) -> None:
        rows = list(self.query(".event-row").results(Static))
        events = state.events
        self.query_one("#timeline-empty").display = not events
        current: Static | None = None
        for n, row in enumerate(rows):
            event = events[n] if n < len(events) else None
            row.display = event is not None
            if event is None:
                continue
            row.update(event_line(event, state))
            is_current = event.id == state.current_event_id
            row.set_class(is_current, "-current")
            if is_current:
                current = row
        self.current_row = current
        self.call_after_refresh(self._keep_in_view)

    @guarded
    def _keep_in_view(self) -> None:
        row = getattr(self, "current_row", None)
        if row is not None:
            self.scroll_to_widget(row, animate=False, center=True, immediate=True)
        else:
            self.scroll_home(animate=False, immediate=True)


def note_line(note: Note, state: RoomState) -> Content:
    tag, style = KIND_TAGS.get(note.kind, ("Note", "bold"))
    parts: list[str | tuple[str, str]] = [(tag, style), "  ", visible(note.text)]
    who = state.names.get(note.participant_id) if note.participant_id else None
    if who:
        parts += [("  — " + single_line(who), "$text-muted")]
    if note.kind == "action":
        extra = [f"owner {single_line(note.owner)}" if note.owner else "",
                 f"due {note.due:%d %b}" if note.due else ""]
        if any(extra):
            parts.append(("  · " + " · ".join(e for e in extra if e), "$text-muted"))
    return Content.assemble(*parts)


class RecentNotes(Vertical):
    """The notes saved last, newest first."""

    DEFAULT_CSS = """
    RecentNotes {
        height: 1fr; border: round $primary 60%; border-title-color: $text-primary;
        padding: 0 1; overflow: hidden hidden;
    }
    RecentNotes .note-row { height: auto; margin-bottom: 0; }
    RecentNotes #notes-empty { color: $text-muted; text-style: italic; }
    """

    @guarded
    def compose(self) -> ComposeResult:
        yield Static("No notes yet.", id="notes-empty")
        for n in range(MirrorFeed.NOTES):
            yield Static(classes="note-row", id=f"note-row-{n}")

    @guarded
    def on_mount(self) -> None:
        self.border_title = Content("Notes, newest first")

    def show(self, state: RoomState) -> None:
        self.query_one("#notes-empty").display = not state.notes
        for n, row in enumerate(self.query(".note-row").results(Static)):
            note = state.notes[n] if n < len(state.notes) else None
            row.display = note is not None
            if note is not None:
                row.update(note_line(note, state))


class TickedFactors(Static):
    """The contributing factors ticked so far, as many to a line as fit, never split from their tick."""

    DEFAULT_CSS = """
    TickedFactors {
        height: auto; max-height: 40%; border: round $primary 60%; border-title-color: $text-primary;
        padding: 0 1;
    }
    """
    GAP = "   "

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.names: tuple[str, ...] = ()

    @guarded
    def on_mount(self) -> None:
        self.border_title = Content("Factors")

    @guarded
    def on_resize(self) -> None:
        self._draw()

    def show(self, state: RoomState) -> None:
        if state.factors != self.names or not self.names:
            self.names = state.factors
            self._draw()

    def _draw(self) -> None:
        if not self.names:
            self.update(Content.styled("None ticked yet.", "italic $text-muted"))
            return
        width = max(10, self.content_region.width)
        lines: list[Content] = []
        line = Content("")
        for name in self.names:
            entry = Content.assemble(("✓ ", "bold $text-success"), single_line(name))
            if line.cell_length and line.cell_length + len(self.GAP) + entry.cell_length > width:
                lines.append(line)
                line = Content("")
            line = line + Content(self.GAP) + entry if line.cell_length else entry
        lines.append(line)
        self.update(Content("\n").join(lines))


class RulesCard(VerticalScroll, can_focus=False):
    """The ground rules, large and calm, while the facilitator shows them."""

    DEFAULT_CSS = """
    RulesCard { align: center middle; scrollbar-size-vertical: 0; }
    RulesCard #rules-box {
        width: 100%; max-width: 90; height: auto; padding: 1 4; margin: 1 2;
        border: tall $primary; background: $surface;
    }
    RulesCard #rules-heading {
        width: 100%; text-align: center; text-style: bold; color: $text-primary;
        padding: 1 0; border-bottom: heavy $primary; margin-bottom: 1;
    }
    RulesCard .rule-row { height: auto; margin-top: 1; }
    RulesCard .rule-number { width: 4; color: $text-primary; text-style: bold; }
    RulesCard .rule { width: 1fr; text-style: bold; }
    RulesCard #rules-end { width: 100%; text-align: center; text-style: italic; color: $text-muted;
                           margin-top: 2; }
    """

    @guarded
    def compose(self) -> ComposeResult:
        rules = self._rules()
        with Vertical(id="rules-box"):
            yield Static(Content(visible(rules.title).upper()), id="rules-heading")
            for number, rule in enumerate(rules.rules, start=1):
                with Horizontal(classes="rule-row"):
                    yield Static(Content(f"{number}."), classes="rule-number")
                    yield Static(Content(visible(rule)), classes="rule")
            yield Static(Content(visible(rules.closing)), id="rules-end")

    @staticmethod
    def _rules() -> GroundRules:
        try:
            return load_ground_rules()
        except ContentError:
            return GroundRules(title="Ground rules", rules=["The facilitator reads them out."], closing="")
