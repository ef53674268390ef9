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


@pytest.fixture(autouse=True)
def runtime_folder(tmp_path_factory, monkeypatch):
    """Mirrors leave their presence files in a folder of the test's own, never the user's."""
    folder = tmp_path_factory.mktemp("run")
    monkeypatch.setenv("FACILITATOR_RUNTIME_DIR", str(folder))
    return folder
