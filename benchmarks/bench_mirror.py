"""The room's mirror: how soon it shows a change, what it costs idle, what it costs the facilitator.

1. Latency: a real `facilitator follow` runs in a pseudo-terminal; this script saves a note
   or moves the question (as the facilitator's app does, through the service) at random
   moments and times how long until the mirror writes it to its terminal. Target: every
   change within 1 s, median under 0.5 s.
2. Idle: the same mirror, meeting running (its clock ticks each second), nobody changing
   anything: CPU time over a stretch of wall time. Target: under 2% of a core.
3. The facilitator's side, 100,000 events: cursor moves in the real review screen, each
   left to settle so the room's view is written, with that write and without it.

    python benchmarks/bench_mirror.py
"""

from __future__ import annotations

import asyncio
import os
import pty
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from facilitator_tui.models import Event
from facilitator_tui.service import ReviewService

CHANGES = 40
IDLE_SECONDS = 30
EVENTS = 100_000
MOVES = 40


class Mirror:
    def __init__(self, db: Path, review_id: int) -> None:
        self.master, slave = pty.openpty()
        os.set_blocking(self.master, False)
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "facilitator_tui", "--db", str(db), "follow", str(review_id)],
            stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
        os.close(slave)
        self.seen = b""

    def read(self) -> None:
        try:
            while chunk := os.read(self.master, 65536):
                self.seen = (self.seen + chunk)[-200_000:]
        except BlockingIOError:
            pass

    def wait_for(self, marker: bytes, seconds: float = 5.0) -> float:
        start = time.perf_counter()
        while marker not in self.seen:
            if time.perf_counter() - start > seconds:
                return float("inf")
            self.read()
            time.sleep(0.002)
        return time.perf_counter() - start

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        os.write(self.master, b"\x11")
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.master)


def latency_and_idle(folder: Path) -> None:
    service = ReviewService.open(folder / "mirror.db")
    rid, _ = service.load_demo()
    service.start_meeting(rid)
    prompts = [p for p in service.prompt_deck(rid) if len(p.text) < 60]
    mirror = Mirror(folder / "mirror.db", rid)
    mirror.wait_for(b"MIRROR", seconds=20)
    time.sleep(1)
    rng = random.Random(7)
    delays = []
    for n in range(CHANGES):
        mirror.read()
        time.sleep(rng.uniform(0.05, 0.6))  # the moment of a change falls anywhere in the poll
        if n % 2:
            marker = f"bench note {n:04d}"
            start = time.perf_counter()
            service.add_note(rid, marker, "insight")
        else:
            prompt = prompts[n % len(prompts)]
            marker = prompt.text
            mirror.seen = b""
            start = time.perf_counter()
            service.show_to_room(rid, prompt_id=prompt.id)
        mirror.wait_for(marker.encode(), seconds=5)  # the clock starts at the commit, above
        delays.append(time.perf_counter() - start)
    delays.sort()
    print(f"Change to mirror, {CHANGES} changes (notes saved, questions moved) at random moments:")
    print(f"  median {statistics.median(delays) * 1000:.0f} ms, 90th percentile "
          f"{delays[int(len(delays) * 0.9)] * 1000:.0f} ms, slowest {delays[-1] * 1000:.0f} ms "
          "(target: all under 1000 ms, median under 500 ms)")

    time.sleep(2)
    mirror.read()
    cpu, wall = mirror.cpu_seconds(), time.perf_counter()
    end = wall + IDLE_SECONDS
    while time.perf_counter() < end:
        mirror.read()
        time.sleep(0.25)
    used = mirror.cpu_seconds() - cpu
    spent = time.perf_counter() - wall
    print(f"Idle mirror (meeting running, clock ticking), {spent:.0f} s: {used:.2f} s CPU = "
          f"{used / spent * 100:.2f}% of a core (target under 2%)")
    mirror.stop()
    service.close()


async def facilitator_side(folder: Path) -> None:
    from facilitator_tui.app import FacilitatorApp

    db = folder / "big.db"
    service = ReviewService.open(db)
    review = service.create_review("Timeline of 100,000 events", tz="Europe/Berlin")
    base = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    service.import_events(review.id, [
        Event(at=base + timedelta(seconds=i), source="slack", actor=f"user{i % 50}",
              text=f"message {i}: queue depth {i % 997}", external_id=str(i)) for i in range(EVENTS)])
    service.close()

    async def settled_moves(write: bool) -> tuple[float, float, int]:
        app = FacilitatorApp(db, review.id)
        if not write:
            app.service.show_to_room = lambda *a, **k: True  # type: ignore[method-assign]
        watcher = sqlite3.connect(db)  # its data version moves when the app commits
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.pause(0.3)
            before = watcher.execute("PRAGMA data_version").fetchone()[0]
            writes = 0
            wall, cpu = time.perf_counter(), time.process_time()
            for _ in range(MOVES):
                await pilot.press("down")
                await pilot.pause(0.15)  # past the timeline's pause: the move is announced
                version = watcher.execute("PRAGMA data_version").fetchone()[0]
                writes += version != before
                before = version
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        watcher.close()
        return (wall / MOVES - 0.15), cpu / MOVES, writes

    without = await settled_moves(False)
    with_room = await settled_moves(True)
    print(f"Review screen, {EVENTS:,} events, {MOVES} cursor moves each left to settle:")
    print(f"  without the room's view: {without[1] * 1000:.2f} ms CPU per move, {without[2]} writes")
    print(f"  with the room's view:    {with_room[1] * 1000:.2f} ms CPU per move, {with_room[2]} writes "
          "(one per settled move)")

    service = ReviewService.open(db)
    events = service.events_around(review.id, base, before=0, after=2)
    start = time.perf_counter()
    for n in range(1000):
        service.show_to_room(review.id, event_id=events[n % 2].id)
    per_write = (time.perf_counter() - start) / 1000
    print(f"  one write of the room's view: {per_write * 1e6:.0f} µs")
    service.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        os.environ["FACILITATOR_RUNTIME_DIR"] = str(folder / "run")
        latency_and_idle(folder)
        asyncio.run(facilitator_side(folder))


if __name__ == "__main__":
    main()
