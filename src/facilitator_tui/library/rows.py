"""The rows the store hands over for work across reviews: plain data, no database.

Defined here rather than in the store so that the library's figures and the
screens that show them can name these types without importing the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class ReviewIdentity:
    id: int
    uuid: str
    revision: int
    title: str


@dataclass(frozen=True)
class SyncRecord:
    """What this database last exchanged with a library for one review.

    `file_hash` is the file's bytes (to see at a glance that it did not change),
    `version` its content and `history` the versions that one was made from,
    newest first (see `library.sync`); `revision` is the review's at that moment.
    """

    uuid: str
    file_hash: str
    version: str
    history: tuple[str, ...]
    revision: int


@dataclass(frozen=True)
class ReportReview:
    id: int
    uuid: str
    title: str
    day: datetime
    status: str
    timebox_minutes: int
    meeting_started_at: datetime | None
    meeting_ended_at: datetime | None
    learned_yes: int
    learned_no: int
    again_yes: int
    again_no: int


@dataclass(frozen=True)
class ActionRow:
    """One action item, with the review it belongs to."""

    id: int
    review_id: int
    review_uuid: str
    review_title: str
    text: str
    owner: str
    due: date | None
    state: str
    state_changed_at: datetime | None
    link: str
    created_at: datetime
