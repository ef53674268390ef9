"""The shipped content: prompt deck, event kinds, factor catalog, ground rules, demo review, wording.

Everything lives in hand-editable TOML under data/ and is validated here with the
shared pydantic models, so a typo in a data file fails loudly with one line that
names the file and the entry, instead of surfacing later as an odd screen. The
three files the first frame needs are validated by the test suite rather than at
every start (see the note above the loaders).

Each loader takes an optional `directory` (tests point it at a broken copy) and
caches its result; callers get fresh copies, so mutating one cannot leak into the
next caller.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from copy import copy
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from facilitator_tui.errors import one_line
from facilitator_tui.models import (
    Event,
    Factor,
    Note,
    NoteKind,
    Participant,
    Prompt,
    PromptState,
    Review,
    ReviewFactor,
)

PROMPTS_FILE = "prompts.toml"
FACTORS_FILE = "factors.toml"
GROUND_RULES_FILE = "ground_rules.toml"
DEMO_FILE = "demo_review.toml"
WORDING_FILE = "wording.toml"
EVENT_KINDS_FILE = "event_kinds.toml"

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ModelT = TypeVar("ModelT", bound=BaseModel)


class ContentError(ValueError):
    """A shipped data file is missing or malformed; the message is one line."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class GroundRules(_Strict):
    title: str
    rules: list[str] = Field(min_length=1)
    closing: str


class WordingRule(_Strict):
    """One blame-aware wording pattern; `regex` alternatives are joined with "|"."""

    id: str
    regex: list[str] = Field(min_length=1)
    hint: str
    reframe: str
    open_questions_ok: bool = False

    @field_validator("regex", mode="before")
    @classmethod
    def _one_or_many(cls, v: object) -> object:
        return [v] if isinstance(v, str) else v

    @field_validator("regex")
    @classmethod
    def _compiles(cls, v: list[str]) -> list[str]:
        for alternative in v:
            try:
                re.compile(alternative, re.IGNORECASE)
            except re.error as exc:
                raise ValueError(f"regex {alternative!r} does not compile: {exc}") from None
        return v

    @property
    def pattern(self) -> str:
        return "|".join(f"(?:{alternative})" for alternative in self.regex)


# How a condition's words are matched: any of them, in any case, on any line of the text.
KIND_WORDS_FLAGS = re.IGNORECASE | re.MULTILINE


def _any_of(patterns: list[str]) -> str:
    return "|".join(f"(?:{pattern})" for pattern in patterns)


class KindCondition(_Strict):
    """One way to recognise a kind of event: every condition given must hold."""

    source: list[str] = Field(default_factory=list)
    kind: list[str] = Field(default_factory=list)
    words: list[str] = Field(default_factory=list)

    @field_validator("words")
    @classmethod
    def _compiles(cls, v: list[str]) -> list[str]:
        # Checked as the pattern that will match them (see `words_source`): compiled once,
        # and kept in `re`'s own cache for the first event that is recognised.
        if not v:
            return v
        try:
            re.compile(_any_of(v), KIND_WORDS_FLAGS)
        except re.error as joined:
            for pattern in v:
                try:
                    re.compile(pattern, KIND_WORDS_FLAGS)
                except re.error as exc:
                    raise ValueError(f"regex {pattern!r} does not compile: {exc}") from None
            raise ValueError(f"regexes {v!r} do not compile together: {joined}") from None
        return v

    def words_source(self) -> str | None:
        """Any of the words, as one pattern's source; None when the condition names no words."""
        return _any_of(self.words) if self.words else None


class EventKindRule(_Strict):
    """A kind of timeline event the deck has questions for, and how to recognise it."""

    id: str
    label: str
    when: list[KindCondition] = Field(min_length=1)


class DemoEvent(Event):
    """An event as the demo file writes it: `ref` lets notes point at it."""

    ref: str = ""

    def to_event(self) -> Event:
        return Event.model_validate(self.model_dump(exclude={"ref"}))


class DemoNote(_Strict):
    """A note as the demo file writes it: people by name, events by ref, prompts by id."""

    kind: NoteKind = "observation"
    text: str
    who: str = ""
    event: str = ""
    prompt: str = ""
    owner: str = ""
    due: date | None = None

    def to_note(self, participant_id: int | None = None, event_id: int | None = None) -> Note:
        return Note(
            kind=self.kind,
            text=self.text,
            participant_id=participant_id,
            event_id=event_id,
            prompt_id=self.prompt or None,
            owner=self.owner,
            due=self.due,
        )


