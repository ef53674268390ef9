"""The verbs of the product: create a review, add a note, tick a factor, run a meeting.

Screens and the CLI call these; nothing here imports Textual. Each verb is one
transaction in the store, so what the user did is on disk before the next key.
"""

from __future__ import annotations

import functools
import inspect
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from pydantic import ValidationError

from facilitator_tui import content
from facilitator_tui.errors import FacilitatorError, InputError, NotFoundError, one_line
from facilitator_tui.journal_verbs import JournalVerbs
from facilitator_tui.library_verbs import LibraryVerbs
from facilitator_tui.models import (
    PHASES,
    REVIEW_STATUSES,
    TIMEBOX_RANGE,
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
    quick_copy,
    status_label,
    utc_now,
)
from facilitator_tui.perspective import channel_windows, mention_words, own_actors, slug
from facilitator_tui.store import EventFilter, Perspective, ReviewSummary, Store, StoreError
from facilitator_tui.store.room_view import ROOM_VIEW_FIELDS
from facilitator_tui.timeparse import parse_timestamp, zone

if TYPE_CHECKING:
    from facilitator_tui.import_job import ImportCancelled, ImportSummary

# A request that cannot be carried out, in one line for the user (see errors.py).
ServiceError = InputError
ExportFormat = Literal["markdown", "json"]


@dataclass(frozen=True)
class DeletedEvent:
    """An event just deleted, with the notes it had, so that undo can put it all back."""

    event: Event
    note_ids: tuple[int, ...]

Verb = TypeVar("Verb", bound=Callable[..., Any])
Service = TypeVar("Service", bound=type)


def _input_checked(verb: Verb) -> Verb:
    @functools.wraps(verb)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return verb(*args, **kwargs)
        except ValidationError as error:
            raise InputError(one_line(error)) from None

    return cast(Verb, run)


def _in_our_words(cls: Service) -> Service:
    """Every public verb raises the app's own errors: a model that refuses input is an InputError."""
    for klass in reversed(cls.__mro__[:-1]):  # its own verbs and those it gathers from parts
        for name, member in list(vars(klass).items()):
            if not name.startswith("_") and inspect.isfunction(member):
                setattr(cls, name, _input_checked(member))
    return cls


