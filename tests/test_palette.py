"""The command palette (ctrl+p), driven through the real app as a facilitator would.

It is ours (screens/palette.py): keys are handled at once, so a burst never
finds it half-built, an empty list never moves, and one palette opens at most.
"""

from __future__ import annotations

import random

from textual import events
from textual.widgets import Input

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.fuzzy_match import ranked
from facilitator_tui.mirror_app import MirrorApp
from facilitator_tui.mirror_feed import MirrorFeed
from facilitator_tui.screens.confirm import ConfirmModal
from facilitator_tui.screens.help import HelpScreen
from facilitator_tui.screens.mirror import MirrorScreen
from facilitator_tui.screens.palette import Palette, PaletteCommand
from facilitator_tui.screens.review import ReviewScreen
from facilitator_tui.widgets.row_list import RowList

SIZE = (120, 40)


def palettes(app) -> list[Palette]:
    return [screen for screen in app.screen_stack if isinstance(screen, Palette)]


def listed(app) -> list[str]:
    """The titles the open palette lists, in order."""
    return [command.title for command in app.screen.shown]


def highlighted(app) -> str | None:
    rows: RowList = app.screen.query_one("#palette-list", RowList)
    return None if rows.highlighted is None else app.screen.shown[rows.highlighted].title


async def open_palette(pilot, type_text, query: str = "") -> Palette:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, Palette)
    await type_text(pilot, query)
    await pilot.pause()
    return pilot.app.screen


