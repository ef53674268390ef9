"""The demo review, built from data/demo_review.toml as a snapshot the store restores.

Loading the demo goes through the same path as restoring a JSON export, so the
demo exercises (and proves) the restore code every time someone tries the app.
"""

from __future__ import annotations

from datetime import timedelta

from facilitator_tui import content
from facilitator_tui.models import ParkedIdea, ReviewSnapshot


def demo_snapshot() -> ReviewSnapshot:
    demo = content.load_demo()
    # A fixed "written on" time keeps the demo's exports the same from run to run.
    anchor = demo.review.incident_end or demo.review.incident_start or demo.review.created_at
    written = anchor + timedelta(days=1)
    review = demo.review.model_copy(update={"created_at": written, "updated_at": written})
    people = [p.model_copy(update={"id": i}) for i, p in enumerate(demo.participants, start=1)]
    by_name = {p.name: p.id for p in people}
    events = [e.to_event().model_copy(update={"id": i}) for i, e in enumerate(demo.events, start=1)]
    by_ref = {d.ref: e.id for d, e in zip(demo.events, events, strict=True) if d.ref}
    notes = [
        n.to_note(by_name.get(n.who), by_ref.get(n.event)).model_copy(
            update={"id": i, "created_at": written,
                    "updated_at": written})
        for i, n in enumerate(demo.notes, start=1)
    ]
    catalog = {f.id: f for f in content.load_factors()}
    prompts = {p.id: p for p in content.load_prompts()}
    used_prompts = {n.prompt_id for n in notes if n.prompt_id} | {s.prompt_id for s in demo.prompt_states}
    return ReviewSnapshot(
        review=review,
        participants=people,
        events=events,
        notes=notes,
        factors=[catalog[rf.factor_id] for rf in demo.factors if rf.factor_id in catalog],
        review_factors=demo.factors,
        prompts=[prompts[pid] for pid in sorted(used_prompts) if pid in prompts],
        prompt_states=demo.prompt_states,
        parked=[ParkedIdea(text=text, created_at=written) for text in demo.parked],
    )
