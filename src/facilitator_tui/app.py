"""The Textual application: a thin shell of screens, global keys, themes and the palette.

The verbs of the product live in `service.py`; screens and widgets call them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from facilitator_tui.errors import FacilitatorError
from facilitator_tui.service import ReviewService
from facilitator_tui.themes import HIGH_CONTRAST, THEME_CYCLE, THEME_SETTING, theme_name
from facilitator_tui.widgets.guard import guarded, guarded_callback

APP_BUSY_TIMEOUT = 0.25

START = "start"
HOME = "home"
REVIEW = "review"


class FacilitatorApp(App[None]):
    """Run and tidy up blameless learning reviews."""

    TITLE = "facilitator"
    # The review screen's styles load with the app's: a screen with a CSS_PATH of its own
    # makes Textual re-parse and re-apply every style sheet when it is first shown.
    CSS_PATH = ["app.tcss", "screens/review.tcss"]
    BINDINGS = [
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

    @guarded
    def action_command_palette(self) -> None:
        """One palette at most, even when ctrl+p comes twice in a burst."""
        from facilitator_tui.screens.palette import MeetingPalette, palette_open

        if self.use_command_palette and not palette_open(self.screen_stack):
            self.push_screen(MeetingPalette(id="--command-palette"))

    def search_themes(self) -> None:
        """The theme picker, as the safe palette (see screens/palette.py)."""
        from textual.theme import ThemeProvider

        from facilitator_tui.screens.palette import MeetingPalette

        self.push_screen(MeetingPalette(providers=[ThemeProvider], placeholder="Search for themes…"))

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

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key binding of the screen is also a palette command."""
        yield from super().get_system_commands(screen)
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            namespace = active.node

            def run(action: str = binding.action, node=namespace) -> None:
                self.call_later(self.run_action, action, node)

            help_text = binding.tooltip or f"Key: {self.get_key_display(binding)}"
            yield SystemCommand(binding.description, help_text, run)

    @guarded
    def on_unmount(self) -> None:
        self.service.close()


__all__ = ["FacilitatorApp"]
