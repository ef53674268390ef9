"""What may leave the facilitator's hands: the shareable view of a review snapshot.

Private notes and facilitator-only events are for the facilitator; an export
made without them must not betray them either, so references to what was left
out are cleared (a note linked to a facilitator-only event keeps its text but
loses the link). Both exporters start from this one view.
"""

from __future__ import annotations

from facilitator_tui.models import ReviewSnapshot


def shared_view(snapshot: ReviewSnapshot, include_private: bool) -> ReviewSnapshot:
    """`snapshot` as it may be shared; unchanged (the same object) with `include_private`."""
    if include_private:
        return snapshot
    private_notes = any(n.kind == "private" for n in snapshot.notes)
    private_events = any(e.facilitator_only for e in snapshot.events)
    if not private_notes and not private_events:
        return snapshot

    events = snapshot.events
    dropped_events: set[int | None] = set()
    if private_events:
        dropped_events = {e.id for e in events if e.facilitator_only}
        events = [e for e in events if not e.facilitator_only]
    notes = []
    dropped_notes: set[int | None] = set()
    for note in snapshot.notes:
        if note.kind == "private":
            dropped_notes.add(note.id)
        elif note.event_id is not None and note.event_id in dropped_events:
            notes.append(note.model_copy(update={"event_id": None}))
        else:
            notes.append(note)
    parked = [
        idea.model_copy(update={"action_note_id": None})
        if idea.action_note_id is not None and idea.action_note_id in dropped_notes else idea
        for idea in snapshot.parked
    ]
    # The parts are already valid models; copying skips validating 100k events again.
    return snapshot.model_copy(update={"events": events, "notes": notes, "parked": parked})
