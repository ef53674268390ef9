"""Property: whatever people typed, the Markdown export keeps its shape and shows their text as typed.

Snapshots with hostile text in every field are rendered and parsed with
markdown-it (CommonMark plus GFM tables; and the GFM-like preset with raw HTML
on and bare-URL linking). The parse must hold exactly the headings, list items
and table rows the data calls for; no HTML, code, quote, rule, image or link
that the text smuggled in; no emphasis but our own labels; and every field's
visible text must read back exactly, after the documented normalisation:
control characters shown as symbols, each line trimmed, blank lines dropped,
lines joined by line breaks (or " / " where one line must do).
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from facilitator_tui.export import to_markdown
from facilitator_tui.models import FACTOR_GROUP_LABELS, FACTOR_GROUPS, ReviewSnapshot
from facilitator_tui.safe_text import visible
from facilitator_tui.timeparse import zone

PARSERS = {
    "commonmark+table": MarkdownIt("commonmark").enable(["table", "strikethrough"]),
    "gfm-like": MarkdownIt("gfm-like"),
}
FORBIDDEN = {"html_block", "html_inline", "fence", "code_block", "code_inline", "image", "blockquote_open",
             "hr", "s_open", "footnote_ref", "math_inline"}
ROLE = {"responder": "responder", "incident_commander": "incident commander",
        "subject_expert": "subject-matter expert", "observer": "observer", "facilitator": "facilitator"}
KIND = {"observation": "Observation", "insight": "Insight", "question": "Question", "action": "Action",
        "private": "Private"}
# Every piece of emphasis in the document is one of our own labels.
OUR_EMPHASIS = re.compile(
    r"\d\d:\d\d|★ Key moment|facilitator only|\(no text\)|"
    r"(Incident window|Facilitator|Participants|Status|Observation|Insight|Question|Action|Private|Meeting|"
    r"Prompts asked|Notes|Contributing factors ticked|Parked ideas|Notes attributed to|"
    r"No notes attributed to):|Did you learn something\?|Would you come to another one of these\?|"
    r"Times are [A-Za-z_/]+ \([^)]*\)\. ★ marks a key moment\.|No [a-z ]+ (yet|were [a-z]+)\.|"
    r"No private notes\.|Ideas noted along the way, not yet turned into actions\.|"
    r"For the facilitator only: .*|The meeting has not been held yet; .*"
)


def shown(text: str, join: str = "\n") -> str:
    """What a reader sees of `text`: the documented normalisation."""
    text = visible(text.replace("\r\n", "\n").replace("\r", "\n"))
    return join.join(line.strip() for line in text.split("\n") if line.strip())


def shown_paragraphs(text: str) -> list[str]:
    paragraphs, lines = [], []
    for line in visible(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n"):
        if line.strip():
            lines.append(line.strip())
        elif lines:
            paragraphs.append("\n".join(lines))
            lines = []
    return [*paragraphs, "\n".join(lines)] if lines else paragraphs


def text_of(node: SyntaxTreeNode) -> str:
    """The visible text under `node`: text as rendered, line breaks as newlines.

    Spaces just before a line break are invisible and dropped (the export puts
    one before a hard break that follows a URL).
    """
    return re.sub(" +\n", "\n", _text(node))


def _text(node: SyntaxTreeNode) -> str:
    if node.type == "text":
        return node.content
    if node.type in ("softbreak", "hardbreak"):
        return "\n"
    return "".join(_text(child) for child in node.children)


def own_text(item: SyntaxTreeNode) -> str:
    """A list item's text, leaving out any nested list."""
    return "\n".join(text_of(c) for c in item.children if c.type != "bullet_list")


def sections(root: SyntaxTreeNode) -> dict[str, list[SyntaxTreeNode]]:
    parts: dict[str, list[SyntaxTreeNode]] = {"": []}
    current = ""
    for node in root.children:
        if node.type == "heading" and node.tag == "h2":
            current = text_of(node)
            parts[current] = []
        else:
            parts[current].append(node)
    return parts


def items(blocks: list[SyntaxTreeNode]) -> list[SyntaxTreeNode]:
    return [item for b in blocks if b.type == "bullet_list" for item in b.children]



