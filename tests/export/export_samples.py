"""Snapshots for the export tests: one fixed, realistic review, and a big synthetic one for timing.

The fixed review is fictional (a cron-driven certificate rotation at a made-up
payments company) and exercises every section: an incident across midnight in
Berlin, key moments, a hidden and a facilitator-only event, notes of every kind,
shipped and custom factors, prompts, parked ideas and a closed meeting.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from facilitator_tui.models import (
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

UTC = UTC


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def demo() -> ReviewSnapshot:
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
        incident_start=utc("2026-11-20T23:12:00+01:00"),
        incident_end=utc("2026-11-21T01:40:00+01:00"),
        timezone="Europe/Berlin",
        timebox_minutes=60,
        facilitator="Rui Alves",
        created_at=utc("2026-11-22T09:00:00Z"),
        updated_at=utc("2026-11-24T11:05:00Z"),
        meeting_started_at=utc("2026-11-24T10:00:00Z"),
        meeting_ended_at=utc("2026-11-24T11:02:00Z"),
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
        return Event(id=i, at=utc(at), actor=actor, text=text, **extra)

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
        at = utc("2026-11-24T10:00:00Z") + timedelta(minutes=minute)
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
             state_changed_at=utc("2026-12-02T15:30:00Z"), link="https://tickets.example.test/SUP-88"),
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
        PromptState(prompt_id="walk-first-signal", asked_at=utc("2026-11-24T10:06:00Z"), starred=True),
        PromptState(prompt_id="custom-night", asked_at=utc("2026-11-24T10:31:00Z")),
    ]
    parked = [
        ParkedIdea(id=1, text="Alert on decline rate per acquirer", created_at=utc("2026-11-24T10:12:00Z")),
        ParkedIdea(id=2, text="One-command paging from support", created_at=utc("2026-11-24T10:20:00Z"),
                   action_note_id=7),
    ]
    spans = []
    minute = 0
    for phase, length in (("open", 5), ("walk_timeline", 24), ("check_timeline", 6),
                          ("themes", 13), ("loose_ends", 3), ("actions", 8), ("close", 3)):
        start = utc("2026-11-24T10:00:00Z") + timedelta(minutes=minute)
        minute += length
        spans.append(PhaseSpan(phase=phase, started_at=start,
                               ended_at=utc("2026-11-24T10:00:00Z") + timedelta(minutes=minute)))
    return ReviewSnapshot(
        review=review, participants=people, events=events, notes=notes, factors=factors,
        review_factors=review_factors, prompts=prompts, prompt_states=states, parked=parked,
        phase_spans=spans,
    )


def big(events: int = 100_000, notes: int = 10_000) -> ReviewSnapshot:
    """A synthetic review of `events` events and `notes` notes, built without validation."""
    base = utc("2026-11-20T22:00:00Z")
    kinds = ("observation", "insight", "question", "action", "private")
    people = [Participant(id=i, name=f"Person {i}") for i in range(1, 9)]
    timeline = [
        Event.model_construct(
            id=i, review_id=1, at=base + timedelta(seconds=3 * i), source="slack",
            actor=f"Person {i % 8 + 1}", text=f"Message {i}: checking *the* `gateway` | p95 <{i} ms>",
            kind="message", channel="inc-4411", external_id=str(i), reply_to=None, is_bot=False,
            key_moment=i % 500 == 0, hidden=i % 97 == 0, facilitator_only=i % 301 == 0,
        )
        for i in range(1, events + 1)
    ]
    written = [
        Note.model_construct(
            id=i, review_id=1, kind=kinds[i % 5], text=f"Note {i} about [the] _retry_ loop\nsecond line",
            participant_id=i % 8 + 1, event_id=(i * 7) % events + 1, prompt_id=None,
            owner="Team" if i % 5 == 3 else "", due=None, created_at=base, updated_at=base,
        )
        for i in range(1, notes + 1)
    ]
    review = demo().review
    return ReviewSnapshot.model_construct(
        review=review, participants=people, events=timeline, notes=written, factors=[],
        review_factors=[], prompts=[], prompt_states=[], parked=[], phase_spans=[],
    )
