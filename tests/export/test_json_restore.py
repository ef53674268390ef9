"""Restoring from JSON refuses what it cannot trust, each time with one line that says why."""

from __future__ import annotations

import json

import pytest

from facilitator_tui.export import RestoreError, from_json, to_json


def edited(change):
    """The demo export with `change` made to its JSON document (made when a test asks)."""

    def make(demo) -> str:
        document = json.loads(to_json(demo()))
        change(document)
        return json.dumps(document)

    return make


def set_in(path: str, value):
    def change(document):
        *parents, last = path.split(".")
        node = document
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value
    return change


def drop(key: str):
    return lambda document: document.pop(key)


CASES = {
    "not JSON": ("# Review\n\nthis is Markdown", "not valid JSON"),
    "empty file": ("", "the file is empty"),
    "truncated file": (lambda demo: to_json(demo())[:5000], "not valid JSON (perhaps cut short?)"),
    "a JSON array": ("[1, 2, 3]", "expected a JSON object, found a list"),
    "a JSON string": ('"review"', "expected a JSON object, found a string"),
    "missing format": (edited(drop("format")), 'the "format" marker is missing'),
    "wrong format": (edited(set_in("format", "posting.collection")),
                     "format is 'posting.collection', expected 'facilitator-tui.review'"),
    "missing version": (edited(drop("version")), "does not say which format version"),
    "version 99": (edited(set_in("version", 99)), "format version 99, newer than this facilitator-tui"),
    "version as text": (edited(set_in("version", "1")), "format version '1' is not one we know"),
    "version 0": (edited(set_in("version", 0)), "format version 0 is not one we know"),
    "missing review": (edited(drop("review")), "missing 'review'"),
    "a rant note": (edited(set_in("notes.0.kind", "rant")), "notes.0.kind: unknown note kind 'rant'"),
    "a naive datetime": (edited(set_in("events.1.at", "2026-11-20T23:12:40")),
                         "events.1.at: event time has no time zone"),
    "not a time": (edited(set_in("review.created_at", "yesterday")), "review.created_at"),
    "an unknown field": (edited(set_in("events.0.colour", "red")), "unknown key 'events.0.colour'"),
    "an unknown top-level key": (edited(set_in("comments", [])), "unknown key 'comments'"),
    "an empty title": (edited(set_in("review.title", "  ")), "a review needs a title"),
    "an unknown zone": (edited(set_in("review.timezone", "Mars/Olympus")), "unknown time zone"),
    "a note on a missing event": (edited(set_in("notes.0.event_id", 404)),
                                  "note 1 is linked to event 404, which is not in it"),
    "a note by a missing participant": (edited(set_in("notes.0.participant_id", 404)),
                                        "note 1 is attributed to participant 404"),
    "a parked idea pointing nowhere": (edited(set_in("parked.1.action_note_id", 404)),
                                       "parked idea 2 points to note 404"),
    "two events with one id": (edited(set_in("events.1.id", 1)), "two events share id 1"),
    "a control character in the message": (edited(set_in("notes.0.kind", "rant\n\x1b[31m")),
                                            "unknown note kind"),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_exports_are_refused_with_one_line(name, demo):
    text, words = CASES[name]
    if callable(text):
        text = text(demo)
    with pytest.raises(RestoreError) as caught:
        from_json(text)
    message = str(caught.value)
    assert words in message
    assert "\n" not in message and "\x1b" not in message and len(message) <= 300
    assert isinstance(caught.value, ValueError)


def test_a_badly_broken_file_lists_a_few_problems_not_all(demo):
    document = json.loads(to_json(demo()))
    for note in document["notes"]:
        note["kind"] = "rant"
    with pytest.raises(RestoreError) as caught:
        from_json(json.dumps(document))
    assert str(caught.value).endswith("and 7 more problems")  # 9 notes, 2 of them described


def test_deep_nesting_is_refused_not_crashed():
    with pytest.raises(RestoreError):
        from_json("[" * 100_000 + "]" * 100_000)


def test_an_older_or_equal_version_is_read(demo):
    assert from_json(edited(set_in("version", 1))(demo)) == demo()


def test_exported_at_and_private_flag_are_not_part_of_the_snapshot(demo):
    assert from_json(edited(drop("exported_at"))(demo)) == demo()
    assert from_json(edited(set_in("private_included", False))(demo)) == demo()