def state_of(note) -> str:
    """An action's state as the export writes it: the day it changed follows done or dropped."""
    if note.state == "open" or note.state_changed_at is None:
        return note.state
    return f"{note.state} {note.state_changed_at.date().isoformat()}"

class Expect:
    """What the document should say about a snapshot, worked out from the data alone."""

    def __init__(self, snap: ReviewSnapshot, private: bool) -> None:
        self.snap, self.private = snap, private
        self.tz = zone(snap.review.timezone)
        self.events = sorted((e for e in snap.events if not e.hidden and (private or not e.facilitator_only)),
                             key=lambda e: e.at)
        self.shown_ids = {e.id for e in self.events}
        self.spans = len({e.at.astimezone(self.tz).date() for e in self.events}) > 1
        self.notes = sorted((n for n in snap.notes if private or n.kind != "private"),
                            key=lambda n: n.created_at)
        self.names = {p.id: shown(p.name, " / ") for p in snap.participants}

    def time(self, moment: datetime, date: bool) -> str:
        local = moment.astimezone(self.tz)
        return f"{local:%Y-%m-%d %H:%M}" if date else f"{local:%H:%M}"

    def note(self, note, kind: bool = False, about: bool = True) -> str:
        tail = [self.names[note.participant_id]] if note.participant_id in self.names else []
        if about and note.event_id in self.shown_ids:
            at = next(e.at for e in self.events if e.id == note.event_id)
            tail.append(f"about the event at {self.time(at, self.spans)}")
        if kind and note.kind == "action":
            if note.owner.strip():
                tail.append(f"owner {shown(note.owner, ' / ')}")
            if note.due:
                tail.append(f"due {note.due.isoformat()}")
            tail.append(state_of(note))
        label = f"{KIND[note.kind]}: " if kind else ""
        return label + (shown(note.text) or "(no text)") + (" — " + " · ".join(tail) if tail else "")

    def of(self, kind: str) -> list:
        return [n for n in self.notes if n.kind == kind]

    def event(self, event) -> str:
        channel = shown(event.channel, " / ")
        head = [self.time(event.at, False), "★ Key moment" if event.key_moment else "",
                "facilitator only" if event.facilitator_only else "", shown(event.actor, " / "),
                shown(event.source, " / "), channel if not channel or channel.startswith("#") else "#" + channel,
                "bot" if event.is_bot else ""]
        return " · ".join(p for p in head if p) + "\n" + (shown(event.text) or "(no text)")

    def ticked(self) -> dict[str, list[str]]:
        known = {f.id: (i, f) for i, f in enumerate(self.snap.factors)}
        groups: dict[str, list[tuple[int, str]]] = {}
        for rf in self.snap.review_factors:
            if rf.ticked:
                order, factor = known[rf.factor_id]
                note = shown(rf.note)
                line = shown(factor.name, " / ") + (f" — {note}" if note else "")
                groups.setdefault(factor.group, []).append((order, line))
        return {g: [line for _, line in sorted(groups[g], key=lambda x: x[0])]
                for g in FACTOR_GROUPS if g in groups}

    def headings(self) -> list[tuple[str, str]]:
        out = [("h1", shown(self.snap.review.title, " / ")), ("h2", "What we learned"),
               ("h2", "Action items"), ("h2", "Timeline")]
        if self.spans:
            days = []
            for e in self.events:
                local = e.at.astimezone(self.tz)
                label = f"{local:%Y-%m-%d} ({local:%A})"
                if label not in days:
                    days.append(label)
            out += [("h3", d) for d in days]
        out.append(("h2", "Contributing factors"))
        out += [("h3", FACTOR_GROUP_LABELS[g]) for g in self.ticked()]
        out.append(("h2", "Open questions"))
        if self.loose():
            out.append(("h2", "Observations"))
        if self.waiting():
            out.append(("h2", "Parked ideas"))
        out.append(("h2", "About this review"))
        if self.private:
            out.append(("h2", "Facilitator's private notes"))
        return out

    def loose(self) -> list:
        return [n for n in self.of("observation") if n.event_id not in self.shown_ids]

    def waiting(self) -> list:
        note_ids = {n.id for n in self.notes}
        return [i for i in self.snap.parked if i.action_note_id not in note_ids]


