"""The app in a real pseudo-terminal: kill -9 while typing loses at most the last half second,
and keys written in one burst become the notes they spell, in order, once each.

`benchmarks/bench_crash.py` repeats the crash 20 times with longer notes and
prints the characters lost each time.
"""

from __future__ import annotations

import time

import pytest

from facilitator_tui.service import ReviewService

pytestmark = pytest.mark.skipif(not hasattr(__import__("os"), "openpty"), reason="needs a pty")


@pytest.fixture
def review(db_path) -> int:
    service = ReviewService.open(db_path)
    rid = service.create_review("Queue backlog").id
    service.add_participant(rid, "Ana Lima")
    service.close()
    return rid


def draft(db_path, rid: int) -> str:
    service = ReviewService.open(db_path)
    try:
        return service.draft(rid)
    finally:
        service.close()


def test_kill_9_while_typing_keeps_all_but_the_last_half_second(db_path, review, pty_harness):
    typed = "the pager went to a phone in a drawer"
    safe, _ = pty_harness.type_and_kill(db_path, review, typed)
    saved = draft(db_path, review)
    assert typed.startswith(saved)  # nothing invented, nothing out of order
    assert saved.startswith(safe), (saved, safe)
    assert len(safe) >= len(typed) - 6


def test_keys_written_in_one_burst_save_each_note_once_in_order(db_path, review, tmp_path, pty_harness):
    app = pty_harness.PtyApp(db_path, review, log=tmp_path / "log")
    try:
        assert app.wait_for("Notes", 60)
        time.sleep(0.5)
        app.write(pty_harness.CTRL_N)
        time.sleep(0.3)
        app.write(b"".join(f"burst-{n}".encode() + pty_harness.ENTER for n in range(5)))
        service = ReviewService.open(db_path)
        try:
            for _ in range(100):
                if len(service.notes(review)) >= 5:
                    break
                time.sleep(0.05)
            time.sleep(0.3)  # and nothing more arrives
            assert [n.text for n in service.notes(review)] == [f"burst-{n}" for n in range(5)]
        finally:
            service.close()
        assert app.running()
    finally:
        app.kill9()
