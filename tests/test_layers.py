"""The layers hold: pure modules never pull in the UI, importers and exporters never touch SQLite."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest


def modules_after_import(module: str) -> set[str]:
    code = f"import json, sys, {module}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


@pytest.mark.parametrize(
    "module",
    ["facilitator_tui.models", "facilitator_tui.store", "facilitator_tui.service",
     "facilitator_tui.cli", "facilitator_tui.content", "facilitator_tui.wording",
     "facilitator_tui.importers", "facilitator_tui.export", "facilitator_tui.note_syntax",
     "facilitator_tui.event_kinds", "facilitator_tui.perspective", "facilitator_tui.import_job",
     "facilitator_tui.import_report", "facilitator_tui.library.report", "facilitator_tui.library.report_text",
     "facilitator_tui.library.actions", "facilitator_tui.library.folder",
     "facilitator_tui.library.sync", "facilitator_tui.library_verbs", "facilitator_tui.cli_library",
     "facilitator_tui.mirror_feed", "facilitator_tui.presence", "facilitator_tui.terminal_window"],
)
def test_headless_modules_never_import_textual(module):
    loaded = modules_after_import(module)
    assert "textual" not in loaded
    assert "rich" not in loaded or module == "facilitator_tui.cli"


@pytest.mark.parametrize("module", ["facilitator_tui.importers", "facilitator_tui.export",
                                    "facilitator_tui.event_kinds", "facilitator_tui.perspective",
                                    "facilitator_tui.library.report",
                                    "facilitator_tui.library.report_text",
                                    "facilitator_tui.library.actions",
                                    "facilitator_tui.library.folder", "facilitator_tui.library.sync"])
def test_pure_edges_never_import_sqlite(module):
    loaded = modules_after_import(module)
    assert not {"sqlite3", "sqlite_utils", "facilitator_tui.store"} & loaded


SRC = Path(__file__).resolve().parent.parent / "src" / "facilitator_tui"
UI = [SRC / "app.py", SRC / "cli.py", SRC / "mirror_app.py", SRC / "serve.py",
      *sorted((SRC / "screens").glob("*.py")), *sorted((SRC / "widgets").glob("*.py"))]
SQL = re.compile(r"\b(SELECT\b.*\bFROM|INSERT\s+INTO|UPDATE\b.*\bSET|DELETE\s+FROM|PRAGMA)\b",
                 re.IGNORECASE | re.DOTALL)


def strings_and_attributes(path: Path) -> tuple[list[str], set[str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    strings = [node.value for node in ast.walk(tree)
               if isinstance(node, ast.Constant) and isinstance(node.value, str)]
    # `args.db` is the CLI's --db option, not a database.
    attributes = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)
                  and not (isinstance(node.value, ast.Name) and node.value.id == "args")}
    return strings, attributes


@pytest.mark.parametrize("path", UI, ids=lambda p: str(p.relative_to(SRC)))
def test_the_ui_reaches_the_data_through_the_service_only(path):
    # Import contracts cannot see `service.store.conn`: an attribute walk past the service.
    strings, attributes = strings_and_attributes(path)
    assert not {"store", "conn", "db"} & attributes
    assert not [s for s in strings if SQL.search(s)]


@pytest.mark.parametrize("path", [SRC / "service.py", *sorted(SRC.glob("*.py"))],
                         ids=lambda p: p.name)
def test_sql_lives_in_the_store(path):
    strings, _ = strings_and_attributes(path)
    assert not [s for s in strings if SQL.search(s)]


def test_the_checks_above_can_fail():
    assert SQL.search("SELECT id FROM events WHERE review_id = ?")
    assert SQL.search("UPDATE reviews SET title = ?")
    assert not SQL.search("Select an event, then press n")


@pytest.mark.parametrize("module", ["facilitator_tui.widgets.timeline", "facilitator_tui.widgets.notes_pane",
                                    "facilitator_tui.widgets.factor_checklist",
                                    "facilitator_tui.widgets.prompt_deck"])
def test_widgets_never_load_a_screen(module):
    assert not {m for m in modules_after_import(module) if m.startswith("facilitator_tui.screens")}


def test_test_modules_share_helpers_through_conftest_only():
    tests = Path(__file__).resolve().parent
    ours = {path.stem for path in tests.rglob("*.py")}
    imported = []
    for path in sorted(tests.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            imported += [(path.name, name) for name in names if name.split(".")[0] in ours]
    assert imported == []


def test_the_mirror_never_loads_a_verb_that_writes():
    loaded = modules_after_import("facilitator_tui.mirror_app")
    assert not {"facilitator_tui.service", "facilitator_tui.library_verbs", "facilitator_tui.import_job",
                "sqlite_utils"} & loaded