@_in_our_words
class ReviewService(JournalVerbs, LibraryVerbs):
    def __init__(self, store: Store) -> None:
        self.store = store
        # What the room's mirror was last told, per review: written again only when it changes.
        self._room_view: dict[int, dict[str, Any]] = {}

    @classmethod
    def open(cls, path: str | Path, *, busy_timeout: float = 5.0) -> ReviewService:
        """`busy_timeout`: seconds to wait for another program's write lock before giving up.

        The app waits briefly and retries later itself, so the screen never freezes; the
        command line waits longer, as a script would.
        """
        return cls(Store(path, busy_timeout=busy_timeout))

    def close(self) -> None:
        self.store.close()

    def data_version(self) -> int:
        """Changes whenever another connection commits: the cue for a live refresh."""
        return self.store.data_version()

    def check(self) -> None:
        """Raise DatabaseDamaged if the file is damaged, before anything reads or writes it."""
        self.store.check()

    def start_check(self) -> None:
        """Begin `check` in a thread, so that it runs beside what comes next; `check()` waits for it."""
        self.store.start_check()

    def set_busy_timeout(self, seconds: float) -> None:
        """How long to wait for another program's write lock from now on (see `open`)."""
        self.store.set_busy_timeout(seconds)

    # -- reviews -------------------------------------------------------------------

    def create_review(self, title: str, *, start: datetime | None = None,
                      end: datetime | None = None, tz: str = "UTC", summary: str = "",
                      facilitator: str = "", timebox_minutes: int = 60) -> Review:
        if start and end and end < start:
            raise ServiceError("the incident cannot end before it starts")
        _check_timebox(timebox_minutes)
        review = Review(title=title, incident_start=start, incident_end=end, timezone=tz,
                        summary=summary, facilitator=facilitator, timebox_minutes=timebox_minutes)
        return self.store.insert_review(review)

    def review(self, review_id: int) -> Review:
        found = self.store.get_review(review_id)
        if found is None:
            raise NotFoundError(f"no review with id {review_id}; 'facilitator list' shows the reviews")
        return found

    def list_reviews(self) -> list[ReviewSummary]:
        return self.store.list_reviews()

    def update_review(self, review_id: int, **fields: Any) -> Review:
        self.review(review_id)
        return self.store.update_review(review_id, **fields)

    def update_details(self, review_id: int, *, title: str, summary: str = "",
                       start: datetime | None = None, end: datetime | None = None,
                       tz: str = "UTC", facilitator: str = "", timebox_minutes: int = 60,
                       status: str | None = None) -> Review:
        """Change what `new` set (and the status) after the fact, each checked in plain words."""
        review = self.review(review_id)
        if not title.strip():
            raise ServiceError("a review needs a title")
        if start and end and end < start:
            raise ServiceError("the incident cannot end before it starts")
        _check_timebox(timebox_minutes)
        zone(tz)  # an unknown zone says so in one line
        status = status or review.status
        if status not in REVIEW_STATUSES:
            raise ServiceError(f"unknown status {status!r}")
        running = review.meeting_started_at is not None and review.meeting_ended_at is None
        if status == "meeting" and not running:
            raise ServiceError(f"a review is {status_label('meeting')} while its meeting runs: "
                               "F2 starts the meeting")
        if running and status != "meeting":
            raise ServiceError(f"the meeting is running; F10 closes it, which makes the review "
                               f"{status_label('closed')}")
        return self.store.update_review(
            review_id, title=title.strip(), summary=summary.strip(), incident_start=start,
            incident_end=end, timezone=tz, facilitator=" ".join(facilitator.split()),
            timebox_minutes=timebox_minutes, status=status)

    def rename_review(self, review_id: int, title: str) -> Review:
        return self.update_review(review_id, title=title)

    def delete_review(self, review_id: int) -> None:
        if not self.store.delete_review(review_id):
            raise ServiceError(f"no review with id {review_id}")

    # -- preferences -----------------------------------------------------------------

    def preference(self, key: str, default: str = "") -> str:
        """A preference kept between runs (the theme), or `default` if never set."""
        value = self.store.get_setting(key)
        return default if value is None else value

    def set_preference(self, key: str, value: str) -> None:
        self.store.set_setting(key, value)

    # -- participants --------------------------------------------------------------

    def participants(self, review_id: int) -> list[Participant]:
        return self.store.list_participants(review_id)

    def add_participant(self, review_id: int, name: str, role: str = "responder") -> Participant:
        # Validated from what the user typed or picked: the model checks the role.
        person = Participant.model_validate({"review_id": review_id, "name": name, "role": role})
        if any(p.name.casefold() == person.name.casefold() for p in self.participants(review_id)):
            raise ServiceError(f"{person.name} is already a participant")
        return self.store.add_participant(person)

    def update_participant(self, participant_id: int, *, name: str | None = None,
                           role: str | None = None) -> None:
        fields: dict[str, Any] = {}
        if name is not None:
            fields["name"] = Participant(name=name).name
        if role is not None:
            fields["role"] = Participant.model_validate({"name": "x", "role": role}).role
        if fields:
            self.store.update_participant(participant_id, **fields)

    def remove_participant(self, participant_id: int) -> None:
        self.store.delete_participant(participant_id)

    # -- timeline --------------------------------------------------------------------

    def parse_time(self, review_id: int, text: str) -> datetime:
        """A time typed by the facilitator: 'HH:MM' near the incident, or a full timestamp.

        A bare clock time goes on whichever day (the incident's first day, the one
        before or the one after) puts it nearest the incident window, so '00:10'
        means just after midnight in an incident that crossed it.
        """
        try:
            return self._parse_time(self.review(review_id), text)
        except InputError:
            raise
        except ValueError as error:  # the parser's own words, as the app's error
            raise InputError(str(error)) from None

    @staticmethod
    def _parse_time(review: Review, text: str) -> datetime:
        tz = review.zone
        start = review.incident_start
        if start is None:
            return parse_timestamp(text, tz, utc_now().astimezone(tz).date())
        end = review.incident_end or start + timedelta(hours=12)
        day = start.astimezone(tz).date()
        candidates = [parse_timestamp(text, tz, day + timedelta(days=d)) for d in (0, 1, -1)]

        def distance(moment: datetime) -> float:
            if start <= moment <= end:
                return 0.0
            return min(abs((moment - start).total_seconds()), abs((moment - end).total_seconds()))

        return min(candidates, key=distance)

    def add_event(self, review_id: int, text: str, *, at: datetime | None = None,
                  actor: str = "", source: str = "manual", kind: str = "note",
                  key_moment: bool = False) -> Event:
        if not text.strip():
            raise ServiceError("an event needs some text")
        moment = at or utc_now()
        event = Event(review_id=review_id, at=moment, text=text, actor=actor, source=source,
                      kind=kind, key_moment=key_moment,
                      external_id=f"manual-{uuid.uuid4().hex[:12]}")
        self.store.insert_events(review_id, [event])
        return event.model_copy(update={"id": self.store.event_id(review_id, event.dedupe_key())})

    def edit_event(self, event_id: int, **fields: Any) -> Event:
        return self.store.update_event(event_id, **fields)

    def toggle_key_moment(self, event_id: int) -> Event:
        event = self._event(event_id)
        return self.store.update_event(event_id, key_moment=not event.key_moment)

    def set_hidden(self, event_id: int, hidden: bool = True) -> Event:
        return self.store.update_event(event_id, hidden=hidden)

    def _event(self, event_id: int) -> Event:
        event = self.store.get_event(event_id)
        if event is None:
            raise NotFoundError(f"no event with id {event_id}; it may have been deleted")
        return event

    def event(self, event_id: int) -> Event:
        return self._event(event_id)

    def delete_event(self, event_id: int) -> DeletedEvent:
        """Remove an event from the timeline; its notes stay, unlinked. `restore_event` undoes it."""
        removed = self.store.delete_event(event_id)
        if removed is None:
            raise NotFoundError("that event is no longer there")
        event, notes = removed
        return DeletedEvent(event, tuple(notes))

    def restore_event(self, deleted: DeletedEvent) -> Event:
        return self.store.restore_event(deleted.event, list(deleted.note_ids))

    def events_around(self, review_id: int, at: datetime, *, before: int = 4, after: int = 5,
                      include_private: bool = True) -> list[Event]:
        """The events just before and from `at` on: for picking one by its time."""
        return self.store.events_around(review_id, at, before, after,
                                        EventFilter(include_private=include_private))

    def timeline_people(self, review_id: int) -> list[tuple[str, int]]:
        """Everyone whose view of the timeline can be shown: participants first, then the
        other people who wrote events; each with how many events carry their name."""
        written = dict(self.store.people_actors(review_id))
        everyone = [p.name for p in self.participants(review_id)]
        out: list[tuple[str, int]] = []
        seen: set[str] = set()
        for name in everyone:
            actors = own_actors(name, written, [*everyone, *written])
            out.append((name, sum(written[a] for a in actors)))
            seen.update(slug(a) for a in [*actors, name])
        out += [(actor, n) for actor, n in written.items() if slug(actor) not in seen]
        return out

    def perspective(self, review_id: int, name: str) -> Perspective:
        """What `name` saw (see perspective.py): the events they wrote, those that name
        them, and their channels around their messages there."""
        name = " ".join(name.split())
        if not name:
            raise ServiceError("choose whose view to show")
        written = [actor for actor, _ in self.store.people_actors(review_id)]
        everyone = [*(p.name for p in self.participants(review_id)), *written]
        actors = own_actors(name, written, everyone)
        if name not in actors:
            actors.append(name)
        windows = channel_windows(self.store.actor_channel_times(review_id, actors))
        return Perspective(name, tuple(actors), tuple(mention_words(name, everyone)),
                           tuple(windows))

    def import_events(self, review_id: int, events: list[Event]) -> tuple[int, int]:
        self.review(review_id)
        return self.store.insert_events(review_id, events)

    def import_file(self, review_id: int, path: str | Path, options: Any = None,
                    progress: Callable[[int, int], None] | None = None,
                    dry_run: bool = False,
                    should_stop: Callable[[], bool] | None = None) -> ImportSummary:
        """Read a file with the matching importer and add its events in one transaction.

        The file is streamed: memory stays small at any size. A dry run reads it
        all and counts what would be added, writing nothing. `should_stop` is
        asked between batches; when it says yes, import_job.ImportCancelled is raised and
        nothing is written.
        """
        from facilitator_tui.import_job import run_import
        from facilitator_tui.importers import ImportOptions

        review = self.review(review_id)
        options = options or ImportOptions()
        if options.default_date is None and review.incident_start:
            options.default_date = review.incident_start.astimezone(review.zone).date()
        return run_import(self.store, review_id, Path(path), options, progress, should_stop, dry_run)

    def event_count(self, review_id: int, flt: EventFilter = EventFilter()) -> int:
        return self.store.count_events(review_id, flt)

    def event_page(self, review_id: int, offset: int, limit: int,
                   flt: EventFilter = EventFilter()) -> list[Event]:
        """`limit` events from position `offset` of the filtered timeline, in time order."""
        return self.store.page_events(review_id, offset, limit, flt)

    def event_time_range(self, review_id: int) -> tuple[datetime | None, datetime | None]:
        """The first and last shown event's time (None, None when there are none)."""
        return self.store.event_time_range(review_id)

    def event_position(self, review_id: int, event: Event, flt: EventFilter = EventFilter()) -> int:
        """Where `event` is (or would be) in the filtered timeline."""
        return self.store.index_of_event(review_id, event, flt)

    def position_at_time(self, review_id: int, moment: datetime,
                         flt: EventFilter = EventFilter()) -> int:
        """The position of the first filtered event at or after `moment`."""
        return self.store.index_of_time(review_id, moment, flt)

    def event_sources_and_actors(self, review_id: int) -> tuple[list[str], list[str]]:
        """Every source and every actor the review's events name, as stored."""
        return self.store.event_sources_and_actors(review_id)

    # -- notes -----------------------------------------------------------------------

    def add_note(self, review_id: int, text: str, kind: str = "observation", *,
                 participant_id: int | None = None, event_id: int | None = None,
                 prompt_id: str | None = None, owner: str = "", due: date | None = None,
                 created_at: datetime | None = None) -> Note:
        if not text.strip():
            raise ServiceError("a note needs some text")
        fields: dict[str, Any] = {
            "review_id": review_id, "text": text, "kind": kind, "participant_id": participant_id,
            "event_id": event_id, "prompt_id": prompt_id, "owner": owner, "due": due}
        if created_at is not None:  # typed earlier, saved only now
            fields["created_at"] = created_at
        note = Note.model_validate(fields)
        try:
            return self.store.add_note(note)
        except NotFoundError:
            self._still_there(review_id)
            # The review is there: the event or person it linked to went; keep the note.
            return self.store.add_note(note.model_copy(update={
                "event_id": event_id if event_id and self.store.get_event(event_id) else None,
                "participant_id": participant_id if participant_id in
                {p.id for p in self.participants(review_id)} else None,
            }))

    def _still_there(self, review_id: int) -> None:
        """Raise a clear NotFoundError if the review was deleted (elsewhere, while open here)."""
        if self.store.get_review(review_id) is None:
            raise NotFoundError(
                "this review was deleted elsewhere (another window or the command line); "
                "nothing more can be saved to it"
            )

    def add_quick_note(self, review_id: int, raw: str, *, default_kind: str = "observation",
                       event_id: int | None = None, prompt_id: str | None = None,
                       created_at: datetime | None = None) -> Note:
        """Save what was typed in the one-line input, reading its prefix and @mention."""
        from facilitator_tui.note_syntax import parse

        people = self.participants(review_id)
        today = utc_now().astimezone(self.review(review_id).zone).date()
        parsed = parse(raw, [p.name for p in people], default_kind, today=today)
        if parsed.problem:
            raise ServiceError(parsed.problem)
        who = next((p.id for p in people if p.name == parsed.who), None)
        return self.add_note(review_id, parsed.text, parsed.kind, participant_id=who,
                             event_id=event_id, prompt_id=prompt_id, owner=parsed.owner,
                             due=parsed.due, created_at=created_at)

    @staticmethod
    def _review_of(note: Note) -> int:
        if note.review_id is None:
            raise NotFoundError("that note belongs to no review")
        return note.review_id

    def credit_new_participant(self, note_id: int, name: str) -> Note:
        """Add `name` (an `@name` that matched nobody) to the review and credit the note to them.

        A mention at either end of the note is attribution, so it leaves the text, as it
        would have had the person been a participant when the note was typed.
        """
        note = self.store.get_note(note_id)
        if note is None:
            raise NotFoundError("that note is no longer there")
        with self.store.transaction():
            person = self.add_participant(self._review_of(note), name)
            text = note.text
            mention = "@" + name
            if text.startswith(mention):
                text = text[len(mention):].strip() or text
            elif text.endswith(mention):
                text = text[: -len(mention)].strip() or text
            return self.store.update_note(note_id, participant_id=person.id, text=text)

    def draft(self, review_id: int, field: str = "note") -> str:
        """Text half-typed into an input when the app last stopped."""
        return self.store.get_draft(review_id, field)

    def save_draft(self, review_id: int, text: str, field: str = "note") -> None:
        try:
            self.store.set_draft(review_id, field, text)
        except NotFoundError:
            self._still_there(review_id)
            raise

    def linked_event_times(self, review_id: int) -> dict[int, datetime]:
        """When each event that has a note happened, by event id."""
        return self.store.linked_event_times(review_id)

    def note(self, note_id: int) -> Note:
        found = self.store.get_note(note_id)
        if found is None:
            raise NotFoundError("this note was deleted elsewhere (another window or the command line)")
        return found

    def edit_note(self, note_id: int, *, expected: Note | None = None, **fields: Any) -> Note:
        """Change a note; with `expected` (the note as it was read) a change made elsewhere
        since then raises ConflictError instead of being overwritten."""
        return self.store.update_note(note_id, expected=expected, **fields)

    def delete_note(self, note_id: int) -> None:
        self.store.delete_note(note_id)

    def restore_note(self, note: Note) -> Note:
        """Undo a delete: the note comes back as it was (unlinked if its event is gone)."""
        return self.store.restore_note(note)

    def move_note(self, note_id: int, event_id: int | None) -> Note:
        """Link a note to another event of its review, or to none."""
        note = self.store.get_note(note_id)
        if note is None:
            raise NotFoundError("that note is no longer there")
        if event_id is not None and self._event(event_id).review_id != note.review_id:
            raise ServiceError("that event belongs to another review")
        return self.store.update_note(note_id, event_id=event_id)

    def notes(self, review_id: int, *, include_private: bool = True,
              event_id: int | None = None) -> list[Note]:
        return self.store.list_notes(review_id, include_private=include_private, event_id=event_id)

    # -- factors -----------------------------------------------------------------------

    def factor_catalog(self, review_id: int) -> list[Factor]:
        return [*content.load_factors(), *self.store.list_custom_factors(review_id)]

    def review_factors(self, review_id: int) -> dict[str, ReviewFactor]:
        return {rf.factor_id: rf for rf in self.store.list_review_factors(review_id)}

    def toggle_factor(self, review_id: int, factor_id: str) -> ReviewFactor:
        current = self.review_factors(review_id).get(factor_id)
        return self.store.set_review_factor(review_id, factor_id,
                                            ticked=not (current and current.ticked))

    def set_factor(self, review_id: int, factor_id: str, *, ticked: bool | None = None,
                   note: str | None = None) -> ReviewFactor:
        return self.store.set_review_factor(review_id, factor_id, ticked=ticked, note=note)

    def add_custom_factor(self, review_id: int, name: str, group: str = "organisation",
                          description: str = "") -> Factor:
        factor = Factor.model_validate({"id": f"custom-{uuid.uuid4().hex[:10]}", "group": group,
                                        "name": name, "description": description, "custom": True})
        self.store.add_custom_factor(review_id, factor)
        self.store.set_review_factor(review_id, factor.id, ticked=True)
        return factor

    # -- prompts ---------------------------------------------------------------------

    def prompt_deck(self, review_id: int) -> list[Prompt]:
        return [*content.load_prompts(), *self.store.list_custom_prompts(review_id)]

    def prompt_states(self, review_id: int) -> dict[str, PromptState]:
        return {s.prompt_id: s for s in self.store.list_prompt_states(review_id)}

    def toggle_asked(self, review_id: int, prompt_id: str) -> PromptState:
        state = self.prompt_states(review_id).get(prompt_id)
        asked = None if state and state.asked_at else utc_now()
        self.store.set_prompt_state(review_id, prompt_id, asked_at=asked)
        return self.prompt_states(review_id)[prompt_id]

    def toggle_star(self, review_id: int, prompt_id: str) -> PromptState:
        state = self.prompt_states(review_id).get(prompt_id)
        self.store.set_prompt_state(review_id, prompt_id, starred=not (state and state.starred))
        return self.prompt_states(review_id)[prompt_id]

    def add_custom_prompt(self, review_id: int, text: str, theme: str,
                          phases: list[str] | None = None) -> Prompt:
        prompt = Prompt.model_validate({"id": f"custom-{uuid.uuid4().hex[:10]}", "text": text,
                                        "theme": theme, "phases": phases or list(PHASES),
                                        "custom": True})
        self.store.add_custom_prompt(review_id, prompt)
        return prompt

    # -- meeting ---------------------------------------------------------------------

    def start_meeting(self, review_id: int) -> Review:
        review = self.review(review_id)
        now = utc_now()
        with self.store.transaction():
            review = self.store.update_review(
                review_id, meeting_started_at=review.meeting_started_at or now,
                meeting_ended_at=None, status="meeting", share_safe=True,
            )
            if not self.store.list_phase_spans(review_id):
                self.store.enter_phase(review_id, "open", now)
        return self.review(review_id)

    def set_phase(self, review_id: int, phase: str) -> Review:
        if phase not in PHASES:
            raise ServiceError(f"unknown phase {phase!r}")
        review = self.review(review_id)
        if review.meeting_started_at and not review.meeting_ended_at:
            self.store.enter_phase(review_id, phase, utc_now())
        else:
            self.store.update_review(review_id, current_phase=phase)
        return self.review(review_id)

    def step_phase(self, review_id: int, delta: int) -> Review:
        review = self.review(review_id)
        index = PHASES.index(review.current_phase) + delta
        return self.set_phase(review_id, PHASES[max(0, min(len(PHASES) - 1, index))])

    def set_share_safe(self, review_id: int, share_safe: bool) -> Review:
        return self.store.update_review(review_id, share_safe=share_safe)

    def phase_spans(self, review_id: int) -> list[PhaseSpan]:
        """When the meeting entered and left each phase, in order."""
        return self.store.list_phase_spans(review_id)

    def park_idea(self, review_id: int, text: str) -> ParkedIdea:
        if not text.strip():
            raise ServiceError("a parked idea needs some text")
        return self.store.add_parked(ParkedIdea(review_id=review_id, text=text.strip()))

    def parked(self, review_id: int) -> list[ParkedIdea]:
        return self.store.list_parked(review_id)

    def parked_to_action(self, review_id: int, idea_id: int, *, owner: str = "",
                         due: date | None = None) -> Note:
        idea = next((i for i in self.parked(review_id) if i.id == idea_id), None)
        if idea is None:
            raise ServiceError(f"no parked idea with id {idea_id}")
        if idea.action_note_id:
            raise ServiceError("that idea is already an action item")
        with self.store.transaction():
            note = self.add_note(review_id, idea.text, "action", owner=owner, due=due)
            self.store.set_parked_action(idea_id, note.saved_id())
        return note

    def discard_parked(self, idea_id: int) -> None:
        self.store.delete_parked(idea_id)

    def close_meeting(self, review_id: int, *, learned_yes: int = 0, learned_no: int = 0,
                      again_yes: int = 0, again_no: int = 0) -> Review:
        review = self.review(review_id)
        if not review.meeting_started_at:
            raise ServiceError("the meeting has not started; start it before closing it")
        now = utc_now()
        with self.store.transaction():
            self.store.end_phase_spans(review_id, now)
            self.store.update_review(
                review_id, meeting_ended_at=now, status="closed",
                learned_yes=learned_yes, learned_no=learned_no,
                again_yes=again_yes, again_no=again_no,
            )
        return self.review(review_id)

    # -- the room's mirror (facilitator follow) ---------------------------------------

    def show_to_room(self, review_id: int, **fields: Any) -> bool:
        """Tell mirrors what the room should follow: `prompt_id`, `event_id`, `ground_rules`.

        Written only when a value differs from the last one written, in one short
        statement that no revision trigger sees (a cursor moving is not an edit). It is
        a courtesy to the room, never a reason to stop the meeting: when the database
        refuses it, False, and the next change tries again.
        """
        unknown = set(fields) - set(ROOM_VIEW_FIELDS)
        if unknown:
            raise ServiceError(f"the room cannot follow {', '.join(sorted(unknown))}")
        shown = self._room_view.setdefault(review_id, {})
        changes = {k: v for k, v in fields.items() if k not in shown or shown[k] != v}
        if not changes:
            return True
        try:
            self.store.set_room_view(review_id, changes)
        except FacilitatorError:
            for name in changes:
                shown.pop(name, None)
            return False
        shown.update(changes)
        return True

    def mirrors_following(self, review_id: int) -> int:
        """How many mirrors (`facilitator follow`, or a browser through `serve`) follow this
        review now; they leave small files outside the database, see presence.py."""
        from facilitator_tui import presence

        return presence.following(self.store.path, review_id)

    # -- whole reviews -------------------------------------------------------------

    def snapshot(self, review_id: int, *, portable: bool = False) -> ReviewSnapshot:
        """Everything about one review, for export.

        `portable` renumbers every id from 1 in a fixed order, so that an export
        does not depend on which database (or which row ids) it came from: export,
        restore elsewhere and export again gives the same text.
        """
        snap = self._snapshot(review_id)
        return renumbered(snap) if portable else snap

    def _snapshot(self, review_id: int, *, events: bool = True) -> ReviewSnapshot:
        """The review's rows as models; `events=False` leaves the timeline out (the library
        reads it as rows, see `library_verbs`)."""
        review = self.review(review_id)
        store = self.store
        notes = store.list_notes(review_id)
        states = store.list_prompt_states(review_id)
        review_factors = store.list_review_factors(review_id)
        used_prompts = {n.prompt_id for n in notes if n.prompt_id} | {s.prompt_id for s in states}
        prompts = [p for p in content.load_prompts() if p.id in used_prompts]
        prompts += store.list_custom_prompts(review_id)
        used_factors = {rf.factor_id for rf in review_factors}
        factors = [f for f in content.load_factors() if f.id in used_factors]
        factors += store.list_custom_factors(review_id)
        return ReviewSnapshot.model_construct(
            review=review,
            participants=store.list_participants(review_id),
            events=store.all_events(review_id) if events else [],
            notes=notes,
            factors=factors,
            review_factors=review_factors,
            prompts=prompts,
            prompt_states=states,
            parked=store.list_parked(review_id),
            phase_spans=store.list_phase_spans(review_id),
        )

    def export(self, review_id: int, fmt: ExportFormat = "markdown", *,
               include_private: bool = False) -> str:
        """The review as Markdown or JSON text: the one export, for the CLI and the dialog alike.

        Ids are renumbered (see `snapshot(portable=True)`), so the same review gives the
        same text from any database, and `facilitator restore` reads the JSON back.
        """
        from facilitator_tui.export import to_json, to_markdown

        snap = self.snapshot(review_id, portable=True)
        if fmt == "json":
            return to_json(snap, include_private=include_private)
        return to_markdown(snap, include_private=include_private)

    def restore(self, snap: ReviewSnapshot) -> int:
        """Load a snapshot (from a JSON export) as a new review; returns its id."""
        return self.store.restore(snap)

    def load_demo(self) -> tuple[int, bool]:
        """The demo review's id, loading it first if absent; the flag says whether it was new."""
        from facilitator_tui.demo import demo_snapshot

        snap = demo_snapshot()
        for summary in self.list_reviews():
            if summary.review.title == snap.review.title:
                return summary.review.saved_id(), False
        return self.restore(snap), True


