"""The insights screen, driven from the home screen as a user would: charts, a factor's reviews, Enter."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.screens.factor_reviews import FactorReviewsScreen
from facilitator_tui.screens.home import HomeScreen
from facilitator_tui.screens.insights import InsightsScreen
from facilitator_tui.screens.review import ReviewScreen

TODAY = date(2026, 7, 1)


async def open_insights(pilot, app) -> InsightsScreen:
    """Press `i` on the home screen and wait for the figures (read in a worker)."""
    await pilot.pause()
    assert isinstance(app.screen, HomeScreen)
    await pilot.press("i")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, InsightsScreen)
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert screen.report is not None
    return screen


@pytest.fixture
def history(service, team_history):
    return team_history(service)


async def test_i_on_home_opens_the_charts(history, db_path, screen_text):
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_insights(pilot, app)
        text = screen_text(app)
        assert "All reviews: 8 reviews · 6 meetings held" in text
        listing = screen.query_one("#insight-factors")
        first = listing.row_at(0).content.plain
        assert first.startswith("Production pressure") and first.endswith("   4  50%")
        assert "█" in first
        for words in ("done ", "open ", "dropped ", "8 actions · ", "Factors by quarter", "25 Q4",
                      "26 Q2"):
            assert words in text, words


async def test_enter_on_a_factor_lists_its_reviews_and_enter_opens_one(history, db_path, service, screen_text):
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await open_insights(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        listing = app.screen
        assert isinstance(listing, FactorReviewsScreen)
        rows = [listing.query_one("#factor-reviews").row_at(i).content.plain for i in range(4)]
        assert [r.split("  ")[1] for r in rows] == [
            "Stale prices in the app", "Queue backlog after the deploy",
            "Checkout slow after the pricing change", "Presale seat holds released early"]
        assert "Production pressure: ticked in 4 reviews" in screen_text(app)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert service.review(app.screen.review_id).title == "Queue backlog after the deploy"
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, InsightsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_escape_closes_a_factors_reviews_without_opening_any(history, db_path):
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await open_insights(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InsightsScreen)


async def test_w_narrows_the_window(history, db_path, screen_text):
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        app.push_screen(InsightsScreen(today=TODAY))
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.report.since == date(2025, 7, 1)
        assert "The last 12 months: 8 reviews" in screen_text(app)
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "The last 90 days: 2 reviews" in screen_text(app)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "facilitator-high-contrast"])
async def test_readable_at_80x24_in_every_theme(history, db_path, theme, screen_text):
    app = FacilitatorApp(db_path=db_path)
    app.theme = theme
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_insights(pilot, app)
        for panel in ("#insight-factors", "#insight-actions", "#insight-quarters"):
            region = screen.query_one(panel).region
            assert region.width >= 30 and region.height >= 5, panel
            assert region.right <= 80 and region.bottom <= 23, panel
        text = screen_text(app)
        for words in ("Production pressure", "done ", "open ", "dropped ", "8 actions"):
            assert words in text, words
        # The bars are drawn in a colour that stands out from the panel behind them.
        listing = screen.query_one("#insight-factors")
        strips = listing.render_lines(listing.region.reset_offset)
        bars = [s for strip in strips[1:3] for s in strip if "█" in s.text]
        assert bars
        for segment in bars:
            fg, bg = segment.style.color.triplet, segment.style.bgcolor.triplet
            assert sum(abs(a - b) for a, b in zip(fg, bg, strict=True)) > 150, (theme, fg, bg)


async def test_names_people_typed_are_shown_literally(history, db_path):
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_insights(pilot, app)
        rows = [screen.query_one("#insight-factors").row_at(i).content.plain
                for i in range(len(screen.report.factors))]
        [vendor] = [r for r in rows if r.startswith("Vendor [b]status[/b] page ")]
        assert "\x1b" not in vendor


async def test_an_empty_database_says_so(db_path, screen_text):
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(InsightsScreen())
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "All reviews: 0 reviews · 0 meetings held" in text
        assert "No contributing factors were ticked yet." in text
        assert "No action items in these reviews yet." in text


async def test_insights_is_a_key_and_a_palette_command_on_home(history, db_path):
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.pause()
        command = next(c for c in app.palette_commands(app.screen) if c.title == "Insights")
        app.run_command(command)
        await pilot.pause()
        assert isinstance(app.screen, InsightsScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        titles = {c.title for c in app.palette_commands(app.screen)}
        assert {"Window: all, 12 months, 90 days", "Back"} <= titles


async def test_figures_that_cannot_be_read_are_one_line_and_the_app_goes_on(
        history, db_path, tmp_path, monkeypatch):
    monkeypatch.setenv("FACILITATOR_LOG", str(tmp_path / "errors.log"))
    told: list[str] = []
    app = FacilitatorApp(db_path=db_path)
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(app, "notify", lambda message, **kw: told.append(message))
        app.db_path = tmp_path  # a folder: the worker's own connection cannot open it
        app.push_screen(InsightsScreen())
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, InsightsScreen) and app.is_running
        assert told == [f"{tmp_path} is a folder, not a database file; pass a file path with --db"]
        assert "InsightsScreen._read" in (tmp_path / "errors.log").read_text()
