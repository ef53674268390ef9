"""The timeline pane driven by keys, asserting what the database holds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pilot_helpers import type_text
from textual.app import App, ComposeResult

from facilitator_tui.models import Event
from facilitator_tui.service import ReviewService
from facilitator_tui.store import EventFilter
from facilitator_tui.widgets.timeline import TimelinePane, parse_filter
from facilitator_tui.widgets.timeline_view import PAGE_SIZE, TimelineView

START = datetime(2026, 11, 20, 22, 50, tzinfo=UTC)


class Host(App[None]):
    def __init__(self, service: ReviewService, review_id: int) -> None:
        super().__init__()
        self.service, self.review_id = service, review_id
        self.selected: list[Event | None] = []

    def compose(self) -> ComposeResult:
        yield TimelinePane(self.service, self.review_id, id="timeline")

    def on_mount(self) -> None:
        self.query_one(TimelineView).focus()

    def on_timeline_pane_event_selected(self, message: TimelinePane.EventSelected) -> None:
        self.selected.append(message.event)

    def say(self, message: str, *, error: bool = False, timeout: float = 3) -> None:
        self.notify(message, severity="error" if error else "information", markup=False)


def seed(service: ReviewService, n: int = 5) -> int:
    review = service.create_review("Timeline", start=START, tz="Europe/Berlin")
    service.import_events(review.id, [
        Event(at=START + timedelta(minutes=10 * i), source="slack" if i % 2 else "pagerduty",
              actor="ana" if i % 2 else "PagerDuty", text=f"event number {i}", external_id=f"e{i}")
        for i in range(n)
    ])
    return review.id




async def test_add_event_with_clock_time_in_the_reviews_zone(service):
    rid = seed(service)
    app = Host(service, rid)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Rolled back")
        app.screen.query_one("#when").value = "00:07"
        await pilot.press("enter")
        await pilot.pause()
        view = app.query_one(TimelineView)
        assert view.current_event().text == "Rolled back"
    added = [e for e in service.store.all_events(rid) if e.text == "Rolled back"]
    # the incident began 23:50 Berlin on 20 Nov, so 00:07 is just after midnight: 23:07 UTC
    assert added[0].at == datetime(2026, 11, 20, 23, 7, tzinfo=UTC)
    assert added[0].source == "manual"


async def test_bad_time_keeps_the_editor_open_and_writes_nothing(service):
    rid = seed(service)
    app = Host(service, rid)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("a")
        await type_text(pilot, "Something")
        app.screen.query_one("#when").value = "25:61"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#error").render()  # error shown, still open
        assert type(app.screen).__name__ == "EventEditor"
    assert service.event_count(rid) == 5


async def test_key_moment_hide_and_edit(service):
    rid = seed(service)
    app = Host(service, rid)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("down", "k")
        await pilot.pause()
        await pilot.press("down", "h")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.click("#text")
        await pilot.press("end")
        await type_text(pilot, " (edited)")
        await pilot.press("enter")
        await pilot.pause()
    events = service.store.all_events(rid)
    assert events[1].key_moment is True
    assert events[2].hidden is True
    assert service.event_count(rid) == 4
    assert events[3].text == "event number 3 (edited)"


async def test_filter_by_source_actor_and_text(service):
    rid = seed(service, 10)
    app = Host(service, rid)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "source:slack")
        await pilot.press("enter")
        await pilot.pause()
        view = app.query_one(TimelineView)
        assert view.count == 5
        await pilot.press("slash", "ctrl+u")
        await type_text(pilot, "number 7")
        await pilot.press("enter")
        await pilot.pause()
        assert view.count == 1 and view.current_event().text == "event number 7"
        assert "filter" in str(app.query_one(TimelinePane).border_title)


def test_filter_syntax():
    flt = parse_filter('actor:ana source:slack "disk full"', EventFilter())
    assert (flt.actor, flt.source, flt.text) == ("ana", "slack", "disk full")


async def test_jump_to_time(service):
    rid = seed(service, 10)
    app = Host(service, rid)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("g")
        await type_text(pilot, "00:21")  # Berlin, after midnight: 23:21 UTC; next is 23:30
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one(TimelineView).current_event().text == "event number 4"


async def test_cursor_stays_on_its_event_when_another_process_adds_earlier_ones(service, db_path):
    rid = seed(service, 10)
    app = Host(service, rid)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("down", "down", "down")
        view = app.query_one(TimelineView)
        assert view.current_event().text == "event number 3"
        other = ReviewService.open(db_path)
        other.import_events(rid, [Event(at=START - timedelta(hours=1, minutes=i), text=f"earlier {i}",
                                        external_id=f"x{i}") for i in range(4)])
        other.close()
        app.query_one(TimelinePane).refresh_data()
        await pilot.pause()
        assert view.cursor == 7
        assert view.current_event().text == "event number 3"


async def test_selection_is_announced_for_notes(service):
    rid = seed(service)
    app = Host(service, rid)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("down")
        await pilot.pause(0.3)
        assert app.selected and app.selected[-1].text == "event number 1"


async def test_hundred_thousand_events_fetch_only_the_pages_shown(service):
    review = service.create_review("Big")
    base = datetime(2026, 1, 1, tzinfo=UTC)
    service.import_events(review.id, [
        Event(at=base + timedelta(seconds=i), text=f"m{i}", external_id=str(i)) for i in range(100_000)
    ])
    app = Host(service, review.id)
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.query_one(TimelineView)
        assert view.count == 100_000
        await pilot.press("end")
        await pilot.pause()
        assert view.current_event().text == "m99999"
        await pilot.press("home", "down", "down")
        await pilot.pause()
        assert view.current_event().text == "m2"
        assert view.pages_fetched <= 6
        assert view.virtual_size.height == 100_000
        assert PAGE_SIZE * view.pages_fetched < 2_000
