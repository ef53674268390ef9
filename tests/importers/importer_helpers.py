"""Small builders for importer tests: Slack exports and zips written to tmp_path."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "imports"
INCIDENT_DAY = date(2026, 11, 20)


def zip_folder(folder: Path, target: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, prefix + path.relative_to(folder).as_posix())
    return target


def write_export(root: Path, days: dict[str, list[dict]], users: list[dict] | None = None,
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