def _check_timebox(minutes: int) -> None:
    low, high = TIMEBOX_RANGE
    if not low <= minutes <= high:
        raise ServiceError(f"a meeting's timebox is {low} to {high} minutes, not {minutes}")


def renumbered(snap: ReviewSnapshot, event_ids: list[int] | None = None) -> ReviewSnapshot:
    """The same review with ids 1..n: participants, events (time order), notes, parked ideas.

    `event_ids` gives the events' ids in time order when the snapshot holds no events.
    """
    people = {p.id: i for i, p in enumerate(snap.participants, start=1)}
    order = event_ids if event_ids is not None else [e.id for e in snap.events]
    events = {event_id: i for i, event_id in enumerate(order, start=1)}
    notes = {n.id: i for i, n in enumerate(snap.notes, start=1)}
    return ReviewSnapshot.model_construct(
        review=snap.review.model_copy(update={"id": None}),
        participants=[p.model_copy(update={"id": people[p.id], "review_id": None})
                      for p in snap.participants],
        events=[quick_copy(e, id=events[e.id], review_id=None) for e in snap.events],
        notes=[n.model_copy(update={
            "id": notes[n.id], "review_id": None,
            "participant_id": people.get(n.participant_id), "event_id": events.get(n.event_id),
        }) for n in snap.notes],
        factors=snap.factors,
        review_factors=[rf.model_copy(update={"review_id": None}) for rf in snap.review_factors],
        prompts=snap.prompts,
        prompt_states=[s.model_copy(update={"review_id": None}) for s in snap.prompt_states],
        parked=[p.model_copy(update={"id": i, "review_id": None,
                                     "action_note_id": notes.get(p.action_note_id)})
                for i, p in enumerate(snap.parked, start=1)],
        phase_spans=[s.model_copy(update={"review_id": None}) for s in snap.phase_spans],
    )


def __getattr__(name: str) -> object:
    """The import job's types, named here too, load with it: opening a review imports no importer."""
    if name in ("ImportCancelled", "ImportSummary"):
        from facilitator_tui import import_job

        return getattr(import_job, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DeletedEvent",
    "EventFilter",
    "ImportCancelled",
    "ImportSummary",
    "Perspective",
    "ReviewService",
    "ServiceError",
    "StoreError",
    "zone",
]
