"""The review's details edited after `new`, through the real app and the real database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from facilitator_tui.screens.review_details import ReviewDetails
from facilitator_tui.service import ServiceError

SIZE = (160, 45)


@pytest.fixture
def rid(service) -> int:
    return service.create_review("Checkout errors", tz="UTC").id


async def fill(app, pilot, **fields: str) -> None:
    for name, value in fields.items():
        box = app.screen.query_one(f"#details-{name}")
        box.value = value
    await pilot.pause()


async def test_every_detail_can_be_changed_after_new(service, db_path, rid, recording_app, screen_text, type_text):
    app = recording_app(db_path, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, ReviewDetails)
        assert app.screen.query_one("#details-title").value == "Checkout errors"
        await fill(app, pilot, title="Checkout errors during the winter sale", zone="Europe/Berlin",
                   start="2026-11-20 23:10", end="2026-11-21 00:40", facilitator="Ana  Costa",
                   timebox="90")
        app.screen.query_one("#details-summary").focus()
        await type_text(pilot, "Payments failed for 90 minutes.")
        app.screen.query_one("#details-status").value = "closed"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewDetails)
        assert "Review details saved." in app.told
        # The screen shows the new title, and the status in the words `list` uses.
        assert "Checkout errors during the winter sale" in screen_text(app)
        assert "Closed" in screen_text(app)
    review = service.review(rid)
    assert review.title == "Checkout errors during the winter sale"
    assert review.summary == "Payments failed for 90 minutes."
    assert review.timezone == "Europe/Berlin" and review.facilitator == "Ana Costa"
    assert review.incident_start == datetime(2026, 11, 20, 22, 10, tzinfo=UTC)
    assert review.incident_end == datetime(2026, 11, 20, 23, 40, tzinfo=UTC)
    assert (review.timebox_minutes, review.status) == (90, "closed")


@pytest.mark.parametrize(("fields", "message"), [
    ({"title": "  "}, "a review needs a title"),
    ({"start": "2026-11-21 00:40", "end": "2026-11-20 23:10"}, "the incident cannot end before it starts"),
    ({"timebox": "3"}, "a meeting's timebox is 5 to 600 minutes, not 3"),
    ({"timebox": "an hour"}, "timebox: 'an hour' is not a number of minutes"),
    ({"zone": "Mars/Olympus"}, "Mars/Olympus"),
    ({"start": "yesterday-ish"}, "incident start:"),
])
async def test_a_detail_that_does_not_read_says_so_and_saves_nothing(service, db_path, rid, fields, message, recording_app):
    before = service.review(rid)
    app = recording_app(db_path, rid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        await fill(app, pilot, **fields)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReviewDetails)
        assert message in str(app.screen.query_one("#details-error").render())
        await pilot.press("escape")
        await pilot.pause()
    assert service.review(rid) == before


def test_the_status_follows_the_meeting(service, rid):
    with pytest.raises(ServiceError, match="In meeting while its meeting runs"):
        service.update_details(rid, title="x", status="meeting")
    service.start_meeting(rid)
    with pytest.raises(ServiceError, match="F10 closes it"):
        service.update_details(rid, title="x", status="closed")
    assert service.update_details(rid, title="x", status="meeting").status == "meeting"


async def test_details_from_the_home_screen(service, db_path, rid, recording_app):
    app = recording_app(db_path)
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ReviewDetails)
        await fill(app, pilot, facilitator="Rui Alves")
        await pilot.press("enter")
        await pilot.pause()
    assert service.review(rid).facilitator == "Rui Alves"
