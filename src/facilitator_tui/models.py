"""The single definition of every concept in a learning review.

Store, importers, exporters and the UI all speak in these pydantic models.
Validation errors are phrased for people: an empty title, a naive timestamp or
an unknown note kind each say what is wrong and what is expected.
"""

from __future__ import annotations

import uuid as uuid_module
from datetime import UTC, date, datetime
from typing import Literal, TypeVar, get_args, overload
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator

NoteKind = Literal["observation", "insight", "question", "action", "private"]
NOTE_KINDS: tuple[str, ...] = get_args(NoteKind)

ActionState = Literal["open", "done", "dropped"]
ACTION_STATES: tuple[str, ...] = get_args(ActionState)
# A link is a ticket URL or reference: one line, long enough for any real URL.
MAX_LINK = 2000

ReviewStatus = Literal["draft", "meeting", "closed"]
REVIEW_STATUSES: tuple[str, ...] = get_args(ReviewStatus)
# The one way a review's status is put into words: `list`, the home screen, the meeting
# bar, the review's details and the export all say these.
STATUS_LABELS: dict[str, str] = {"draft": "Preparing", "meeting": "In meeting", "closed": "Closed"}
TIMEBOX_RANGE = (5, 600)

Role = Literal["responder", "incident_commander", "subject_expert", "observer", "facilitator"]
ROLES: tuple[str, ...] = get_args(Role)

Phase = Literal[
    "open",
    "walk_timeline",
    "check_timeline",
    "themes",
    "loose_ends",
    "actions",
    "close",
]
PHASE_ORDER: tuple[Phase, ...] = get_args(Phase)
PHASES: tuple[str, ...] = PHASE_ORDER
PHASE_LABELS: dict[str, str] = {
    "open": "Open",
    "walk_timeline": "Walk the timeline",
    "check_timeline": "Check the timeline",
    "themes": "Themes and learnings",
    "loose_ends": "Loose ends",
    "actions": "Actions",
    "close": "Close",
}

Theme = Literal[
    "noticing",
    "sense_making",
    "expectations",
    "knowledge",
    "goals_tradeoffs",
    "decisions",
    "coordination",
    "state_of_mind",
]
THEMES: tuple[str, ...] = get_args(Theme)
THEME_LABELS: dict[str, str] = {
    "noticing": "Noticing and attention",
    "sense_making": "Sense-making",
    "expectations": "Expectations and surprise",
    "knowledge": "Knowledge and expertise",
    "goals_tradeoffs": "Goals, pressures and trade-offs",
    "decisions": "Decisions and actions",
    "coordination": "Help-seeking and coordination",
    "state_of_mind": "State of mind and context",
}

FactorGroup = Literal["people", "time", "organisation", "technology"]
FACTOR_GROUPS: tuple[str, ...] = get_args(FactorGroup)
FACTOR_GROUP_LABELS: dict[str, str] = {
    "people": "People",
    "time": "Time",
    "organisation": "Organisation",
    "technology": "Technology and tooling",
}


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


ModelT = TypeVar("ModelT", bound=BaseModel)


def utc_now() -> datetime:
    """Now, in UTC, to the second: the resolution every stored timestamp uses."""
    return datetime.now(UTC).replace(microsecond=0)


@overload
def _require_aware(value: datetime, what: str) -> datetime: ...
@overload
def _require_aware(value: None, what: str) -> None: ...
def _require_aware(value: datetime | None, what: str) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(
            f"{what} has no time zone; give an offset such as +00:00 or Z"
        )
    return value.astimezone(UTC)


class Model(BaseModel):
    """Base for every model: strict about unknown fields, friendly about whitespace."""

    # Each model's validator is built when it is first used, not on import: a start that
    # never validates a snapshot, an import or a parked idea does not pay for theirs.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    def saved_id(self) -> int:
        """The row id of a model read from the store or just written to it."""
        row_id = getattr(self, "id", None)
        if not isinstance(row_id, int):
            raise TypeError(f"{type(self).__name__} has no row id: it was never saved")
        return row_id


