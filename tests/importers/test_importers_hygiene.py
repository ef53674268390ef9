"""The importers are pure: importing them pulls in neither the UI nor the database."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import facilitator_tui.importers as importers

FORBIDDEN = {"textual", "sqlite3", "_sqlite3", "sqlite_utils", "rich", "facilitator_tui.store",
             "facilitator_tui.service"}


def test_importing_every_importer_module_loads_no_ui_or_sqlite():
    package = Path(importers.__file__).parent
    modules = sorted(f"facilitator_tui.importers.{p.stem}" for p in package.glob("*.py") if p.stem != "__init__")
    code = (
        "import importlib, json, sys\n"
        f"for name in {['facilitator_tui.importers', *modules]!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(out.stdout))
    assert "facilitator_tui.importers.slack" in loaded
    assert not {m for m in loaded if m.split(".")[0] in FORBIDDEN or m in FORBIDDEN}


def test_no_importer_source_mentions_the_ui_or_sqlite():
    package = Path(importers.__file__).parent
    pattern = re.compile(r"^\s*(from|import)\s+(textual|rich|sqlite3|sqlite_utils|facilitator_tui\.(store|service|app|screens|widgets))\b", re.M)
    offenders = [p.name for p in package.glob("*.py") if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_modules_stay_small_and_say_their_one_idea():
    package = Path(importers.__file__).parent
    for path in package.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert source.startswith('"""'), path.name
        assert source.count("\n") < 350, path.name
