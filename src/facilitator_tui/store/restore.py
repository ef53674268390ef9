"""Loading a whole review snapshot (a JSON export, or the demo) as a new review.

Ids in a snapshot belong to the database it came from; here every row gets a
new id and every reference is mapped to it, all in one transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from facilitator_tui.models import ReviewSnapshot
from facilitator_tui.store.rows import ts

if TYPE_CHECKING:
    from facilitator_tui.store.database import Store


def restore_snapshot(store: Store, snap: ReviewSnapshot) -> int:
    conn = store.conn
    with store.transaction():
        rid = store.insert_review(snap.review.model_copy(update={"id": None})).saved_id()
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
                "owner, due, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (rid, note.kind, note.text, people.get(note.participant_id),
                 events.get(note.event_id), note.prompt_id, note.owner,
                 note.due.isoformat() if note.due else None, ts(note.created_at),
                 ts(note.updated_at)),
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
        conn.execute(
            "UPDATE reviews SET created_at = ?, updated_at = ? WHERE id = ?",
            (ts(snap.review.created_at), ts(snap.review.updated_at), rid),
        )
    return rid
