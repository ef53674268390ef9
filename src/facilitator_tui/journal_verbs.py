"""The review service's verbs for typed text the database refused: kept on disk, saved once.

A mixin of `ReviewService` (kept apart so that each file stays readable). The
notes input hands a refused note or draft to `keep_typed`, which puts it in the
database's journal (journal.py) before the next key is answered. When the
review is opened again, `replay_typed` saves what waits for it, in the order it
was typed, and settles the journal.

Saved once: each journal entry has an id, and the note is saved in the same
transaction as a record of that id (`journal_saved`). A crash after the note was
saved but before the journal was settled leaves the entry in the journal; the
replay finds its id recorded and settles it without saving it again. (Looking
for an identical note instead would be fooled by a note typed twice on purpose,
or edited in another window since.) No Textual here, and no SQL.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator_tui.errors import FacilitatorError, StorageError
from facilitator_tui.journal import Journal, JournalEntry
from facilitator_tui.logfile import write_error
from facilitator_tui.models import Note, Review

if TYPE_CHECKING:
    from facilitator_tui.store import Store


@dataclass
class Replayed:
    """What opening a review did with the typing its journal kept."""

    saved: list[Note] = field(default_factory=list)  # saved now, in the order typed
    waiting: list[JournalEntry] = field(default_factory=list)  # the database still refuses these
    refused: list[JournalEntry] = field(default_factory=list)  # cannot be saved as typed
    draft: str | None = None  # the last draft typed while the database refused it
    draft_waiting: bool = False  # ...and the database still refuses it
    aside: int = 0  # entries of reviews deleted since, moved aside
    damaged: int = 0  # damaged lines, moved aside
    aside_files: list[Path] = field(default_factory=list)
    trouble: str = ""  # why the database still refuses, in one line


class JournalVerbs:
    store: Store

    if TYPE_CHECKING:
        def review(self, review_id: int) -> Review: ...
        def save_draft(self, review_id: int, text: str, field: str = "note") -> None: ...
        def add_quick_note(self, review_id: int, raw: str, *, default_kind: str = "observation",
                           event_id: int | None = None, prompt_id: str | None = None,
                           created_at: datetime | None = None) -> Note: ...

    @cached_property
    def journal(self) -> Journal:
        """This database's journal of refused typing."""
        return Journal.for_database(self.store.path)

    def keep_typed(self, entry: JournalEntry) -> JournalEntry:
        """Put a refused note or draft on disk (fsync) until the database takes it."""
        try:
            return self.journal.append(entry)
        except OSError as exc:
            write_error(exc, "journal")
            raise StorageError(
                f"it could not be kept on disk either ({exc.strerror or 'cannot write'}); "
                "keep this window open"
            ) from None

    def settle_typed(self, done: Collection[str] = (), drafts_of: Collection[str] = ()) -> None:
        """The database took these entries (and the latest draft of the reviews `drafts_of`)."""
        try:
            self.journal.settle(done, drafts_of)
        except OSError as exc:  # a replay finds them saved already: nothing is doubled
            write_error(exc, "journal")

    def add_quick_note_once(self, review_id: int, raw: str, entry_id: str, *,
                            default_kind: str = "observation", event_id: int | None = None,
                            prompt_id: str | None = None,
                            created_at: datetime | None = None) -> Note | None:
        """`add_quick_note` for a journal entry: None if that entry was saved before."""
        with self.store.transaction():
            if self.store.journal_entry_saved(entry_id):
                return None
            note = self.add_quick_note(review_id, raw, default_kind=default_kind, event_id=event_id,
                                       prompt_id=prompt_id, created_at=created_at)
            self.store.record_journal_entry(entry_id, review_id, note.id)
        return note

    def replay_typed(self, review_id: int) -> Replayed:
        """Save what the journal kept for this review, in order, once; move aside what
        belongs to reviews deleted since, and any damaged line. Never raises for the journal."""
        out = Replayed()
        try:
            read = self.journal.read()
        except OSError as exc:
            write_error(exc, "journal")
            return out
        out.damaged = read.damaged
        if read.aside is not None:
            out.aside_files.append(read.aside)
        if not read.entries:
            return out
        review_uuid = self.review(review_id).uuid
        alive = {ident.uuid for ident in self.store.review_identities()}
        gone = [e for e in read.entries if e.review_uuid not in alive]
        if gone:
            try:
                aside = self.journal.set_aside(gone)
            except OSError as exc:
                write_error(exc, "journal")
            else:
                out.aside = len([e for e in gone if e.entry == "note"])
                if aside is not None:
                    out.aside_files.append(aside)
        mine = [e for e in read.entries if e.review_uuid == review_uuid]
        done: list[str] = []
        notes = [e for e in mine if e.entry == "note"]
        for n, entry in enumerate(notes):
            try:
                note = self.add_quick_note_once(
                    review_id, entry.text, entry.id, default_kind=entry.default_kind,
                    event_id=entry.event_id, prompt_id=entry.prompt_id,
                    created_at=_when(entry.at))
            except StorageError as exc:
                out.waiting = notes[n:]
                out.trouble = str(exc)
                break
            except FacilitatorError:
                out.refused.append(entry)  # given back to the input, where it was typed
                done.append(entry.id)
                continue
            done.append(entry.id)
            if note is not None:
                out.saved.append(note)
        drafts = [e for e in mine if e.entry == "draft"]
        drafts_of: list[str] = []
        if drafts:
            out.draft = drafts[-1].text
            try:
                self.save_draft(review_id, out.draft)
            except StorageError as exc:
                out.draft_waiting = True
                out.trouble = out.trouble or str(exc)
            except FacilitatorError:
                drafts_of.append(review_uuid)
            else:
                drafts_of.append(review_uuid)
        self.settle_typed(done, drafts_of)
        return out


def _when(at: str) -> datetime | None:
    try:
        return datetime.fromisoformat(at)
    except ValueError:
        return None
