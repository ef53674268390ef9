"""The prompt deck: one curious question at a time, large enough to read on a shared screen.

The deck follows the meeting's phase unless the facilitator picks a phase or
"all"; it can also narrow to a theme, to starred or to not-yet-asked questions.
Marking a question asked or starred is saved at once.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from facilitator_tui.models import PHASE_LABELS, PHASES, THEME_LABELS, THEMES, Prompt, PromptState
from facilitator_tui.safe_text import visible

FOLLOW = "follow"
ALL = "all"


class PromptDeck(Vertical, can_focus=True):
    """Step through the deck; mark questions asked; star the good ones; add your own."""

    DEFAULT_CSS = """
    PromptDeck { height: 1fr; padding: 0 1; }
    PromptDeck #prompt-scroll { height: 1fr; align: center middle; }
    PromptDeck #prompt-text {
        width: 100%; height: auto; padding: 1 2;
        text-style: bold; text-align: center; content-align: center middle;
        color: $text;
    }
    PromptDeck.-asked #prompt-text { color: $text-muted; text-style: none; }
    PromptDeck #prompt-theme { height: auto; text-align: center; color: $accent; }
    PromptDeck #prompt-counter { height: 1; color: $text-muted; text-align: center; }
    """
    BINDINGS = [
        Binding("right,j", "next", "Next question"),
        Binding("left,k", "previous", "Previous", show=False),
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
        def __init__(self, prompt: Prompt | None) -> None:
            super().__init__()
            self.prompt = prompt

    def __init__(self, service, review_id: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.service = service
        self.review_id = review_id
        self.meeting_phase = service.review(review_id).current_phase
        self.phase_filter = FOLLOW
        self.theme_filter = ALL
        self.starred_only = False
        self.unasked_only = False
        self.deck: list[Prompt] = []
        self.states: dict[str, PromptState] = {}
        self.position = 0
        self._current_id: str | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="prompt-scroll"):
            yield Static("", id="prompt-text", markup=False)
            yield Static("", id="prompt-theme", markup=False)
        yield Static("", id="prompt-counter", markup=False)

    def on_mount(self) -> None:
        self.refresh_data()

    # -- calls down ------------------------------------------------------------------

    def focus_main(self) -> None:
        self.focus()

    def refresh_data(self) -> None:
        self.deck = self.service.prompt_deck(self.review_id)
        self.states = self.service.prompt_states(self.review_id)
        self._show()

    def set_phase(self, phase: str) -> None:
        if phase != self.meeting_phase:
            self.meeting_phase = phase
            if self.phase_filter == FOLLOW:
                self.position = 0
                self._current_id = None
                self._show()

    @property
    def current_prompt(self) -> Prompt | None:
        shown = self.filtered()
        return shown[min(self.position, len(shown) - 1)] if shown else None

    # -- filtering -------------------------------------------------------------------

    @property
    def active_phase(self) -> str | None:
        if self.phase_filter == FOLLOW:
            return self.meeting_phase
        return None if self.phase_filter == ALL else self.phase_filter

    def filtered(self) -> list[Prompt]:
        phase = self.active_phase
        out = []
        for prompt in self.deck:
            state = self.states.get(prompt.id)
            if phase and phase not in prompt.phases:
                continue
            if self.theme_filter != ALL and prompt.theme != self.theme_filter:
                continue
            if self.starred_only and not (state and state.starred):
                continue
            if self.unasked_only and state and state.asked_at:
                continue
            out.append(prompt)
        return out

    def _show(self) -> None:
        if not self.children:  # not composed yet
            return
        shown = self.filtered()
        if self._current_id is not None:
            ids = [p.id for p in shown]
            if self._current_id in ids:
                self.position = ids.index(self._current_id)
        self.position = max(0, min(self.position, len(shown) - 1)) if shown else 0
        prompt = shown[self.position] if shown else None
        text = self.query_one("#prompt-text", Static)
        theme = self.query_one("#prompt-theme", Static)
        if prompt is None:
            text.update("No questions match these filters. Press t or f to widen them.")
            theme.update("")
            self.remove_class("-asked")
        else:
            state = self.states.get(prompt.id)
            asked = bool(state and state.asked_at)
            marks = ("★ " if state and state.starred else "") + ("✓ " if asked else "")
            text.update(Text(marks + visible(prompt.text)))
            phases = ", ".join(PHASE_LABELS[p] for p in prompt.phases)
            mine = " · your question" if prompt.custom else ""
            theme.update(f"{THEME_LABELS[prompt.theme]}{mine}\n{phases}")
            self.set_class(asked, "-asked")
        asked_n = sum(1 for p in shown if (s := self.states.get(p.id)) and s.asked_at)
        starred_n = sum(1 for p in shown if (s := self.states.get(p.id)) and s.starred)
        counter = f"Question {self.position + 1 if shown else 0} of {len(shown)} · {asked_n} asked"
        if starred_n:
            counter += f" · ★ {starred_n}"
        self.query_one("#prompt-counter", Static).update(counter + " · ←/→ step, space asked")
        self.border_title = self._title()
        new_id = prompt.id if prompt else None
        if new_id != self._current_id or new_id is None:
            self._current_id = new_id
            self.post_message(self.PromptChanged(prompt))

    def _title(self) -> str:
        parts = ["Prompts"]
        if self.phase_filter == FOLLOW:
            parts.append(f"{PHASE_LABELS[self.meeting_phase]} (following the meeting)")
        elif self.phase_filter == ALL:
            parts.append("all phases")
        else:
            parts.append(PHASE_LABELS[self.phase_filter])
        if self.theme_filter != ALL:
            parts.append(THEME_LABELS[self.theme_filter])
        if self.starred_only:
            parts.append("★ only")
        if self.unasked_only:
            parts.append("not yet asked")
        return " · ".join(parts)

    # -- actions ---------------------------------------------------------------------

    def _step(self, delta: int) -> None:
        shown = self.filtered()
        if not shown:
            return
        self.position = (self.position + delta) % len(shown)
        self._current_id = None
        self._show()

    def action_next(self) -> None:
        self._step(1)

    def action_previous(self) -> None:
        self._step(-1)

    def action_toggle_asked(self) -> None:
        prompt = self.current_prompt
        if prompt is None:
            return
        state = self.service.toggle_asked(self.review_id, prompt.id)
        self.states[prompt.id] = state
        self._current_id = prompt.id
        self._show()

    def action_toggle_star(self) -> None:
        prompt = self.current_prompt
        if prompt is None:
            return
        self.states[prompt.id] = self.service.toggle_star(self.review_id, prompt.id)
        self._current_id = prompt.id
        self._show()

    def _refilter(self) -> None:
        # _show keeps the same question in view when the new filter still holds it.
        self._show()

    def action_cycle_theme(self) -> None:
        order = [ALL, *THEMES]
        self.theme_filter = order[(order.index(self.theme_filter) + 1) % len(order)]
        self._refilter()

    def action_cycle_phase(self) -> None:
        order = [FOLLOW, *PHASES, ALL]
        self.phase_filter = order[(order.index(self.phase_filter) + 1) % len(order)]
        self._refilter()

    def action_toggle_starred_only(self) -> None:
        self.starred_only = not self.starred_only
        self._refilter()

    def action_toggle_unasked_only(self) -> None:
        self.unasked_only = not self.unasked_only
        self._refilter()

    def action_add_prompt(self) -> None:
        from facilitator_tui.screens.text_entry import TextEntry

        current = self.current_prompt
        theme = self.theme_filter if self.theme_filter != ALL else (
            current.theme if current else THEMES[0])
        phase = self.active_phase
        entry = TextEntry(
            "Add your own question",
            placeholder="What did the first page tell you about where to look?",
            choices=[(THEME_LABELS[t], t) for t in THEMES], choice=theme,
            hint="Ask how and what; Enter saves · Escape cancels",
        )

        def added(text: str | None) -> None:
            if not text or not text.strip():
                return
            try:
                prompt = self.service.add_custom_prompt(
                    self.review_id, text, entry.chosen or theme, [phase] if phase else None)
            except ValueError as exc:
                self.app.say(str(exc), error=True)
                return
            self.deck.append(prompt)
            self._current_id = prompt.id
            self._show()
            self.app.say("Question added to the deck.")
            self.app.hint_wording(prompt.text)

        self.app.push_screen(entry, added)

    def action_list_prompts(self) -> None:
        from facilitator_tui.screens.prompt_list import PromptList

        shown = self.filtered()

        def picked(index: int | None) -> None:
            if index is not None and 0 <= index < len(shown):
                self._current_id = shown[index].id
                self._show()

        self.app.push_screen(PromptList(shown, self.states, self.position), picked)
