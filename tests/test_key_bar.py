"""The key bar on the review screen: the keys of the pane in use, and clicks that press them."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.screens.event_editor import EventEditor
from facilitator_tui.widgets.key_bar import KeyBar


def new_review(service) -> int:
    return service.create_review("Cache stampede", start=datetime(2026, 10, 2, 3, 15, tzinfo=UTC),
                                 tz="America/Chicago").id


def bar_line(app, screen_text) -> str:
    """The key bar's line of the screen (the one ending in the palette key), as a person reads it."""
    lines = [line for line in screen_text(app).splitlines() if line.rstrip().endswith("palette")]
    assert len(lines) == 1, lines
    return lines[0]


async def test_bar_follows_the_pane_in_use(service, db_path, screen_text):
    rid = new_review(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        line = bar_line(app, screen_text)
        assert "Add event" in line and "Export" in line and "palette" in line
        assert "Tick factor" not in line
        await pilot.press("tab", "tab", "tab", "tab")  # timeline, prompts, notes input and list, factors
        await pilot.pause()
        line = bar_line(app, screen_text)
        assert "Tick factor" in line and "Add event" not in line
        # The screen's own keys stay while a pane's change.
        assert "Export" in line


async def test_bar_never_shows_one_action_twice(service, db_path):
    rid = new_review(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        actions = [binding.action for binding, _ in bar.shown_bindings()]
        assert actions and len(actions) == len(set(actions))


async def test_clicking_a_key_on_the_bar_presses_it(service, db_path):
    rid = new_review(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        span = next(s for s in bar.spans if s.key == "a")
        await pilot.click(KeyBar, offset=(span.start + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, EventEditor)
        await pilot.press("escape")
        await pilot.pause()
        # A click between keys does nothing.
        gap = bar.spans[0].end
        await pilot.click(KeyBar, offset=(gap, 0))
        await pilot.pause()
        assert not isinstance(app.screen, EventEditor)
    assert service.store.count_events(rid) == 0


async def test_keys_that_do_not_fit_are_left_out_whole(service, db_path, screen_text):
    rid = new_review(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        shown = len(bar.spans)
        assert 0 < shown < len(bar.shown_bindings()) + 1
        assert all(span.end <= 80 for span in bar.spans)
        line = bar_line(app, screen_text)
        assert line.startswith(" a Add event")
        # Help and the palette always show, at the right, however narrow the terminal.
        assert re.search(r"f1 Help\s+\^p palette$", line.rstrip()), line
        assert [s.key for s in bar.spans[-2:]] == ["f1", "ctrl+p"]
