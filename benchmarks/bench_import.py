"""Slack import at scale: 100,000 messages in 30 day files from 50 people, some in threads.

Builds the export in a temporary folder (and a zipped copy), then imports each
in a fresh process so the peak memory measured is the import's own. Targets
on a 2-core machine: under 5 s and under 500 MB. Big flat logs have their own
script, bench_import_logs.py.

    python benchmarks/bench_import.py [--messages N]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path

CHANNELS = ("inc-checkout-latency", "ops-deploys", "eng-payments")
DAYS = 10  # per channel: 3 channels x 10 days = 30 day files
USERS = 50
PHRASES = (
    "p99 is climbing again, now {n} ms",
    "<@{user}> can you look at <#C0000|ops-deploys>?",
    "rolled back to build {n}; watching <https://grafana.example.com/d/{n}?a=1&amp;b=2|the dashboard>",
    "error rate &lt; 1% so it is slow, not failing",
    "<!here> status: mitigated, keeping an eye on queue depth {n}",
    "checked the runbook <https://wiki.example.com/runbooks/{n}> and it says to restart",
)


def build_export(root: Path, total: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    users = [{"id": f"U{i:04d}", "name": f"user{i}", "real_name": f"Responder {i}",
              "profile": {"display_name": f"responder{i}", "real_name": f"Responder {i}"}}
             for i in range(USERS)]
    (root / "users.json").write_text(json.dumps(users), encoding="utf-8")
    channels = [{"id": f"C{i:04d}", "name": name} for i, name in enumerate(CHANNELS)]
    (root / "channels.json").write_text(json.dumps(channels), encoding="utf-8")
    files = [(c, d) for c in CHANNELS for d in range(DAYS)]
    per_file = total // len(files)
    extra = total - per_file * len(files)
    start = datetime(2026, 11, 1, tzinfo=UTC).timestamp()
    for index, (channel, day) in enumerate(files):
        count = per_file + (1 if index < extra else 0)
        day_start = start + day * 86400
        messages, parents = [], []
        for i in range(count):
            ts = f"{day_start + i * (86400 / count):.6f}"
            user = rng.choice(users)["id"]
            text = rng.choice(PHRASES).format(n=rng.randint(100, 9999), user=rng.choice(users)["id"])
            message = {"client_msg_id": f"{channel}-{day}-{i}", "type": "message", "user": user,
                       "text": text, "ts": ts, "team": "T0001"}
            roll = rng.random()
            if roll < 0.1 and parents:
                message["thread_ts"] = rng.choice(parents[-20:])
                message["parent_user_id"] = user
            elif roll < 0.15:
                message["thread_ts"] = ts
                parents.append(ts)
            elif roll < 0.17:
                message = {"type": "message", "subtype": "bot_message", "bot_id": "B0001",
                           "username": "deploybot", "text": text, "ts": ts}
            elif roll < 0.18:
                message = {"type": "message", "subtype": "channel_join", "user": user,
                           "text": f"<@{user}> has joined the channel", "ts": ts}
            messages.append(message)
        folder = root / channel
        folder.mkdir(exist_ok=True)
        date = datetime.fromtimestamp(day_start, UTC).date().isoformat()
        (folder / f"{date}.json").write_text(json.dumps(messages, indent=1), encoding="utf-8")


def zip_export(root: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(root.rglob("*.json")):
            archive.write(path, path.relative_to(root).as_posix())


def build_flat_files(folder: Path, total: int) -> tuple[Path, Path]:
    """The same volume as a CSV and as a text log, for comparison."""
    start = datetime(2026, 11, 20, 21, 0, tzinfo=UTC).timestamp()
    stamps = [datetime.fromtimestamp(start + i * 0.5, UTC).strftime("%Y-%m-%d %H:%M:%S") for i in range(total)]
    csv_path, text_path = folder / "timeline.csv", folder / "timeline.txt"
    csv_rows = (f'{s},responder{i % USERS},"step {i}, queue depth {i % 997}"' for i, s in enumerate(stamps))
    csv_path.write_text("time,actor,text\n" + "\n".join(csv_rows) + "\n", encoding="utf-8")
    text_lines = (f"{s} responder{i % USERS}: step {i}, queue depth {i % 997}" for i, s in enumerate(stamps))
    text_path.write_text("\n".join(text_lines) + "\n", encoding="utf-8")
    return csv_path, text_path


def peak_rss_mb() -> float:
    """This process's own peak resident memory. Linux's ru_maxrss also counts the peak of the
    parent that forked it, so /proc's VmHWM is read where there is one."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return int(status.split("VmHWM:", 1)[1].split()[0]) / 1024


def measure_child(path: Path) -> None:
    """Runs in a fresh process: read the export, then store it, print one JSON line of figures.

    Parsing is timed on its own by reading the stream without keeping it; the
    end-to-end time is the service's streamed import, as the CLI and the dialog do it.
    """
    import tempfile

    from facilitator_tui.importers import open_import
    from facilitator_tui.service import ReviewService

    start = time.perf_counter()
    stream = open_import(path)
    events = sum(1 for _ in stream)
    parsed = time.perf_counter() - start
    calls = []
    with tempfile.TemporaryDirectory() as folder:
        service = ReviewService.open(Path(folder) / "bench.db")
        review = service.create_review("Import benchmark")
        start = time.perf_counter()
        summary = service.import_file(review.id, path, progress=lambda done, total: calls.append(done))
        seconds = time.perf_counter() - start
        service.close()
    peak_mb = peak_rss_mb()
    print(json.dumps({"events": events, "noise": stream.report.noise_skipped, "seconds": seconds,
                      "parse_seconds": parsed, "stored": summary.added,
                      "peak_mb": peak_mb, "progress_calls": len(calls)}))


def run(path: Path, label: str, messages: int, what: str = "slack parse") -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", str(path)], capture_output=True, text=True,
                         check=True)
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"{what} {messages} messages ({label}): {figures['seconds']:.2f} s end to end "
          f"(parse {figures['parse_seconds']:.2f} s, {figures['stored']} stored), "
          f"peak RSS {figures['peak_mb']:.0f} MB "
          f"({figures['events']} events, "
          + (f"{figures['noise']} joins skipped, " if what.startswith("slack") else "")
          + f"{figures['progress_calls']} progress calls)")
    return figures


def baseline_rss_mb() -> float:
    code = "import resource, facilitator_tui.importers; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure_child(args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "export"
        root.mkdir()
        start = time.perf_counter()
        build_export(root, args.messages)
        zipped = Path(tmp) / "export.zip"
        zip_export(root, zipped)
        size = sum(p.stat().st_size for p in root.rglob("*.json")) / 1e6
        print(f"built export: {args.messages} messages, {len(CHANNELS) * DAYS} day files, {USERS} users, "
              f"{size:.1f} MB of JSON ({zipped.stat().st_size / 1e6:.1f} MB zipped) "
              f"in {time.perf_counter() - start:.1f} s")
        print(f"baseline RSS after importing the package: {baseline_rss_mb():.0f} MB")
        folder = run(root, "folder", args.messages)
        archive = run(zipped, "zip", args.messages)
        worst = max(folder["seconds"], archive["seconds"]), max(folder["peak_mb"], archive["peak_mb"])
        verdict = "OK" if worst[0] < 5 and worst[1] < 500 else "OVER TARGET"
        print(f"target < 5 s and < 500 MB: {verdict}")
        csv_path, text_path = build_flat_files(Path(tmp), args.messages)
        run(csv_path, "csv", args.messages, what="csv parse")
        run(text_path, "text log", args.messages, what="text parse")


if __name__ == "__main__":
    main()
