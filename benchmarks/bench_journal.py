"""Typing kept in the journal while the database refuses it: how long an entry takes to be
on disk, and kill -9 with the database locked, repeated.

Part 1 appends notes and drafts (a line each, fsync'd) to a journal in a
temporary folder and prints the median and worst time per entry: the app
writes one before it answers the next key. Part 2 starts the real app in a
pseudo-terminal, takes the database's write lock from another connection,
types two notes (Enter after each) and a draft at 120 ms a key, kills the app
with SIGKILL half a second after the last key, releases the lock, starts the
app again and counts what was saved.

    python benchmarks/bench_journal.py [--entries 200] [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from pty_app import CTRL_N, ENTER, PtyApp

from facilitator_tui.journal import Journal, JournalEntry
from facilitator_tui.service import ReviewService

NOTES = ["the runbook named a retired cluster", "p: Bo was on his third night"]
DRAFT = "half a thought"


def append_times(folder: Path, count: int) -> list[float]:
    journal = Journal(folder / "bench.jsonl")
    times = []
    for n in range(count):
        entry = JournalEntry(entry="note" if n % 2 else "draft", review_id=1, review_uuid="u",
                             text=f"note {n} " + "words " * 20)
        start = time.perf_counter()
        journal.append(entry)
        times.append(time.perf_counter() - start)
    return times


def saved(db: Path, rid: int) -> tuple[list[str], str]:
    service = ReviewService.open(db)
    try:
        return [n.text for n in service.notes(rid)], service.draft(rid)
    finally:
        service.close()


def one_kill(folder: Path, n: int) -> tuple[int, bool]:
    db = folder / f"kill-{n}.db"
    service = ReviewService.open(db)
    rid = service.create_review("kill -9 under a lock").id
    service.close()
    app = PtyApp(db, rid, log=folder / "log")
    lock = None
    try:
        if not app.wait_for("Notes", 60):
            raise RuntimeError("the app did not start")
        time.sleep(0.5)
        app.write(CTRL_N)
        time.sleep(0.3)
        lock = sqlite3.connect(db, isolation_level=None)
        lock.execute("BEGIN IMMEDIATE")
        for text in NOTES:
            for char in text:
                app.write(char.encode())
                time.sleep(0.12)
            app.write(ENTER)
        for char in DRAFT:
            app.write(char.encode())
            time.sleep(0.12)
        time.sleep(0.5)
        app.kill9()
    finally:
        app.close()
        if lock is not None:
            lock.execute("ROLLBACK")
            lock.close()
    again = PtyApp(db, rid, log=folder / "log")
    try:
        end = time.monotonic() + 30
        while time.monotonic() < end and len(saved(db, rid)[0]) < len(NOTES):
            time.sleep(0.05)
        time.sleep(0.5)
    finally:
        again.kill9()
    notes, draft = saved(db, rid)
    expected = [t.removeprefix("p: ") for t in NOTES]
    return len(notes), notes == expected and draft == DRAFT


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=200)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["FACILITATOR_JOURNAL_DIR"] = str(Path(tmp) / "journal")
        times = sorted(append_times(Path(tmp), args.entries))
        print(f"journal entry on disk (append + fsync), {args.entries} entries: "
              f"median {statistics.median(times) * 1000:.2f} ms, "
              f"95th {times[int(len(times) * 0.95) - 1] * 1000:.2f} ms, worst {times[-1] * 1000:.2f} ms")
        held = 0
        for n in range(1, args.runs + 1):
            count, ok = one_kill(Path(tmp), n)
            held += ok
            print(f"run {n:2}: {count} of {len(NOTES)} notes saved once after kill -9 under a lock"
                  f"{'' if ok else '  FAILED'}")
        print(f"{held}/{args.runs} runs kept every note and the draft")
    return 0 if held == args.runs else 1


if __name__ == "__main__":
    raise SystemExit(main())
