"""Fixtures for importer tests: the fixture files, and a private copy of the Slack export."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from importer_helpers import FIXTURES


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def slack_export(tmp_path) -> Path:
    """A private copy of the Slack fixture export that a test may change."""
    target = tmp_path / "slack_export"
    shutil.copytree(FIXTURES / "slack_export", target)
    return target
