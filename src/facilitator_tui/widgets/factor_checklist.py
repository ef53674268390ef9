"""The factors checklist: people, time, organisation and tooling, each ticked with a note.

It keeps the review looking at the whole system rather than at one person.
Space ticks a factor at once; its note is edited in a modal that saves as you
type; writing a note about a factor ticks it, since it evidently mattered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from facilitator_tui.errors import FacilitatorError, one_line
from facilitator_tui.models import (
    FACTOR_GROUP_LABELS,
    FACTOR_GROUPS,
    Factor,
    ReviewFactor,
)
from facilitator_tui.safe_text import single_line
from facilitator_tui.widgets.asks import AskText, Choice
from facilitator_tui.widgets.guard import guarded, guarded_callback
from facilitator_tui.widgets.row_list import Row, RowList

if TYPE_CHECKING:
    from facilitator_tui.service import ReviewService

GROUP_PREFIX = "group:"


class FactorChecklist(Vertical):
    """The factor catalog as a checklist; focus_main() focuses its list."""

    ALLOW_MAXIMIZE = True
    DEFAULT_CSS = """
    FactorChecklist { height: 1fr; }
    FactorChecklist #factor-list { height: 1fr; padding: 0 0 0 1; }
    FactorChecklist #factor-description {
        height: auto; max-height: 3; padding: 0 1; color: $text-muted; text-style: italic;
    }
    """
    BINDINGS = [
        Binding("space", "tick", "Tick factor"),
        Binding("n", "edit_note", "Factor note"),
        Binding("a", "add_factor", "Add factor", show=False),
    ]

    class FactorChanged(Message):
        """A factor was ticked, unticked, annotated or added; it is already saved."""

        def __init__(self, factor: Factor, state: ReviewFactor | None) -> None:
            super().__init__()
            self.factor = factor
            self.state = state

    def __init__(self, service: ReviewService, review_id: int, *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.service = service
        self.review_id = review_id
        self.catalog: list[Factor] = []
        self.states: dict[str, ReviewFactor] = {}

    @guarded
    def compose(self) -> ComposeResult:
        yield RowList(id="factor-list")
        yield Static("", id="factor-description", markup=False)

    @guarded
    def on_mount(self) -> None:
        self.refresh_data()

    @property
    def listing(self) -> RowList:
        return self.query_one("#factor-list", RowList)

    def focus_main(self) -> None:
        self.listing.focus()

    # -- data ------------------------------------------------------------------------

    def refresh_data(self) -> None:
        """Reload catalog and ticks (another process may have changed them); keep the highlight."""
        try:
            self.catalog = self.service.factor_catalog(self.review_id)
            self.states = self.service.review_factors(self.review_id)
        except FacilitatorError as exc:
            self._tell(f"Could not load the factors: {one_line(exc)}", error=True)
            return
        self._rebuild()

    def ticked_count(self) -> int:
        known = {f.id for f in self.catalog}
        return sum(1 for s in self.states.values() if s.ticked and s.factor_id in known)

    def factor(self, factor_id: str) -> Factor | None:
        return next((f for f in self.catalog if f.id == factor_id), None)

    def _line(self, factor: Factor) -> Content:
        state = self.states.get(factor.id)
        ticked = bool(state and state.ticked)
        style = "bold" if ticked else ""
        parts: list[str | tuple[str, str]] = [
            ("☑ " if ticked else "☐ ", style), (single_line(factor.name), style)]
        if factor.custom:
            parts.append((" (yours)", "dim"))
        if state and state.note.strip():
            parts.append(("  — " + single_line(state.note), "italic"))
        return Content.assemble(*parts)

    def _rows(self) -> list[Row]:
        rows: list[Row] = []
        for group in FACTOR_GROUPS:
            members = [f for f in self.catalog if f.group == group]
            if members:
                header = Content.styled(FACTOR_GROUP_LABELS[group].upper(), "bold underline")
                rows.append(Row(header, id=f"{GROUP_PREFIX}{group}", disabled=True))
                rows.extend(Row(self._line(f), id=f.id) for f in members)
        return rows

    def _rebuild(self) -> None:
        if not self.children:  # not composed yet
            return
        listing = self.listing
        rows = self._rows()
        current_ids = [listing.row_at(i).id for i in range(listing.row_count)]
        if current_ids == [r.id for r in rows]:
            # Same rows: update them in place, so neither highlight nor scroll moves.
            for row in rows:
                if row.id and not row.id.startswith(GROUP_PREFIX):
                    listing.replace_row(row.id, row.content)
        else:
            highlighted = self.highlighted_factor()
            listing.set_rows(rows)
            self.highlight_factor(highlighted.id if highlighted else None)
        self._update_title()
        self._describe()

    def highlight_factor(self, factor_id: str | None) -> None:
        """Move the highlight to a factor (the first one if it is not in the list)."""
        listing = self.listing
        index = listing.index_of(factor_id) if factor_id is not None else None
        if index is None or listing.row_at(index).disabled:
            index = next((i for i in range(listing.row_count)
                          if not listing.row_at(i).disabled), None)
        if index is not None:
            listing.highlighted = index

    def _update_title(self) -> None:
        self.border_title = Content(f"Factors · {self.ticked_count()} ticked")

    def highlighted_factor(self) -> Factor | None:
        row = self.listing.highlighted_row
        if row is None or row.id is None or row.id.startswith(GROUP_PREFIX):
            return None
        return self.factor(row.id)

    @on(RowList.Highlighted, "#factor-list")
    @guarded
    def _describe(self) -> None:
        factor = self.highlighted_factor()
        text = ""
        if factor is not None:
            text = single_line(factor.description) or ("Your own factor." if factor.custom else "")
        self.query_one("#factor-description", Static).update(Content(text))

    def _saved(self, factor: Factor, state: ReviewFactor) -> None:
        self.states[factor.id] = state
        if self.is_attached:
            self.listing.replace_row(factor.id, self._line(factor))
            self._update_title()
        self.post_message(self.FactorChanged(factor, state))

    def _tell(self, message: str, *, error: bool = False) -> None:
        self.notify(single_line(message), severity="error" if error else "information",
                    timeout=4 if error else 2.5, markup=False)

    # -- actions ---------------------------------------------------------------------

    @on(RowList.Selected, "#factor-list")
    @guarded
    def _selected(self, event: RowList.Selected) -> None:
        event.stop()
        self.action_edit_note()

    @guarded
    def action_tick(self) -> None:
        factor = self.highlighted_factor()
        if factor is None:
            return
        try:
            state = self.service.toggle_factor(self.review_id, factor.id)
        except FacilitatorError as exc:
            self._tell(f"Not saved: {one_line(exc)}", error=True)
            return
        self._saved(factor, state)

    @guarded
    def action_edit_note(self) -> None:
        factor = self.highlighted_factor()
        if factor is None:
            return
        state = self.states.get(factor.id)

        def save(text: str) -> None:
            ticked = True if text.strip() else None
            try:
                saved = self.service.set_factor(self.review_id, factor.id, note=text, ticked=ticked)
            except FacilitatorError as exc:
                self._tell(f"Note not saved: {one_line(exc)}", error=True)
                return
            self._saved(factor, saved)

        self.post_message(AskText(
            f"{factor.name}: what did it look like in this incident?",
            value=state.note if state else "", multiline=True, on_change=save,
        ))

    @guarded
    def action_add_factor(self) -> None:
        current = self.highlighted_factor()
        group = current.group if current else "organisation"

        def added(name: str | None) -> None:
            if name is None or not name.strip():
                return
            try:
                factor = self.service.add_custom_factor(
                    self.review_id, name.strip(), entry.picked.get("group", group))
            except FacilitatorError as exc:
                self._tell(f"Factor not added: {one_line(exc)}", error=True)
                return
            self.refresh_data()
            self.highlight_factor(factor.id)
            self._tell("Factor added and ticked.")
            self.post_message(self.FactorChanged(factor, self.states.get(factor.id)))

        entry = AskText(
            "Add a factor of your own",
            placeholder="e.g. Vendor status page lagged behind reality",
            choices=[Choice("group", "Group",
                            [(FACTOR_GROUP_LABELS[g], g) for g in FACTOR_GROUPS], group)],
            hint="It is added ticked · Enter saves · Escape cancels", answer=guarded_callback(self, added),
        )
        self.post_message(entry)


__all__ = ["FactorChecklist"]
