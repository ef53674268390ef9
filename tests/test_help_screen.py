"""The help screen lists the keys of the app, the screen and every pane, and closes cleanly."""

from __future__ import annotations

from datetime import UTC, datetime

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.screens.help import HelpScreen, binding_groups


def help_text(screen: HelpScreen) -> str:
    return "\n".join(str(static.render()) for static in screen.query("#help Static"))


def make_review(service) -> int:
    review = service.create_review("Queue backlog", start=datetime(2026, 11, 20, 22, 50, tzinfo=UTC),
                                   tz="Europe/Berlin")
    service.add_participant(review.id, "Ana Lima", "incident_commander")
    return review.id


async def test_review_screen_help_lists_a_binding_from_each_pane(service, db_path):
    rid = make_review(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        review_screen = app.screen
        await pilot.press("f1")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        assert help_screen.query_one("#help")
        groups = dict(binding_groups(app, review_screen))
        for heading in ("Everywhere", "Review screen", "Timeline pane", "Prompts pane",
                        "Notes pane", "Factors pane"):
            assert groups.get(heading), f"no keys listed for {heading}"
        text = help_text(help_screen)
        for heading, rows in groups.items():
            assert heading in text
            assert rows[0].description in text
        assert "Note kind" in text  # the notes pane's ctrl+y
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is review_screen


async def test_question_mark_opens_and_q_closes(service, db_path):
    rid = make_review(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        review_screen = app.screen
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is review_screen


async def test_home_screen_help_has_syntax_and_guidance_and_scrolls_at_80x24(db_path):
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        text = help_text(screen)
        for expected in ("Everywhere", "Home screen", "New review", "owner:", "due:", "@name",
                         "Blameless", "Curiosity over judgment", "whole system"):
            assert expected in text
        body = screen.query_one("#help")
        assert body.region.height <= 24 and body.max_scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_f1_closes_help(db_path):
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_binding_text_is_never_markup(db_path):
    from textual.app import App
    from textual.binding import Binding
    from textual.widgets import Static

    class Hostile(Static):
        __module__ = "facilitator_tui.widgets.hostile"
        BINDINGS = [Binding("x", "nothing", "[@click=app.quit]boom[/] and a lone [/")]

    class Host(App[None]):
        def compose(self):
            yield Hostile("hi", id="notes")

    app = Host()
    async with app.run_test(size=(120, 36)) as pilot:
        app.push_screen(HelpScreen(app.screen))
        await pilot.pause()
        assert "[@click=app.quit]boom[/] and a lone [/" in help_text(app.screen)


async def test_long_descriptions_wrap_under_their_own_column_at_80x24(db_path):
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        tables = list(app.screen.query(".keys"))
        assert tables
        wrapped = 0
        for table in tables:
            columns = {row.query_one(".what").region.x for row in table.query(".key-row")}
            assert len(columns) == 1  # every description starts in the same column
            keys_end = max(row.query_one(".key").region.right for row in table.query(".key-row"))
            assert columns.pop() >= keys_end  # and never under the keys
            wrapped += sum(row.query_one(".what").region.height > 1 for row in table.query(".key-row"))
        assert wrapped  # at 80 columns some descriptions take two lines, all in their column
