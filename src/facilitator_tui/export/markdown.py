"""The Markdown export: one review written up to read well on GitHub or in a wiki.

Sections come in the order a reader wants them: what we learned, the action
items, then the timeline, contributing factors, open questions, observations,
parked ideas, and a few figures about the meeting, and the facilitator's private notes only
when asked for. Everything people typed goes through `export.escape`, so no
note can become a heading, a link or HTML; the rest is our own fixed wording,
which describes the work and never judges anyone.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from facilitator_tui.export.about import about_review
from facilitator_tui.export.escape import escaped_block, escaped_paragraphs, markdown_escape
from facilitator_tui.export.privacy import shared_view
from facilitator_tui.models import (
    FACTOR_GROUP_LABELS,
    FACTOR_GROUPS,
    Event,
    Note,
    ReviewSnapshot,
    status_label,
)
from facilitator_tui.timeparse import zone

ROLE_LABELS = {
    "responder": "responder",
    "incident_commander": "incident commander",
    "subject_expert": "subject-matter expert",
    "observer": "observer",
    "facilitator": "facilitator",
}
KIND_LABELS = {
    "observation": "Observation",
    "insight": "Insight",
    "question": "Question",
    "action": "Action",
    "private": "Private",
}
NO_TEXT = "*(no text)*"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Nested content steps four spaces: CommonMark accepts it and Python-Markdown wikis need it.
STEP = "    "


def to_markdown(snapshot: ReviewSnapshot, include_private: bool = False) -> str:
    """The review as a Markdown document; private notes and facilitator-only events only on request."""
    doc = _Writeup(shared_view(snapshot, include_private), include_private)
    blocks = [
        *doc.header(),
        *doc.learned(),
        *doc.actions(),
        *doc.timeline(),
        *doc.factors(),
        *doc.questions(),
        *doc.observations(),
        *doc.parked(),
        *about_review(doc.snap, doc.tz, include_private),
        *doc.private(),
    ]
    return "\n\n".join(blocks) + "\n"


def review_zone(name: str) -> tzinfo:
    try:
        return zone(name)
    except ValueError:
        return ZoneInfo("UTC")


def zone_words(moment: datetime, tz: tzinfo) -> str:
    """The zone's name at that moment and its offset, e.g. 'CET, +01:00' (just '+00:00' for UTC)."""
    local = moment.astimezone(tz)
    seconds = int((local.utcoffset() or timedelta(0)).total_seconds())
    sign = "-" if seconds < 0 else "+"
    minutes = abs(seconds) // 60
    offset = f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    name = local.tzname() or ""
    if not name or name[0] in "+-" or name == "UTC":
        return offset
    return f"{name}, {offset}"


def zone_span_words(moments: list[datetime], tz: tzinfo) -> str:
    """zone_words for a stretch of time, naming both ends when a clock change falls inside it."""
    first, last = zone_words(moments[0], tz), zone_words(moments[-1], tz)
    return first if first == last else f"{first} → {last}"


def clock(local: datetime, with_date: bool) -> str:
    hm = f"{local.hour:02d}:{local.minute:02d}"
    return f"{local:%Y-%m-%d} {hm}" if with_date else hm


def day_heading(local: datetime) -> str:
    return f"### {local:%Y-%m-%d} ({WEEKDAYS[local.weekday()]})"


def action_state(note: Note) -> str:
    """'open', or 'done 2026-12-02' / 'dropped 2026-12-02' with the day it changed (UTC)."""
    if note.state == "open" or note.state_changed_at is None:
        return note.state
    return f"{note.state} {note.state_changed_at.date().isoformat()}"


def gentle(text: str) -> str:
    """A line of our own, in italics: used where a section has nothing to show yet."""
    return f"*{text}*"


