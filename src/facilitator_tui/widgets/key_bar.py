"""The key bar: one line at the bottom of a screen with the keys that matter now.

Textual's stock `Footer` mounts a widget per key and rebuilds them all whenever
focus moves; on the review screen that alone cost more than drawing the four
panes. This bar is a single widget that draws the screen's active bindings as
one line of text, redraws when they change, and turns a click on a key into
that key press.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual.binding import ActiveBinding, Binding
from textual.content import Content
from textual.events import Click
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget

from facilitator_tui.widgets.component_styles import ComponentStyle, ComponentStyles
from facilitator_tui.widgets.guard import guarded

GAP = "  "
HELP_KEY = "f1"
PALETTE_ACTION = "command_palette"  # the app's own palette (widgets never import screens)
KEY = ComponentStyle("footer-key-foreground", bold=True)
DESCRIPTION = ComponentStyle("footer-description-foreground")
DISABLED = ComponentStyle("text-disabled")


def _keys(*groups: list[tuple[Binding, bool]]) -> tuple:
    """What the bar shows of these bindings: enough to tell whether it must be drawn again."""
    return tuple((binding.key, binding.description, enabled)
                 for group in groups for binding, enabled in group)


@dataclass(frozen=True)
class KeySpan:
    """Where one key sits on the bar, so that a click can press it."""

    start: int
    end: int
    key: str
    enabled: bool


class KeyBar(Widget):
    """The keys of the focused widget, then the screen's, then the app's; help and palette on the right."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.spans: list[KeySpan] = []
        self.component_styles = ComponentStyles(self)
        self._drawn: tuple | None = None  # the keys as last drawn

    @guarded
    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    @guarded
    def _bindings_changed(self, screen: Screen) -> None:
        # Textual says so after every focus move; most moves leave the same keys to show.
        if screen is self.screen and _keys(*self._bar_bindings(screen.active_bindings)) != self._drawn:
            self.refresh()

    def _bar_bindings(self, active_bindings: dict[str, ActiveBinding]
                  ) -> tuple[list[tuple[Binding, bool]], list[tuple[Binding, bool]]]:
        """The bindings for the left of the bar, and those for its right edge."""
        right = self._right_bindings(active_bindings)
        return self.shown_bindings(active_bindings, right), right

    def shown_bindings(self, active_bindings: dict[str, ActiveBinding] | None = None,
                       right: list[tuple[Binding, bool]] | None = None) -> list[tuple[Binding, bool]]:
        """The bindings to show on the left, one per action, in the order Textual resolves them."""
        # The screen works its active bindings out afresh each time they are asked for.
        active_bindings = self.screen.active_bindings if active_bindings is None else active_bindings
        right = self._right_bindings(active_bindings) if right is None else right
        right_actions = {binding.action for binding, _ in right}
        seen: set[str] = set()
        shown: list[tuple[Binding, bool]] = []
        for active in active_bindings.values():
            binding = active.binding
            if not binding.show or binding.action in right_actions or binding.action in seen:
                continue
            seen.add(binding.action)
            shown.append((binding, active.enabled))
        return shown

    def _right_bindings(self, active_bindings: dict[str, ActiveBinding]) -> list[tuple[Binding, bool]]:
        """Help and the palette, kept at the right edge: every other key is found from them."""
        found = [active_bindings.get(HELP_KEY),
                 next((active for active in active_bindings.values()
                       if active.binding.action == PALETTE_ACTION), None)]
        return [(active.binding, active.enabled) for active in found if active is not None]

    def render(self) -> Content:
        # Full styles: theme colours such as $text-disabled only come out right against the
        # bar's own background.
        key_style = self.component_styles.visual(KEY)
        text_style = self.component_styles.visual(DESCRIPTION)
        off_style = self.component_styles.visual(DISABLED)
        width = self.size.width
        left_bindings, right_bindings = self._bar_bindings(self.screen.active_bindings)
        self._drawn = _keys(left_bindings, right_bindings)
        right: list[tuple[Binding, str, str, bool]] = [
            (binding, f" {self.app.get_key_display(binding)}", f" {binding.description} ", enabled)
            for binding, enabled in right_bindings]
        reserved = sum(cell_len(key) + cell_len(label) for _, key, label, _ in right)

        parts: list[tuple[str, str | Style]] = []
        spans: list[KeySpan] = []
        x = 0
        for binding, enabled in left_bindings:
            key_text = f" {self.app.get_key_display(binding)}"
            label = f" {binding.description}"
            cells = cell_len(key_text) + cell_len(label) + len(GAP)
            if x + cells > width - reserved:
                break  # what does not fit stays in help (F1) and the palette
            parts.append((key_text, key_style if enabled else off_style))
            # The gap goes with the label: spaces look the same in either style, and one
            # piece is one style change fewer for the terminal.
            parts.append((label + GAP, text_style if enabled else off_style))
            spans.append(KeySpan(x, x + cells - len(GAP), binding.key, enabled))
            x += cells
        pad = max(0, width - reserved - x)
        parts.append((" " * pad, ""))
        x += pad
        for binding, key_text, label, enabled in right:
            cells = cell_len(key_text) + cell_len(label)
            parts.append((key_text, key_style if enabled else off_style))
            parts.append((label, text_style if enabled else off_style))
            spans.append(KeySpan(x, x + cells, binding.key, enabled))
            x += cells
        self.spans = spans
        return Content.assemble(*parts)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.component_styles.forget()

    @guarded
    def on_click(self, event: Click) -> None:
        for span in self.spans:
            if span.start <= event.x < span.end:
                if span.enabled:
                    self.app.simulate_key(span.key)
                else:
                    self.app.bell()
                return


__all__ = ["KeyBar"]
