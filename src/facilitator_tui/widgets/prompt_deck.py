"""The prompt deck: one curious question at a time, large enough to read on a shared screen.

The deck follows the meeting's phase unless the facilitator picks a phase or
"all"; it can also narrow to a theme, to starred or to not-yet-asked questions.
When the highlighted event is of a known kind (a page, a handoff, a rollback...,
see `event_kinds.py`), the questions written for that kind come first, marked.
Marking a question asked or starred is saved at once. Filters and the current
question are kept per review for as long as the app runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from textual.app import App
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from facilitator_tui.errors import FacilitatorError, one_line
from facilitator_tui.event_kinds import kind_label, recognise
from facilitator_tui.models import (
    PHASE_LABELS,
    PHASES,
    THEME_LABELS,
    THEMES,
    Event,
    Prompt,
    PromptState,
)
from facilitator_tui.safe_text import single_line, visible
from facilitator_tui.widgets.asks import AskPromptPick, AskText, Choice
from facilitator_tui.widgets.component_styles import ComponentStyle, ComponentStyles
from facilitator_tui.widgets.guard import guarded, guarded_callback

if TYPE_CHECKING:
    from facilitator_tui.service import ReviewService

FOLLOW = "follow"
ALL = "all"
ANY_PHASE = "any"
_NOTHING_YET = object()  # no PromptChanged posted so far
# Full styles, not partial ones: $text is an "auto" colour that is only right when worked
# out against the deck's own background (else it is white on a light theme).
QUESTION = ComponentStyle("text", bold=True)
ASKED = ComponentStyle("text-muted")
THEME = ComponentStyle("accent")
FITS = ComponentStyle("warning", bold=True)
EMPTY = ComponentStyle("text-muted", italic=True)


@dataclass
class DeckView:
    """Where the facilitator is in the deck: the filters and the question in view."""

    phase_filter: str = FOLLOW
    theme_filter: str = ALL
    starred_only: bool = False
    unasked_only: bool = False
    prompt_id: str | None = None


# One view per review for the app's lifetime, so leaving and reopening a review keeps it.
_VIEWS: WeakKeyDictionary[App, dict[int, DeckView]] = WeakKeyDictionary()


class PromptDeck(Widget, can_focus=True):
    """Step through the deck; mark questions asked; star the good ones; add your own.

    One widget that draws the question, its theme and phases itself, with the
    counter in the border's subtitle: fewer widgets, a faster first frame.
    """

    ALLOW_MAXIMIZE = True
    DEFAULT_CSS = """
    PromptDeck {
        height: 1fr; padding: 1 3;
        content-align: center middle; text-align: center;
        border: round $panel-lighten-2;
        border-subtitle-color: $text-muted; border-subtitle-align: center;
    }
    """
    BINDINGS = [
        Binding("right,l,j", "next", "Next question"),
        Binding("left,h,k", "previous", "Previous question", show=False),
        Binding("space,enter", "toggle_asked", "Asked"),
        Binding("s", "toggle_star", "Star"),
        Binding("t", "cycle_theme", "Theme filter", show=False),
        Binding("f", "cycle_phase", "Phase filter", show=False),
        Binding("asterisk", "toggle_starred_only", "Starred only", show=False),
        Binding("u", "toggle_unasked_only", "Not yet asked only", show=False),
        Binding("a", "add_prompt", "Add question"),
        Binding("L", "list_prompts", "List questions", show=False),
    ]

    class PromptChanged(Message):
        """The question in view changed (None when the filters leave no question)."""

        def __init__(self, prompt: Prompt | None) -> None:
            super().__init__()
            self.prompt = prompt

    class PromptStateChanged(Message):
        """A question was marked asked or not, starred or not; it is already saved."""

        def __init__(self, prompt: Prompt, state: PromptState) -> None:
            super().__init__()
            self.prompt = prompt
            self.state = state

    def __init__(self, service: ReviewService, review_id: int, *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.service = service
        self.review_id = review_id
        self.meeting_phase: str = service.review(review_id).current_phase
        self.view = DeckView()
        self.deck: list[Prompt] = []
        self.states: dict[str, PromptState] = {}
        self.position = 0  # where to land when the question in view leaves the filter
        self.event_kind: str | None = None  # the kind of the highlighted event, if known
        self._announced: object = _NOTHING_YET
        self._shown: Prompt | None = None
        self._ready = False
        self.component_styles = ComponentStyles(self)
        self._load()

    @guarded
    def on_mount(self) -> None:
        # The deck was read in __init__; the view kept for this review (if any) wins.
        self.view = _VIEWS.setdefault(self.app, {}).setdefault(self.review_id, self.view)
        self._ready = True
        self._show()

    def render(self) -> Content:
        prompt = self._shown
        if prompt is None:
            return Content.styled(
                "No questions match these filters. Press t, f, * or u to widen them.",
                self.component_styles.visual(EMPTY))
        state = self.states.get(prompt.id)
        asked = bool(state and state.asked_at)
        marks = ("★ " if state and state.starred else "") + ("✓ " if asked else "")
        question = self.component_styles.visual(ASKED if asked else QUESTION)
        mine = " · your question" if prompt.custom else ""
        if self.event_kind and self.event_kind in prompt.kinds:
            # Written for the moment on the timeline: that, not its phases, is what to show.
            return Content.assemble(
                (f"◆ For this moment: {kind_label(self.event_kind)}\n\n", self.component_styles.visual(FITS)),
                (marks + visible(prompt.text), question), "\n\n",
                (THEME_LABELS[prompt.theme], self.component_styles.visual(THEME)),
            )
        phases = ", ".join(PHASE_LABELS[p] for p in prompt.phases)
        return Content.assemble(
            (marks + visible(prompt.text), question), "\n\n",
            (f"{THEME_LABELS[prompt.theme]}{mine}\n{phases}", self.component_styles.visual(THEME)),
        )

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.component_styles.forget()

    # -- calls down ------------------------------------------------------------------

    def focus_main(self) -> None:
        self.focus()

    def refresh_data(self) -> None:
        """Reload deck and states (another process may have changed them); keep the place."""
        self._load()
        self._show()

    def _load(self) -> None:
        try:
            self.deck = self.service.prompt_deck(self.review_id)
            self.states = self.service.prompt_states(self.review_id)
        except FacilitatorError as exc:
            self._tell(f"Could not load the questions: {one_line(exc)}", error=True)

    def set_phase(self, phase: str) -> None:
        """The meeting moved to `phase`; a deck following the meeting starts its questions."""
        if phase not in PHASES or phase == self.meeting_phase:
            return
        self.meeting_phase = phase
        if self.view.phase_filter == FOLLOW:
            self.position, self.view.prompt_id = 0, None
            self._show()

    def set_event(self, event: Event | None) -> None:
        """The timeline's highlight moved: offer the questions that fit its kind first."""
        kind = recognise(event) if event is not None else None
        if kind == self.event_kind:
            return
        self.event_kind = kind
        fitting = self._fitting()
        if fitting:
            self.position, self.view.prompt_id = 0, fitting[0].id
        elif self.view.prompt_id not in {p.id for p in self.filtered()}:
            self.position = 0
        self._show()

    @property
    def current_prompt(self) -> Prompt | None:
        shown = self.filtered()
        return shown[self._index(shown)] if shown else None

    # -- filtering -------------------------------------------------------------------

    @property
    def theme_filter(self) -> str:
        return self.view.theme_filter

    @property
    def phase_filter(self) -> str:
        return self.view.phase_filter

    @property
    def active_phase(self) -> str | None:
        """The phase the deck shows, or None for every phase."""
        if self.view.phase_filter == FOLLOW:
            return self.meeting_phase
        return None if self.view.phase_filter == ALL else self.view.phase_filter

    def filtered(self) -> list[Prompt]:
        """The questions to step through: those for the highlighted event's kind first."""
        fitting = self._fitting()
        return fitting + [p for p in self._passing() if not p.kinds]

    def _fitting(self) -> list[Prompt]:
        kind = self.event_kind
        return [p for p in self._passing() if kind and kind in p.kinds] if kind else []

    def _passing(self) -> list[Prompt]:
        """The deck through the facilitator's filters (phase, theme, starred, asked)."""
        view, phase = self.view, self.active_phase
        out = []
        for prompt in self.deck:
            state = self.states.get(prompt.id)
            if phase and phase not in prompt.phases:
                continue
            if view.theme_filter != ALL and prompt.theme != view.theme_filter:
                continue
            if view.starred_only and not (state and state.starred):
                continue
            if view.unasked_only and state and state.asked_at:
                continue
            out.append(prompt)
        return out

    def _index(self, shown: list[Prompt]) -> int:
        ids = [p.id for p in shown]
        if self.view.prompt_id in ids:
            return ids.index(self.view.prompt_id)
        return max(0, min(self.position, len(shown) - 1))

    # -- showing ---------------------------------------------------------------------

    def _show(self) -> None:
        if not self._ready:
            return
        shown = self.filtered()
        prompt = None
        if shown:
            self.position = self._index(shown)
            prompt = shown[self.position]
            self.view.prompt_id = prompt.id
        self._shown = prompt
        state = self.states.get(prompt.id) if prompt else None
        self.set_class(bool(state and state.asked_at), "-asked")
        self.border_title = Content(self._title())
        self.border_subtitle = Content(self._counter(shown))
        self.refresh()
        new_id = prompt.id if prompt else None
        if new_id != self._announced:
            self._announced = new_id
            self.post_message(self.PromptChanged(prompt))

    def _counter(self, shown: list[Prompt]) -> str:
        asked = sum(1 for p in shown if (s := self.states.get(p.id)) and s.asked_at)
        starred = sum(1 for p in shown if (s := self.states.get(p.id)) and s.starred)
        where = self.position + 1 if shown else 0
        counter = f"Question {where} of {len(shown)} · {asked} asked"
        fitting = sum(1 for p in shown if self.event_kind in p.kinds) if self.event_kind else 0
        if fitting:
            counter += f" · first {fitting} for this moment"
        if starred:
            counter += f" · ★ {starred}"
        return counter + " · ←/→ step, space asked"

    def _title(self) -> str:
        view = self.view
        parts = ["Prompts"]
        if self.event_kind and self._fitting():
            parts.append(f"◆ {kind_label(self.event_kind)}")
        if view.phase_filter == FOLLOW:
            parts.append(f"{PHASE_LABELS[self.meeting_phase]} (following the meeting)")
        elif view.phase_filter == ALL:
            parts.append("all phases")
        else:
            parts.append(PHASE_LABELS[view.phase_filter])
        if view.theme_filter != ALL:
            parts.append(THEME_LABELS[view.theme_filter])
        if view.starred_only:
            parts.append("★ only")
        if view.unasked_only:
            parts.append("not yet asked")
        return " · ".join(parts)

    def _tell(self, message: str, *, error: bool = False) -> None:
        self.notify(single_line(message), severity="error" if error else "information",
                    timeout=4 if error else 2.5, markup=False)

    # -- actions ---------------------------------------------------------------------

    def _step(self, delta: int) -> None:
        shown = self.filtered()
        if shown:
            self.position = (self._index(shown) + delta) % len(shown)
            self.view.prompt_id = shown[self.position].id
            self._show()

    @guarded
    def action_next(self) -> None:
        self._step(1)

    @guarded
    def action_previous(self) -> None:
        self._step(-1)

    def _mark(self, verb) -> None:
        prompt = self.current_prompt
        if prompt is None:
            return
        try:
            state = verb(self.review_id, prompt.id)
        except FacilitatorError as exc:
            self._tell(f"Not saved: {one_line(exc)}", error=True)
            return
        self.states[prompt.id] = state
        self._show()
        self.post_message(self.PromptStateChanged(prompt, state))

    @guarded
    def action_toggle_asked(self) -> None:
        self._mark(self.service.toggle_asked)

    @guarded
    def action_toggle_star(self) -> None:
        self._mark(self.service.toggle_star)

    def _refilter(self) -> None:
        # The question in view stays when the new filter still holds it; else the first one.
        if self.view.prompt_id not in {p.id for p in self.filtered()}:
            self.position = 0
        self._show()

    @guarded
    def action_cycle_theme(self) -> None:
        order = [ALL, *THEMES]
        self.view.theme_filter = order[(order.index(self.view.theme_filter) + 1) % len(order)]
        self._refilter()

    @guarded
    def action_cycle_phase(self) -> None:
        order = [FOLLOW, *PHASES, ALL]
        self.view.phase_filter = order[(order.index(self.view.phase_filter) + 1) % len(order)]
        self._refilter()

    @guarded
    def action_toggle_starred_only(self) -> None:
        self.view.starred_only = not self.view.starred_only
        self._refilter()

    @guarded
    def action_toggle_unasked_only(self) -> None:
        self.view.unasked_only = not self.view.unasked_only
        self._refilter()

    @guarded
    def action_add_prompt(self) -> None:
        current = self.current_prompt
        theme = self.view.theme_filter if self.view.theme_filter != ALL else (
            current.theme if current else THEMES[0])
        phase = self.active_phase or self.meeting_phase
        entry = AskText(
            "Add your own question",
            placeholder="What did the first page tell you about where to look?",
            choices=[
                Choice("theme", "Theme", [(THEME_LABELS[t], t) for t in THEMES], theme),
                Choice("phase", "Phase", [*((PHASE_LABELS[p], p) for p in PHASES),
                                          ("Any phase", ANY_PHASE)], phase),
            ],
            hint="Ask how and what, not who or why · Enter saves · Escape cancels",
        )

        def added(text: str | None) -> None:
            if text is None or not text.strip():
                return
            picked = entry.picked.get("phase", phase)
            try:
                prompt = self.service.add_custom_prompt(
                    self.review_id, text, entry.picked.get("theme", theme),
                    None if picked == ANY_PHASE else [picked])
            except FacilitatorError as exc:
                self._tell(f"Question not added: {one_line(exc)}", error=True)
                return
            self.deck.append(prompt)
            if prompt.id in {p.id for p in self.filtered()}:
                self.view.prompt_id = prompt.id
                self._tell("Question added to the deck.")
            else:
                self._tell("Question added; the current filters hide it (t, f, * or u widen them).")
            self._show()
            hint = getattr(self.app, "hint_wording", None)
            if callable(hint):
                hint(prompt.text)

        entry.answer = guarded_callback(self, added)
        self.post_message(entry)

    @guarded
    def action_list_prompts(self) -> None:
        shown = self.filtered()
        if not shown:
            self._tell("No questions match these filters.")
            return

        def picked(index: int | None) -> None:
            if index is not None and 0 <= index < len(shown):
                self.view.prompt_id = shown[index].id
                self._show()

        self.post_message(AskPromptPick(shown, self.states, self._index(shown),
                                        answer=guarded_callback(self, picked)))


__all__ = ["ALL", "FOLLOW", "DeckView", "PromptDeck"]
