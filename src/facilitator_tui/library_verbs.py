"""The review service's verbs across reviews: action follow-through, the report, the team library.

A mixin of `ReviewService` (kept apart so that each file stays readable): it
asks the store for rows and hands them to `library/` for the figures, the
folder format and the sync decisions. No Textual here, and no SQL.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator_tui.errors import InputError, NotFoundError
from facilitator_tui.models import ACTION_STATES, MAX_LINK, Note, ReviewSnapshot, new_uuid, utc_now

if TYPE_CHECKING:
    from facilitator_tui.library.actions import ActionItem
    from facilitator_tui.library.folder import LibraryFile
    from facilitator_tui.library.report import Report
    from facilitator_tui.library.rows import ReviewIdentity, SyncRecord
    from facilitator_tui.library.sync import ExportSummary, ImportSummary
    from facilitator_tui.store import Store

# The library modules load when a verb is first used, not with the app: starting the
# review screen needs none of them.

# How many review files an export may have read but not yet written.
WRITES_AHEAD = 8


class LibraryVerbs:
    store: Store

    if TYPE_CHECKING:
        def snapshot(self, review_id: int, *, portable: bool = False) -> ReviewSnapshot: ...
        def _snapshot(self, review_id: int, *, events: bool = True) -> ReviewSnapshot: ...

    # -- action items ------------------------------------------------------------------

    def set_action_state(self, note_id: int, state: str, *, link: str | None = None,
                         now: datetime | None = None) -> Note:
        """Mark an action open, done or dropped (and set or clear its link)."""
        if state not in ACTION_STATES:
            raise InputError(f"unknown action state {state[:40]!r}; use open, done or dropped")
        note = self._action(note_id)
        fields: dict[str, Any] = {}
        if state != note.state:
            fields["state"] = state
            fields["state_changed_at"] = now or utc_now()
        if link is not None:
            fields["link"] = self._checked_link(link)
        if not fields:
            return note
        return self.store.update_note(note_id, **fields)

    def set_action_link(self, note_id: int, link: str) -> Note:
        self._action(note_id)
        return self.store.update_note(note_id, link=self._checked_link(link))

    def next_action_state(self, note_id: int) -> Note:
        """open → done → dropped → open: the notes list's one key for an action's state."""
        note = self._action(note_id)
        following = ACTION_STATES[(ACTION_STATES.index(note.state) + 1) % len(ACTION_STATES)]
        return self.set_action_state(note_id, following)

    def _action(self, note_id: int) -> Note:
        note = self.store.get_note(note_id)
        if note is None:
            raise NotFoundError(f"no action with id {note_id}; 'facilitator actions' lists them")
        if note.kind != "action":
            raise InputError(f"note {note_id} is not an action item")
        return note

    @staticmethod
    def _checked_link(link: str) -> str:
        link = link.strip()
        if "\n" in link or "\r" in link:
            raise InputError("a link is one line")
        if len(link) > MAX_LINK:
            raise InputError(f"a link is at most {MAX_LINK} characters")
        return link

    def actions(self, *, open_only: bool = False, overdue_only: bool = False,
                owner: str | None = None, today: date | None = None) -> list[ActionItem]:
        """Action items across every review, the soonest due first."""
        from facilitator_tui.library.actions import with_overdue

        rows = self.store.list_actions(open_only=open_only or overdue_only, owner=owner)
        return with_overdue(rows, today or date.today(), overdue_only=overdue_only)

    # -- the report --------------------------------------------------------------------

    def report(self, *, since: date | None = None, until: date | None = None,
               today: date | None = None) -> Report:
        """Figures over the reviews whose incident began in the window (UTC days, inclusive)."""
        from facilitator_tui import content
        from facilitator_tui.library.report import build_report

        if since and until and until < since:
            raise InputError(f"the window ends ({until.isoformat()}) before it starts "
                             f"({since.isoformat()})")
        start = datetime.combine(since, time(), UTC) if since else None
        end = datetime.combine(until + timedelta(days=1), time(), UTC) if until else None
        store = self.store
        return build_report(
            store.report_reviews(start, end), store.ticked_factors(), store.custom_factor_names(),
            store.insight_rows(), store.action_figures_rows(), content.load_factors(),
            today=today or date.today(), since=since, until=until,
        )

    # -- the team library ----------------------------------------------------------------

    def library_file_text(self, review_id: int) -> str:
        """The review as its library file holds it: what may be shared, numbered 1..n.

        Private notes and facilitator-only events are left out before the rows are
        numbered, so that two databases holding the same shared review write the same
        text. The timeline goes from store rows straight to JSON (see
        `library_text_from_rows`); only facilitator-only events become models, for
        the shared view to drop and clear links to.
        """
        from facilitator_tui.export.privacy import shared_view
        from facilitator_tui.library.folder import library_text_from_rows
        from facilitator_tui.models import Event
        from facilitator_tui.service import renumbered

        snap = self._snapshot(review_id, events=False)
        rows = self.store.event_rows(review_id)
        private = [Event.model_validate(row_event(row)) for row in rows if row[12]]
        shared = shared_view(snap.model_copy(update={"events": private}), include_private=False)
        kept = [row for row in rows if not row[12]]
        return library_text_from_rows(renumbered(shared, [row[0] for row in kept]), kept)

    def _read_for_library(self, review_id: int) -> tuple[str, int]:
        """A review's library content and its revision, read together; the review counts
        as exchanged from here on, so that any later change moves its revision again."""
        with self.store.transaction():
            revision = self.store.mark_synced(review_id)
            text = self.library_file_text(review_id)
        return text, revision

    def export_library(self, folder: str | Path) -> ExportSummary:
        """Write each review that changed here since the last exchange; leave the rest alone.

        A file that changed in the folder since (a pull brought a teammate's version)
        is not overwritten: the summary names it, and an import takes it in first.
        Files are written (and synced to disk) by one background thread while the
        next review is read, so the disk's waits overlap the work.
        """
        from concurrent.futures import Future, ThreadPoolExecutor

        from facilitator_tui.files import sync_folder, write_file
        from facilitator_tui.library import folder as files
        from facilitator_tui.library.rows import SyncRecord
        from facilitator_tui.library.sync import ExportSummary, Incoming, incoming, next_history

        where = files.open_folder(Path(folder), create=True)
        listing = files.list_folder(where)
        records = self.store.sync_records()
        summary = ExportSummary()
        done: list[SyncRecord] = []
        writes: list[tuple[Future[Path], SyncRecord]] = []
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="library-write") as writer:
            for ident in self.store.review_identities():
                record = records.get(ident.uuid)
                path = listing.files.get(ident.uuid)
                if path is not None and record is not None and ident.revision == record.revision:
                    summary.unchanged += 1
                    continue
                content, revision = self._read_for_library(ident.id)
                version = files.version_of(content)
                if path is not None:
                    on_disk = files.read_file(path)
                    if record is None or files.digest(on_disk) != record.file_hash:
                        # Changed in the folder since the last exchange, or never exchanged.
                        theirs = files.parse_file(path, on_disk)
                        if theirs.version == version:
                            summary.unchanged += 1
                            done.append(SyncRecord(ident.uuid, files.digest(on_disk), version,
                                                   theirs.history, revision))
                            continue
                        if record is None or incoming(record, theirs.version, theirs.history) not in (
                                Incoming.SAME, Incoming.OLDER):
                            summary.held_back.append((path.name, ident.title))
                            continue
                    elif version == record.version:
                        summary.unchanged += 1
                        done.append(SyncRecord(ident.uuid, record.file_hash, version,
                                               record.history, revision))
                        continue
                history = next_history(record, version)
                data = files.with_history(content, history).encode("utf-8")
                synced = SyncRecord(ident.uuid, files.digest(data), version, history, revision)
                target = path or where / files.file_name(ident.uuid)
                if len(writes) >= WRITES_AHEAD:
                    # Keep at most a few files in memory ahead of the disk.
                    writes[-WRITES_AHEAD][0].exception()
                writes.append((writer.submit(write_file, target, data, overwrite=True, sync=False), synced))
                summary.new += path is None
        failure: BaseException | None = None
        for future, synced in writes:
            error = future.exception()
            if error is None:
                done.append(synced)
                summary.written += 1
            elif failure is None:
                failure = error
        if summary.written:
            sync_folder(where)
        if done:
            # Recorded even when a later file failed: those written are in step.
            self.store.set_sync_records(done, utc_now())
        if failure is not None:
            raise files.LibraryError(f"could not write to {files.shown(str(where))}: {failure}")
        return summary

    def import_library(self, folder: str | Path) -> ImportSummary:
        """Add new reviews and update changed ones by identity, all in one transaction.

        A bad file anywhere stops the import with one line naming it, and nothing changes.
        """
        from facilitator_tui.library import folder as files
        from facilitator_tui.library.sync import ImportSummary

        where = files.open_folder(Path(folder))
        listing = files.list_folder(where)
        records = self.store.sync_records()
        idents = {ident.uuid: ident for ident in self.store.review_identities()}
        summary = ImportSummary()
        done: list[SyncRecord] = []
        with self.store.transaction():
            for review_uuid, path in sorted(listing.files.items()):
                data = files.read_file(path)
                record = records.get(review_uuid)
                if record is not None and files.digest(data) == record.file_hash:
                    if review_uuid in idents:
                        summary.unchanged += 1
                    else:
                        summary.kept_deleted += 1  # deleted here; nothing new there
                    continue
                found = self._take_in(files.parse_file(path, data), files.digest(data), record,
                                      idents.get(review_uuid), summary)
                if found is not None:
                    done.append(found)
            if done:
                self.store.set_sync_records(done, utc_now())
        return summary

    def _take_in(self, theirs: LibraryFile, file_hash: str, record: SyncRecord | None,
                 ident: ReviewIdentity | None, summary: ImportSummary) -> SyncRecord | None:
        """Take in one file that changed since the last exchange (or was never exchanged);
        returns what to record of it."""
        from facilitator_tui.library import folder as files
        from facilitator_tui.library.rows import SyncRecord
        from facilitator_tui.library.sync import COPY_MARK, NOT_WRITTEN, Incoming, incoming
        uuid = theirs.snapshot.review.uuid

        def taken(review_id: int) -> SyncRecord:
            return SyncRecord(uuid, file_hash, theirs.version, theirs.history,
                              self.store.mark_synced(review_id))

        standing = incoming(record, theirs.version, theirs.history) if record else None
        if ident is None:
            if standing in (Incoming.SAME, Incoming.OLDER):
                summary.kept_deleted += 1
                return None
            summary.added += 1
            return taken(self.store.restore(theirs.snapshot))
        if record is not None and standing is Incoming.SAME:
            # The same content laid out anew (spacing from a hand edit): note the new bytes.
            summary.unchanged += 1
            return SyncRecord(uuid, file_hash, record.version, theirs.history, record.revision)
        if record is not None and standing is Incoming.OLDER:
            # The folder went back (a reset in git): write this database's version again.
            summary.older += 1
            return SyncRecord(uuid, record.file_hash, record.version, record.history, NOT_WRITTEN)
        if record is not None and standing is Incoming.NEWER and ident.revision == record.revision:
            self._replace_from_library(ident.id, theirs.snapshot)
            summary.updated += 1
            return taken(ident.id)
        # Changed on both sides, or never exchanged: the contents decide.
        mine, revision = self._read_for_library(ident.id)
        mine_version = files.version_of(mine)
        if mine_version == theirs.version:
            summary.unchanged += 1
            return SyncRecord(uuid, file_hash, theirs.version, theirs.history, revision)
        if record is None and mine_version in theirs.history:
            # Never exchanged, but theirs was made from exactly what is here.
            self._replace_from_library(ident.id, theirs.snapshot)
            summary.updated += 1
            return taken(ident.id)
        copy = theirs.snapshot.review.model_copy(
            update={"uuid": new_uuid(), "title": theirs.snapshot.review.title + COPY_MARK})
        copy_id = self.store.restore(theirs.snapshot.model_copy(update={"review": copy}))
        summary.both_changed.append((ident.title, ident.id, copy_id))
        return SyncRecord(uuid, file_hash, theirs.version, theirs.history, NOT_WRITTEN)

    def _replace_from_library(self, review_id: int, snap: ReviewSnapshot) -> None:
        """The review becomes the folder's version; what never leaves this machine stays.

        Private notes and facilitator-only events are not in library files, so they
        are carried over: events by their identity, notes' links by event and name.
        """
        store = self.store
        private_notes = store.list_notes(review_id, include_private=True)
        private_notes = [n for n in private_notes if n.kind == "private"]
        events = store.all_events(review_id)
        event_keys = {e.id: e.dedupe_key() for e in events}
        private_events = [e for e in events if e.facilitator_only]
        names = {p.id: p.name for p in store.list_participants(review_id)}
        store.restore(snap, into=review_id)
        store.insert_events(review_id, private_events)
        new_events = store.event_ids_by_key(review_id)
        new_people = {p.name: p.id for p in store.list_participants(review_id)}
        for note in private_notes:
            store.add_note(note.model_copy(update={
                "id": None,
                "event_id": new_events.get(event_keys.get(note.event_id, "")),
                "participant_id": new_people.get(names.get(note.participant_id, "")),
            }))


def row_event(row: tuple) -> dict[str, object]:
    """An event's fields from its store row (see `Store.event_rows`)."""
    return {"id": row[0], "at": row[1], "source": row[2], "actor": row[3], "text": row[4],
            "kind": row[5], "channel": row[6], "external_id": row[7], "reply_to": row[8],
            "is_bot": bool(row[9]), "key_moment": bool(row[10]), "hidden": bool(row[11]),
            "facilitator_only": bool(row[12])}