class _Writeup:
    """One document in the making: lookups computed once, one method per section."""

    def __init__(self, snap: ReviewSnapshot, include_private: bool) -> None:
        self.snap = snap
        self.include_private = include_private
        self.tz = review_zone(snap.review.timezone)
        self.names: dict[int | None, str] = {
            p.id: markdown_escape(p.name) for p in snap.participants if p.id is not None}
        self.events = sorted((e for e in snap.events if not e.hidden), key=lambda e: e.at)
        self.local = [e.at.astimezone(self.tz) for e in self.events]
        self.spans_days = len({t.date() for t in self.local}) > 1
        self.local_by_id: dict[int | None, datetime] = {
            e.id: t for e, t in zip(self.events, self.local, strict=True) if e.id is not None
        }
        self.notes = sorted(snap.notes, key=lambda n: n.created_at)
        self.linked: dict[int | None, list[Note]] = {}
        for note in self.notes:
            if note.kind != "private" and note.event_id in self.local_by_id:
                self.linked.setdefault(note.event_id, []).append(note)

    def shown(self, event_id: int | None) -> bool:
        """Whether the timeline shows this event (hidden and left-out ones are not)."""
        return event_id in self.local_by_id

    def event_time(self, event_id: int | None) -> str:
        return clock(self.local_by_id[event_id], self.spans_days)

    # -- pieces ----------------------------------------------------------------------

    def note_item(self, note: Note, indent: str = "", kind: bool = False, about: bool = True) -> str:
        """A list item for one note: its text, who said it and which event it is about."""
        text = escaped_block(note.text, indent + STEP, NO_TEXT)
        label = f"**{KIND_LABELS[note.kind]}:** " if kind else ""
        tail = []
        who = self.names.get(note.participant_id)
        if who:
            tail.append(who)
        if about and self.shown(note.event_id):
            tail.append(f"about the event at {self.event_time(note.event_id)}")
        if kind and note.kind == "action":
            tail.extend(self.action_terms(note))
        after = " — " + " · ".join(tail) if tail else ""
        return f"{indent}- {label}{text}{after}"

    @staticmethod
    def action_terms(note: Note) -> list[str]:
        terms = []
        if note.owner.strip():
            terms.append(f"owner {markdown_escape(note.owner)}")
        if note.due:
            terms.append(f"due {note.due.isoformat()}")
        terms.append(action_state(note))
        return terms

    def notes_of(self, kind: str) -> list[Note]:
        return [n for n in self.notes if n.kind == kind]

    # -- sections --------------------------------------------------------------------

    def header(self) -> list[str]:
        review = self.snap.review
        blocks = [f"# {markdown_escape(review.title) or 'Untitled review'}"]
        blocks += escaped_paragraphs(review.summary)
        people = [
            f"{markdown_escape(p.name)} ({ROLE_LABELS.get(p.role, p.role)})"
            for p in self.snap.participants
        ]
        facts = [
            f"- **Incident window:** {self.window()}",
            f"- **Facilitator:** {markdown_escape(review.facilitator) or 'not named yet'}",
            f"- **Participants:** {', '.join(people) or 'none recorded yet'}",
            f"- **Status:** {status_label(review.status)}",
        ]
        blocks.append("\n".join(facts))
        return blocks

    def window(self) -> str:
        review = self.snap.review
        start, end = review.incident_start, review.incident_end
        if start is None and end is None:
            return "not recorded yet"
        moments = [t for t in (start, end) if t is not None]
        shown = [t.astimezone(self.tz) for t in moments]
        if len(shown) == 2:
            span = f"{clock(shown[0], True)} – {clock(shown[1], True)}"
        else:
            span = f"{'from' if start else 'until'} {clock(shown[0], True)}"
        return f"{span} {markdown_escape(review.timezone)} ({zone_span_words(moments, self.tz)})"

    def learned(self) -> list[str]:
        insights = self.notes_of("insight")
        if not insights:
            return ["## What we learned", gentle("No learnings were recorded yet.")]
        return ["## What we learned", "\n".join(self.note_item(n) for n in insights)]

    def timeline(self) -> list[str]:
        blocks = ["## Timeline"]
        if not self.events:
            return [*blocks, gentle("No events on the timeline yet.")]
        words = zone_span_words([self.events[0].at, self.events[-1].at], self.tz)
        blocks.append(gentle(
            f"Times are {markdown_escape(self.snap.review.timezone)} ({words}). ★ marks a key moment."
        ))
        items: list[str] = []
        day = None
        heads: dict[tuple, str] = {}
        for event, local in zip(self.events, self.local, strict=True):
            if self.spans_days and local.date() != day:
                if items:
                    blocks.append("\n".join(items))
                    items = []
                day = local.date()
                blocks.append(day_heading(local))
            items.append(self.event_item(event, local, heads))
            for note in self.linked.get(event.id, ()):
                items.append(self.note_item(note, STEP, kind=True, about=False))
        blocks.append("\n".join(items))
        return blocks

    def event_item(self, event: Event, local: datetime, heads: dict[tuple, str]) -> str:
        key = (event.key_moment, event.facilitator_only, event.actor, event.source, event.channel,
               event.is_bot)
        head = heads.get(key)
        if head is None:
            head = heads[key] = self.event_head(event)
        text = escaped_block(event.text, STEP, NO_TEXT)
        return f"- **{local.hour:02d}:{local.minute:02d}**{head}\\\n{STEP}{text}"

    @staticmethod
    def event_head(event: Event) -> str:
        """What follows an event's time: key moment, who, where (the same for many events)."""
        head = [""]
        if event.key_moment:
            head.append("**★ Key moment**")
        if event.facilitator_only:
            head.append("*facilitator only*")
        head += [markdown_escape(event.actor), markdown_escape(event.source)]
        channel = markdown_escape(event.channel)
        # A channel already written "#ops" keeps its own "#".
        head.append(channel if not channel or channel.startswith("\\#") else "#" + channel)
        if event.is_bot:
            head.append("bot")
        return " · ".join(part for i, part in enumerate(head) if part or i == 0)

    def factors(self) -> list[str]:
        blocks = ["## Contributing factors"]
        known = {f.id: (i, f) for i, f in enumerate(self.snap.factors)}
        grouped: dict[str, list[tuple[int, str]]] = {}
        for rf in self.snap.review_factors:
            if not rf.ticked:
                continue
            order, factor = known.get(rf.factor_id, (len(known), None))
            group: str = factor.group if factor else "other"
            name = markdown_escape(factor.name if factor else rf.factor_id) or "(unnamed)"
            note = escaped_block(rf.note, STEP)
            grouped.setdefault(group, []).append((order, f"- {name} — {note}" if note else f"- {name}"))
        if not grouped:
            return [*blocks, gentle("No contributing factors were ticked.")]
        for group in (*FACTOR_GROUPS, "other"):
            if group in grouped:
                blocks.append(f"### {FACTOR_GROUP_LABELS.get(group, 'Other')}")
                blocks.append("\n".join(item for _, item in sorted(grouped[group], key=lambda x: x[0])))
        return blocks

    def questions(self) -> list[str]:
        questions = self.notes_of("question")
        if not questions:
            return ["## Open questions", gentle("No open questions were noted.")]
        return ["## Open questions", "\n".join(self.note_item(n) for n in questions)]

    def observations(self) -> list[str]:
        loose = [n for n in self.notes_of("observation") if not self.shown(n.event_id)]
        if not loose:
            return []
        return ["## Observations", "\n".join(self.note_item(n) for n in loose)]

    def parked(self) -> list[str]:
        note_ids = {n.id for n in self.snap.notes if n.id is not None}
        waiting = [i for i in self.snap.parked if i.action_note_id not in note_ids]
        if not waiting:
            return []
        items = [f"- {escaped_block(i.text, STEP, NO_TEXT)}" for i in waiting]
        return ["## Parked ideas", gentle("Ideas noted along the way, not yet turned into actions."),
                "\n".join(items)]

    def actions(self) -> list[str]:
        actions = self.notes_of("action")
        if not actions:
            return ["## Action items", gentle("No action items yet.")]
        links = any(note.link for note in actions)
        rows = ["| Action | Owner | Due | State |" + (" Link |" if links else ""),
                "| --- | --- | --- | --- |" + (" --- |" if links else "")]
        for note in actions:
            text = markdown_escape(note.text) or NO_TEXT
            owner = markdown_escape(note.owner) or "—"
            due = note.due.isoformat() if note.due else "—"
            link = f" {markdown_escape(note.link) or '—'} |" if links else ""
            rows.append(f"| {text} | {owner} | {due} | {action_state(note)} |{link}")
        return ["## Action items", "\n".join(rows)]

    def private(self) -> list[str]:
        if not self.include_private:
            return []
        blocks = [
            "## Facilitator's private notes",
            gentle("For the facilitator only: this copy was exported with private notes. "
                   "Keep it to yourself."),
        ]
        notes = self.notes_of("private")
        if not notes:
            return [*blocks, gentle("No private notes.")]
        return [*blocks, "\n".join(self.note_item(n) for n in notes)]
