"""The exporters are pure: importing them pulls in neither the UI nor the database."""

from __future__ import annotations

import json
import subprocess
import sys


def test_importing_the_exporters_loads_no_ui_and_no_database():
    code = (
        "import json, sys, facilitator_tui.export\n"
        "from facilitator_tui.export import to_markdown, to_json, from_json\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(done.stdout))
    assert "facilitator_tui.export.markdown" in loaded  # the check looked at the right thing
    forbidden = {"textual", "rich", "sqlite3", "_sqlite3", "sqlite_utils", "facilitator_tui.store",
                 "facilitator_tui.service", "facilitator_tui.app"}
    assert not forbidden & loaded
    assert not any(name.startswith(("textual.", "sqlite_utils.")) for name in loaded)
