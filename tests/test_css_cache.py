"""Textual's parsed style sheets kept between starts: the same screen, never a source of errors."""

from __future__ import annotations

import pickle

import pytest
from test_review_screen import make_review

from facilitator_tui import css_cache, parse_cache
from facilitator_tui.app import FacilitatorApp


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(parse_cache.CACHE_ENV, str(folder))
    return folder


async def start(db_path, rid) -> tuple[int, str]:
    """One start of the app on the review: sheets handed over, the screen as drawn."""
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        picture = app.export_screenshot()
    return app._css_kept, picture


def kept_files(folder):
    return sorted(folder.glob("css-*.pickle")) if folder.exists() else []


async def test_the_second_start_parses_nothing_and_looks_the_same(service, db_path, cache):
    rid = make_review(service)
    kept, first = await start(db_path, rid)
    assert kept == 0 and len(kept_files(cache)) == 1
    kept, second = await start(db_path, rid)
    assert kept > 10  # the app's own sheets and every widget's defaults
    assert second == first
    # Nothing new was parsed, so nothing was written again.
    assert len(kept_files(cache)) == 1


async def test_a_damaged_cache_is_parsed_past_and_replaced(service, db_path, cache):
    rid = make_review(service)
    _, first = await start(db_path, rid)
    [entry] = kept_files(cache)
    for damage in (b"", b"not a pickle at all", pickle.dumps(["a", "list"]), pickle.dumps({"key": "no rules"})):
        entry.write_bytes(damage)
        kept, picture = await start(db_path, rid)
        assert kept == 0 and picture == first
        assert kept_files(cache) == [entry] and entry.read_bytes() != damage  # written afresh


async def test_sheets_are_kept_per_theme_and_a_theme_change_spoils_nothing(service, db_path, cache):
    rid = make_review(service)
    _, first = await start(db_path, rid)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        dark = app.get_css_variables()
        app.theme = "textual-light"
        await pilot.pause()
        light = app.get_css_variables()
    assert css_cache.entry_for(dark, cache) != css_cache.entry_for(light, cache)
    # What was kept for the dark theme is still what a dark start parses to.
    kept, again = await start(db_path, rid)
    assert kept > 10 and again == first


async def test_nothing_is_kept_when_the_cache_is_off(service, db_path, tmp_path, monkeypatch):
    monkeypatch.setenv(parse_cache.CACHE_ENV, "off")
    rid = make_review(service)
    kept, _ = await start(db_path, rid)
    assert kept == 0
    assert not list(tmp_path.rglob("css-*.pickle"))


async def test_a_cache_folder_that_cannot_be_made_changes_nothing(service, db_path, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way", encoding="utf-8")
    monkeypatch.setenv(parse_cache.CACHE_ENV, str(blocker / "cache"))
    rid = make_review(service)
    kept, picture = await start(db_path, rid)
    assert kept == 0 and "Queue depth above 10k" in picture.replace("&#160;", " ")
