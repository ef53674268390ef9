"""kill -9 while a facilitator types: how many characters are lost, 20 times over.

Each run starts the real app in a pseudo-terminal on a fresh database, opens the
note box, types a note at 120 ms a key (a steady typist), kills the process with
SIGKILL right after the last key, reopens the database and compares the saved
draft with what was typed. The promise: everything typed more than 0.5 s before
the kill is there, so at most about 4 characters (0.5 s / 120 ms) are lost.

    python benchmarks/bench_crash.py [--runs 20] [--every 0.12]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from pty_app import type_and_kill

from facilitator_tui.service import ReviewService

NOTE = "Maya saw the memory warning at 23:02 but the runbook named a retired cluster"


def one_run(folder: Path, n: int, every: float) -> tuple[int, int, bool]:
    db = folder / f"crash-{n}.db"
    service = ReviewService.open(db)
    rid = service.create_review("crash").id
    service.close()
    safe, _ = type_and_kill(db, rid, NOTE, every=every)
    service = ReviewService.open(db)
    saved = service.draft(rid)
    service.close()
    kept = saved.startswith(safe) and NOTE.startswith(saved)
    return len(NOTE) - len(saved), len(NOTE) - len(safe), kept


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--every", type=float, default=0.12, help="seconds between keys")
    args = parser.parse_args()
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(1, args.runs + 1):
            lost, allowed, kept = one_run(Path(tmp), n, args.every)
            failures += not kept
            print(f"run {n:2}: {len(NOTE)} typed, {lost} lost (typed in the last 0.5 s: {allowed})"
                  f"{'' if kept else '  FAILED: something older than 0.5 s was lost'}")
    print(f"{args.runs - failures}/{args.runs} runs kept everything typed more than 0.5 s before the kill")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