def new_uuid() -> str:
    return str(uuid_module.uuid4())


class Review(Model):
    id: int | None = None
    # The review's identity across databases and the team library; the id is only local.
    uuid: str = Field(default_factory=new_uuid)
    title: str
    summary: str = ""
    status: ReviewStatus = "draft"
    incident_start: datetime | None = None
    incident_end: datetime | None = None
    timezone: str = "UTC"
    timebox_minutes: int = Field(default=60, ge=TIMEBOX_RANGE[0], le=TIMEBOX_RANGE[1])
    facilitator: str = ""
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    meeting_started_at: datetime | None = None
    meeting_ended_at: datetime | None = None
    current_phase: Phase = "open"
    share_safe: bool = False
    learned_yes: int = Field(default=0, ge=0)
    learned_no: int = Field(default=0, ge=0)
    again_yes: int = Field(default=0, ge=0)
    again_no: int = Field(default=0, ge=0)

    @field_validator("title")
    @classmethod
    def _title_not_empty(cls, v: str) -> str:
        v = v.strip()
        if not v:
            raise ValueError("a review needs a title; it cannot be empty")
        return v

    @field_validator("uuid", mode="before")
    @classmethod
    def _uuid_form(cls, v: object) -> object:
        if not isinstance(v, str):
            return v
        try:
            return str(uuid_module.UUID(v.strip()))
        except ValueError:
            raise ValueError(f"{v[:60]!r} is not a UUID") from None

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, v: str) -> str:
        v = v.strip() or "UTC"
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {v!r}; use an IANA name such as Europe/Berlin or UTC"
            ) from None
        return v

    @field_validator(
        "incident_start",
        "incident_end",
        "created_at",
        "updated_at",
        "meeting_started_at",
        "meeting_ended_at",
    )
    @classmethod
    def _aware(cls, v: datetime | None, info) -> datetime | None:
        return _require_aware(v, info.field_name.replace("_", " "))

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class Participant(Model):
    id: int | None = None
    review_id: int | None = None
    name: str
    role: Role = "responder"

    @field_validator("name")
    @classmethod
    def _name_not_empty(cls, v: str) -> str:
        v = " ".join(v.split())
        if not v:
            raise ValueError("a participant needs a name")
        return v


class Event(Model):
    """One thing that happened on the incident's timeline."""

    id: int | None = None
    review_id: int | None = None
    at: datetime
    source: str = "manual"
    actor: str = ""
    text: str
    kind: str = "message"
    channel: str = ""
    external_id: str | None = None
    reply_to: str | None = None
    is_bot: bool = False
    key_moment: bool = False
    hidden: bool = False
    facilitator_only: bool = False

    @field_validator("at")
    @classmethod
    def _aware_at(cls, v: datetime) -> datetime:
        return _require_aware(v, "event time")

    def dedupe_key(self) -> str:
        """The identity used to skip an event already imported."""
        if self.external_id:
            return f"id:{self.source}:{self.external_id}"
        return f"tat:{self.at.isoformat()}|{self.actor}|{self.text}"


class Note(Model):
    id: int | None = None
    review_id: int | None = None
    kind: NoteKind = "observation"
    text: str
    participant_id: int | None = None
    event_id: int | None = None
    prompt_id: str | None = None
    owner: str = ""
    due: date | None = None
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    # An action item's life: open until done or dropped, when that last changed, a ticket.
    state: ActionState = "open"
    state_changed_at: datetime | None = None
    link: str = Field(default="", max_length=MAX_LINK)

    @field_validator("state", mode="before")
    @classmethod
    def _known_state(cls, v: object) -> object:
        if isinstance(v, str) and v not in ACTION_STATES:
            raise ValueError(
                f"unknown action state {v[:40]!r}; use one of {', '.join(ACTION_STATES)}"
            )
        return v

    @field_validator("link")
    @classmethod
    def _one_line_link(cls, v: str) -> str:
        v = v.strip()
        if "\n" in v or "\r" in v:
            raise ValueError("a link is one line")
        return v

    @field_validator("kind", mode="before")
    @classmethod
    def _known_kind(cls, v: object) -> object:
        if isinstance(v, str) and v not in NOTE_KINDS:
            raise ValueError(
                f"unknown note kind {v!r}; use one of {', '.join(NOTE_KINDS)}"
            )
        return v

    @field_validator("created_at", "updated_at", "state_changed_at")
    @classmethod
    def _aware(cls, v: datetime | None, info) -> datetime | None:
        return _require_aware(v, info.field_name.replace("_", " "))


