"""The notes list's keys for an action's life: `s` steps open → done → dropped, `l` sets its link."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from facilitator_tui import app as app_module
from facilitator_tui.app import FacilitatorApp
from facilitator_tui.screens.text_entry import TextEntry


class RecordingApp(FacilitatorApp):
    """The app, keeping the one-line messages it shows."""

    CSS_PATH = [Path(app_module.__file__).parent / path for path in FacilitatorApp.CSS_PATH]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.said: list[str] = []

    def say(self, message: str, *, error: bool = False, timeout: float = 3) -> None:
        self.said.append(message)
        super().say(message, error=error, timeout=timeout)


def row_text(app, note_id: int) -> str:
    """A note's row in the list, as drawn (before wrapping)."""
    listing = app.screen.query_one("#notes-list")
    return listing.row_at(listing.index_of(str(note_id))).content.plain


def with_action(service, make_review) -> tuple[int, int, int]:
    rid = make_review(service)
    insight = service.add_note(rid, "Consumers scale on lag, not on depth", "insight")
    action = service.add_note(rid, "Alert on consumer lag per partition", "action", owner="Bo Chen",
                              due=date(2026, 12, 5))
    return rid, insight.id, action.id


async def focus_note(pilot, app, note_id: int) -> None:
    listing = app.screen.query_one("#notes-list")
    listing.focus()
    listing.highlighted = listing.index_of(str(note_id))
    await pilot.pause()


async def test_s_steps_an_action_through_its_states(service, db_path, screen_text, make_review):
    rid, _, action_id = with_action(service, make_review)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await focus_note(pilot, app, action_id)
        assert "[open] Alert on consumer lag per partition" in screen_text(app)
        await pilot.press("s")
        await pilot.pause()
        note = service.store.get_note(action_id)
        assert note.state == "done" and note.state_changed_at is not None
        assert "[done] Alert on consumer lag per partition" in screen_text(app)
        assert row_text(app, action_id) == (
            f"ACTION  [done] Alert on consumer lag per partition  owner Bo Chen · due 2026-12-05 · "
            f"done {note.state_changed_at.date().isoformat()}")
        await pilot.press("s")
        await pilot.pause()
        assert service.store.get_note(action_id).state == "dropped"
        await pilot.press("s")
        await pilot.pause()
        assert service.store.get_note(action_id).state == "open"
        assert "[open] Alert on consumer lag" in screen_text(app)


async def test_s_on_a_note_that_is_not_an_action_changes_nothing(service, db_path, make_review):
    rid, insight_id, _ = with_action(service, make_review)
    app = RecordingApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await focus_note(pilot, app, insight_id)
        before = service.store.get_note(insight_id)
        await pilot.press("s")
        await pilot.pause()
        assert service.store.get_note(insight_id) == before
        assert app.said == ["Only action items have a state and a link."]


async def test_s_typed_in_the_note_input_is_just_a_letter(service, db_path, type_text, make_review):
    rid, _, action_id = with_action(service, make_review)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await type_text(pilot, "scaling")
        await pilot.pause()
        assert app.screen.query_one("#note-input").value == "scaling"
        assert service.store.get_note(action_id).state == "open"


async def test_l_sets_the_link_as_typed_and_shows_it_literally(service, db_path, type_text, until, make_review):
    rid, _, action_id = with_action(service, make_review)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await focus_note(pilot, app, action_id)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, TextEntry)
        await type_text(pilot, "https://t.example/[b]OPS-1[/b]")
        # Saved while typing, before the dialog closes.
        await until(pilot, lambda: service.store.get_note(action_id).link == "https://t.example/[b]OPS-1[/b]")
        await pilot.press("escape")
        await pilot.pause()
        assert row_text(app, action_id).endswith("link https://t.example/[b]OPS-1[/b]")


async def test_the_action_keys_are_in_the_palette_and_the_help(service, db_path, make_review):
    rid, _, action_id = with_action(service, make_review)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await focus_note(pilot, app, action_id)
        titles = {c.title for c in app.palette_commands(app.screen)}
        assert {"Action: open, done, dropped", "Action: ticket link"} <= titles
        command = next(c for c in app.palette_commands(app.screen)
                       if c.title == "Action: open, done, dropped")
        app.run_command(command)
        await pilot.pause()
        assert service.store.get_note(action_id).state == "done"
        from facilitator_tui.screens.help import binding_groups

        notes = dict(binding_groups(app, app.screen))["Notes pane"]
        keys = {row.description: row.keys for row in notes}
        assert keys["Action: open, done, dropped"] == ["s"]
        assert keys["Action: ticket link"] == ["l"]
