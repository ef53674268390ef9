"""Hypothesis strategies for whole review snapshots with hostile text in every field people type.

Text mixes arbitrary Unicode with fragments that mean something to Markdown,
HTML, GitHub or a terminal: headings, fences, tables, links, raw HTML, entities,
line breaks of every kind, control characters and bidirectional overrides.
References (note to event, participant, prompt; parked idea to note; review
factor to factor) always resolve, as the store guarantees.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

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

UTC = UTC
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
