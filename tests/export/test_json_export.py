"""The JSON export: complete, deterministic, laid out like json.dumps, and read back exactly."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator_tui.export import EXPORT_FORMAT, EXPORT_VERSION, from_json, to_json
from facilitator_tui.export.json_layout import dumps_pretty
from facilitator_tui.export.privacy import shared_view
from facilitator_tui.models import ReviewSnapshot

STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z")
TIME_KEYS = {"at", "created_at", "updated_at", "incident_start", "incident_end", "meeting_started_at",
             "meeting_ended_at", "asked_at", "started_at", "ended_at", "exported_at", "state_changed_at"}
many = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def standard(document: dict) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@many
@given(data=st.data())
def test_round_trip_gives_the_same_snapshot_and_the_same_text(snapshots, data):
    snap = data.draw(snapshots)
    text = to_json(snap, exported_at=None)
    again = from_json(text)
    assert again == snap
    assert to_json(again, exported_at=None) == text


@many
@given(data=st.data())
def test_layout_is_exactly_json_dumps_with_sorted_keys_and_indent(snapshots, data, utc):
    snap = data.draw(snapshots)
    text = to_json(snap, exported_at=utc("2026-11-24T12:00:00Z"))
    assert text == standard(json.loads(text))


@many
@given(data=st.data())
def test_every_time_is_utc_iso_with_z(snapshots, data):
    snap = data.draw(snapshots)
    def walk(value, key=None):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif key in TIME_KEYS and value is not None:
            assert STAMP.fullmatch(value), (key, value)

    walk(json.loads(to_json(snap)))


@many
@given(data=st.data())
def test_without_private_nothing_private_leaves_and_the_rest_still_restores(snapshots, data):
    snap = data.draw(snapshots)
    document = json.loads(to_json(snap, include_private=False))
    assert document["private_included"] is False
    assert all(n["kind"] != "private" for n in document["notes"])
    assert all(not e["facilitator_only"] for e in document["events"])
    assert sum(e["hidden"] for e in document["events"]) == sum(
        e.hidden for e in snap.events if not e.facilitator_only)
    assert from_json(to_json(snap, include_private=False)) == shared_view(snap, include_private=False)


def test_the_file_says_what_it_is(demo, utc):
    document = json.loads(to_json(demo(), exported_at=utc("2026-11-24T12:00:00+01:00")))
    assert document["format"] == EXPORT_FORMAT == "facilitator-tui.review"
    assert document["version"] == EXPORT_VERSION == 2
    assert document["exported_at"] == "2026-11-24T11:00:00Z"
    assert document["private_included"] is True
    assert set(document) == {"format", "version", "exported_at", "private_included", *ReviewSnapshot.model_fields}


def test_every_model_field_is_written(demo):
    document = json.loads(to_json(demo()))
    snap = demo()
    for key in ReviewSnapshot.model_fields:
        expected = getattr(snap, key)
        rows = document[key] if isinstance(expected, list) else [document[key]]
        fields = set(type(expected[0] if isinstance(expected, list) else expected).model_fields)
        assert all(set(row) == fields for row in rows), key


def test_exported_at_is_now_by_default_and_can_be_left_out(demo):
    before = datetime.now(UTC).replace(microsecond=0)
    stamped = json.loads(to_json(demo()))["exported_at"]
    assert before <= datetime.fromisoformat(stamped.replace("Z", "+00:00")) <= before + timedelta(seconds=5)
    assert "exported_at" not in json.loads(to_json(demo(), exported_at=None))
    assert to_json(demo(), exported_at=None) == to_json(demo(), exported_at=None)


def test_text_is_kept_as_written_not_ascii_escaped(demo):
    snap = demo()
    snap.participants[0].name = "Elif Yıldız 🔥"
    text = to_json(snap)
    assert "Elif Yıldız 🔥" in text
    assert text.endswith("}\n")


def test_a_byte_order_mark_is_tolerated(demo):
    assert from_json("\ufeff" + to_json(demo())) == demo()


records = st.lists(
    st.dictionaries(st.text(max_size=5), st.one_of(st.none(), st.booleans(), st.integers(),
                                                    st.text(alphabet=st.sampled_from('}{,\n "\\[]:é'))),
                    max_size=4),
    max_size=4,
)


@settings(max_examples=300, deadline=None)
@given(document=st.dictionaries(st.text(max_size=5), st.one_of(records, st.text(), st.integers(),
                                                                st.lists(st.integers()), st.none())))
def test_fast_layout_equals_the_standard_one(document):
    assert dumps_pretty(document) + "\n" == standard(document)


@settings(max_examples=200, deadline=None)
@given(items=st.lists(st.one_of(st.dictionaries(st.text(max_size=3), st.integers(), min_size=1),
                                st.dictionaries(st.text(max_size=3), st.lists(st.integers()), min_size=1),
                                st.integers(), st.text()), min_size=1))
def test_fast_layout_of_mixed_lists_is_still_the_same_json(items):
    document = {"items": [{"first": 1}, *items]}
    assert json.loads(dumps_pretty(document)) == document
