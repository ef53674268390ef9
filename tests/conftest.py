"""Shared fixtures: a real SQLite file in tmp_path and the real service on it."""

from __future__ import annotations

import os

import pytest

# The parsed-data cache stays out of the user's cache folder while testing (and out of
# subprocesses the tests start); tests/test_parse_cache.py gives it folders of its own.
os.environ["FACILITATOR_CACHE"] = "off"

from facilitator_tui.service import ReviewService


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "reviews.db"


@pytest.fixture
def service(db_path):
    svc = ReviewService.open(db_path)
    yield svc
    svc.close()
