"""Loading a whole review snapshot (a JSON export, a library file, or the demo) into the store.

Ids in a snapshot belong to the database it came from; here every row gets a
new id and every reference is mapped to it, all in one transaction. A review
keeps its identity (UUID) unless this database already holds that identity, in
which case the restored copy gets a new one: it is a copy, not the same review.
`into` instead replaces the contents of an existing review, keeping its id and
identity: how the team library updates a review that changed elsewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from facilitator_tui.models import ReviewSnapshot, new_uuid
from facilitator_tui.store.rows import ts

if TYPE_CHECKING:
    from facilitator_tui.store.database import Store


def restore_snapshot(store: Store, snap: ReviewSnapshot, *, into: int | None = None) -> int:
    conn = store.conn
    with store.transaction():
        if into is None:
            review = snap.review.model_copy(update={"id": None})
            if store.review_id_for_uuid(review.uuid) is not None:
                review = review.model_copy(update={"uuid": new_uuid()})
            rid = store.insert_review(review).saved_id()
        else:
            rid = into
            store.clear_review_rows(rid)
            fields = snap.review.model_dump(exclude={"id", "uuid"})
            store.update_review(rid, **fields)
        people: dict[int | None, int | None] = {None: None}
        for person in snap.participants:
            added = store.add_participant(person.model_copy(update={"id": None, "review_id": rid}))
            people[person.id] = added.id
        store.insert_events(rid, snap.events)
        new_ids = dict(conn.execute("SELECT dedupe, id FROM events WHERE review_id = ?", (rid,)))
        events: dict[int | None, int | None] = {None: None}
        for event in snap.events:
            events[event.id] = new_ids.get(event.dedupe_key())
        notes: dict[int | None, int | None] = {None: None}
        for note in snap.notes:
            cur = conn.execute(
                "INSERT INTO notes (review_id, kind, text, participant_id, event_id, prompt_id, "
                "owner, due, created_at, updated_at, state, state_changed_at, link) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (rid, note.kind, note.text, people.get(note.participant_id),
                 events.get(note.event_id), note.prompt_id, note.owner,
                 note.due.isoformat() if note.due else None, ts(note.created_at),
                 ts(note.updated_at), note.state, ts(note.state_changed_at), note.link),
            )
            notes[note.id] = cur.lastrowid
        for prompt in snap.prompts:
            if prompt.custom:
                store.add_custom_prompt(rid, prompt)
        for factor in snap.factors:
            if factor.custom:
                store.add_custom_factor(rid, factor)
        for rf in snap.review_factors:
            store.set_review_factor(rid, rf.factor_id, ticked=rf.ticked, note=rf.note)
        for state in snap.prompt_states:
            store.set_prompt_state(rid, state.prompt_id, asked_at=state.asked_at,
                                   starred=state.starred)
        for idea in snap.parked:
            conn.execute(
                "INSERT INTO parked_ideas (review_id, text, created_at, action_note_id) "
                "VALUES (?,?,?,?)",
                (rid, idea.text, ts(idea.created_at), notes.get(idea.action_note_id)),
            )
        store.insert_phase_spans(rid, snap.phase_spans)
        # insert_review stamped "now"; a restored review keeps the times it had.
        store.set_review_times(rid, snap.review.created_at, snap.review.updated_at)
    return rid
