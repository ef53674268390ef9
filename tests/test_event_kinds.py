"""Kinds of moment on the timeline, recognised on events imported from real files."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from facilitator_tui import content
from facilitator_tui.content import ContentError
from facilitator_tui.event_kinds import kind_ids, kind_label, recognise, words_pattern
from facilitator_tui.models import Event, utc_now

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
REQUIRED = {"alert", "ack", "handoff", "change", "rollback", "escalation", "status-update", "decision"}


@pytest.fixture
def imported(service):
    """Slack, PagerDuty and status-page events as the real importers store them."""
    review = service.create_review("Checkout latency", tz="UTC")
    for path in ("slack_export", "pagerduty_incident_log.json", "statuspage_history.csv"):
        service.import_file(review.id, FIXTURES / path)
    return service.snapshot(review.id).events


def _find(events: list[Event], source: str, words: str) -> Event:
    found = [e for e in events if e.source == source and words in e.text]
    assert len(found) == 1, (source, words, [e.text for e in found])
    return found[0]


@pytest.mark.parametrize(("source", "words", "kind"), [
    ("slack", "Triggered #4821", "alert"),
    ("slack", "Deployed *cart-service* 2.14", "change"),
    ("slack", "cart-service 2.14 rolled out", "change"),
    ("slack", "Taking IC", "handoff"),
    ("slack", "can you check", "escalation"),
    ("slack", "let's roll it back", "decision"),
    ("slack", "Rollback of *cart-service*", "rollback"),
    ("slack", "all good now", "resolved"),
    ("pagerduty", "Triggered through the API", "alert"),
    ("pagerduty", "Notified Alice Wong", "alert"),
    ("pagerduty", "Acknowledged by Alice Wong", "ack"),
    ("pagerduty", "Assigned by Alice Wong", "escalation"),
    ("pagerduty", "Escalated to Bob Martinez", "escalation"),
    ("pagerduty", "Rolling back", "rollback"),
    ("pagerduty", "Status update: rolling back", "status-update"),
    ("pagerduty", "Resolved by Dana Okafor", "resolved"),
    ("statuspage", "Investigating - We are investigating", "status-update"),
    ("statuspage", "rolling it back", "status-update"),
    ("statuspage", "Resolved - This incident", "status-update"),
])
def test_imported_event_is_recognised(imported, source, words, kind):
    assert recognise(_find(imported, source, words)) == kind


def test_every_kind_is_recognised_on_real_imports(imported):
    found = {recognise(e) for e in imported}
    assert REQUIRED | {"resolved"} <= found
    # Chatter that is none of these stays unmarked.
    assert recognise(_find(imported, "slack", "guest from the payments team")) is None
    assert recognise(_find(imported, "pagerduty", "Urgency changed")) is None


def test_what_the_tools_say_outweighs_the_words():
    # A PagerDuty acknowledgement whose text talks about a rollback is still an acknowledgement.
    event = Event(at=utc_now(), source="pagerduty", kind="acknowledge", text="rolling back now")
    assert recognise(event) == "ack"
    assert recognise(event.model_copy(update={"kind": "message", "source": "slack"})) == "rollback"


def test_words_are_compiled_only_when_an_event_reaches_them():
    # A start recognises the event it shows first: the rules it never reaches cost it nothing.
    worded = sum(1 for kind in content.load_event_kinds() for when in kind.when if when.words)
    words_pattern.cache_clear()
    recognise(Event(at=utc_now(), source="pagerduty", kind="acknowledge", text="rolling back now"))
    assert words_pattern.cache_info().currsize == 0  # the tool said what it was
    assert recognise(Event(at=utc_now(), source="slack", text="rolling back now")) == "rollback"
    assert 0 < words_pattern.cache_info().currsize < worded


@pytest.mark.parametrize("text", ["", "   ", "[/", "\x1b[31m", "a" * 100_000])
def test_odd_text_never_raises(text):
    assert recognise(Event(at=utc_now(), text=text or "x", source="", kind="")) in (None, *kind_ids())


def test_kind_questions_are_many_and_tied_to_known_kinds():
    kinds = content.load_event_kinds()
    assert REQUIRED <= {k.id for k in kinds}
    prompts = content.load_prompts()
    per_kind = Counter(kind for p in prompts for kind in p.kinds)
    assert sum(per_kind.values()) >= 30
    assert set(per_kind) == {k.id for k in kinds}
    assert min(per_kind.values()) >= 3
    assert kind_label("change") == "a deploy or config change"


def test_a_prompt_naming_an_unknown_kind_fails_loudly(tmp_path):
    folder = tmp_path / "data"
    shutil_copy(content.data_dir(), folder)
    prompts = folder / "prompts.toml"
    prompts.write_text(prompts.read_text() + '\n[[prompt]]\nid = "noticing-99"\ntext = "What now?"\n'
                       'theme = "noticing"\nphases = ["open"]\nkinds = ["earthquake"]\n')
    with pytest.raises(ContentError, match="unknown event kind 'earthquake'"):
        content.load_prompts(folder)


def test_a_kind_rule_that_does_not_compile_fails_loudly(tmp_path):
    folder = tmp_path / "data"
    shutil_copy(content.data_dir(), folder)
    (folder / "event_kinds.toml").write_text(
        '[[kind]]\nid = "alert"\nlabel = "x"\n[[kind.when]]\nwords = ["(unclosed"]\n')
    with pytest.raises(ContentError, match="does not compile"):
        content.load_event_kinds(folder)


def shutil_copy(source: Path, target: Path) -> None:
    import shutil

    shutil.copytree(source, target)