async def test_ctrl_p_lists_every_command_and_typing_ranks_them(service, db_path, make_review,
                                                                  type_text, screen_text):
    rid = make_review(service)
    app = FacilitatorApp(db_path, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        wanted = [command.title for command in app.palette_commands(app.screen)]
        palette = await open_palette(pilot, type_text)
        assert listed(app) == wanted  # an empty query lists everything, as gathered
        for title in ("Start meeting", "Share-safe", "Help", "Quit", "Pick a theme", "Screenshot"):
            assert title in wanted
        await type_text(pilot, "park")
        await pilot.pause()
        # Names that start with the letters first, then those whose words do, then the rest.
        assert listed(app)[:2] == ["Park idea", "Parking lot"]
        assert highlighted(app) == "Park idea"
        await type_text(pilot, " l")
        await pilot.pause()
        assert highlighted(app) == "Parking lot"
        for _ in " l":
            await pilot.press("backspace")
        await type_text(pilot, "sm")
        await pilot.pause()
        assert listed(app) == []  # "parksm" matches nothing
        assert palette.query_one(Input).value == "parksm"
        for _ in "parksm":
            await pilot.press("backspace")
        await type_text(pilot, "sm")
        await pilot.pause()
        assert highlighted(app) == "Start meeting"  # s-tart m-eeting: word starts
        text = screen_text(app)
        assert "Start meeting  ·  f2" in text


async def test_enter_runs_the_command_once_the_palette_has_closed(service, db_path, make_review,
                                                                   type_text):
    rid = make_review(service)
    app = FacilitatorApp(db_path, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_palette(pilot, type_text, "help")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert not palettes(app)
        # The help lists the keys of the screen the palette was opened on, not the palette's.
        assert isinstance(app.screen.previous_screen, ReviewScreen)


async def test_share_safe_off_from_the_palette_still_asks(service, db_path, make_review, type_text):
    rid = make_review(service)
    service.set_share_safe(rid, True)
    app = FacilitatorApp(db_path, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_palette(pilot, type_text, "share")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert service.review(rid).share_safe is True
        await pilot.press("escape")
        await pilot.pause()
        assert service.review(rid).share_safe is True


async def test_escape_closes_and_nothing_runs(service, db_path, make_review, type_text):
    rid = make_review(service)
    app = FacilitatorApp(db_path, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        focused = app.focused
        await open_palette(pilot, type_text, "quit")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and app.is_running
        assert app.focused is focused


async def test_ctrl_p_twice_in_one_burst_opens_one_palette(service, db_path, make_review):
    rid = make_review(service)
    app = FacilitatorApp(db_path, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(3):
            app.post_message(events.Key("ctrl+p", None))
        await pilot.pause()
        assert len(palettes(app)) == 1
        await pilot.press("ctrl+p")  # and while it is open, ctrl+p does nothing
        await pilot.pause()
        assert len(palettes(app)) == 1 and isinstance(app.screen, Palette)


async def test_moving_in_an_empty_list_does_nothing(service, db_path, make_review, type_text):
    rid = make_review(service)
    app = FacilitatorApp(db_path, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_palette(pilot, type_text, "zqxz")
        assert listed(app) == [] and highlighted(app) is None
        for key in ("pagedown", "pageup", "home", "end", "up", "down", "enter"):
            await pilot.press(key)
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, Palette)
        assert highlighted(app) is None


async def test_the_list_keys_move_while_the_query_keeps_its_text(service, db_path, make_review,
                                                                 type_text):
    rid = make_review(service)
    app = FacilitatorApp(db_path, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_palette(pilot, type_text, "e")
        shown = listed(app)
        assert len(shown) > 3
        await pilot.press("end")
        assert highlighted(app) == shown[-1]
        await pilot.press("home")
        assert highlighted(app) == shown[0]
        await pilot.press("down", "down")
        assert highlighted(app) == shown[2]
        await pilot.press("up")
        assert highlighted(app) == shown[1]
        await pilot.press("pagedown")
        assert shown.index(highlighted(app)) > 1
        assert app.screen.query_one(Input).value == "e"


async def test_a_burst_of_random_keys_leaves_one_settled_palette(service, db_path, make_review):
    rid = make_review(service)
    app = FacilitatorApp(db_path, rid)
    keys = [*"abcdefghijklmnopqrstuvwxyz", "space", "backspace", "delete", "up", "down", "pageup",
            "pagedown", "home", "end", "left", "right", "ctrl+p", "tab", "shift+tab"]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for seed in range(5):
            burst = random.Random(seed).choices(keys, k=30)
            app.post_message(events.Key("ctrl+p", None))
            for key in burst:
                char = " " if key == "space" else key if len(key) == 1 else None
                app.post_message(events.Key(key, char))
            await pilot.pause()
            assert app.is_running and len(palettes(app)) == 1, burst
            palette = app.screen
            assert isinstance(palette, Palette)
            # What is listed is what the query asks for, however fast the keys came.
            query = palette.query_one(Input).value
            assert app.focused is palette.query_one(Input)  # typing still reaches the query
            titles = [c.title for c in palette.commands]
            assert listed(app) == [titles[i] for i, _ in ranked(query, titles)], (burst, query)
            await pilot.press("escape")
            await pilot.pause()
            assert not palettes(app)


async def test_the_theme_list_is_the_palette(service, db_path, make_review, type_text):
    rid = make_review(service)
    app = FacilitatorApp(db_path, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_palette(pilot, type_text, "pick a theme")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Palette) and len(palettes(app)) == 1
        assert len(listed(app)) == len(app.available_themes)
        assert highlighted(app) == "Dark"  # the theme in use
        await type_text(pilot, "high")
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "facilitator-high-contrast"
        assert service.preference("theme") == "facilitator-high-contrast"
        app.search_themes()  # Textual's "change theme" action opens the same list
        await pilot.pause()
        assert isinstance(app.screen, Palette)


async def test_names_and_help_are_shown_literally(service, db_path, make_review, screen_text):
    rid = make_review(service)
    app = FacilitatorApp(db_path, rid)
    ran: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        odd = [PaletteCommand("[@click=app.quit]Leave[/] now", "a lone [/ and [b]bold[/b]",
                              lambda: ran.append("odd"), key="ctrl+x"),
               PaletteCommand("Two\nlines\x1b[31m", "", lambda: ran.append("two"))]
        app.push_screen(Palette(odd), app.run_command)
        await pilot.pause()
        text = screen_text(app)
        assert "[@click=app.quit]Leave[/] now  ·  ctrl+x" in text
        assert "a lone [/ and [b]bold[/b]" in text
        assert "Two ⏎ lines" in text
        await pilot.press("enter")
        await pilot.pause()
        assert ran == ["odd"] and app.is_running


async def test_a_command_that_fails_leaves_the_app_running(service, db_path, make_review,
                                                           recording_app):
    rid = make_review(service)
    app = recording_app(db_path, rid)

    def fails() -> None:
        raise RuntimeError("a command went wrong")

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(Palette([PaletteCommand("Fails", "", fails)]), app.run_command)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ReviewScreen)
        assert any("went wrong" in told for told in app.told)


async def test_nothing_private_is_listed_in_a_shared_meeting(db_path, demo_in_meeting, type_text,
                                                             private_snippets, shown_private):
    from facilitator_tui.service import ReviewService

    service = ReviewService.open(db_path)
    rid = demo_in_meeting(service)
    snippets = private_snippets(service, rid)
    service.close()
    app = FacilitatorApp(db_path, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_palette(pilot, type_text)
        commands = app.screen.commands
        assert not [s for s in snippets for c in commands if s in c.title or s in c.help]
        assert shown_private(app, snippets) == []


async def test_the_mirror_has_the_same_palette_with_its_own_keys(service, db_path, make_review,
                                                                 type_text):
    rid = make_review(service)
    service.show_to_room(rid, ground_rules=False)
    mirror = MirrorApp(MirrorFeed.open(db_path, rid))
    async with mirror.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        before = mirror.theme
        await open_palette(pilot, type_text)
        shown = listed(mirror)
        assert "Leave" in shown and "Theme" in shown
        assert not {"Screenshot", "Pick a theme", "Export", "Keys panel"} & set(shown)
        await type_text(pilot, "th")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(mirror.screen, MirrorScreen) and mirror.theme != before
        for _ in range(2):
            mirror.post_message(events.Key("ctrl+p", None))
        await pilot.pause()
        assert len(palettes(mirror)) == 1


async def test_screenshot_from_the_palette_is_private_and_never_overwrites(service, db_path, make_review,
                                                                          type_text, runtime_folder):
    rid = make_review(service)
    app = FacilitatorApp(db_path, rid)
    folder = runtime_folder / "pictures"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(2):
            await open_palette(pilot, type_text, "screenshot")
            assert highlighted(app) == "Screenshot"
            await pilot.press("enter")
            await pilot.pause()
        pictures = sorted(folder.iterdir())
        assert len(pictures) == 2  # the second picture in the same second gets its own name
        for picture in pictures:
            assert picture.stat().st_mode & 0o777 == 0o600
            assert picture.read_text().lstrip().startswith("<svg")
        assert isinstance(app.screen, ReviewScreen)
