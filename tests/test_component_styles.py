"""ComponentStyles: theme colours for the parts of lines our widgets draw, and that they follow the theme."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.color import Color

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.widgets.component_styles import theme_colour
from facilitator_tui.widgets.notes_pane import KIND_BADGES
from facilitator_tui.widgets.row_list import RowList
from facilitator_tui.widgets.timeline_view import TIME, TimelineView

DARK = Color.parse("#1e1e1e")
LIGHT = Color.parse("#d8d8d8")


def test_auto_is_white_on_dark_and_black_on_light_at_its_strength():
    assert theme_colour("auto 60%", DARK) == DARK.blend(Color(255, 255, 255), 0.6)
    assert theme_colour("auto 60%", LIGHT) == LIGHT.blend(Color(0, 0, 0), 0.6)
    assert theme_colour("auto", DARK) == Color(255, 255, 255)


def test_a_colour_with_alpha_blends_over_what_is_beneath():
    assert theme_colour("#0178D44C", DARK) == DARK.blend(Color.parse("#0178D4"), 0x4C / 255)
    assert theme_colour("#FFC473", LIGHT) == Color.parse("#FFC473")


def badge_colour(app) -> object:
    """The colour of the first note's kind badge, as the notes list draws it (the cursor
    is on the newest note, the second)."""
    listing = app.screen.query_one("#notes-list", RowList)
    return next(iter(listing.render_text_line(0))).style.color


async def test_rows_and_notes_take_the_new_theme_colours(service, db_path):
    review = service.create_review("Queue backlog", start=datetime(2026, 11, 20, 22, 50, tzinfo=UTC))
    service.add_note(review.id, "Consumers were paused for the deploy", kind="observation")
    service.add_note(review.id, "Why was the pause not on the dashboard?", kind="question")
    app = FacilitatorApp(db_path=db_path, review_id=review.id)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(TimelineView)
        dark_time, dark_badge = view.component_styles.rich(TIME).color, badge_colour(app)
        app.theme = "textual-light"
        await pilot.pause()
        light_time, light_badge = view.component_styles.rich(TIME).color, badge_colour(app)
        notes = app.screen.query_one("#notes")
        assert light_time != dark_time
        # The notes list holds finished rows: they are built again for the new theme.
        assert light_badge != dark_badge
        assert light_badge == notes.component_styles.rich(KIND_BADGES["observation"][1]).color


def test_the_ansi_themes_colour_and_opacity_and_a_value_that_is_no_colour():
    # textual-ansi has `text-muted: ansi_default 50%`; picking it once ended the app.
    assert theme_colour("ansi_default 50%", DARK) == DARK + Color.parse("ansi_default").multiply_alpha(0.5)
    assert theme_colour("#FFC473 50%", DARK) == DARK.blend(Color.parse("#FFC473"), 0.5)
    assert theme_colour("not a colour", DARK) == DARK + DARK.get_contrast_text()


async def test_every_theme_draws_the_review_screen(service, db_path):
    review = service.create_review("Queue backlog", start=datetime(2026, 11, 20, 22, 50, tzinfo=UTC))
    service.add_note(review.id, "Consumers were paused for the deploy", kind="observation")
    app = FacilitatorApp(db_path, review.id)
    async with app.run_test(size=(120, 36)) as pilot:
        for theme in sorted(app.available_themes):
            app.theme = theme
            await pilot.pause()
            app.export_screenshot()
            assert app.is_running, theme