class DemoReview(_Strict):
    """The demo review in its file form; the review service inserts it and assigns ids."""

    review: Review
    participants: list[Participant] = Field(default_factory=list)
    events: list[DemoEvent] = Field(default_factory=list)
    notes: list[DemoNote] = Field(default_factory=list)
    factors: list[ReviewFactor] = Field(default_factory=list)
    prompt_states: list[PromptState] = Field(default_factory=list)
    parked: list[str] = Field(default_factory=list)


# ── locating and reading files ──────────────────────────────────────────────


def data_dir() -> Path:
    """The shipped data folder: inside the package when installed, else the repo's data/."""
    packaged = Path(__file__).parent / "data"
    if packaged.is_dir():
        return packaged
    in_repo = Path(__file__).resolve().parents[2] / "data"
    if in_repo.is_dir():
        return in_repo
    raise ContentError(f"no data folder found at {packaged} or {in_repo}")


def _resolve(directory: Path | str | None) -> Path:
    return data_dir() if directory is None else Path(directory).resolve()


def _read(directory: Path, name: str) -> dict[str, Any]:
    return _parse(directory / name)


def _parse(path: Path) -> dict[str, Any]:
    name, directory = path.name, path.parent
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ContentError(f"{name}: file not found in {directory}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{name}: not valid TOML: {one_line(exc)}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(f"{name}: cannot read: {one_line(exc)}") from None


def _table_list(data: dict[str, Any], key: str, name: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ContentError(f"{name}: '{key}' must be a list of [[{key}]] tables")
    return value


def _label(name: str, what: str, index: int, raw: object) -> str:
    ident = raw.get("id") if isinstance(raw, dict) else None
    return f"{name} {what} {index}" + (f" ({ident})" if ident else "")


def _validate_entries(model: type[BaseModel], entries: list[Any], name: str, what: str) -> list[Any]:
    items = []
    for index, raw in enumerate(entries, start=1):
        if not isinstance(raw, dict):
            raise ContentError(f"{_label(name, what, index, raw)}: expected a table")
        try:
            items.append(model.model_validate(raw))
        except ValidationError as exc:
            raise ContentError(f"{_label(name, what, index, raw)}: {one_line(exc)}") from None
    return items


def _defaults(model: type[BaseModel], given: dict[str, Any]) -> dict[str, Any]:
    """The model's defaults for the fields an entry leaves out, each made afresh.

    Our default factories take no arguments; called here directly, because pydantic
    (in `model_construct`) first looks up each factory's signature, for every entry.
    """
    values = {}
    for key, field in model.model_fields.items():
        if key in given or field.is_required():
            continue
        factory = cast(Callable[[], Any] | None, field.default_factory)
        values[key] = factory() if factory is not None else copy(field.default)
    return values


def _as_written(model: type[ModelT], entries: list[Any], name: str, what: str) -> list[ModelT]:
    """Entries of a shipped file, built as they are written, without validating (see the loaders)."""
    items = []
    for index, raw in enumerate(entries, start=1):
        if not isinstance(raw, dict):
            raise ContentError(f"{_label(name, what, index, raw)}: expected a table")
        items.append(model.model_construct(_fields_set=set(raw), **_defaults(model, raw), **raw))
    return items


def _entries(model: type[ModelT], entries: list[Any], name: str, what: str, shipped: bool) -> list[ModelT]:
    if shipped:
        return _as_written(model, entries, name, what)
    return _validate_entries(model, entries, name, what)


def _check_ids(items: list[Any], name: str, what: str) -> None:
    seen: set[str] = set()
    for index, item in enumerate(items, start=1):
        if not _ID.match(item.id):
            raise ContentError(
                f"{name} {what} {index} ({item.id}): ids are lowercase letters, digits and dashes"
            )
        if item.id in seen:
            raise ContentError(f"{name} {what} {index} ({item.id}): duplicate id")
        seen.add(item.id)


# ── loaders ─────────────────────────────────────────────────────────────────


# The shipped files (data/, read when no folder is given) are checked where they are
# written: the test suite validates each of them through the models, and checks that what
# a start builds from them equals the validated models (tests/test_content.py). A start
# reads them as they were checked, building the models of the deck, the event kinds and
# the factor catalog without validating again, as the store does with its own rows: the
# first frame needs all three, and validating there (the first validation loads pydantic's
# plugin machinery) would cost every start about 20 ms. A folder given explicitly (a
# test's broken copy) is always validated, as are the files the first frame does not need.


@cache
def _prompts(directory: Path, shipped: bool = False) -> tuple[Prompt, ...]:
    data = _read(directory, PROMPTS_FILE)
    prompts = _entries(Prompt, _table_list(data, "prompt", PROMPTS_FILE), PROMPTS_FILE, "entry", shipped)
    if not prompts:
        raise ContentError(f"{PROMPTS_FILE}: no [[prompt]] entries")
    _check_ids(prompts, PROMPTS_FILE, "entry")
    kind_ids = {k.id for k in _event_kinds(directory, shipped)} if any(p.kinds for p in prompts) else set()
    for index, prompt in enumerate(prompts, start=1):
        if not prompt.phases:
            raise ContentError(f"{PROMPTS_FILE} entry {index} ({prompt.id}): list at least one phase")
        unknown = [k for k in prompt.kinds if k not in kind_ids]
        if unknown:
            raise ContentError(f"{PROMPTS_FILE} entry {index} ({prompt.id}): unknown event kind "
                               f"{unknown[0]!r}; the kinds are in {EVENT_KINDS_FILE}")
    return tuple(prompts)


def load_prompts(directory: Path | str | None = None) -> list[Prompt]:
    """The prompt deck, in file order."""
    # Each its own list of phases: nothing a caller does to one reaches the next caller.
    return [p.model_copy(update={"phases": list(p.phases), "kinds": list(p.kinds)})
            for p in _prompts(_resolve(directory), directory is None)]


@cache
def _factors(directory: Path, shipped: bool = False) -> tuple[Factor, ...]:
    data = _read(directory, FACTORS_FILE)
    factors = _entries(Factor, _table_list(data, "factor", FACTORS_FILE), FACTORS_FILE, "entry", shipped)
    if not factors:
        raise ContentError(f"{FACTORS_FILE}: no [[factor]] entries")
    _check_ids(factors, FACTORS_FILE, "entry")
    return tuple(factors)


def load_factors(directory: Path | str | None = None) -> list[Factor]:
    """The factor catalog, in file order."""
    return [f.model_copy() for f in _factors(_resolve(directory), directory is None)]


@cache
def _ground_rules(directory: Path) -> GroundRules:
    data = _read(directory, GROUND_RULES_FILE)
    try:
        rules = GroundRules.model_validate(data)
    except ValidationError as exc:
        raise ContentError(f"{GROUND_RULES_FILE}: {one_line(exc)}") from None
    for index, rule in enumerate(rules.rules, start=1):
        if not rule.strip():
            raise ContentError(f"{GROUND_RULES_FILE} rule {index}: empty")
    return rules


def load_ground_rules(directory: Path | str | None = None) -> GroundRules:
    """The ground rules read when a meeting opens."""
    return _ground_rules(_resolve(directory)).model_copy(deep=True)


@cache
def _wording_rules(directory: Path) -> tuple[WordingRule, ...]:
    data = _read(directory, WORDING_FILE)
    entries = _table_list(data, "pattern", WORDING_FILE)
    rules = _validate_entries(WordingRule, entries, WORDING_FILE, "pattern")
    _check_ids(rules, WORDING_FILE, "pattern")
    return tuple(rules)


def load_wording_rules(directory: Path | str | None = None) -> list[WordingRule]:
    """The blame-aware wording patterns, in priority order."""
    return [r.model_copy(deep=True) for r in _wording_rules(_resolve(directory))]


@cache
def _event_kinds(directory: Path, shipped: bool = False) -> tuple[EventKindRule, ...]:
    data = _read(directory, EVENT_KINDS_FILE)
    entries = _table_list(data, "kind", EVENT_KINDS_FILE)
    if shipped:  # their conditions are models too
        entries = [{**raw, "when": _as_written(KindCondition, raw.get("when", []),
                                               EVENT_KINDS_FILE, "condition")}
                   if isinstance(raw, dict) else raw for raw in entries]
    kinds = _entries(EventKindRule, entries, EVENT_KINDS_FILE, "kind", shipped)
    _check_ids(kinds, EVENT_KINDS_FILE, "kind")
    for index, kind in enumerate(kinds, start=1):
        for number, condition in enumerate(kind.when, start=1):
            if not (condition.source or condition.kind or condition.words):
                raise ContentError(f"{EVENT_KINDS_FILE} kind {index} ({kind.id}): "
                                   f"condition {number} names no source, kind or words")
    return tuple(kinds)


def load_event_kinds(directory: Path | str | None = None) -> list[EventKindRule]:
    """The kinds of event with questions of their own, in the order they are tried."""
    return [k.model_copy(deep=True) for k in _event_kinds(_resolve(directory), directory is None)]


@cache
def _demo(directory: Path) -> DemoReview:
    data = _read(directory, DEMO_FILE)
    if not isinstance(data.get("review"), dict):
        raise ContentError(f"{DEMO_FILE}: needs a [review] table")
    sections: dict[str, tuple[type[BaseModel], str]] = {
        "participant": (Participant, "participant"),
        "event": (DemoEvent, "event"),
        "note": (DemoNote, "note"),
        "factor": (ReviewFactor, "factor"),
        "prompt_state": (PromptState, "prompt_state"),
    }
    unknown = set(data) - set(sections) - {"review", "parked"}
    if unknown:
        raise ContentError(f"{DEMO_FILE}: unknown section '{sorted(unknown)[0]}'")
    try:
        review = Review.model_validate(data["review"])
    except ValidationError as exc:
        raise ContentError(f"{DEMO_FILE} [review]: {one_line(exc)}") from None
    loaded = {
        key: _validate_entries(model, _table_list(data, key, DEMO_FILE), DEMO_FILE, what)
        for key, (model, what) in sections.items()
    }
    parked = []
    for index, raw in enumerate(_table_list(data, "parked", DEMO_FILE), start=1):
        text = raw.get("text") if isinstance(raw, dict) else None
        if not isinstance(text, str) or not text.strip() or len(raw) != 1:
            raise ContentError(f"{DEMO_FILE} parked {index}: needs exactly one key, text")
        parked.append(text.strip())
    demo = DemoReview(
        review=review,
        participants=loaded["participant"],
        events=loaded["event"],
        notes=loaded["note"],
        factors=loaded["factor"],
        prompt_states=loaded["prompt_state"],
        parked=parked,
    )
    _check_demo_references(demo, {p.id for p in _prompts(directory)}, {f.id for f in _factors(directory)})
    return demo


def _check_demo_references(demo: DemoReview, prompt_ids: set[str], factor_ids: set[str]) -> None:
    def fail(what: str, index: int, message: str) -> None:
        raise ContentError(f"{DEMO_FILE} {what} {index}: {message}")

    names: set[str] = set()
    for index, person in enumerate(demo.participants, start=1):
        if person.name in names:
            fail("participant", index, f"duplicate name {person.name!r}")
        names.add(person.name)
    refs: set[str] = set()
    external_ids: set[str] = set()
    for index, event in enumerate(demo.events, start=1):
        if event.ref:
            if event.ref in refs:
                fail("event", index, f"duplicate ref {event.ref!r}")
            refs.add(event.ref)
        if event.external_id:
            external_ids.add(event.external_id)
    for index, event in enumerate(demo.events, start=1):
        if event.reply_to and event.reply_to not in external_ids:
            fail("event", index, f"reply_to {event.reply_to!r} matches no event's external_id")
    for index, note in enumerate(demo.notes, start=1):
        if note.who and note.who not in names:
            fail("note", index, f"unknown participant {note.who!r}")
        if note.event and note.event not in refs:
            fail("note", index, f"unknown event ref {note.event!r}")
        if note.prompt and note.prompt not in prompt_ids:
            fail("note", index, f"unknown prompt id {note.prompt!r}")
        if note.kind == "action" and not (note.owner and note.due):
            fail("note", index, "an action needs an owner and a due date")
    seen_factors: set[str] = set()
    for index, factor in enumerate(demo.factors, start=1):
        if factor.factor_id not in factor_ids:
            fail("factor", index, f"unknown factor id {factor.factor_id!r}")
        if factor.factor_id in seen_factors:
            fail("factor", index, f"duplicate factor id {factor.factor_id!r}")
        seen_factors.add(factor.factor_id)
    for index, state in enumerate(demo.prompt_states, start=1):
        if state.prompt_id not in prompt_ids:
            fail("prompt_state", index, f"unknown prompt id {state.prompt_id!r}")


def load_demo(directory: Path | str | None = None) -> DemoReview:
    """The demo review, with every name, event ref, prompt id and factor id checked."""
    return _demo(_resolve(directory)).model_copy(deep=True)
