"""Validation gives people a clear message."""

from datetime import datetime

import pytest
from pydantic import ValidationError

from facilitator_tui.errors import one_line
from facilitator_tui.models import Event, Note, Review


def message(exc_info) -> str:
    return one_line(exc_info.value)


def test_empty_title_is_refused_with_a_clear_message():
    with pytest.raises(ValidationError) as exc:
        Review(title="   ")
    assert "needs a title" in message(exc)


def test_naive_timestamp_is_refused():
    with pytest.raises(ValidationError) as exc:
        Event(at=datetime(2026, 11, 20, 14, 3), text="restarted the primary")
    assert "no time zone" in message(exc)


def test_unknown_note_kind_names_the_kinds():
    with pytest.raises(ValidationError) as exc:
        Note(text="x", kind="rant")
    text = message(exc)
    assert "unknown note kind 'rant'" in text
    assert "insight" in text


def test_unknown_time_zone():
    with pytest.raises(ValidationError) as exc:
        Review(title="x", timezone="Mars/Olympus")
    assert "unknown time zone" in message(exc)


def test_aware_times_are_kept_in_utc():
    event = Event(at=datetime.fromisoformat("2026-11-20T23:30:00+01:00"), text="x")
    assert event.at.isoformat() == "2026-11-20T22:30:00+00:00"


def test_a_validation_error_is_one_line():
    with pytest.raises(ValidationError) as exc:
        Review(title="", timezone="nowhere")
    assert "\n" not in message(exc)
