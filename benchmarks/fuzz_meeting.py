"""The key fuzzer for many seeds: random keys on a running meeting, per seed what held.

Each seed runs on a fresh copy of the demo review in a running meeting with
share-safe on (see meeting_fuzzer.py), in a folder of its own (database, log,
exports). Per seed it prints the steps, keys, pastes, routes taken to a chosen
screen, how many screens and dialogs were reached, the private-text checks, the
restarts after a confirmed quit, and a failure or a leak (with the seed's keys and
pastes as a script to replay); then a total line and the screens no seed reached.
Exit status 1 if any seed failed or leaked.

    python benchmarks/fuzz_meeting.py [--seeds 50] [--first 1] [--steps 1000] [--real-delays]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

from meeting_fuzzer import EVERY_SCREEN, FuzzReport, demo_in_meeting, fuzz

NO_DELAY = 0.001


def quick_timers() -> None:
    """Debounces as good as zero, as in the tests (the keys then meet saves at once)."""
    from facilitator_tui.screens.text_entry import TextEntry
    from facilitator_tui.widgets.autosave import Autosave
    from facilitator_tui.widgets.timeline_view import TimelineView

    for owner, name in ((TimelineView, "ANNOUNCE_DELAY"), (Autosave, "PAUSE"), (Autosave, "EVERY"),
                        (TextEntry, "SAVE_DELAY")):
        setattr(owner, name, NO_DELAY)


def one_seed(seed: int, steps: int, folder: Path) -> tuple[FuzzReport, float]:
    here = folder / f"seed-{seed}"
    here.mkdir()
    os.chdir(here)  # exports and screenshots land here
    os.environ["FACILITATOR_LOG"] = str(here / "facilitator.log")
    os.environ["FACILITATOR_RUNTIME_DIR"] = str(here / "run")
    os.environ["FACILITATOR_STATE_DIR"] = str(here / "state")
    os.environ["FACILITATOR_NO_WINDOW"] = "1"  # F12 shows the command; no terminal is started
    db = here / "reviews.db"
    rid = demo_in_meeting(db)
    started = time.perf_counter()
    report = asyncio.run(fuzz(db, rid, seed=seed, steps=steps))
    return report, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seeds", type=int, default=50)
    parser.add_argument("--first", type=int, default=1, help="the first seed")
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--real-delays", action="store_true",
                        help="keep the app's own debounces instead of the tests' zero")
    args = parser.parse_args()
    if not args.real_delays:
        quick_timers()
    reached: set[str] = set()
    totals = {"steps": 0, "keys": 0, "pastes": 0, "routes": 0, "checks": 0, "restarts": 0}
    bad: list[int] = []
    print(f"{'seed':>5} {'steps':>6} {'keys':>6} {'pastes':>6} {'routes':>6} {'screens':>7} "
          f"{'checks':>6} {'restarts':>8} {'seconds':>7}  result", flush=True)
    with tempfile.TemporaryDirectory(prefix="fuzz-meeting-") as tmp:
        for seed in range(args.first, args.first + args.seeds):
            try:
                report, seconds = one_seed(seed, args.steps, Path(tmp))
            except Exception as error:  # the harness itself: say so, and go on
                print(f"{seed:>5} harness error: {error.__class__.__name__}: {error}", flush=True)
                bad.append(seed)
                continue
            reached |= report.screens
            for key in totals:
                totals[key] += getattr(report, key)
            if report.failure or report.leaks:
                bad.append(seed)
            result = report.failure or (f"LEAK {report.leaks}" if report.leaks else "held")
            print(f"{seed:>5} {report.steps:>6} {report.keys:>6} {report.pastes:>6} "
                  f"{report.routes:>6} {len(report.screens):>7} {report.checks:>6} "
                  f"{report.restarts:>8} {seconds:>7.1f}  {result}", flush=True)
            if report.failure or report.leaks:
                print("       last steps: " + " ".join(report.history[-40:]), flush=True)
                # Replayed as one burst by tests/test_key_fuzzer.py's REGRESSIONS (usually trimmed
                # to its last few keys first), or whole with `--seeds 1 --first SEED`.
                print(f"       replay seed {seed}: {report.sent!r}", flush=True)
    print(f"total: {args.seeds} seeds, {totals['steps']} steps ({totals['keys']} keys, "
          f"{totals['pastes']} pastes, {totals['routes']} routes), {totals['checks']} checks, "
          f"{totals['restarts']} restarts; {len(reached & EVERY_SCREEN)} of {len(EVERY_SCREEN)} "
          f"screens reached; {len(bad)} failed{': ' + ', '.join(map(str, bad)) if bad else ''}")
    missed = sorted(EVERY_SCREEN - reached)
    print("screens never reached: " + (", ".join(missed) if missed else "none"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
