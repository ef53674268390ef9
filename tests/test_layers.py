"""The layers hold: pure modules never pull in the UI, importers and exporters never touch SQLite."""

from __future__ import annotations

import json
import subprocess
import sys

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
     "facilitator_tui.library.sync", "facilitator_tui.library_verbs", "facilitator_tui.cli_library"],
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
