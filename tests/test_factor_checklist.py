"""The factors checklist driven by keys, asserting what the database holds."""

from __future__ import annotations

from pilot_helpers import screen_text, type_text
from textual.app import App, ComposeResult
from textual.widgets import OptionList

from facilitator_tui.service import ReviewService
from facilitator_tui.widgets.factor_checklist import FactorChecklist


class Host(App[None]):
    def __init__(self, service: ReviewService, review_id: int) -> None:
        super().__init__()
        self.service, self.review_id = service, review_id

    def compose(self) -> ComposeResult:
        yield FactorChecklist(self.service, self.review_id, id="factors")

    def on_mount(self) -> None:
        self.query_one(FactorChecklist).focus_main()

    def say(self, message: str, *, error: bool = False, timeout: float = 3) -> None:
        self.notify(message, markup=False)


async def test_space_ticks_the_highlighted_factor(service):
    rid = service.create_review("Factors").id
    app = Host(service, rid)
    async with app.run_test(size=(120, 36)) as pilot:
        checklist = app.query_one(FactorChecklist)
        first = checklist.highlighted_factor()
        await pilot.press("space")
        await pilot.press("down", "space")
        second = checklist.highlighted_factor()
        await pilot.press("space")
        assert "1 ticked" in str(checklist.border_title)
    states = service.review_factors(rid)
    assert states[first.id].ticked and not states[second.id].ticked


async def test_note_is_saved_while_typing_and_on_close(service, db_path):
    rid = service.create_review("Factors").id
    app = Host(service, rid)
    async with app.run_test(size=(120, 36)) as pilot:
        factor = app.query_one(FactorChecklist).highlighted_factor()
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "sale at midnight")
        await pilot.pause(0.5)
        reader = ReviewService.open(db_path)
        assert reader.review_factors(rid)[factor.id].note == "sale at midnight"
        await type_text(pilot, " too")
        await pilot.press("escape")
        await pilot.pause()
        assert reader.review_factors(rid)[factor.id].note == "sale at midnight too"
        assert reader.review_factors(rid)[factor.id].ticked
        reader.close()


async def test_add_a_factor_of_your_own(service):
    rid = service.create_review("Factors").id
    app = Host(service, rid)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Vendor status page lagged")
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one(FactorChecklist).highlighted_factor().name == "Vendor status page lagged"
    custom = [f for f in service.factor_catalog(rid) if f.custom]
    assert [f.name for f in custom] == ["Vendor status page lagged"]
    assert service.review_factors(rid)[custom[0].id].ticked


async def test_hostile_notes_render_literally(service):
    rid = service.create_review("Factors").id
    service.set_factor(rid, "production-pressure", ticked=True,
                       note="[@click=app.quit]x[/] then [/ and \x1b[2J")
    app = Host(service, rid)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "[@click=app.quit]x[/] then [/ and ␛[2J" in text
        await pilot.click(OptionList)
        assert app.is_running


async def test_refresh_shows_a_tick_from_elsewhere_without_moving(service, db_path):
    rid = service.create_review("Factors").id
    app = Host(service, rid)
    async with app.run_test(size=(120, 36)) as pilot:
        checklist = app.query_one(FactorChecklist)
        await pilot.press("down", "down")
        here = checklist.highlighted_factor()
        other = ReviewService.open(db_path)
        other.toggle_factor(rid, "time-of-day")
        other.close()
        checklist.refresh_data()
        await pilot.pause()
        assert checklist.highlighted_factor() == here
        assert checklist.states["time-of-day"].ticked