def check_tokens(root: SyntaxTreeNode, parser: str) -> None:
    for node in root.walk():
        assert node.type not in FORBIDDEN, node.type
        if node.type == "heading":
            assert node.markup == "#" * int(node.tag[1]), "a setext heading slipped in"
        if node.type == "link":
            # Only bare URLs, linked by the GFM-like preset, and shown as written.
            assert parser == "gfm-like" and node.markup == "linkify" and node.info == "auto"
        if node.type in ("strong", "em"):
            assert OUR_EMPHASIS.fullmatch(text_of(node)), text_of(node)


def check_document(snap: ReviewSnapshot, private: bool, parser: str) -> None:
    md = to_markdown(snap, include_private=private)
    root = SyntaxTreeNode(PARSERS[parser].parse(md))
    check_tokens(root, parser)
    want = Expect(snap, private)
    exact = parser != "gfm-like"

    def same(found: list, expected: list) -> None:
        # Bare-URL linking (gfm-like) rewrites the text it links, percent-decoding and
        # all; there only the shape is compared, the text itself under CommonMark.
        assert found == expected if exact else len(found) == len(expected)

    headings = [(n.tag, text_of(n)) for n in root.walk() if n.type == "heading"]
    assert [h[0] for h in headings] == [h[0] for h in want.headings()]
    same(headings, want.headings())
    # Sections by their expected titles (the order was just checked).
    h2 = [text for tag, text in want.headings() if tag == "h2"]
    parts = dict(zip(["", *h2], sections(root).values(), strict=True))

    top = parts[""]
    same([text_of(p) for p in top[1:-1]], shown_paragraphs(snap.review.summary))
    facts = [own_text(i) for i in items(top)]
    people = ", ".join(f"{shown(p.name, ' / ')} ({ROLE[p.role]})" for p in snap.participants)
    same(facts[1:3], [f"Facilitator: {shown(snap.review.facilitator, ' / ') or 'not named yet'}",
                      f"Participants: {people or 'none recorded yet'}"])

    for title, kind in (("What we learned", "insight"), ("Open questions", "question")):
        same([own_text(i) for i in items(parts[title])], [want.note(n) for n in want.of(kind)])
    same([own_text(i) for i in items(parts.get("Observations", []))], [want.note(n) for n in want.loose()])
    same([own_text(i) for i in items(parts.get("Parked ideas", []))],
         [shown(i.text) or "(no text)" for i in want.waiting()])

    timeline = items(parts["Timeline"])
    same([own_text(i) for i in timeline], [want.event(e) for e in want.events])
    for item, event in zip(timeline, want.events, strict=True):
        linked = [n for n in want.notes if n.event_id == event.id and n.kind != "private"]
        nested = [own_text(i) for c in item.children if c.type == "bullet_list" for i in c.children]
        same(nested, [want.note(n, kind=True, about=False) for n in linked])

    factor_blocks = [b for b in parts["Contributing factors"] if b.type == "bullet_list"]
    ticked = list(want.ticked().values())
    same([[own_text(i) for i in b.children] for b in factor_blocks], ticked)
    assert [len(b.children) for b in factor_blocks] == [len(group) for group in ticked]

    rows = [[text_of(cell) for cell in tr.children]
            for b in parts["Action items"] if b.type == "table"
            for section in b.children if section.type == "tbody" for tr in section.children]
    links = any(n.link for n in want.of("action"))
    same(rows, [[shown(n.text, " / ") or "(no text)", shown(n.owner, " / ") or "—",
                 n.due.isoformat() if n.due else "—", state_of(n)]
                + ([shown(n.link, " / ") or "—"] if links else []) for n in want.of("action")])
    assert all(len(row) == (5 if links else 4) for row in rows)

    about = parts["About this review"]
    tables = [b for b in about if b.type == "table"]
    assert len(tables) == (1 if snap.review.meeting_started_at else 0)
    if private:
        same([own_text(i) for i in items(parts["Facilitator's private notes"])],
             [want.note(n) for n in want.of("private")])


@pytest.mark.parametrize("parser", sorted(PARSERS))
@pytest.mark.parametrize("private", [False, True], ids=["shared", "private"])
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_hostile_text_never_changes_the_document_shape(snapshots, private, parser, data):
    snap = data.draw(snapshots)
    check_document(snap, private, parser)
