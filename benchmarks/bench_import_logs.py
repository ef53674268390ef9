"""Big flat logs: 1,000,000 JSON lines, 1,000,000 text lines and a 200 MB CSV, each imported whole.

Each file is written by streaming (so this script stays small), then imported
into a fresh review in a fresh process through the same service call the CLI
makes; the child reports its own time (wall and CPU) and peak resident memory,
and the load average shows whether other work shared the machine. Targets on
a 2-core machine: 1M lines under 20 s, and for every file a peak under 300 MB.

    python benchmarks/bench_import_logs.py [--lines N] [--csv-mb MB] [--only jsonl,text,csv]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

SERVICES = ("checkout", "payments", "queue-worker", "edge-proxy", "ledger")
LEVELS = ("INFO", "INFO", "INFO", "WARN", "ERROR", "DEBUG")
START = datetime(2026, 11, 20, 21, 0, tzinfo=UTC)
TARGET_SECONDS, TARGET_MB = 20.0, 300.0


def _stamp(i: int) -> datetime:
    return START + timedelta(milliseconds=i * 7)


def write_jsonl(path: Path, lines: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(lines):
            record = {"ts": _stamp(i).isoformat().replace("+00:00", "Z"), "level": LEVELS[i % 6].lower(),
                      "service": SERVICES[i % 5], "msg": f"request {i} took {i % 997} ms (queue depth {i % 89})"}
            out.write(json.dumps(record) + "\n")


def write_text(path: Path, lines: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("Queue backlog, raw log\nAll times UTC.\n\n")
        for i in range(lines):
            out.write(f"{_stamp(i):%Y-%m-%d %H:%M:%S.%f}"[:-3]
                      + f" {LEVELS[i % 6]} {SERVICES[i % 5]}: request {i} took {i % 997} ms\n")


def write_csv(path: Path, megabytes: int) -> int:
    """About `megabytes` of CSV with a quoted, comma-holding text column; returns the row count."""
    limit = megabytes * 1_000_000
    filler = "the consumer pool rebalanced, lag is still growing on partition seven and eight"
    rows = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("time,actor,source,text\n")
        written = 0
        while written < limit:
            line = (f"{_stamp(rows).isoformat()},responder{rows % 50},{SERVICES[rows % 5]},"
                    f"\"step {rows}, {filler} ({rows % 997} ms)\"\n")
            out.write(line)
            written += len(line)
            rows += 1
    return rows


def peak_rss_mb() -> float:
    """This process's own peak resident memory. Linux's ru_maxrss also counts the peak of the
    parent that forked it, so /proc's VmHWM is read where there is one."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return int(status.split("VmHWM:", 1)[1].split()[0]) / 1024


def measure_child(path: Path) -> None:
    """Runs in a fresh process: import the file into a new review, print one JSON line of figures."""
    from facilitator_tui.service import ReviewService

    with tempfile.TemporaryDirectory() as folder:
        service = ReviewService.open(Path(folder) / "bench.db")
        review = service.create_review("Import benchmark")
        calls: list[int] = []
        start, cpu = time.perf_counter(), time.process_time()
        summary = service.import_file(review.id, path, progress=lambda done, total: calls.append(done))
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        stored = service.event_count(review.id)
        service.close()
    peak_mb = peak_rss_mb()
    print(json.dumps({"added": summary.added, "stored": stored, "fmt": summary.fmt, "seconds": seconds, "cpu": cpu,
                      "peak_mb": peak_mb, "progress_calls": len(calls)}))


def run(path: Path, what: str, timed: bool = True) -> dict | None:
    """Import in a fresh process and print the figures; `timed` False judges memory only."""
    out = subprocess.run([sys.executable, __file__, "--child", str(path)], capture_output=True, text=True)
    if out.returncode != 0:
        last = (out.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"{what}: FAILED ({last})")
        return None
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    ok = (figures["seconds"] < TARGET_SECONDS or not timed) and figures["peak_mb"] < TARGET_MB
    print(f"{what} ({path.stat().st_size / 1e6:.0f} MB, {figures['fmt']}): {figures['seconds']:.1f} s "
          f"(CPU {figures['cpu']:.1f} s, load average {os.getloadavg()[0]:.1f}), "
          f"peak RSS {figures['peak_mb']:.0f} MB, {figures['stored']} events stored, "
          f"{figures['progress_calls']} progress calls -> {'OK' if ok else 'OVER TARGET'}")
    return figures


def baseline_rss_mb() -> float:
    code = ("import resource, facilitator_tui.service, facilitator_tui.importers; "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--csv-mb", type=int, default=200)
    parser.add_argument("--only", default="jsonl,text,csv")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure_child(args.child)
        return
    wanted = set(args.only.split(","))
    print(f"targets: under {TARGET_SECONDS:.0f} s and {TARGET_MB:.0f} MB peak; "
          f"baseline RSS after importing the package: {baseline_rss_mb():.0f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if "jsonl" in wanted:
            path = folder / "app.jsonl"
            write_jsonl(path, args.lines)
            run(path, f"JSON lines, {args.lines} lines")
            path.unlink()
        if "text" in wanted:
            path = folder / "app.log"
            write_text(path, args.lines)
            run(path, f"text log, {args.lines} lines")
            path.unlink()
        if "csv" in wanted:
            path = folder / "timeline.csv"
            rows = write_csv(path, args.csv_mb)
            run(path, f"CSV, {rows} rows", timed=False)  # the time target is for 1M-line logs
            path.unlink()


if __name__ == "__main__":
    main()
