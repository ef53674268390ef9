"""The review screen driven as a user would, asserting what the database holds."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import Input

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.screens.review import ReviewScreen
from facilitator_tui.service import ReviewService

HOSTILE = ["[bold]loud[/bold]", "[@click=app.quit]x[/]", "lone [/ bracket", "\x1b[31mred\x1b[0m"]




async def test_four_panes_with_their_ids_at_160x45(service, db_path, make_review):
    rid = make_review(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        for pane in ("timeline", "prompts", "notes", "factors"):
            widget = screen.query_one(f"#{pane}")
            assert widget.display and widget.region.width > 0, pane
        assert not screen.has_class("-compact")


async def test_small_terminal_collapses_to_tabs_and_tab_moves_between_panes(service, db_path, make_review):
    rid = make_review(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-compact")
        assert screen.active_pane == "timeline"
        assert screen.query_one("#prompts").region.width == 0
        await pilot.press("tab")
        await pilot.pause()
        assert screen.active_pane == "prompts"
        assert screen.query_one("#prompts").region.width > 0
        await pilot.press("shift+tab", "shift+tab")
        assert screen.active_pane == "factors"


async def test_zoom_maximises_the_pane_and_back(service, db_path, make_review):
    rid = make_review(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("f6")
        assert app.screen.maximized is app.screen.query_one("#timeline")
        await pilot.press("f6")
        assert app.screen.maximized is None


async def test_quick_note_is_saved_on_enter_with_kind_author_and_links(service, db_path, type_text, make_review):
    rid = make_review(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        assert app.focused.id == "note-input"
        await type_text(pilot, "i: averages hid the spike @ana")
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused.value == ""
    [note] = ReviewService.open(db_path).notes(rid)
    assert note.kind == "insight"
    assert note.text == "averages hid the spike"
    people = {p.id: p.name for p in service.participants(rid)}
    assert people[note.participant_id] == "Ana Lima"
    assert note.event_id is not None  # linked to the selected event
    assert note.prompt_id is not None  # and to the current prompt


async def test_a_new_note_lands_in_view_under_a_long_list(service, db_path, screen_text, type_text, make_review):
    rid = make_review(service)
    for i in range(40):
        service.add_quick_note(rid, f"earlier observation number {i}")
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        listing = app.screen.query_one("#notes-list")
        listing.focus()
        await pilot.press("home")  # reading the oldest notes, far from the end
        await pilot.pause()
        await pilot.press("ctrl+n")
        await type_text(pilot, "the queue drained by itself")
        await pilot.press("enter")
        await pilot.pause()
        assert "the queue drained by itself" in screen_text(app)
    assert service.notes(rid)[-1].text == "the queue drained by itself"


async def test_kind_key_cycles_the_default_kind(service, db_path, type_text, make_review):
    rid = make_review(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+n", "ctrl+y", "ctrl+y")  # observation -> insight -> question
        await type_text(pilot, "what did the dashboard show")
        await pilot.press("enter")
        await pilot.pause()
    [note] = service.notes(rid)
    assert note.kind == "question"


async def test_private_notes_are_hidden_in_share_safe_view(service, db_path, screen_text, make_review):
    rid = make_review(service)
    service.add_note(rid, "PRIVATE-SECRET check in with Bo", "private")
    service.add_note(rid, "visible observation", "observation")
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert "PRIVATE-SECRET" in screen_text(app)
        await pilot.press("f5")
        await pilot.pause()
        assert service.review(rid).share_safe is True
        text = screen_text(app)
        assert "PRIVATE-SECRET" not in text
        assert "visible observation" in text
        assert "SHARE-SAFE" in text


async def test_private_note_typed_while_sharing_is_masked(service, db_path, screen_text, type_text, make_review):
    rid = make_review(service)
    service.set_share_safe(rid, True)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+n")
        await type_text(pilot, "p: TYPED-SECRET")
        box = app.screen.query_one("#note-input", Input)
        assert box.password is True
        assert "TYPED-SECRET" not in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "TYPED-SECRET" not in screen_text(app)
    assert [n.kind for n in service.notes(rid)] == ["private"]


async def test_hostile_text_is_shown_literally_and_runs_nothing(service, db_path, screen_text, make_review):
    rid = make_review(service)
    for i, text in enumerate(HOSTILE):
        service.add_note(rid, text)
        service.add_event(rid, text, at=datetime(2026, 11, 20, 23, 10 + i, tzinfo=UTC), actor=text)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        await pilot.click("#notes-list")
        await pilot.pause()
        assert app.is_running
        assert "[@click=app.quit]x[/]" in text
        assert "lone [/ bracket" in text
        assert "\x1b" not in text


async def test_another_process_changes_show_without_disturbing_typing(
        service, db_path, monkeypatch, until, screen_text, type_text, make_review):
    monkeypatch.setattr(ReviewScreen, "REFRESH_INTERVAL", 0.02)  # the test waits for the change
    rid = make_review(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+n")
        await type_text(pilot, "half typed")
        other = ReviewService.open(db_path)
        other.add_note(rid, "ADDED-ELSEWHERE by a second instance")
        other.close()
        await until(pilot, lambda: "ADDED-ELSEWHERE" in screen_text(app))
        assert app.screen.query_one("#note-input", Input).value == "half typed"
        assert app.focused.id == "note-input"


async def test_a_change_made_while_the_screen_is_being_built_still_shows(service, db_path, monkeypatch,
                                                                       until, screen_text, make_review):
    """Another process commits after the timeline was read but before the screen mounted."""
    monkeypatch.setattr(ReviewScreen, "REFRESH_INTERVAL", 0.02)  # the test waits for the change
    from facilitator_tui.widgets.notes_pane import NotesPane

    rid = make_review(service)
    mount = NotesPane.on_mount

    def mount_after_a_commit_elsewhere(pane) -> None:
        other = ReviewService.open(db_path)
        other.add_event(rid, "Consumer restarted by hand", at=datetime(2026, 11, 20, 23, 30, tzinfo=UTC))
        other.close()
        mount(pane)

    monkeypatch.setattr(NotesPane, "on_mount", mount_after_a_commit_elsewhere)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await until(pilot, lambda: "Consumer restarted by hand" in screen_text(app))


async def test_capital_n_on_an_event_lists_its_notes_only(service, db_path, screen_text, make_review):
    rid = make_review(service)
    first = service.store.page_events(rid, 0, 1)[0]
    service.add_note(rid, "ABOUT-THE-PAGE the alert looked routine", event_id=first.id)
    service.add_note(rid, "UNLINKED general observation")
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("N")
        await pilot.pause()
        text = screen_text(app)
        assert "ABOUT-THE-PAGE" in text and "UNLINKED" not in text
        assert app.focused.id == "notes-list"
        await pilot.press("f")
        await pilot.pause()
        assert "UNLINKED" in screen_text(app)


async def test_blaming_wording_gets_a_hint_and_is_still_saved(service, db_path, recording_app, type_text, make_review):
    rid = make_review(service)
    app = recording_app(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+n")
        await type_text(pilot, "Bo should have restarted the consumer")
        await pilot.press("enter")
        await pilot.pause()
        messages = app.told
        assert any("should have" in m for m in messages)
    assert [n.text for n in service.notes(rid)] == ["Bo should have restarted the consumer"]


async def test_half_typed_note_survives_a_restart(service, db_path, type_text, until, make_review):
    rid = make_review(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+n")
        await type_text(pilot, "the consumer lag was")
        # written while typing, before any quit
        await until(pilot, lambda: service.draft(rid) == "the consumer lag was")
    again = FacilitatorApp(db_path=db_path, review_id=rid)
    async with again.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert again.screen.query_one("#note-input", Input).value == "the consumer lag was"
        await pilot.press("ctrl+n", "end")
        await type_text(pilot, " growing")
        await pilot.press("enter")
        await pilot.pause()
    assert service.notes(rid)[-1].text == "the consumer lag was growing"
    assert service.draft(rid) == ""


async def test_resizing_switches_between_grid_and_tabs(service, db_path, make_review):
    rid = make_review(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert not app.screen.query("#pane-tabs")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.has_class("-compact") and app.screen.query("#pane-tabs")
        await pilot.press("tab")
        await pilot.pause()
        assert app.screen.query_one("#pane-tabs").active == "tab-prompts"
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        assert not app.screen.has_class("-compact") and not app.screen.query("#pane-tabs")


async def test_every_review_action_is_a_palette_command(service, db_path, make_review):
    rid = make_review(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        titles = {c.title for c in app.palette_commands(app.screen)}
        for wanted in ("Start meeting", "Phase ▶", "Share-safe", "Park idea", "Export", "Import",
                       "Participants", "Parking lot", "Zoom pane", "Add event",
                       "Key moment", "Filter", "Help", "Theme"):
            assert wanted in titles, wanted
        assert "Close meeting" not in titles  # offered once a meeting runs
        command = next(c for c in app.palette_commands(app.screen) if c.title == "Share-safe")
        app.run_command(command)
        await pilot.pause()
        assert service.review(rid).share_safe is True
        service.start_meeting(rid)
        app.screen.reload_review()
        titles = {c.title for c in app.palette_commands(app.screen)}
        assert "Close meeting" in titles and "Start meeting" not in titles


async def test_themes_cycle_through_light_and_high_contrast(service, db_path, screen_text, make_review):
    rid = make_review(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        seen = []
        for _ in range(3):
            await pilot.press("ctrl+t")
            await pilot.pause()
            seen.append(app.theme)
            assert "Queue depth above 10k" in screen_text(app)
        assert seen == ["textual-light", "facilitator-high-contrast", "textual-dark"]


async def test_note_details_stay_readable_on_the_light_theme(service, db_path, make_review):
    rid = make_review(service)
    service.add_quick_note(rid, "a: page the database team owner:Bo due:2026-12-05")
    service.add_quick_note(rid, "the newest note, under the cursor")
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    app.theme = "textual-light"
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        listing = app.screen.query_one("#notes-list")
        strips = listing.render_lines(listing.region.reset_offset)
        colours = [segment.style.color for strip in strips for segment in strip
                   if "owner Bo" in segment.text and segment.style and segment.style.color]
        assert colours, "the action's owner is on screen"
        # Muted, not white: dark enough to read on the light background.
        assert all(sum(c.triplet) / (3 * 255) < 0.6 for c in colours), colours


async def test_the_theme_is_remembered_between_starts_and_named_for_people(service, db_path, recording_app, make_review):
    rid = make_review(service)
    app = recording_app(db_path, rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.told[-1] == "Theme: Light"
    again = recording_app(db_path, rid)
    async with again.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert again.theme == "textual-light"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert again.told[-1] == "Theme: High contrast"
    assert service.preference("theme") == "facilitator-high-contrast"


async def test_a_pasted_escape_sequence_keeps_the_text_in_order(service, db_path, screen_text, make_review):
    from textual import events

    rid = make_review(service)
    app = FacilitatorApp(db_path=db_path, review_id=rid)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+n")
        box = app.screen.query_one("#note-input")
        box.post_message(events.Paste("AAA \x1b[31mBBB"))
        await pilot.pause()
        assert box.value == "AAA [31mBBB"
        assert "AAA [31mBBB" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
    assert service.notes(rid)[-1].text == "AAA [31mBBB"
