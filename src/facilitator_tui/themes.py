"""The app's themes: Textual's dark and light, and a high-contrast one for projectors."""

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="facilitator-high-contrast",
    primary="#FFD700",
    secondary="#00E5FF",
    accent="#FFFFFF",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    success="#00FF66",
    warning="#FFB000",
    error="#FF4040",
    dark=True,
    luminosity_spread=0.25,
    text_alpha=1.0,
    variables={
        "block-cursor-background": "#FFD700",
        "block-cursor-foreground": "#000000",
        "footer-key-foreground": "#FFD700",
        "border": "#FFFFFF",
        "border-blurred": "#808080",
    },
)

THEME_CYCLE = ("textual-dark", "textual-light", HIGH_CONTRAST.name)
# What people call the themes: the toast and the help say these, never the internal names.
THEME_NAMES = {"textual-dark": "Dark", "textual-light": "Light", HIGH_CONTRAST.name: "High contrast"}
THEME_SETTING = "theme"


def theme_name(theme: str) -> str:
    """A theme's name for people: 'Light', not 'textual-light'."""
    if theme in THEME_NAMES:
        return THEME_NAMES[theme]
    words = theme.removeprefix("textual-").replace("-", " ").replace("_", " ")
    return words[:1].upper() + words[1:]
