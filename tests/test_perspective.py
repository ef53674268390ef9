"""Whose events are whose, and the channels one person was reading: pure rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from facilitator_tui.perspective import ascii_lower, channel_windows, mention_words, own_actors

EVERYONE = ["Maya Okafor", "Maya Li", "Jonas Brandt", "Elif Yıldız", "jonas.b", "Ana Costa"]
T = datetime(2026, 3, 14, 22, 0, tzinfo=UTC)


def test_a_persons_own_names_are_their_name_and_a_unique_first_name():
    assert own_actors("Jonas Brandt", ["jonas", "JONAS BRANDT", "jonas.brandt", "Jonas B"], EVERYONE) \
        == ["jonas", "JONAS BRANDT", "jonas.brandt"]
    # Two Mayas: a bare "maya" could be either, so it is neither.
    assert own_actors("Maya Okafor", ["maya", "Maya Okafor"], EVERYONE) == ["Maya Okafor"]


def test_the_words_that_name_someone():
    assert mention_words("Elif Yıldız", EVERYONE) == ["elif yıldız", "elif"]
    assert mention_words("Maya Okafor", EVERYONE) == ["maya okafor"]
    assert mention_words("Ana Costa", EVERYONE) == ["ana costa", "ana"]
    assert mention_words("Bo Chen", ["Bo Chen"]) == ["bo chen"]  # "bo" is too short to mean her
    assert ascii_lower("ÖZ Ana") == "Öz ana"  # as SQLite lowers it


def test_channel_windows_join_when_they_overlap():
    written = [("inc", T), ("inc", T + timedelta(minutes=40)), ("inc", T + timedelta(hours=3)),
               ("ops", T)]
    assert channel_windows(written) == [
        ("inc", T - timedelta(minutes=30), T + timedelta(minutes=70)),
        ("inc", T + timedelta(hours=3) - timedelta(minutes=30), T + timedelta(hours=3, minutes=30)),
        ("ops", T - timedelta(minutes=30), T + timedelta(minutes=30)),
    ]
    assert channel_windows([]) == []
