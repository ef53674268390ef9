"""What a mirror shows the room, read from the facilitator's database and nothing else.

The mirror's whole way to the data: a read-only reader (store/room_reader.py)
that never sees a private note or a facilitator-only event, and no verb that
writes. `changed()` is one cheap question (has anyone committed since?), so a
mirror can ask it several times a second; `read()` gathers one `RoomState`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from facilitator_tui import content, presence
from facilitator_tui.errors import NotFoundError
from facilitator_tui.models import Event, Note, Participant, PhaseSpan, Prompt, Review
from facilitator_tui.store.room_reader import RoomReader

THEME_SETTING = "theme"


@dataclass(frozen=True)
class RoomState:
    """One reading of everything the room sees."""

    review: Review
    spans: tuple[PhaseSpan, ...] = ()
    prompt: Prompt | None = None
    events: tuple[Event, ...] = ()
    current_event_id: int | None = None
    notes: tuple[Note, ...] = ()
    names: dict[int, str] = field(default_factory=dict)
    people: tuple[Participant, ...] = ()
    heard: frozenset[int] = frozenset()
    factors: tuple[str, ...] = ()
    ground_rules: bool = False
    theme: str | None = None


class MirrorFeed:
    """The mirror's read-only door to one review."""

    EVENTS_AROUND = 40  # each side of the highlighted event: enough for a tall window
    NOTES = 12

    def __init__(self, reader: RoomReader, review_id: int) -> None:
        self.reader = reader
        self.review_id = review_id
        self._version: int | None = None
        self._highlight: Event | None = None
        self._presence: Path | None = None

    @classmethod
    def open(cls, path: str | os.PathLike[str], review_id: int) -> MirrorFeed:
        """Open `path` read-only; NotFoundError (one line) when it holds no such review."""
        reader = RoomReader(path)
        if reader.review(review_id) is None:
            reader.close()
            raise NotFoundError(f"no review with id {review_id}; 'facilitator list' shows the reviews")
        return cls(reader, review_id)

    def close(self) -> None:
        self.withdraw()
        self.reader.close()

    # -- presence: counted by the facilitator, never written to the database ------------------

    def announce(self) -> None:
        if self._presence is None:
            self._presence = presence.announce(self.reader.path, self.review_id)

    def withdraw(self) -> None:
        presence.withdraw(self._presence)
        self._presence = None

    # -- reading -----------------------------------------------------------------------------

    def changed(self) -> bool:
        """True the first time, then whenever another process committed since the last read."""
        return self.reader.data_version() != self._version

    def read(self) -> RoomState:
        reader, rid = self.reader, self.review_id
        # Taken before reading, so a commit made while reading is seen on the next look.
        self._version = reader.data_version()
        review = reader.review(rid)
        if review is None:
            raise NotFoundError("this review was deleted")
        prompt_id, event_id, rules = reader.room_view(rid)
        highlight = self._highlighted(event_id)
        notes = reader.recent_notes(rid, self.NOTES)
        people = reader.participants(rid)
        return RoomState(
            review=review,
            spans=tuple(reader.phase_spans(rid)),
            prompt=self._prompt(prompt_id),
            events=tuple(reader.events_around(rid, highlight, self.EVENTS_AROUND, self.EVENTS_AROUND + 1)),
            current_event_id=highlight.id if highlight else None,
            notes=tuple(notes),
            names={p.id: p.name for p in people if p.id is not None},
            # The facilitator leads the room; the strip is about who else has been heard.
            people=tuple(p for p in people if p.role != "facilitator"),
            heard=frozenset(reader.heard(rid)),
            factors=self._ticked_factors(),
            ground_rules=rules,
            theme=reader.setting(THEME_SETTING),
        )

    def _highlighted(self, event_id: int | None) -> Event | None:
        """The event the facilitator highlights. One the room may not see (facilitator-only,
        hidden, gone) is never read: the room keeps the last one it could see."""
        found = self.reader.public_event(self.review_id, event_id) if event_id is not None else None
        if found is None and self._highlight is not None and self._highlight.id is not None:
            found = self.reader.public_event(self.review_id, self._highlight.id)
        self._highlight = found
        return found

    def _prompt(self, prompt_id: str | None) -> Prompt | None:
        if not prompt_id:
            return None
        for prompt in content.load_prompts():
            if prompt.id == prompt_id:
                return prompt
        return self.reader.custom_prompt(self.review_id, prompt_id)

    def _ticked_factors(self) -> tuple[str, ...]:
        ticked = set(self.reader.ticked_factors(self.review_id))
        if not ticked:
            return ()
        catalog = [*content.load_factors(), *self.reader.custom_factors(self.review_id)]
        return tuple(f.name for f in catalog if f.id in ticked)
