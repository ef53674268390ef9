"""Start-up as a user feels it: `facilitator open ID` to the first settled frame.

Each start is a fresh process on a pseudo-terminal of 160x45, started the way a
user starts it: the `facilitator` command (imports, argument parsing and the
database check included) on a review with the demo's content and 50,000 more
events. Beside it, the same measure for a bare Textual app (Header, one Static,
Footer) run as a script. The clock starts just before the process is spawned;
the first frame is settled when the terminal has received the screen's text and
then nothing more for a short quiet spell. Starts alternate (bare, review, empty
review), and the ratio printed is the median of each round's own ratio, so a
slow spell of the machine weighs on both sides alike. Target: within 1.5x.

    python benchmarks/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

EVENTS = 50_000
COLUMNS, LINES = 160, 45
QUIET = 0.5  # seconds without output after the screen's text: the frame has settled
GIVE_UP = 30.0

BARE_APP = '''
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Hello from a bare app")
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
'''


def build(db: Path) -> tuple[int, int]:
    """The demo review with 50,000 more events, and an empty review beside it."""
    from facilitator_tui.models import Event
    from facilitator_tui.service import ReviewService

    service = ReviewService.open(db)
    review_id, _ = service.load_demo()
    base = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    service.import_events(review_id, [
        Event(at=base + timedelta(seconds=i), source="slack", actor=f"user{i % 50}",
              text=f"synthetic message {i}", external_id=f"bench{i}")
        for i in range(EVENTS)
    ])
    empty_id = service.create_review("Empty").id
    service.close()
    assert empty_id is not None
    return review_id, empty_id


def facilitator_command() -> list[str]:
    """The installed `facilitator` script beside this Python, else the same CLI via -m."""
    script = Path(sys.executable).with_name("facilitator")
    if script.exists():
        return [str(script)]
    found = shutil.which("facilitator")
    return [found] if found else [sys.executable, "-m", "facilitator_tui"]


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) the process has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def first_settled_frame(command: list[str], marker: bytes) -> tuple[float, float, float]:
    """Seconds from spawn to `marker` on the terminal and to the settled frame; CPU seconds by then.

    Other programs on a busy machine stretch the wall-clock figures; the CPU time the
    process itself used by the settled frame (read while it sits idle) does not move
    with them.
    """
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    # A user's Python keeps the modules it compiled; so do these starts (after the first).
    env = {key: value for key, value in os.environ.items()
           if key not in ("COLUMNS", "LINES", "PYTHONDONTWRITEBYTECODE")}
    env["TERM"] = "xterm-256color"
    start = time.monotonic()
    process = subprocess.Popen(command, stdin=follower, stdout=follower, stderr=follower,
                               env=env, start_new_session=True, close_fds=True)
    os.close(follower)
    seen: float | None = None
    last = start
    tail = b""
    try:
        while True:
            wait = QUIET if seen is not None else GIVE_UP
            ready, _, _ = select.select([leader], [], [], wait)
            now = time.monotonic()
            if not ready:
                if seen is None:
                    raise RuntimeError(f"{command[0]} drew no frame in {GIVE_UP:.0f} s")
                break
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                raise RuntimeError(f"{command[0]} ended before its frame settled: {tail[-400:]!r}")
            last = now
            if seen is None:
                tail = (tail + chunk)[-65536:]
                if marker in tail:
                    seen = now
        cpu = cpu_seconds(process.pid)
        os.write(leader, b"\x11")  # ctrl+q
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(leader)
    assert seen is not None
    return seen - start, last - start, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        review_id, empty_id = build(db)
        bare_script = Path(folder) / "bare_app.py"
        bare_script.write_text(BARE_APP, encoding="utf-8")
        ours = facilitator_command()
        starts = {
            "bare": ([sys.executable, str(bare_script)], b"Hello from a bare app"),
            "review": ([*ours, "--db", str(db), "open", str(review_id)], b"Timeline"),
            "empty": ([*ours, "--db", str(db), "open", str(empty_id)], b"Timeline"),
        }
        # One start of each first, so that every measured one finds the files in the disk
        # cache and Python's compiled modules written, as every start but the first does.
        for command, marker in starts.values():
            first_settled_frame(command, marker)
        times: dict[str, list[tuple[float, float, float]]] = {which: [] for which in starts}
        for _ in range(args.runs):  # interleaved, so a slow spell hits all three alike
            for which, (command, marker) in starts.items():
                times[which].append(first_settled_frame(command, marker))
    print(f"`facilitator open ID` in a fresh process on a {COLUMNS}x{LINES} pseudo-terminal "
          f"(median of {args.runs})")
    for index, figure in ((1, "first frame settled"), (0, "screen's text first on the terminal"),
                          (2, "CPU time of the process by the settled frame")):
        series = {which: [pair[index] for pair in pairs] for which, pairs in times.items()}
        bare, review, empty = (statistics.median(series[k]) for k in ("bare", "review", "empty"))
        paired = statistics.median(r / b for r, b in zip(series["review"], series["bare"], strict=True))
        target = " (target within 1.5x)" if index == 1 else ""
        print(f"  {figure} (the last {QUIET:.1f} s of quiet not counted):" if index == 1 else f"  {figure}:")
        print(f"    bare Textual app (Header, Static, Footer): {bare * 1000:7.1f} ms")
        print(f"    review screen, {EVENTS:,} events:            {review * 1000:7.1f} ms")
        print(f"    review screen, empty review:              {empty * 1000:7.1f} ms")
        print(f"    ratio to the bare app: median of the rounds' own ratios {paired:.2f}x"
              f" (ratio of medians {review / bare:.2f}x){target}")


if __name__ == "__main__":
    main()
