"""The Markdown export section by section, on a fixed review, and against a golden file.

Regenerate the golden file after an intended change of wording or layout with
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/export/test_markdown_export.py
and read the diff before committing it.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from facilitator_tui.export import to_markdown
from facilitator_tui.models import Event, Note, Review, ReviewSnapshot
from facilitator_tui.wording import find_hints

GOLDEN = Path(__file__).with_name("golden_demo.md")
# As the README promises: what was learned, then the actions, then the timeline and the rest.
ORDER = ["## What we learned", "## Action items", "## Timeline", "## Contributing factors",
         "## Open questions", "## Observations", "## Parked ideas", "## About this review"]


def positions(md: str, headings: list[str]) -> list[int]:
    return [md.index(f"\n{h}\n") for h in headings]


def test_matches_the_golden_file(demo):
    md = to_markdown(demo())
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(md, encoding="utf-8")
    assert md == GOLDEN.read_text(encoding="utf-8")


def test_sections_come_in_reading_order_with_private_notes_last(demo):
    md = to_markdown(demo(), include_private=True)
    assert md.startswith("# Card payments declined after certificate rotation\n\nA scheduled rotation")
    found = positions(md, [*ORDER, "## Facilitator's private notes"])
    assert found == sorted(found)


def test_private_notes_and_facilitator_only_events_stay_out_unless_asked_for(demo):
    shared = to_markdown(demo())
    assert "Check in with Sven" not in shared
    assert "awake since 6am" not in shared
    assert "Facilitator's private notes" not in shared
    assert "private note" not in shared

    private = to_markdown(demo(), include_private=True)
    section = private[private.index("## Facilitator's private notes"):]
    assert "*For the facilitator only:" in section
    assert "- Check in with Sven about the long day" in section
    assert "- **00:30** · *facilitator only* · Rui Alves · manual\\\n    Sven mentioned" in private
    assert "9 (2 observations, 2 insights, 2 questions, 2 action items, 1 private note)" in private
    assert "8 (2 observations, 2 insights, 2 questions, 2 action items)" in shared


def test_hidden_events_are_never_shown(demo):
    for private in (False, True):
        assert "Heartbeat ok" not in to_markdown(demo(), include_private=private)


def test_notes_about_events_left_out_become_unlinked_observations(demo, utc):
    snap = demo()
    snap.notes.append(Note(id=20, kind="observation", text="The heartbeat looked normal.", event_id=3,
                           created_at=utc("2026-11-24T10:30:00Z")))
    snap.notes.append(Note(id=21, kind="observation", text="A long day already.", event_id=6,
                           created_at=utc("2026-11-24T10:31:00Z")))
    shared = to_markdown(snap)
    observations = shared[shared.index("## Observations"):shared.index("## Parked ideas")]
    assert "- The heartbeat looked normal.\n" in observations
    assert "- A long day already.\n" in observations
    private = to_markdown(snap, include_private=True)
    assert "    - **Observation:** A long day already." in private


def test_timeline_across_midnight_has_a_heading_per_day_and_dated_references(demo):
    md = to_markdown(demo())
    timeline = md[md.index("## Timeline"):md.index("## Contributing factors")]
    assert "### 2026-11-20 (Friday)" in timeline and "### 2026-11-21 (Saturday)" in timeline
    assert timeline.index("**23:48**") < timeline.index("### 2026-11-21") < timeline.index("**01:40**")
    assert "*Times are Europe/Berlin (CET, +01:00). ★ marks a key moment.*" in timeline
    assert "about the event at 2026-11-20 23:48" in md


def test_timeline_within_one_day_has_no_day_headings(demo, utc):
    snap = demo()
    snap.events[:] = [e for e in snap.events if e.at < utc("2026-11-21T00:00:00+01:00")]
    md = to_markdown(snap)
    assert "### 2026-11-20" not in md
    assert "about the event at 23:48" in md


def test_events_in_time_order_with_key_moments_marked_and_notes_beneath(demo):
    snap = demo()
    snap.events.reverse()
    md = to_markdown(snap)
    assert md == to_markdown(demo())
    assert "- **23:12** · **★ Key moment** · Amara Obi · slack · #support-night\\\n" in md
    assert ("    Three tickets in five minutes.\n"
            "    - **Observation:** Support saw it before any alert fired. — Sven Lund\n"
            "    - **Action:** Page the on-call pair from the support-night channel with one command. "
            "— Sven Lund · owner Support tooling · done 2026-12-02\n") in md


def test_header_shows_window_in_zone_facilitator_people_and_status(demo):
    md = to_markdown(demo())
    assert ("- **Incident window:** 2026-11-20 23:12 – 2026-11-21 01:40 Europe/Berlin (CET, +01:00)\n"
            "- **Facilitator:** Rui Alves\n"
            "- **Participants:** Noor Haddad (incident commander), Sven Lund (responder), "
            "Keiko Mori (subject-matter expert), Rui Alves (facilitator)\n"
            "- **Status:** Closed\n") in md


@pytest.mark.parametrize(("zone", "start", "end", "expected"), [
    ("UTC", "2026-03-01T10:00:00Z", "2026-03-01T11:30:00Z", "2026-03-01 10:00 – 2026-03-01 11:30 UTC (+00:00)"),
    ("Europe/Berlin", "2026-10-25T00:30:00Z", "2026-10-25T02:30:00Z",
     "2026-10-25 02:30 – 2026-10-25 03:30 Europe/Berlin (CEST, +02:00 → CET, +01:00)"),
    ("America/Sao_Paulo", "2026-03-01T10:00:00Z", None, "from 2026-03-01 07:00 America/Sao_Paulo (-03:00)"),
    ("Asia/Kolkata", None, None, "not recorded yet"),
])
def test_incident_window_labels_its_zone(zone, start, end, expected, utc):
    review = Review(title="t", timezone=zone, incident_start=start and utc(start),
                    incident_end=end and utc(end))
    assert f"- **Incident window:** {expected}\n" in to_markdown(ReviewSnapshot(review=review))


def test_factors_grouped_in_catalog_group_order_with_notes(demo):
    md = to_markdown(demo())
    factors = md[md.index("## Contributing factors"):md.index("## Open questions")]
    assert factors.index("### People") < factors.index("### Time") < factors.index("### Organisation") \
        < factors.index("### Technology and tooling")
    assert "- Fatigue — Responders were near the end of a long day.\n" in factors
    assert "- Recent change\n" in factors
    assert "Long hours" not in factors  # names only, no descriptions


def test_action_items_table_with_owner_due_state_and_link(demo):
    md = to_markdown(demo())
    assert md.index("## What we learned") < md.index("## Action items") < md.index("## Timeline")
    assert ("| Action | Owner | Due | State | Link |\n| --- | --- | --- | --- | --- |\n"
            "| Validate the full chain against the acquirer's trust store before rotating. "
            "| Payments platform | 2026-12-15 | open | — |\n"
            "| Page the on-call pair from the support-night channel with one command. | Support tooling | — "
            "| done 2026-12-02 | https://tickets.example.test/SUP-88 |\n"
            ) in md
    parked = md[md.index("## Parked ideas"):md.index("## About this review")]
    assert "Alert on decline rate per acquirer" in parked
    assert "One-command paging" not in parked  # already became an action


def test_about_this_review_reports_the_meeting(demo):
    md = to_markdown(demo())
    about = md[md.index("## About this review"):]
    for line in ("- **Meeting:** 2026-11-24 11:00 – 12:02 Europe/Berlin (62 min)",
                 "- **Prompts asked:** 2",
                 "- **Contributing factors ticked:** 4",
                 "- **Parked ideas:** 2 (1 turned into an action item)",
                 "- **Notes attributed to:** Noor Haddad, Sven Lund, Keiko Mori",
                 "- **Did you learn something?** yes 5 · no 0",
                 "- **Would you come to another one of these?** yes 4 · no 1",
                 "| Walk the timeline | 24 min | 21 min |"):
        assert line + "\n" in about
    # Rui facilitated: the facilitator is not counted among those not yet heard from.
    assert "No notes attributed to" not in about


def test_a_meeting_not_yet_held_says_so_and_still_counts():
    md = to_markdown(ReviewSnapshot(review=Review(title="Fresh")))
    assert "*No learnings were recorded yet.*" in md
    assert "*No events on the timeline yet.*" in md
    assert "*No contributing factors were ticked.*" in md
    assert "*No open questions were noted.*" in md
    assert "*No action items yet.*" in md
    assert "*The meeting has not been held yet; these figures come from preparing it.*" in md
    assert "- **Notes:** 0 (0 observations, 0 insights, 0 questions, 0 action items)" in md
    assert "Did you learn" not in md and "| Phase |" not in md
    assert "## Observations" not in md and "## Parked ideas" not in md


def test_a_running_meeting_is_reported_up_to_its_last_change_not_the_clock(demo):
    snap = demo()
    snap.review.meeting_ended_at = None
    snap.review.updated_at = snap.review.meeting_started_at + timedelta(minutes=30)
    md = to_markdown(snap)
    assert "- **Meeting:** 2026-11-24 11:00 – 11:30 Europe/Berlin, still open (30 min up to the last " \
           "saved change)" in md
    assert md == to_markdown(snap)


def test_no_trailing_spaces_and_one_final_newline(demo):
    md = to_markdown(demo(), include_private=True)
    assert md.endswith("\n") and not md.endswith("\n\n")
    assert all(line == line.rstrip() for line in md.splitlines())


def test_our_own_wording_trips_no_blame_hints(demo):
    # Every piece of user text is "x", so whatever the hints find is our wording.
    snap = demo()
    neutral = ReviewSnapshot(
        review=snap.review.model_copy(update={"title": "x", "summary": "x", "facilitator": "x"}),
        participants=[p.model_copy(update={"name": "x"}) for p in snap.participants],
        events=[e.model_copy(update={"text": "x", "actor": "x", "channel": "x"}) for e in snap.events],
        notes=[n.model_copy(update={"text": "x", "owner": "x"}) for n in snap.notes],
        factors=[f.model_copy(update={"name": "x"}) for f in snap.factors],
        review_factors=[rf.model_copy(update={"note": "x"}) for rf in snap.review_factors],
        prompts=snap.prompts, prompt_states=snap.prompt_states,
        parked=[i.model_copy(update={"text": "x"}) for i in snap.parked], phase_spans=snap.phase_spans,
    )
    md = to_markdown(neutral, include_private=True)
    assert find_hints(md) == []
    for word in ("blame", "fault", "failed to", "should have", "mistake", "careless"):
        assert word not in md.lower()


def test_empty_and_odd_text_is_marked_not_lost(utc):
    snap = ReviewSnapshot(
        review=Review(title="t"),
        events=[Event(id=1, at=utc("2026-01-01T10:00:00Z"), text="  \n ")],
        notes=[Note(id=1, kind="insight", text=""), Note(id=2, kind="action", text="\n")],
    )
    md = to_markdown(snap)
    assert "- **11:00**" not in md and "- **10:00** · manual\\\n    *(no text)*" in md
    assert "- *(no text)*\n" in md
    assert "| *(no text)* | — | — |" in md
