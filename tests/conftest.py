"""Shared fixtures: a real SQLite file in tmp_path and the real service on it."""

from __future__ import annotations

import pytest

from facilitator_tui.service import ReviewService


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "reviews.db"


@pytest.fixture
def service(db_path):
    svc = ReviewService.open(db_path)
    yield svc
    svc.close()
