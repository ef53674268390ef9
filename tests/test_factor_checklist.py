"""The factors checklist driven by keys, asserting what the database holds."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import TextArea

from facilitator_tui.errors import DatabaseBusy
from facilitator_tui.screens.dialog_host import DialogHost
from facilitator_tui.screens.text_entry import TextEntry
from facilitator_tui.service import ReviewService
from facilitator_tui.widgets.factor_checklist import FactorChecklist
from facilitator_tui.widgets.row_list import RowList

SIZE = (120, 36)
HOSTILE = "[@click=app.quit]x[/] then [/ and \x1b[2J"
SHOWN = "[@click=app.quit]x[/] then [/ and ␛[2J"


class PaneHost(DialogHost, App[None]):
    """A bare app holding one review pane (and the dialogs it asks for), keeping what it says."""

    def __init__(self, service: ReviewService, review_id: int, pane_type: type, pane_id: str) -> None:
        super().__init__()
        self.service, self.review_id = service, review_id
        self.pane_type, self.pane_id = pane_type, pane_id
        self.told: list[str] = []

    def compose(self) -> ComposeResult:
        yield self.pane_type(self.service, self.review_id, id=self.pane_id)

    def on_mount(self) -> None:
        self.query_one(self.pane_type).focus_main()

    def notify(self, message: str, **kwargs) -> None:
        self.told.append(message)
        super().notify(message, **kwargs)


class Host(PaneHost):
    """Just the checklist, recording the messages it posts and the notifications it shows."""

    def __init__(self, service: ReviewService, review_id: int) -> None:
        super().__init__(service, review_id, FactorChecklist, "factors")
        self.changed: list = []

    def on_factor_checklist_factor_changed(self, message: FactorChecklist.FactorChanged) -> None:
        self.changed.append((message.factor.id, message.state.ticked if message.state else None))


def new_review(service: ReviewService) -> int:
    return service.create_review("Checkout latency").id


async def test_space_ticks_the_highlighted_factor(service, screen_text):
    rid = new_review(service)
    app = Host(service, rid)
    async with app.run_test(size=SIZE) as pilot:
        checklist = app.query_one(FactorChecklist)
        first = checklist.highlighted_factor()
        await pilot.press("space")
        await pilot.press("down", "space")
        second = checklist.highlighted_factor()
        await pilot.press("space")
        assert str(checklist.border_title) == "Factors · 1 ticked"
        assert app.changed == [(first.id, True), (second.id, True), (second.id, False)]
        assert f"☑ {first.name}" in screen_text(app)
    states = service.review_factors(rid)
    assert states[first.id].ticked and not states[second.id].ticked


async def test_groups_have_headers_and_the_description_follows_the_highlight(service, screen_text):
    rid = new_review(service)
    app = Host(service, rid)
    async with app.run_test(size=SIZE) as pilot:
        checklist = app.query_one(FactorChecklist)
        text = screen_text(app)
        assert "PEOPLE" in text and "TIME" in text
        first = checklist.highlighted_factor()
        assert first.description in text
        await pilot.press("down")
        await pilot.pause()
        assert checklist.highlighted_factor().description in screen_text(app)


async def test_note_is_saved_while_typing_and_on_close(service, db_path, monkeypatch, until, screen_text, type_text):
    rid = new_review(service)
    app = Host(service, rid)
    reader = ReviewService.open(db_path)
    async with app.run_test(size=SIZE) as pilot:
        factor = app.query_one(FactorChecklist).highlighted_factor()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TextEntry)
        await type_text(pilot, "sale at midnight")
        await until(pilot, lambda: factor.id in reader.review_factors(rid))
        assert reader.review_factors(rid)[factor.id].note == "sale at midnight"
        monkeypatch.setattr(TextEntry, "SAVE_DELAY", 60)  # from here only closing can save
        await type_text(pilot, " too")
        await pilot.press("escape")
        assert reader.review_factors(rid)[factor.id].note == "sale at midnight too"
        await pilot.pause()
        assert "sale at midnight too" in screen_text(app)
    note = reader.review_factors(rid)[factor.id]
    reader.close()
    assert note.ticked  # a note about a factor means it mattered


async def test_enter_opens_the_note_and_keeps_what_was_there(service):
    rid = new_review(service)
    service.set_factor(rid, "production-pressure", note="first line\nsecond line")
    app = Host(service, rid)
    async with app.run_test(size=SIZE) as pilot:
        checklist = app.query_one(FactorChecklist)
        checklist.highlight_factor("production-pressure")
        await pilot.press("enter")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        assert area.text == "first line\nsecond line"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TextEntry)
    state = service.review_factors(rid)["production-pressure"]
    assert state.note == "first line\nsecond line" and not state.ticked  # opening changed nothing


async def test_add_a_factor_of_your_own(service, screen_text, type_text):
    rid = new_review(service)
    app = Host(service, rid)
    async with app.run_test(size=SIZE) as pilot:
        checklist = app.query_one(FactorChecklist)
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Vendor status page lagged")
        await pilot.press("enter")
        await pilot.pause()
        added = checklist.highlighted_factor()
        assert added.name == "Vendor status page lagged"
        assert "☑ Vendor status page lagged" in screen_text(app)
        assert app.changed == [(added.id, True)]
    custom = [f for f in service.factor_catalog(rid) if f.custom]
    assert [(f.name, f.group) for f in custom] == [("Vendor status page lagged", "people")]
    assert service.review_factors(rid)[custom[0].id].ticked


async def test_new_factor_group_defaults_to_the_highlighted_one(service, type_text):
    rid = new_review(service)
    app = Host(service, rid)
    async with app.run_test(size=SIZE) as pilot:
        app.query_one(FactorChecklist).highlight_factor("time-of-day")
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Release freeze ended that morning")
        await pilot.press("enter")
        await pilot.pause()
    (custom,) = [f for f in service.factor_catalog(rid) if f.custom]
    assert custom.group == "time"


async def test_hostile_notes_and_names_render_literally(service, screen_text):
    rid = new_review(service)
    service.set_factor(rid, "production-pressure", ticked=True, note=HOSTILE)
    service.add_custom_factor(rid, HOSTILE, "technology")
    app = Host(service, rid)
    async with app.run_test(size=(160, 40)) as pilot:
        app.query_one(FactorChecklist).highlight_factor("production-pressure")
        await pilot.pause()
        text = screen_text(app)
        assert f"Production pressure  — {SHOWN}" in text
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TextEntry)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click(RowList)
        await pilot.pause()
        assert app.is_running
        if isinstance(app.screen, TextEntry):  # the click picked a row and opened its note
            await pilot.press("escape")
        await pilot.press("end")
        await pilot.pause()
        assert f"☑ {SHOWN}" in screen_text(app)
        assert app.is_running
    # Opening the note and closing it did not rewrite the stored text.
    assert service.review_factors(rid)["production-pressure"].note == HOSTILE


async def test_refresh_shows_a_tick_from_elsewhere_without_moving(service, db_path, screen_text):
    rid = new_review(service)
    app = Host(service, rid)
    async with app.run_test(size=SIZE) as pilot:
        checklist = app.query_one(FactorChecklist)
        await pilot.press("down", "down")
        here = checklist.highlighted_factor()
        scroll = checklist.listing.scroll_y
        other = ReviewService.open(db_path)
        other.toggle_factor(rid, "time-of-day")
        other.close()
        checklist.refresh_data()
        await pilot.pause()
        assert checklist.highlighted_factor() == here
        assert checklist.listing.scroll_y == scroll
        assert checklist.states["time-of-day"].ticked
        assert str(checklist.border_title) == "Factors · 1 ticked"
        assert "☑ Time of day" in screen_text(app)


async def test_refresh_keeps_the_highlight_when_a_factor_is_added_elsewhere(service, db_path):
    rid = new_review(service)
    app = Host(service, rid)
    async with app.run_test(size=SIZE) as pilot:
        checklist = app.query_one(FactorChecklist)
        checklist.highlight_factor("time-of-day")
        other = ReviewService.open(db_path)
        other.add_custom_factor(rid, "Pager app update", "people")
        other.close()
        checklist.refresh_data()
        await pilot.pause()
        assert checklist.highlighted_factor().id == "time-of-day"
        (added,) = [f for f in checklist.catalog if f.custom]
        assert added.name == "Pager app update" and checklist.states[added.id].ticked
        assert checklist.listing.index_of(added.id) is not None


async def test_a_failed_save_is_one_notification_and_changes_nothing(service, monkeypatch):
    rid = new_review(service)
    app = Host(service, rid)

    def locked(*_args):
        raise DatabaseBusy("database is locked")

    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(service, "toggle_factor", locked)
        await pilot.press("space")
        await pilot.pause()
        assert app.told == ["Not saved: database is locked"]
        assert str(app.query_one(FactorChecklist).border_title) == "Factors · 0 ticked"
        assert app.is_running
    assert service.review_factors(rid) == {}
