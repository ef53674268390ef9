"""Times the exporters on a synthetic review of 100,000 events and 10,000 notes.

Run: .venv/bin/python tests/export/bench_export.py   (not collected by pytest)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from export_samples import big

from facilitator_tui.export import from_json, to_json, to_markdown


def best_of(runs: int, fn, *args, **kwargs) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn(*args, **kwargs)
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    snap = big()
    print(f"{len(snap.events):,} events, {len(snap.notes):,} notes")
    for label, fn, kwargs in (
        ("to_markdown", to_markdown, {}),
        ("to_markdown(include_private=True)", to_markdown, {"include_private": True}),
        ("to_json", to_json, {}),
        ("to_json(include_private=False)", to_json, {"include_private": False}),
    ):
        seconds, text = best_of(3, fn, snap, **kwargs)
        print(f"{label:<36} {seconds:6.3f} s  {len(text) / 1e6:6.1f} MB")  # type: ignore[arg-type]
    seconds, _ = best_of(1, from_json, to_json(snap))
    print(f"{'from_json':<36} {seconds:6.3f} s")


if __name__ == "__main__":
    main()
