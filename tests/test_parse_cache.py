"""The cache of parsed data files: used while a file is unchanged, never a source of errors."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from facilitator_tui import content, parse_cache
from facilitator_tui.content import ContentError

DECK = '''
[[prompt]]
id = "first-signal"
text = "What told you first that something was off?"
theme = "noticing"
phases = ["walkthrough"]
'''


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(parse_cache.CACHE_ENV, str(folder))
    return folder


def counting_parse(calls):
    def parse(path):
        calls.append(path)
        return content._parse(path)
    return parse


def test_a_second_read_of_an_unchanged_file_is_not_parsed(tmp_path, cache):
    path = tmp_path / "prompts.toml"
    path.write_text(DECK, encoding="utf-8")
    calls = []
    first = parse_cache.load(path, counting_parse(calls))
    second = parse_cache.load(path, counting_parse(calls))
    assert first == second and first["prompt"][0]["id"] == "first-signal"
    assert len(calls) == 1
    assert parse_cache.entry_for(path, cache).is_file()


def test_a_changed_file_is_parsed_again(tmp_path, cache):
    path = tmp_path / "prompts.toml"
    path.write_text(DECK, encoding="utf-8")
    calls = []
    parse_cache.load(path, counting_parse(calls))
    path.write_text(DECK.replace("first-signal", "second-signal"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    data = parse_cache.load(path, counting_parse(calls))
    assert data["prompt"][0]["id"] == "second-signal" and len(calls) == 2


def test_a_broken_cache_file_is_ignored_and_replaced(tmp_path, cache):
    path = tmp_path / "prompts.toml"
    path.write_text(DECK, encoding="utf-8")
    calls = []
    parse_cache.load(path, counting_parse(calls))
    entry = parse_cache.entry_for(path, cache)
    for broken in ["{not json", "[]", json.dumps({"stamp": "x", "data": []}), ""]:
        entry.write_text(broken, encoding="utf-8")
        assert parse_cache.load(path, counting_parse(calls))["prompt"][0]["id"] == "first-signal"
    assert len(calls) == 5
    assert json.loads(entry.read_text(encoding="utf-8"))["data"]["prompt"][0]["id"] == "first-signal"


def test_a_cache_folder_that_cannot_be_written_changes_nothing(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(parse_cache.CACHE_ENV, str(blocker / "cache"))
    path = tmp_path / "prompts.toml"
    path.write_text(DECK, encoding="utf-8")
    assert parse_cache.load(path, content._parse)["prompt"][0]["id"] == "first-signal"


def test_a_file_that_does_not_parse_is_not_cached(tmp_path, cache):
    path = tmp_path / "prompts.toml"
    path.write_text("[[prompt]\nid = ", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ContentError, match="not valid TOML"):
            parse_cache.load(path, content._parse)
    assert not cache.exists() or not any(cache.iterdir())


def test_dates_are_parsed_each_time_rather_than_cached(tmp_path, cache):
    path = tmp_path / "review.toml"
    path.write_text("start = 2026-11-20T22:50:00Z\n", encoding="utf-8")
    calls = []
    for _ in range(2):
        assert parse_cache.load(path, counting_parse(calls))["start"].year == 2026
    assert len(calls) == 2 and not parse_cache.entry_for(path, cache).exists()


def test_off_turns_it_off(tmp_path, monkeypatch):
    monkeypatch.setenv(parse_cache.CACHE_ENV, "off")
    assert parse_cache.cache_dir() is None
    path = tmp_path / "prompts.toml"
    path.write_text(DECK, encoding="utf-8")
    calls = []
    parse_cache.load(path, counting_parse(calls))
    parse_cache.load(path, counting_parse(calls))
    assert len(calls) == 2


def test_the_shipped_deck_reads_the_same_through_the_cache(tmp_path, cache):
    copy = tmp_path / "data"
    shutil.copytree(content.data_dir(), copy)
    parsed = content.load_prompts(copy)
    content._prompts.cache_clear()
    cached = content.load_prompts(copy)
    assert cached == parsed and len(cached) > 20
    assert parse_cache.entry_for(copy / content.PROMPTS_FILE, cache).is_file()
