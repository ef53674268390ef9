"""What a start leaves out, so that the first frame comes soon (benchmarks/bench_startup.py
measures it): modules it does not draw, validation of what was checked when written,
and the garbage collector's rounds while the app loads."""

from __future__ import annotations

import gc
import json
import sqlite3
import subprocess
import sys

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.service import ReviewService


def test_opening_a_review_loads_only_what_it_draws():
    # What `facilitator open ID` imports before its first frame; the rest loads on first use.
    code = ("import sys, facilitator_tui.cli, facilitator_tui.service, facilitator_tui.app, "
            "facilitator_tui.screens.review; names = sorted(sys.modules); import json; "
            "print(json.dumps(names))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(out.stdout))
    later = {"facilitator_tui.importers", "facilitator_tui.import_job", "facilitator_tui.import_report",
             "facilitator_tui.export", "facilitator_tui.library.rows", "facilitator_tui.library.report",
             "facilitator_tui.cli_library", "facilitator_tui.wording", "facilitator_tui.demo",
             "sqlite_utils", "json",
             "textual.widgets._tabs"}  # the tab strip: only the compact layout has one
    assert not later & loaded and "facilitator_tui.store" in loaded


def test_opening_a_review_validates_nothing(tmp_path):
    # Every model the first frame shows is built from rows and shipped files checked when
    # written; the first validation of a process loads pydantic's plugin machinery.
    service = ReviewService.open(tmp_path / "r.db")
    review_id, _ = service.load_demo()
    service.close()
    code = (
        "import asyncio, sys\n"
        "from facilitator_tui.app import FacilitatorApp\n"
        "async def main():\n"
        "    app = FacilitatorApp(sys.argv[1], int(sys.argv[2]))\n"
        "    async with app.run_test(size=(160, 45)) as pilot:\n"
        "        await pilot.pause()\n"
        "        deck = app.screen.query_one('#prompts')\n"
        "        print(deck.current_prompt is not None, 'pydantic.plugin._loader' in sys.modules)\n"
        "asyncio.run(main())\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "r.db"), str(review_id)],
                         capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False"]


async def test_the_collector_runs_again_once_the_first_frame_is_drawn(db_path):
    service = ReviewService.open(db_path)
    review_id, _ = service.load_demo()
    service.close()
    gc.disable()  # as `facilitator open` holds it while the app loads
    try:
        app = FacilitatorApp(db_path, review_id)
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
    finally:
        gc.enable()


async def test_the_room_is_told_once_as_a_review_opens(db_path):
    # The panes settling as they mount (first event, first question) are not each written
    # for the room before the first frame: the room is told what the window shows, once.
    service = ReviewService.open(db_path)
    review_id, _ = service.load_demo()
    service.close()
    with sqlite3.connect(db_path) as conn:
        conn.executescript(
            "CREATE TABLE room_writes (n INTEGER);"
            "CREATE TRIGGER room_insert AFTER INSERT ON room_view BEGIN INSERT INTO room_writes VALUES (1); END;"
            "CREATE TRIGGER room_update AFTER UPDATE ON room_view BEGIN INSERT INTO room_writes VALUES (1); END;"
        )
    conn.close()
    app = FacilitatorApp(db_path, review_id)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.pause()
        reader = sqlite3.connect(db_path)
        assert reader.execute("SELECT count(*) FROM room_writes").fetchone() == (1,)
        event_id, prompt_id = reader.execute(
            "SELECT event_id, prompt_id FROM room_view WHERE review_id = ?", (review_id,)).fetchone()
        reader.close()
        screen = app.screen
        assert event_id == screen.query_one("#timeline").selected_event.id
        assert prompt_id == screen.query_one("#prompts").current_prompt.id
