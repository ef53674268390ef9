"""Helpers for the attack tests: the demo review in a running meeting, and what must never show."""

from __future__ import annotations

import re

from pilot_helpers import screen_text

from facilitator_tui.service import ReviewService


def demo_in_meeting(service: ReviewService) -> int:
    """The demo review with its meeting started (share-safe on)."""
    rid, _ = service.load_demo()
    service.start_meeting(rid)
    assert service.review(rid).share_safe
    return rid


def private_snippets(service: ReviewService, rid: int) -> list[str]:
    """The start of every private note and facilitator-only event: never on a shared screen."""
    texts = [n.text for n in service.notes(rid) if n.kind == "private"]
    texts += [e.text for e in service.store.all_events(rid) if e.facilitator_only]
    return [t.strip()[:14] for t in texts if t.strip()]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def shown_private(app, snippets: list[str]) -> list[str]:
    """Which private snippets the screen shows now (an empty list is the only good answer)."""
    seen = flat(screen_text(app))
    return [s for s in snippets if flat(s) in seen]


async def wait_for(pilot, condition, tries: int = 100, step: float = 0.05) -> bool:
    """Let the app run until `condition()` holds (bounded); True if it did."""
    for _ in range(tries):
        if condition():
            return True
        await pilot.pause(step)
    return condition()


def record_notifications(app) -> list[str]:
    """Every notification the app shows from now on, in order (the toasts' text)."""
    told: list[str] = []
    show = app.notify

    def notify(message: str, **kwargs) -> None:
        told.append(message)
        show(message, **kwargs)

    app.notify = notify
    return told