class Factor(Model):
    """A people or organisation factor from the catalog, or one a facilitator added."""

    id: str
    group: FactorGroup
    name: str
    description: str = ""
    custom: bool = False

    @field_validator("name")
    @classmethod
    def _name_not_empty(cls, v: str) -> str:
        v = v.strip()
        if not v:
            raise ValueError("a factor needs a name")
        return v


class ReviewFactor(Model):
    review_id: int | None = None
    factor_id: str
    ticked: bool = False
    note: str = ""


class Prompt(Model):
    """A curiosity-over-judgment question from the deck, or the facilitator's own."""

    id: str
    text: str
    theme: Theme
    phases: list[Phase] = Field(default_factory=lambda: list(PHASE_ORDER))
    # Kinds of timeline event the question was written for (see data/event_kinds.toml):
    # the deck offers it first while such an event is highlighted.
    kinds: list[str] = Field(default_factory=list)
    custom: bool = False

    @field_validator("text")
    @classmethod
    def _text_not_empty(cls, v: str) -> str:
        v = v.strip()
        if not v:
            raise ValueError("a prompt needs a question")
        return v


class PromptState(Model):
    review_id: int | None = None
    prompt_id: str
    asked_at: datetime | None = None
    starred: bool = False

    @field_validator("asked_at")
    @classmethod
    def _aware(cls, v: datetime | None) -> datetime | None:
        return _require_aware(v, "asked at")


class ParkedIdea(Model):
    """An idea for a fix, parked until the actions phase."""

    id: int | None = None
    review_id: int | None = None
    text: str
    created_at: datetime = Field(default_factory=utc_now)
    action_note_id: int | None = None

    @field_validator("created_at")
    @classmethod
    def _aware(cls, v: datetime) -> datetime:
        return _require_aware(v, "created at")


class PhaseSpan(Model):
    """When the meeting entered and left one phase."""

    review_id: int | None = None
    phase: Phase
    started_at: datetime
    ended_at: datetime | None = None

    @field_validator("started_at", "ended_at")
    @classmethod
    def _aware(cls, v: datetime | None, info) -> datetime | None:
        return _require_aware(v, info.field_name.replace("_", " "))


class ReviewSnapshot(Model):
    """Everything about one review, as export and restore see it."""

    review: Review
    participants: list[Participant] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    factors: list[Factor] = Field(default_factory=list)
    review_factors: list[ReviewFactor] = Field(default_factory=list)
    prompts: list[Prompt] = Field(default_factory=list)
    prompt_states: list[PromptState] = Field(default_factory=list)
    parked: list[ParkedIdea] = Field(default_factory=list)
    phase_spans: list[PhaseSpan] = Field(default_factory=list)


def quick_copy(model: ModelT, **changes: object) -> ModelT:
    """`model.model_copy(update=changes)` for the thousands of events of one export.

    Only for changes that are valid as they are (ids): nothing is validated, and
    the copy is shallow, as model_copy's is, without model_copy's generic copying.
    """
    copy = model.__class__.__new__(model.__class__)
    object.__setattr__(copy, "__dict__", {**model.__dict__, **changes})
    object.__setattr__(copy, "__pydantic_fields_set__",
                       model.__pydantic_fields_set__ | changes.keys())
    object.__setattr__(copy, "__pydantic_extra__", None)
    object.__setattr__(copy, "__pydantic_private__", None)
    return copy

