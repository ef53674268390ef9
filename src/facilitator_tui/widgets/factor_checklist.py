"""The factors checklist: people, time, organisation and tooling, each ticked with a note.

It keeps the review looking at the whole system rather than at one person.
Space ticks a factor at once; its note is edited in a modal that saves as you type.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from facilitator_tui.models import FACTOR_GROUP_LABELS, FACTOR_GROUPS, Factor, ReviewFactor
from facilitator_tui.safe_text import single_line, visible


class FactorChecklist(Vertical):
    DEFAULT_CSS = """
    FactorChecklist { height: 1fr; }
    FactorChecklist #factor-list { height: 1fr; border: none; }
    FactorChecklist #factor-description {
        height: auto; max-height: 3; padding: 0 1; color: $text-muted; text-style: italic;
    }
    """
    BINDINGS = [
        Binding("space", "toggle", "Tick factor"),
        Binding("n", "edit_note", "Factor note"),
        Binding("a", "add_factor", "Add factor", show=False),
    ]

    def __init__(self, service, review_id: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.service = service
        self.review_id = review_id
        self.catalog: list[Factor] = []
        self.states: dict[str, ReviewFactor] = {}

    def compose(self) -> ComposeResult:
        yield OptionList(id="factor-list")
        yield Static("", id="factor-description", markup=False)

    def on_mount(self) -> None:
        self.refresh_data()

    def focus_main(self) -> None:
        self.query_one("#factor-list", OptionList).focus()

    # -- data ------------------------------------------------------------------------

    def refresh_data(self) -> None:
        self.catalog = self.service.factor_catalog(self.review_id)
        self.states = self.service.review_factors(self.review_id)
        self._rebuild()

    def ticked_count(self) -> int:
        return sum(1 for s in self.states.values() if s.ticked)

    def _line(self, factor: Factor) -> Text:
        state = self.states.get(factor.id)
        ticked = bool(state and state.ticked)
        line = Text("☑ " if ticked else "☐ ", style="bold" if ticked else "")
        line.append(visible(factor.name), style="bold" if ticked else "")
        if state and state.note.strip():
            line.append("\u00a0\u00a0— " + single_line(state.note), style="italic")
        return line

    def _rebuild(self) -> None:
        if not self.children:  # not composed yet
            return
        listing = self.query_one("#factor-list", OptionList)
        highlighted = listing.highlighted_option.id if listing.highlighted_option else None
        listing.clear_options()
        options: list[Option] = []
        for group in FACTOR_GROUPS:
            members = [f for f in self.catalog if f.group == group]
            if not members:
                continue
            options.append(Option(Text(FACTOR_GROUP_LABELS[group].upper(), style="bold underline"),
                                  id=f"group:{group}", disabled=True))
            options.extend(Option(self._line(f), id=f.id) for f in members)
        listing.add_options(options)
        target = highlighted if highlighted and not highlighted.startswith("group:") else None
        if target is None and len(options) > 1:
            target = options[1].id
        if target is not None:
            try:
                listing.highlighted = listing.get_option_index(target)
            except Exception:
                pass
        self.border_title = f"Factors · {self.ticked_count()} ticked"
        self._describe()

    def highlighted_factor(self) -> Factor | None:
        option = self.query_one("#factor-list", OptionList).highlighted_option
        if option is None or option.id is None or option.id.startswith("group:"):
            return None
        return next((f for f in self.catalog if f.id == option.id), None)

    @on(OptionList.OptionHighlighted, "#factor-list")
    def _describe(self) -> None:
        factor = self.highlighted_factor()
        text = ""
        if factor is not None:
            text = visible(factor.description) or ("Your own factor." if factor.custom else "")
        self.query_one("#factor-description", Static).update(text)

    def _update_one(self, factor_id: str) -> None:
        listing = self.query_one("#factor-list", OptionList)
        factor = next(f for f in self.catalog if f.id == factor_id)
        listing.replace_option_prompt(factor_id, self._line(factor))
        self.border_title = f"Factors · {self.ticked_count()} ticked"

    # -- actions ---------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#factor-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit_note()

    def action_toggle(self) -> None:
        factor = self.highlighted_factor()
        if factor is None:
            return
        self.states[factor.id] = self.service.toggle_factor(self.review_id, factor.id)
        self._update_one(factor.id)

    def action_edit_note(self) -> None:
        factor = self.highlighted_factor()
        if factor is None:
            return
        from facilitator_tui.screens.text_entry import TextEntry

        state = self.states.get(factor.id)

        def save(text: str) -> None:
            ticked = True if text.strip() else None  # writing a note about it means it mattered
            self.states[factor.id] = self.service.set_factor(
                self.review_id, factor.id, note=text, ticked=ticked)
            if self.is_attached:
                self._update_one(factor.id)

        self.app.push_screen(TextEntry(
            f"{factor.name}: what did it look like in this incident?",
            value=state.note if state else "", multiline=True, on_change=save,
        ))

    def action_add_factor(self) -> None:
        from facilitator_tui.screens.text_entry import TextEntry

        current = self.highlighted_factor()
        entry = TextEntry(
            "Add a factor of your own",
            placeholder="e.g. Vendor status page lagged behind reality",
            choices=[(FACTOR_GROUP_LABELS[g], g) for g in FACTOR_GROUPS],
            choice=current.group if current else "organisation",
        )

        def added(name: str | None) -> None:
            if not name or not name.strip():
                return
            try:
                factor = self.service.add_custom_factor(self.review_id, name.strip(),
                                                        entry.chosen or "organisation")
            except ValueError as exc:
                self.app.say(str(exc), error=True)
                return
            self.refresh_data()
            listing = self.query_one("#factor-list", OptionList)
            listing.highlighted = listing.get_option_index(factor.id)
            self.app.say("Factor added and ticked.")

        self.app.push_screen(entry, added)
