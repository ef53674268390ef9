"""How the insights screen looks, as SVG snapshots of a year of a team's reviews.

Paired with the pilot tests in test_insights_screen.py, which assert the figures.
Update with `pytest tests/test_snapshots_insights.py --snapshot-update` after a
deliberate change, and look at the pictures before committing.
"""

from __future__ import annotations

from datetime import date

import pytest

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.screens.insights import InsightsScreen
from facilitator_tui.service import ReviewService

TODAY = date(2026, 7, 1)


@pytest.fixture
def history_app(tmp_path, team_history):
    db = tmp_path / "team.db"
    service = ReviewService.open(db)
    team_history(service)
    service.close()

    def make(theme: str = "textual-dark") -> FacilitatorApp:
        app = FacilitatorApp(db_path=db)
        app.theme = theme
        return app

    return make


def showing_insights(*keys: str):
    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.push_screen(InsightsScreen(today=TODAY))
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()

    return run_before


def test_insights_80x24(snap_compare, history_app):
    assert snap_compare(history_app(), terminal_size=(80, 24), run_before=showing_insights())


def test_insights_160x45_light(snap_compare, history_app):
    assert snap_compare(history_app("textual-light"), terminal_size=(160, 45),
                        run_before=showing_insights())


def test_a_factors_reviews_120x36_high_contrast(snap_compare, history_app):
    assert snap_compare(history_app("facilitator-high-contrast"), terminal_size=(120, 36),
                        run_before=showing_insights("enter"))
