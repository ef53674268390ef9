"""The timeline pane driven by keys, asserting what the database holds and what the rows show."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.geometry import Region

from facilitator_tui.models import Event
from facilitator_tui.screens.dialog_host import DialogHost
from facilitator_tui.service import ReviewService
from facilitator_tui.store import EventFilter
from facilitator_tui.widgets.timeline import TimelinePane, parse_filter, spelled_as_stored
from facilitator_tui.widgets.timeline_view import PAGE_SIZE, TimelineView, fit

START = datetime(2026, 11, 20, 22, 50, tzinfo=UTC)  # 23:50 in Berlin
HOSTILE = ["[bold]x[/]", "[@click=app.quit]x[/]", "lone [/", "\x1b[31mred"]


class Host(DialogHost, App[None]):
    """Just the pane (and the dialogs it asks for); no `say` helper, so the pane must not lean on the real app."""

    BINDINGS = [Binding("escape", "leave", "Back")]
    CSS = "TimelinePane { border: round $primary; }"  # as on the review screen: shows the title

    def __init__(self, service: ReviewService, review_id: int) -> None:
        super().__init__()
        self.service, self.review_id = service, review_id
        self.selected: list[Event | None] = []
        self.note_requests: list[Event | None] = []
        self.notices: list[tuple[str, dict]] = []
        self.left = False

    def compose(self) -> ComposeResult:
        yield TimelinePane(self.service, self.review_id, id="timeline")

    def on_mount(self) -> None:
        self.query_one(TimelinePane).focus_list()

    def on_timeline_pane_event_selected(self, message: TimelinePane.EventSelected) -> None:
        self.selected.append(message.event)

    def on_timeline_pane_add_note_requested(self, message: TimelinePane.AddNoteRequested) -> None:
        self.note_requests.append(message.event)

    def notify(self, message: str, **kwargs) -> None:
        self.notices.append((message, kwargs))
        super().notify(message, **kwargs)

    def action_leave(self) -> None:
        self.left = True


def seed(service: ReviewService, n: int = 5) -> int:
    review = service.create_review("Timeline", start=START, tz="Europe/Berlin")
    service.import_events(review.id, [
        Event(at=START + timedelta(minutes=10 * i), source="slack" if i % 2 else "pagerduty",
              actor="Ana" if i % 2 else "PagerDuty", text=f"event number {i}", external_id=f"e{i}")
        for i in range(n)
    ])
    return review.id


def rows(app: App) -> list[str]:
    view = app.query_one(TimelineView)
    return [view.render_line(y).text for y in range(view.size.height)]


def texts(service: ReviewService, rid: int) -> list[str]:
    return [e.text for e in service.store.all_events(rid)]


# -- adding and editing ---------------------------------------------------------------


async def test_add_event_with_clock_time_in_the_reviews_zone(service, type_text):
    rid = seed(service)
    app = Host(service, rid)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("a")
        await type_text(pilot, "Rolled back")
        app.screen.query_one("#when").value = "00:07"
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one(TimelinePane).selected_event.text == "Rolled back"
    added = [e for e in service.store.all_events(rid) if e.text == "Rolled back"]
    # the incident began 23:50 Berlin on 20 Nov, so 00:07 is just after midnight: 23:07 UTC
    assert added[0].at == datetime(2026, 11, 20, 23, 7, tzinfo=UTC)
    assert added[0].source == "manual"


async def test_add_event_full_timestamp_actor_and_key_moment(service, type_text):
    rid = seed(service)
    app = Host(service, rid)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("a")
        await type_text(pilot, "Paged the database team")
        app.screen.query_one("#when").value = "2026-11-21 00:30:15"
        app.screen.query_one("#actor").value = "ana"
        app.screen.query_one("#key").focus()
        await pilot.press("space", "enter")  # Enter on the checkbox saves, it does not toggle
        await pilot.pause()
    event = next(e for e in service.store.all_events(rid) if e.text == "Paged the database team")
    assert event.at == datetime(2026, 11, 20, 23, 30, 15, tzinfo=UTC)
    assert (event.actor, event.key_moment) == ("ana", True)


async def test_add_event_starts_at_the_highlighted_events_time(service, type_text):
    rid = seed(service)  # the incident was days ago: today's clock would be no help
    app = Host(service, rid)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("down", "down")
        highlighted = app.query_one(TimelinePane).selected_event
        assert highlighted.text == "event number 2"
        await pilot.press("a")
        assert app.screen.query_one("#when").value == "2026-11-21 00:10:00"
        await type_text(pilot, "Noted during the review")
        await pilot.press("enter")
        await pilot.pause()
        # It lands just after the event it was added beside, under the cursor.
        assert app.query_one(TimelinePane).selected_event.text == "Noted during the review"
        assert [r.split()[-1] for r in rows(app)[2:4]] == ["2", "review"]
    event = next(e for e in service.store.all_events(rid) if e.text == "Noted during the review")
    assert event.at == highlighted.at


async def test_add_event_on_an_empty_timeline_starts_at_the_incident(service, type_text):
    review = service.create_review("Empty", start=START, tz="Europe/Berlin")
    app = Host(service, review.id)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("a")
        assert app.screen.query_one("#when").value == "2026-11-20 23:50:00"
        await type_text(pilot, "First thing we know")
        await pilot.press("enter")
        await pilot.pause()
    [event] = service.store.all_events(review.id)
    assert event.at == START


async def test_bad_time_or_empty_text_keep_the_editor_open_and_write_nothing(service, type_text):
    rid = seed(service)
    app = Host(service, rid)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("a")
        await pilot.press("enter")
        await pilot.pause()
        assert "needs some text" in str(app.screen.query_one("#error").render())
        await type_text(pilot, "Something")
        app.screen.query_one("#when").value = "25:61"
        await pilot.press("enter")
        await pilot.pause()
        assert "25:61" in str(app.screen.query_one("#error").render())
        assert type(app.screen).__name__ == "EventEditor"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ != "EventEditor" and not app.left
    assert service.event_count(rid) == 5


async def test_key_moment_hide_and_edit(service, type_text):
    rid = seed(service)
    app = Host(service, rid)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("down", "k")
        await pilot.pause()
        assert "★" in rows(app)[1]
        await pilot.press("down", "h")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#when").value == "2026-11-21 00:20:00"
        await type_text(pilot, " (edited)")
        app.screen.query_one("#when").value = "00:21"
        await pilot.press("enter")
        await pilot.pause()
    events = service.store.all_events(rid)
    assert events[1].key_moment is True
    assert events[2].hidden is True
    assert service.event_count(rid) == 4
    assert events[3].text == "event number 3 (edited)"
    assert events[3].at == datetime(2026, 11, 20, 23, 21, tzinfo=UTC)


async def test_edit_leaves_untouched_fields_exactly_as_stored(service):
    review = service.create_review("Edit", start=START, tz="Europe/Berlin")
    precise = START + timedelta(microseconds=200)
    service.import_events(review.id, [Event(at=precise, actor="ana", text="two\nlines \x1b[31m",
                                            external_id="m")])
    app = Host(service, review.id)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        shown = app.screen.query_one("#text").value
        assert "\x1b" not in shown and "\n" not in shown and "␛" in shown
        app.screen.query_one("#actor").value = "Ana López"
        await pilot.press("enter")
        await pilot.pause()
    event = service.store.all_events(review.id)[0]
    assert (event.at, event.text, event.actor) == (precise, "two\nlines \x1b[31m", "Ana López")


async def test_hide_can_be_undone_and_hidden_events_shown(service):
    rid = seed(service)
    app = Host(service, rid)
    async with app.run_test(size=(120, 30)) as pilot:
        pane = app.query_one(TimelinePane)
        await pilot.press("down", "h")
        await pilot.pause()
        assert pane.view.count == 4 and pane.selected_event.text == "event number 2"
        assert any("u undoes" in message for message, _ in app.notices)
        await pilot.press("u")
        await pilot.pause()
        assert pane.view.count == 5 and pane.selected_event.text == "event number 1"
        await pilot.press("h", "H")
        await pilot.pause()
        assert pane.view.count == 5 and "with hidden" in str(pane.border_title)
        assert "[hidden]" in rows(app)[1]
        await pilot.press("H")
        await pilot.pause()
        assert pane.view.count == 4
    assert all(kwargs.get("markup") is False for _, kwargs in app.notices)
    assert service.store.get_event(service.store.all_events(rid)[1].id).hidden


async def test_key_moments_only(service):
    rid = seed(service)
    app = Host(service, rid)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("down", "down", "k", "K")
        await pilot.pause()
        view = app.query_one(TimelineView)
        assert view.count == 1 and view.current_event().text == "event number 2"
        await pilot.press("K")
        await pilot.pause()
        assert view.count == 5 and view.current_event().text == "event number 2"


async def test_n_asks_for_a_note_on_the_selected_event(service):
    rid = seed(service)
    app = Host(service, rid)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("down", "n")
        await pilot.pause()
        assert app.note_requests[-1].text == "event number 1"


# -- filter and jump ----------------------------------------------------------------


async def test_filter_by_source_actor_and_text(service, type_text):
    rid = seed(service, 10)
    app = Host(service, rid)
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.query_one(TimelineView)
        await pilot.press("down", "down", "down")  # event number 3, from slack
        await pilot.press("slash")
        await type_text(pilot, "source:slack")
        await pilot.press("enter")
        await pilot.pause()
        assert view.count == 5 and view.current_event().text == "event number 3"
        await pilot.press("slash", "ctrl+u")
        await type_text(pilot, "actor:pagerduty")  # typed loosely, stored as PagerDuty
        await pilot.press("enter")
        await pilot.pause()
        assert view.count == 5 and view.current_event().actor == "PagerDuty"
        await pilot.press("slash", "ctrl+u")
        await type_text(pilot, "number 7")
        await pilot.press("enter")
        await pilot.pause()
        assert view.count == 1 and view.current_event().text == "event number 7"
        assert "filter" in str(app.query_one(TimelinePane).border_title)
        await pilot.press("slash", "escape")
        await pilot.pause()
        assert view.count == 10 and view.current_event().text == "event number 7"
        assert not app.left and view.has_focus


async def test_hostile_filter_words_are_shown_not_parsed(service, screen_text):
    rid = seed(service)
    app = Host(service, rid)
    async with app.run_test(size=(120, 30)) as pilot:
        pane = app.query_one(TimelinePane)
        pane.apply_filter("[@click=app.quit]x[/] [/")
        await pilot.pause()
        assert "[@click=app.quit]x[/]" in screen_text(app)
        assert pane.view.count == 0 and app.is_running
        assert "No events match" in rows(app)[0]


def test_names_typed_loosely_find_the_stored_name():
    known = ["Jonas Brandt", "Joanna Li", "PagerDuty", "shipit"]
    assert spelled_as_stored("pagerduty", known) == ("PagerDuty", [])
    assert spelled_as_stored("brandt", known) == ("Jonas Brandt", [])
    assert spelled_as_stored("jonas", known) == ("Jonas Brandt", [])
    assert spelled_as_stored("jo", known) == ("jo", ["Jonas Brandt", "Joanna Li"])
    assert spelled_as_stored("nobody", known) == ("nobody", [])


async def test_filter_by_part_of_a_name(service, type_text):
    review = service.create_review("Names", start=START, tz="Europe/Berlin")
    service.import_events(review.id, [
        Event(at=START + timedelta(minutes=i), source="slack", actor=actor, text=f"said {i}",
              external_id=f"n{i}")
        for i, actor in enumerate(["Jonas Brandt", "Joanna Li", "Jonas Brandt", "Maya Ortiz"])
    ])
    app = Host(service, review.id)
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.query_one(TimelineView)
        await pilot.press("slash")
        await type_text(pilot, "actor:brandt")
        await pilot.press("enter")
        await pilot.pause()
        assert view.count == 2 and {view.event_at(i).actor for i in range(2)} == {"Jonas Brandt"}
        await pilot.press("slash", "ctrl+u")
        await type_text(pilot, "actor:jo")
        await pilot.press("enter")
        await pilot.pause()
        # Two people fit: nothing is guessed, and the pane says who would fit.
        assert view.count == 0
        told = [message for message, _ in app.notices if "actor:jo" in message]
        assert told and "Jonas Brandt" in told[-1] and "Joanna Li" in told[-1]


def test_filter_syntax():
    flt = parse_filter('actor:ana source:slack "disk full"', EventFilter())
    assert (flt.actor, flt.source, flt.text) == ("ana", "slack", "disk full")
    assert parse_filter("it's down", EventFilter()).text == "it's down"


async def test_jump_to_time(service, type_text):
    rid = seed(service, 10)
    app = Host(service, rid)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("g")
        await type_text(pilot, "00:21")  # Berlin, after midnight: 23:21 UTC; next is 23:30
        await pilot.press("enter")
        await pilot.pause()
        view = app.query_one(TimelineView)
        assert view.current_event().text == "event number 4"
        await pilot.press("g")
        await type_text(pilot, "soon")
        await pilot.press("enter")
        await pilot.pause()
        assert view.current_event().text == "event number 4"
        message, kwargs = app.notices[-1]
        assert "soon" in message and kwargs["severity"] == "error" and kwargs["markup"] is False


# -- rendering ------------------------------------------------------------------------


async def test_hostile_text_renders_as_its_characters(service, screen_text):
    review = service.create_review("Hostile", start=START, tz="UTC")
    service.import_events(review.id, [
        Event(at=START + timedelta(minutes=i), text=text, actor="[b]eve[/b]", source="[i]src",
              external_id=str(i)) for i, text in enumerate(HOSTILE)
    ])
    app = Host(service, review.id)
    async with app.run_test(size=(120, 30)) as pilot:
        shown = rows(app)
        for line, text in zip(shown, HOSTILE, strict=False):
            assert text.replace("\x1b", "␛") in line and "[b]eve[/b]" in line and "[i]src" in line
        assert not any("\x1b" in line for line in shown)
        await pilot.click(TimelineView, offset=(40, 1))  # on the [@click=app.quit] row
        await pilot.pause()
        assert app.query_one(TimelineView).cursor == 1
        assert "[@click=app.quit]x[/]" in screen_text(app)
        assert app.is_running


async def test_rows_mark_days_bots_replies_and_channels(service):
    rid = seed(service)  # 23:50 to 00:30 in Berlin: two local days
    service.import_events(rid, [Event(at=START + timedelta(minutes=1), source="slack", channel="inc-42",
                                      actor="deploybot", is_bot=True, reply_to="1.0",
                                      text="rollback done", external_id="bot")])
    app = Host(service, rid)
    async with app.run_test(size=(120, 30)):
        shown = rows(app)
        assert shown[0].startswith(" 11-20 23:50:00")
        assert "slack #inc-42" in shown[1] and "↳ deploybot (bot): rollback done" in shown[1]


def test_fit_counts_terminal_cells():
    assert fit("short", 10) == "short"
    assert fit("abcdefghij", 5) == "abcd…"
    assert fit("事件事件事件", 5) == "事件…"


async def test_share_safe_hides_facilitator_only_events(service, screen_text):
    rid = seed(service)
    service.import_events(rid, [Event(at=START, text="my private aside", facilitator_only=True,
                                      external_id="p")])
    app = Host(service, rid)
    async with app.run_test(size=(120, 30)) as pilot:
        pane = app.query_one(TimelinePane)
        assert pane.view.count == 6 and any("[private]" in line for line in rows(app))
        pane.set_share_safe(True)
        await pilot.pause()
        assert pane.view.count == 5 and "my private aside" not in screen_text(app)


# -- cursor, caches and other processes ------------------------------------------------


async def test_click_selects_and_selection_is_announced_once_keys_settle(service, monkeypatch,
                                                                           until):
    monkeypatch.setattr(TimelineView, "ANNOUNCE_DELAY", 0.12)  # the debounce is what is tested
    rid = seed(service, 10)
    app = Host(service, rid)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert [e.text for e in app.selected] == ["event number 0"]
        await pilot.press("down", "down", "down", "down")
        await until(pilot, lambda: len(app.selected) > 1)
        assert [e.text for e in app.selected] == ["event number 0", "event number 4"]
        await pilot.click(TimelineView, offset=(30, 6))
        await until(pilot, lambda: app.selected[-1].text != "event number 4")
        assert app.query_one(TimelinePane).selected_event.text == "event number 6"
        assert app.selected[-1].text == "event number 6"


class CountingService(ReviewService):
    """The real service, counting the timeline pages it is asked for."""

    pages_read = 0

    def event_page(self, *args, **kwargs):
        self.pages_read += 1
        return super().event_page(*args, **kwargs)


def count_drawn_rows(view: TimelineView) -> list[tuple]:
    """The rows `view` draws from now on (a row found in its line cache is not drawn)."""
    drawn: list[tuple] = []
    cached_line = view.cached_line

    def counting(key, draw, *args):
        return cached_line(key, lambda *a: (drawn.append(a), draw(*a))[1], *args)

    view.cached_line = counting
    return drawn


async def test_cursor_move_repaints_only_the_two_changed_lines(db_path):
    service = CountingService.open(db_path)
    rid = seed(service, 600)
    app = Host(service, rid)
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.query_one(TimelineView)
        await pilot.press("end")
        await pilot.pause()
        fetched = service.pages_read
        drawn = count_drawn_rows(view)
        repainted: list[Region] = []
        original = view.refresh
        view.refresh = lambda *regions, **kw: (repainted.extend(regions), original(*regions, **kw))[1]
        await pilot.press("up")
        await pilot.pause()
        top = view.scroll_offset.y
        # Screen lines of the old and the new cursor row, not lines scrolled out of sight.
        assert [r.y for r in repainted] == [599 - top, 598 - top]
        assert len(drawn) <= 2 and service.pages_read == fetched
    service.close()


async def test_cursor_stays_on_its_event_and_line_when_another_process_adds_earlier_ones(
        service, db_path):
    rid = seed(service, 100)
    app = Host(service, rid)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press(*["down"] * 10)
        await pilot.pause()
        view = app.query_one(TimelineView)
        announced = len(app.selected)
        other = ReviewService.open(db_path)
        other.import_events(rid, [Event(at=START - timedelta(hours=1, minutes=i), text=f"earlier {i}",
                                        external_id=f"x{i}") for i in range(4)])
        other.close()
        app.query_one(TimelinePane).refresh_data()
        await pilot.pause()
        assert view.cursor == 14 and view.current_event().text == "event number 10"
        assert view.cursor - view.scroll_offset.y == 10  # same line on screen
        assert len(app.selected) == announced  # same event: the notes pane is left alone
        assert "104 events" in str(app.query_one(TimelinePane).border_title)


async def test_hundred_thousand_events_fetch_only_the_pages_shown(db_path):
    service = CountingService.open(db_path)
    review = service.create_review("Big")
    base = datetime(2026, 1, 1, tzinfo=UTC)
    service.import_events(review.saved_id(), [
        Event(at=base + timedelta(seconds=i), text=f"m{i}", external_id=str(i)) for i in range(100_000)
    ])
    app = Host(service, review.saved_id())
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.query_one(TimelineView)
        await pilot.pause()
        assert view.count == 100_000 and view.virtual_size.height == 100_000
        assert service.pages_read == 1
        await pilot.press("end")
        await pilot.pause()
        assert view.current_event().text == "m99999"
        await pilot.press("home", "down", "down", "pagedown")
        await pilot.pause()
        assert view.current_event().text == f"m{2 + view.size.height - 1}"
        assert service.pages_read <= 4
        assert PAGE_SIZE * service.pages_read < 2_000
    service.close()


async def test_a_view_that_nothing_reached_says_so(service):
    rid = seed(service)
    service.add_participant(rid, "Zed Quiet")
    app = Host(service, rid)
    async with app.run_test(size=(120, 30)) as pilot:
        pane = app.query_one(TimelinePane)
        pane.set_perspective("Zed Quiet")
        await pilot.pause()
        assert pane.view.count == 0
        assert "Nothing on this timeline reached Zed Quiet" in rows(app)[0]
        assert "as Zed Quiet saw it · 0 of 5 events" in str(pane.border_title)
        pane.set_perspective("")
        await pilot.pause()
        assert pane.view.count == 5 and not app.query("#perspective-header")


async def test_an_empty_timeline_says_how_to_add_and_import_events_whole_at_80_columns(service):
    rid = service.create_review("Nothing yet", start=START).id
    app = Host(service, rid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = rows(app)
        assert shown[0].strip() == "No events yet · a adds one"
        assert shown[1].strip() == "F9 imports a chat export, an alert log, a CSV or a text timeline"
        assert not any(line.strip() for line in shown[2:])
