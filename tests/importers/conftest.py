"""Fixtures for importer tests: the fixture files, the incident's day, and Slack export builders."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "imports"


def _zip_folder(folder: Path, target: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, prefix + path.relative_to(folder).as_posix())
    return target


def _write_export(root: Path, days: dict[str, list[dict]], users: list[dict] | None = None,
                  channels: list[dict] | None = None) -> Path:
    """A minimal Slack export: {'general/2026-11-20.json': [...]} plus users and channels."""
    root.mkdir(parents=True, exist_ok=True)
    names = sorted({key.split("/")[0] for key in days})
    channel_list = channels if channels is not None else [
        {"id": f"C{i}", "name": name} for i, name in enumerate(names)
    ]
    (root / "channels.json").write_text(json.dumps(channel_list), encoding="utf-8")
    (root / "users.json").write_text(json.dumps(users or []), encoding="utf-8")
    for key, messages in days.items():
        path = root / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(messages), encoding="utf-8")
    return root


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def incident_day() -> date:
    """The day the fixture incident began, for times written without a date."""
    return date(2026, 11, 20)


@pytest.fixture
def zip_folder():
    """Zips a folder (optionally under a prefix inside the archive) to `target`."""
    return _zip_folder


@pytest.fixture
def write_export():
    """Writes a small Slack export folder from day files, users and channels."""
    return _write_export


@pytest.fixture
def slack_export(tmp_path) -> Path:
    """A private copy of the Slack fixture export that a test may change."""
    target = tmp_path / "slack_export"
    shutil.copytree(FIXTURES / "slack_export", target)
    return target
