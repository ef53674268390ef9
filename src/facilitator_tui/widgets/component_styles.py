"""Component styles in Python: theme colours for the parts of lines our widgets draw themselves.

The timeline, the lists, the two bars and the prompt deck colour parts of their
lines: a time, an actor, a badge, the cursor. Textual's way is a component
class per part (`COMPONENT_CLASSES`, styled in CSS); but Textual parses every
such rule at start and works out every class of a widget again each time it
restyles that widget, which on the review screen was a tenth of the time to its
first frame. A `ComponentStyle` names the theme colours and text style of a part
instead, as a component class's rule would, and `ComponentStyles` turns it into a
style against the widget's own background, once per theme.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style as RichStyle
from textual.color import Color, ColorParseError
from textual.style import Style
from textual.widget import Widget


@dataclass(frozen=True)
class ComponentStyle:
    """How a part of a line is drawn. Colours are theme variables: `"text-muted"`, `"primary"`.

    No `color` keeps the widget's own text colour; no `background`, its background.
    """

    color: str | None = None
    background: str | None = None
    bold: bool = False
    italic: bool = False
    strike: bool = False
    reverse: bool = False


def theme_colour(value: str, under: Color) -> Color:
    """A theme variable's value (`#rrggbb`, `#rrggbbaa`, `auto 60%`, or a colour and its
    opacity as the ANSI theme has it: `ansi_default 50%`) as it shows over `under`.
    A value that is no colour reads as the text colour that shows on `under`."""
    name, percent = value.strip(), ""
    if name.endswith("%"):  # a colour and its opacity: the last word
        name, _, percent = name.rpartition(" ")
        name, percent = name.strip() or "auto", percent.rstrip("%")
    try:
        opacity = float(percent) / 100 if percent else 1.0
        if name == "auto":
            # Textual's "auto": white or black, whichever reads on what is beneath.
            colour = under.get_contrast_text(opacity)
        else:
            colour = Color.parse(name).multiply_alpha(opacity)
    except (ValueError, ColorParseError):  # a theme of someone else's making: still draw
        colour = under.get_contrast_text()
    return under + colour


class ComponentStyles:
    """A widget's component styles as styles to draw with, worked out against its background.

    Worked out on first use and kept while the theme's variables stay the same
    (Textual builds them anew when the theme changes) and the widget is not
    restyled (its `notify_style_update` calls `forget`).
    """

    def __init__(self, widget: Widget) -> None:
        self._widget = widget
        self._variables: dict[str, str] | None = None
        self._rich: dict[tuple[ComponentStyle, bool], RichStyle] = {}
        self._visual: dict[tuple[ComponentStyle, bool], Style] = {}

    def forget(self) -> None:
        self._rich.clear()
        self._visual.clear()

    def rich(self, part: ComponentStyle, *, background: bool = True) -> RichStyle:
        """A Rich style for `part`; `background=False` leaves the background to what is beneath."""
        variables = self._widget.app.theme_variables
        if variables is not self._variables:
            self._variables = variables
            self.forget()
        key = (part, background)
        style = self._rich.get(key)
        if style is None:
            style = self._rich[key] = self._work_out(part, background)
        return style

    def visual(self, part: ComponentStyle, *, background: bool = True) -> Style:
        """The same as a Textual style, for `Content`."""
        rich = self.rich(part, background=background)
        key = (part, background)
        style = self._visual.get(key)
        if style is None:
            style = self._visual[key] = Style.from_rich_style(rich)
        return style

    def _work_out(self, part: ComponentStyle, background: bool) -> RichStyle:
        widget = self._widget
        variables = widget.app.theme_variables
        _, beneath = widget.background_colors
        ground = theme_colour(variables[part.background], beneath) if part.background else beneath
        colour = (theme_colour(variables[part.color], ground).rich_color if part.color
                  else widget.rich_style.color)
        return RichStyle(
            color=colour,
            bgcolor=ground.rich_color if background and ground.a else None,
            bold=part.bold or None, italic=part.italic or None,
            strike=part.strike or None, reverse=part.reverse or None,
        )


__all__ = ["ComponentStyle", "ComponentStyles", "theme_colour"]
