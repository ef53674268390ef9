"""Fixtures for the export tests: one fixed, realistic review, and Hypothesis strategies.

The fixed review (`demo`) is fictional (a cron-driven certificate rotation at a
made-up payments company) and exercises every section: an incident across
midnight in Berlin, key moments, a hidden and a facilitator-only event, notes of
every kind, shipped and custom factors, prompts, parked ideas and a closed meeting.

The strategies build whole snapshots with hostile text in every field people type:
arbitrary Unicode mixed with fragments that mean something to Markdown, HTML,
GitHub or a terminal. References always resolve, as the store guarantees. A
property test draws from them with `data.draw(snapshots)`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import strategies as st

from facilitator_tui.models import (
    ACTION_STATES,
    FACTOR_GROUPS,
    NOTE_KINDS,
    PHASES,
    REVIEW_STATUSES,
    ROLES,
    THEMES,
    Event,
    Factor,
    Note,
    ParkedIdea,
    Participant,
    PhaseSpan,
    Prompt,
    PromptState,
    Review,
    ReviewFactor,
    ReviewSnapshot,
)


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def _demo() -> ReviewSnapshot:
    review = Review(
        id=7,
        uuid="5f0c3a52-8d7e-4b1a-9c47-2e6b1d0f9a31",
        title="Card payments declined after certificate rotation",
        summary=(
            "A scheduled rotation replaced the TLS certificate of the card gateway client at\n"
            "23:00 Berlin time. The new chain lacked an intermediate, so about 4% of card\n"
            "payments were declined until the old certificate was restored at 01:40.\n\n"
            "Night-shift support noticed first; the on-call pair joined at 23:20."
        ),
        status="closed",
        incident_start=_utc("2026-11-20T23:12:00+01:00"),
        incident_end=_utc("2026-11-21T01:40:00+01:00"),
        timezone="Europe/Berlin",
        timebox_minutes=60,
        facilitator="Rui Alves",
        created_at=_utc("2026-11-22T09:00:00Z"),
        updated_at=_utc("2026-11-24T11:05:00Z"),
        meeting_started_at=_utc("2026-11-24T10:00:00Z"),
        meeting_ended_at=_utc("2026-11-24T11:02:00Z"),
        current_phase="close",
        learned_yes=5,
        learned_no=0,
        again_yes=4,
        again_no=1,
    )
    people = [
        Participant(id=1, name="Noor Haddad", role="incident_commander"),
        Participant(id=2, name="Sven Lund", role="responder"),
        Participant(id=3, name="Keiko Mori", role="subject_expert"),
        Participant(id=4, name="Rui Alves", role="facilitator"),
    ]

    def event(i: int, at: str, actor: str, text: str, **extra) -> Event:
        return Event(id=i, at=_utc(at), actor=actor, text=text, **extra)

    events = [
        event(1, "2026-11-20T23:00:00+01:00", "cert-bot", "Rotated client certificate for card-gateway (job #5521).",
              source="deploy", is_bot=True, kind="deploy"),
        event(2, "2026-11-20T23:12:40+01:00", "Amara Obi",
              "Customers report card payments failing at checkout.\nThree tickets in five minutes.",
              source="slack", channel="support-night", key_moment=True),
        event(3, "2026-11-20T23:14:00+01:00", "", "Heartbeat ok", source="pagerduty", hidden=True),
        event(4, "2026-11-20T23:20:05+01:00", "Sven Lund", "Acked. Looking at gateway error rates.",
              source="pagerduty"),
        event(5, "2026-11-20T23:48:00+01:00", "Noor Haddad",
              "Declines are `handshake_failure` only for the acquirer in NL. *Not* a general outage.",
              source="slack", channel="#inc-4411", key_moment=True),
        event(6, "2026-11-21T00:30:00+01:00", "Rui Alves",
              "Sven mentioned afterwards he had been awake since 6am.", facilitator_only=True,
              source="manual"),
        event(7, "2026-11-21T01:40:00+01:00", "Keiko Mori",
              "Restored the previous certificate; declines back to baseline.", source="slack",
              channel="inc-4411", key_moment=True),
    ]

    def note(i: int, kind: str, text: str, who: int | None = None, ev: int | None = None,
             minute: int = 0, **extra) -> Note:
        at = _utc("2026-11-24T10:00:00Z") + timedelta(minutes=minute)
        return Note(id=i, kind=kind, text=text, participant_id=who, event_id=ev, created_at=at,
                    updated_at=at, **extra)

    notes = [
        note(1, "observation", "Support saw it before any alert fired.", who=2, ev=2, minute=5),
        note(2, "question", "What did the rotation job check before it swapped the certificate?",
             who=3, ev=1, minute=9),
        note(3, "insight", "The chain looked complete from our own test client, which trusts the "
             "intermediate already.", who=3, ev=5, minute=18),
        note(4, "insight", "Night-shift support is our fastest signal for payment problems.",
             who=1, minute=24),
        note(5, "observation", "Runbooks for the gateway live in two wikis.", who=1, minute=27),
        note(6, "action", "Validate the full chain against the acquirer's trust store before "
             "rotating.", who=3, minute=40, owner="Payments platform", due=date(2026, 12, 15)),
        note(7, "action", "Page the on-call pair from the support-night channel with one command.",
             who=2, ev=2, minute=44, owner="Support tooling", state="done",
             state_changed_at=_utc("2026-12-02T15:30:00Z"), link="https://tickets.example.test/SUP-88"),
        note(8, "private", "Check in with Sven about the long day; he was quiet in the themes part.",
             minute=50),
        note(9, "question", "Which other jobs rotate secrets at night?", minute=52),
    ]
    factors = [
        Factor(id="fatigue", group="people", name="Fatigue",
               description="Long hours or broken sleep shape what people can notice."),
        Factor(id="time-of-day", group="time", name="Time of day",
               description="Night and weekend hours change who is around and how fast."),
        Factor(id="recent-change", group="technology", name="Recent change",
               description="Something changed shortly before."),
        Factor(id="custom-1", group="organisation", name="Two wikis for one system", custom=True),
    ]
    review_factors = [
        ReviewFactor(factor_id="fatigue", ticked=True, note="Responders were near the end of a long day."),
        ReviewFactor(factor_id="time-of-day", ticked=True, note="Rotation scheduled for low traffic, "
                     "which is also low staffing."),
        ReviewFactor(factor_id="recent-change", ticked=True),
        ReviewFactor(factor_id="custom-1", ticked=True, note="Nobody knew which page was current."),
    ]
    prompts = [
        Prompt(id="walk-first-signal", text="What was the first thing that told you something was off?",
               theme="noticing"),
        Prompt(id="custom-night", text="What is different about handling this at night?",
               theme="state_of_mind", custom=True),
    ]
    states = [
        PromptState(prompt_id="walk-first-signal", asked_at=_utc("2026-11-24T10:06:00Z"), starred=True),
        PromptState(prompt_id="custom-night", asked_at=_utc("2026-11-24T10:31:00Z")),
    ]
    parked = [
        ParkedIdea(id=1, text="Alert on decline rate per acquirer", created_at=_utc("2026-11-24T10:12:00Z")),
        ParkedIdea(id=2, text="One-command paging from support", created_at=_utc("2026-11-24T10:20:00Z"),
                   action_note_id=7),
    ]
    spans = []
    minute = 0
    for phase, length in (("open", 5), ("walk_timeline", 24), ("check_timeline", 6),
                          ("themes", 13), ("loose_ends", 3), ("actions", 8), ("close", 3)):
        start = _utc("2026-11-24T10:00:00Z") + timedelta(minutes=minute)
        minute += length
        spans.append(PhaseSpan(phase=phase, started_at=start,
                               ended_at=_utc("2026-11-24T10:00:00Z") + timedelta(minutes=minute)))
    return ReviewSnapshot(
        review=review, participants=people, events=events, notes=notes, factors=factors,
        review_factors=review_factors, prompts=prompts, prompt_states=states, parked=parked,
        phase_spans=spans,
    )


TRICKY = [
    "\n", "\n\n", "\r\n", "\r", "\t", "    ", "  \n", "\\\n", "# ", "#", "## x", "###### h", "---", "===",
    "***", "___", "- - -", "```", "```python\n", "~~~", "<script>alert(1)</script>", "<!--", "-->",
    "<div>", "<br>", "[x](y)", "[x]", "](y)", "![i](http://e.test/x.png)", "[a]: /url", "[^1]", "[^1]: n",
    "|", " | ", "|---|---|", "> ", ">", "- ", "+ ", "* ", "1. ", "2) ", "10.", "*", "**", "_", "__",
    "`", "``", "\\", "\\\\", "&amp;", "&#35;", "&", "&nbsp;", "<http://x.test>", "http://example.com/a_b",
    "www.example.com", "a@b.test", "\x1b[31m", "\x00", "\x07", "\x0b", "\x0c", "\x1c", "\x7f", "\x85",
    "\x9b", "\u202e", "\u2066", "\u2028", "\u2029", "\xa0", "\u3000", "\ufeff", "$x$", "$$", "~~s~~",
    "~", ":", ": def", "!!! note", "{: .x}", "%", "=", "-", "+", "<", ">", "[ ] ", "[x] ", ":smile:",
    "@here", "{{x}}", "snake_case", "_x_", "a&b", "&copy;", "&#x41;", "x#y", " #1", "##", "a_", "_a", "\u00e9", "\u200b", "\U0001f525",
]

ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Chatham",
         "America/St_Johns", "Australia/Lord_Howe"]

texts = st.lists(st.one_of(st.text(max_size=6), st.sampled_from(TRICKY)), max_size=7).map("".join)
names = texts.filter(lambda s: s.split())
one_line = texts.map(lambda s: s.replace("\r", " ").replace("\n", " "))
moments = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2028, 12, 31),
                       timezones=st.just(UTC))
# Meeting and phase times to the second, as the store keeps them.
seconds = moments.map(lambda t: t.replace(microsecond=0))
maybe = st.none


@st.composite
def snapshots(draw, max_events: int = 6, max_notes: int = 8) -> ReviewSnapshot:
    review = Review(
        id=draw(st.one_of(maybe(), st.integers(1, 99))),
        uuid=str(draw(st.uuids())),
        title=draw(names),
        summary=draw(texts),
        status=draw(st.sampled_from(REVIEW_STATUSES)),
        incident_start=draw(st.one_of(maybe(), moments)),
        incident_end=draw(st.one_of(maybe(), moments)),
        timezone=draw(st.sampled_from(ZONES)),
        timebox_minutes=draw(st.integers(5, 600)),
        facilitator=draw(texts),
        created_at=draw(moments),
        updated_at=draw(moments),
        meeting_started_at=draw(st.one_of(maybe(), seconds)),
        meeting_ended_at=draw(st.one_of(maybe(), seconds)),
        current_phase=draw(st.sampled_from(PHASES)),
        share_safe=draw(st.booleans()),
        learned_yes=draw(st.integers(0, 40)),
        learned_no=draw(st.integers(0, 40)),
        again_yes=draw(st.integers(0, 40)),
        again_no=draw(st.integers(0, 40)),
    )
    people = [
        Participant(id=i, review_id=review.id, name=draw(names), role=draw(st.sampled_from(ROLES)))
        for i in range(1, draw(st.integers(0, 4)) + 1)
    ]
    events = [
        Event(
            id=i, review_id=review.id, at=draw(moments), source=draw(texts), actor=draw(texts),
            text=draw(texts), kind=draw(texts), channel=draw(texts),
            external_id=draw(st.one_of(maybe(), texts)), reply_to=draw(st.one_of(maybe(), texts)),
            is_bot=draw(st.booleans()), key_moment=draw(st.booleans()), hidden=draw(st.booleans()),
            facilitator_only=draw(st.booleans()),
        )
        for i in range(1, draw(st.integers(0, max_events)) + 1)
    ]
    prompt_ids = draw(st.lists(st.text(min_size=1, max_size=8), max_size=3, unique=True))
    prompts = [
        Prompt(id=pid, text=draw(names), theme=draw(st.sampled_from(THEMES)),
               phases=draw(st.lists(st.sampled_from(PHASES), max_size=3)), custom=draw(st.booleans()))
        for pid in prompt_ids
    ]
    person_ids = [p.id for p in people]
    event_ids = [e.id for e in events]
    notes = [
        Note(
            id=i, review_id=review.id, kind=draw(st.sampled_from(NOTE_KINDS)), text=draw(texts),
            participant_id=draw(st.one_of(maybe(), st.sampled_from(person_ids))) if people else None,
            event_id=draw(st.one_of(maybe(), st.sampled_from(event_ids))) if events else None,
            prompt_id=draw(st.one_of(maybe(), st.sampled_from(prompt_ids))) if prompt_ids else None,
            owner=draw(texts), due=draw(st.one_of(maybe(), st.dates(date(2024, 1, 1), date(2030, 1, 1)))),
            created_at=draw(moments), updated_at=draw(moments),
            state=draw(st.sampled_from(ACTION_STATES)), state_changed_at=draw(st.one_of(maybe(), moments)),
            link=draw(one_line),
        )
        for i in range(1, draw(st.integers(0, max_notes)) + 1)
    ]
    factor_ids = draw(st.lists(st.text(min_size=1, max_size=8), max_size=4, unique=True))
    factors = [
        Factor(id=fid, group=draw(st.sampled_from(FACTOR_GROUPS)), name=draw(names),
               description=draw(texts), custom=draw(st.booleans()))
        for fid in factor_ids
    ]
    ticked_ids = draw(st.lists(st.sampled_from(factor_ids), unique=True)) if factor_ids else []
    review_factors = [
        ReviewFactor(review_id=review.id, factor_id=fid, ticked=draw(st.booleans()), note=draw(texts))
        for fid in ticked_ids
    ]
    asked_ids = draw(st.lists(st.sampled_from(prompt_ids), unique=True)) if prompt_ids else []
    prompt_states = [
        PromptState(review_id=review.id, prompt_id=pid, asked_at=draw(st.one_of(maybe(), moments)),
                    starred=draw(st.booleans()))
        for pid in asked_ids
    ]
    note_ids = [n.id for n in notes]
    parked = [
        ParkedIdea(id=i, review_id=review.id, text=draw(texts), created_at=draw(moments),
                   action_note_id=draw(st.one_of(maybe(), st.sampled_from(note_ids))) if notes else None)
        for i in range(1, draw(st.integers(0, 3)) + 1)
    ]
    spans = [
        PhaseSpan(review_id=review.id, phase=draw(st.sampled_from(PHASES)), started_at=draw(seconds),
                  ended_at=draw(st.one_of(maybe(), seconds)))
        for _ in range(draw(st.integers(0, 4)))
    ]
    return ReviewSnapshot(
        review=review, participants=people, events=events, notes=notes, factors=factors,
        review_factors=review_factors, prompts=prompts, prompt_states=prompt_states, parked=parked,
        phase_spans=spans,
    )


@pytest.fixture(scope="session")
def demo():
    """Makes the fixed demo snapshot afresh at each call."""
    return _demo


@pytest.fixture(scope="session")
def utc():
    """An ISO time as an aware UTC datetime."""
    return _utc


@pytest.fixture(scope="session", name="snapshots")
def snapshot_strategy():
    return snapshots()


@pytest.fixture(scope="session", name="texts")
def text_strategy():
    return texts


@pytest.fixture(scope="session")
def tricky():
    return TRICKY
