"""The Textual application: a thin shell of screens, global keys, themes and the palette.

The verbs of the product live in `service.py`; screens and widgets call them.
"""

from __future__ import annotations

import gc
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.screen import Screen

from facilitator_tui.errors import FacilitatorError
from facilitator_tui.palette_host import PaletteHost
from facilitator_tui.service import ReviewService
from facilitator_tui.themes import HIGH_CONTRAST, THEME_CYCLE, THEME_SETTING, theme_name
from facilitator_tui.widgets.guard import guarded, guarded_callback

if TYPE_CHECKING:
    from facilitator_tui.screens.palette import PaletteCommand

APP_BUSY_TIMEOUT = 0.25

START = "start"
HOME = "home"
REVIEW = "review"


class FacilitatorApp(PaletteHost):
    """Run and tidy up blameless learning reviews."""

    TITLE = "facilitator"
    # The review screen's styles load with the app's: a screen with a CSS_PATH of its own
    # makes Textual re-parse and re-apply every style sheet when it is first shown.
    CSS_PATH = ["app.tcss", "screens/review.tcss"]
    # Our own palette (screens/palette.py) takes ctrl+p; Textual's is switched off.
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+p", "command_palette", "palette", priority=True,
                tooltip="Search every action by name"),
        Binding("f1", "help", "Help", priority=True),
        Binding("ctrl+t", "cycle_theme", "Theme", show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    # The screen the app opens with (the review asked for, or the list) is the base of
    # this mode: built first, drawn once, and a mode like any other, so it can be closed.
    DEFAULT_MODE = START

    def __init__(self, db_path: str | Path, review_id: int | None = None, *,
                 service: ReviewService | None = None) -> None:
        """`service`: one already open on `db_path` (the command line's, checked); the app closes it."""
        super().__init__()
        self.db_path = Path(db_path)
        # A short wait for another program's lock: the screen never freezes for long, and
        # what could not be saved yet is kept on screen and tried again.
        if service is None:
            service = ReviewService.open(self.db_path, busy_timeout=APP_BUSY_TIMEOUT)
        else:
            service.set_busy_timeout(APP_BUSY_TIMEOUT)
        self.service = service
        self.start_review_id = review_id
        # Which mode shows the list and which the open review (None: not built, or closed).
        self.home_mode: str | None = START if review_id is None else None
        self.review_mode: str | None = START if review_id is not None else None
        self.register_theme(HIGH_CONTRAST)
        # The theme chosen last time (ctrl+t or the palette), before anything is drawn.
        saved = self.service.preference(THEME_SETTING)
        if saved in self.available_themes:
            self.theme = saved

    @guarded
    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._keep_theme)

    @guarded
    def on_ready(self) -> None:
        # The first frame is on the screen: the garbage collector, held while the app
        # loaded and built it (see cli._run_app), runs from now on.
        gc.enable()

    @guarded
    def _keep_theme(self, theme: object) -> None:
        name = getattr(theme, "name", "")
        if not name or name == self.service.preference(THEME_SETTING):
            return
        try:
            self.service.set_preference(THEME_SETTING, name)
        except FacilitatorError:
            pass  # the theme still changes; it is only not remembered

    def get_default_screen(self) -> Screen:
        """The screen the app opens with, built as Textual builds a plain app's first screen.

        It is the base of the START mode (DEFAULT_MODE), registered as that mode only now,
        once Textual has built it: a mode known before the start would be built as a mode
        is (the app waits for it to mount and then applies every style sheet again), which
        costs the first frame a layout and a drawing that no one sees. Registered, it is
        closed like any other mode (see `_close_review`).
        """
        self.add_mode(START, self._first_screen)
        return self._first_screen()

    def _first_screen(self) -> Screen:
        if self.start_review_id is not None:
            from facilitator_tui.screens.review import ReviewScreen

            return ReviewScreen(self.start_review_id)
        from facilitator_tui.screens.home import HomeScreen

        return HomeScreen()

    def go_home(self) -> None:
        """Leave a review: back to the list of reviews, building it if it was never shown."""
        if self.home_mode is None:
            from facilitator_tui.screens.home import HomeScreen

            self.add_mode(HOME, HomeScreen)
            self.home_mode = HOME
        self.switch_mode(self.home_mode)
        self._close_review()

    def open_review(self, review_id: int) -> None:
        """Show one review; a review shown before it is closed first (its drafts saved)."""
        from facilitator_tui.screens.review import ReviewScreen

        if self.review_mode is not None and self.current_mode == self.review_mode:
            self.go_home()
        self._close_review()
        self.add_mode(REVIEW, lambda: ReviewScreen(review_id))
        self.review_mode = REVIEW
        self.switch_mode(REVIEW)

    def _close_review(self) -> None:
        # Removing a mode closes its screens: a review left for the list is not kept beneath it.
        if self.review_mode is not None:
            self.remove_mode(self.review_mode)
            self.review_mode = None

    # -- global actions -----------------------------------------------------------

    @guarded
    def action_help(self) -> None:
        from facilitator_tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen(self.screen))

    @guarded
    async def action_quit(self) -> None:
        """Quit; a running meeting asks first, and typed text is saved on the way out."""
        from facilitator_tui.screens.review import ReviewScreen

        running = next((s for s in self.screen_stack
                        if isinstance(s, ReviewScreen) and s.meeting_running()), None)
        if running is None:
            self.exit()
            return
        from facilitator_tui.screens.confirm import ConfirmModal

        def answered(yes: bool | None) -> None:
            if yes:
                running.save_typing()
                self.exit()

        self.push_screen(ConfirmModal("The meeting is still running. Quit anyway?\n\n"
                                      "Everything typed is saved; F10 closes the meeting properly.",
                                      yes="Quit", no="Stay"), guarded_callback(self, answered))

    def search_themes(self) -> None:
        """The theme picker: the palette, listing the themes."""
        from facilitator_tui.screens.palette import Palette, PaletteCommand, palette_open

        if palette_open(self.screen_stack):
            return
        themes = [PaletteCommand(theme_name(name), "", partial(self.pick_theme, name))
                  for name in sorted(self.available_themes, key=theme_name)]
        self.push_screen(Palette(themes, placeholder="Search for themes…",
                                 current=theme_name(self.theme)), self.run_command)

    def pick_theme(self, name: str) -> None:
        if name in self.available_themes:
            self.theme = name

    @guarded
    def action_cycle_theme(self) -> None:
        names = [n for n in THEME_CYCLE if n in self.available_themes]
        current = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(current + 1) % len(names)]
        self.notify(f"Theme: {theme_name(self.theme)}", timeout=2, markup=False)

    def say(self, message: str, *, error: bool = False, timeout: float = 3) -> None:
        """A notification whose text is always literal."""
        self.notify(message, severity="error" if error else "information", timeout=timeout,
                    markup=False)

    def hint_wording(self, text: str) -> None:
        """A gentle, non-blocking hint when saved wording leans towards blame."""
        from facilitator_tui.wording import find_hints

        hints = find_hints(text)
        if hints:
            hint = hints[0]
            self.notify(
                f"“{hint.matched_text}”: {hint.hint}\nTry: {hint.reframe}",
                title="A gentle wording hint (it is saved as you wrote it)",
                severity="warning", timeout=8, markup=False,
            )

    def palette_commands(self, screen: Screen) -> list[PaletteCommand]:
        """What the palette offers on `screen`: every key with a description, then a few of the app's own."""
        from facilitator_tui.screens.palette import PaletteCommand, binding_commands

        commands = binding_commands(self, screen)
        if screen.maximized is not None:
            commands.append(PaletteCommand("Minimize", "Back to the whole screen",
                                           screen.action_minimize))
        elif screen.focused is not None and screen.focused.allow_maximize:
            commands.append(PaletteCommand("Maximize", "The focused part fills the screen",
                                           screen.action_maximize))
        commands += [
            PaletteCommand("Pick a theme", "Choose from every theme", self.search_themes),
            PaletteCommand("Keys panel", "Show or hide the keys of the focused part at the side",
                           self.action_hide_help_panel if screen.query("HelpPanel")
                           else self.action_show_help_panel),
            PaletteCommand("Screenshot", "Save an SVG picture of the screen, readable by you only",
                           self.save_picture),
        ]
        return commands

    @guarded
    def save_picture(self) -> None:
        """The screen as an SVG through the app's one file writer: atomic, 0600, never overwriting.

        (Textual's own screenshot writes a world-readable file; the screen may hold private notes.)
        """
        from datetime import datetime

        from facilitator_tui.files import write_file
        from facilitator_tui.paths import pictures_dir

        folder = pictures_dir()
        stamp = datetime.now().strftime("%Y-%m-%d %H.%M.%S")
        svg = self.export_screenshot(title=f"facilitator {stamp}")
        for n in range(1, 100):
            name = f"facilitator {stamp}.svg" if n == 1 else f"facilitator {stamp} ({n}).svg"
            try:
                folder.mkdir(parents=True, exist_ok=True)
                path = write_file(folder / name, svg)
            except FileExistsError:
                continue
            except OSError as exc:
                self.say(f"The picture was not saved: {exc.strerror or exc}", error=True)
                return
            self.say(f"Saved a picture of the screen: {path}")
            return

    @guarded
    def on_unmount(self) -> None:
        self.service.close()


__all__ = ["FacilitatorApp"]
