"""Imports through the service: streamed in batches, added in one transaction, or not at all.

Real files are imported into a real SQLite file; the table is read back with
a second connection, as another program would see it.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from facilitator_tui.errors import FacilitatorError, InputError, NotFoundError
from facilitator_tui.import_job import BATCH, PREVIEW_ROWS
from facilitator_tui.importers import ImportFailure, ImportOptions
from facilitator_tui.service import ImportCancelled


@pytest.fixture
def rid(service):
    return service.create_review("Card payments failing", start=datetime(2026, 3, 14, 21, 50, tzinfo=UTC),
                                 tz="Europe/Berlin").id


def rows(db_path, rid):
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT at, actor, text FROM events WHERE review_id = ? ORDER BY at, id",
                            (rid,)).fetchall()


def big_csv(tmp_path, count: int, bad_at: int | None = None, name="big.csv"):
    path = tmp_path / name
    with path.open("w", encoding="utf-8") as out:
        out.write("time,actor,text\n")
        for i in range(count):
            stamp = "2026-02-30 10:00" if i == bad_at else f"2026-03-14T21:{i // 600 % 60:02d}:{i // 10 % 60:02d}Z"
            out.write(f"{stamp},responder{i % 7},step {i}\n")
    return path


def test_a_big_import_lands_whole_and_a_second_one_adds_nothing(service, db_path, rid, tmp_path):
    path = big_csv(tmp_path, 3 * BATCH + 17)
    calls = []
    summary = service.import_file(rid, path, progress=lambda done, total: calls.append((done, total)))
    assert (summary.added, summary.duplicates, summary.fmt) == (3 * BATCH + 17, 0, "csv")
    assert len(rows(db_path, rid)) == 3 * BATCH + 17
    assert calls[-1][0] == calls[-1][1] == path.stat().st_size
    again = service.import_file(rid, path)
    assert (again.added, again.duplicates) == (0, 3 * BATCH + 17)
    assert len(rows(db_path, rid)) == 3 * BATCH + 17


def test_a_bad_row_late_in_the_file_writes_nothing_at_all(service, db_path, rid, tmp_path):
    service.add_event(rid, "already here")
    before = rows(db_path, rid)
    path = big_csv(tmp_path, 3 * BATCH, bad_at=2 * BATCH + 5)  # two whole batches read before it
    with pytest.raises(ImportFailure) as caught:
        service.import_file(rid, path)
    assert str(caught.value) == f"big.csv line {2 * BATCH + 7}: impossible time '2026-02-30 10:00'"
    assert isinstance(caught.value, InputError)
    assert rows(db_path, rid) == before


def test_a_short_csv_row_writes_nothing_even_after_good_rows(service, db_path, rid, tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("time,actor,text,source\n2026-03-14 22:00,ana,paged,pager\n2026-03-14 22:01,bo\n")
    with pytest.raises(ImportFailure, match=r"^short.csv line 3: 2 fields but the header has 4"):
        service.import_file(rid, path)
    assert rows(db_path, rid) == []


def test_cancelling_between_batches_writes_nothing(service, db_path, rid, tmp_path):
    path = big_csv(tmp_path, 4 * BATCH)
    asked = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) >= 2  # after the second batch has been read

    with pytest.raises(ImportCancelled) as caught:
        service.import_file(rid, path, should_stop=stop)
    assert isinstance(caught.value, FacilitatorError) and "nothing was added" in str(caught.value)
    assert rows(db_path, rid) == []
    assert len(asked) == 2


def test_cancelling_while_the_events_are_being_added_rolls_all_of_them_back(service, db_path, rid, tmp_path):
    path = big_csv(tmp_path, 2 * BATCH)
    asked = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 2  # the two batch checks pass; the first check of the copy stops it

    with pytest.raises(ImportCancelled):
        service.import_file(rid, path, should_stop=stop)
    assert rows(db_path, rid) == []
    assert service.import_file(rid, path).added == 2 * BATCH  # and the connection is usable afterwards


def test_an_exception_from_progress_stops_the_import_and_writes_nothing(service, db_path, rid, tmp_path):
    class Closed(Exception):
        pass

    def progress(done, total):
        if done > 0:
            raise Closed("dialog closed")

    with pytest.raises(Closed):
        service.import_file(rid, big_csv(tmp_path, 2 * BATCH), progress=progress)
    assert rows(db_path, rid) == []


def test_a_dry_run_counts_new_present_and_repeated_events_and_writes_nothing(service, db_path, rid, tmp_path):
    first = tmp_path / "first.csv"
    first.write_text("time,actor,text\n2026-03-14T22:00:00Z,ana,paged\n")
    service.import_file(rid, first)
    path = tmp_path / "second.csv"
    path.write_text("time,actor,text\n2026-03-14T22:00:00Z,ana,paged\n2026-03-14T22:05:00Z,bo,ack\n"
                    "2026-03-14T22:05:00Z,bo,ack\n2026-03-14T21:59:00Z,cy,alert\n")
    before = rows(db_path, rid)
    summary = service.import_file(rid, path, dry_run=True)
    assert (summary.added, summary.duplicates, summary.dry_run) == (2, 2, True)
    assert rows(db_path, rid) == before
    assert [e.text for e in summary.preview] == ["alert", "paged", "ack", "ack"]  # time order, ties in file order
    assert (summary.first, summary.last) == (datetime(2026, 3, 14, 21, 59, tzinfo=UTC),
                                             datetime(2026, 3, 14, 22, 5, tzinfo=UTC))
    real = service.import_file(rid, path)
    assert (real.added, real.duplicates) == (2, 2)


def test_the_preview_keeps_only_the_earliest_rows(service, rid, tmp_path):
    path = tmp_path / "late-first.csv"
    lines = [f"2026-03-14T22:{59 - i:02d}:00Z,a,row {i}" for i in range(40)]
    path.write_text("time,actor,text\n" + "\n".join(lines) + "\n")
    summary = service.import_file(rid, path, dry_run=True)
    assert [e.text for e in summary.preview] == [f"row {i}" for i in range(39, 39 - PREVIEW_ROWS, -1)]


def test_the_report_reaches_the_summary(service, rid, fixtures_dir):
    summary = service.import_file(rid, fixtures_dir / "edge_proxy.log", ImportOptions(tz=UTC), dry_run=True)
    assert summary.fmt == "text" and summary.added == 7
    assert summary.leading_skipped == 1 and summary.skipped_total == 2
    assert [s.line for s in summary.skipped] == [1, 10]
    assert summary.joined_lines == (4, 5)


def test_a_review_deleted_during_the_import_gets_nothing(service, db_path, rid, tmp_path):
    path = big_csv(tmp_path, 10)

    def delete_it(done, total):
        if done == total:
            with sqlite3.connect(db_path) as other:
                other.execute("PRAGMA foreign_keys = ON")
                other.execute("DELETE FROM reviews WHERE id = ?", (rid,))

    with pytest.raises(NotFoundError, match="was deleted; nothing was imported"):
        service.import_file(rid, path, progress=delete_it)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone() == (0,)


def test_the_staging_table_never_outlives_an_import(service, rid, tmp_path):
    service.import_file(rid, big_csv(tmp_path, 10), dry_run=True)
    with pytest.raises(ImportFailure):
        service.import_file(rid, big_csv(tmp_path, 10, bad_at=3, name="bad.csv"))
    temp_tables = service.store.conn.execute("SELECT name FROM temp.sqlite_master").fetchall()
    assert temp_tables == []


@pytest.fixture
def fixtures_dir():
    return Path(__file__).resolve().parent / "fixtures" / "imports"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak from /proc")
def test_memory_stays_small_whatever_the_file_size(tmp_path):
    """A 100,000-row CSV imported in a fresh process: the rows are never all in memory at once.

    Reading the whole file into events first, as imports once did, peaks above 200 MB here. The
    peak is the child's own VmHWM: Linux carries the parent's peak into a child's ru_maxrss.
    """
    import json
    import subprocess
    import sys

    path = big_csv(tmp_path, 100_000)
    code = (
        "import json, re, sys\n"
        "from facilitator_tui.service import ReviewService\n"
        "service = ReviewService.open(sys.argv[1])\n"
        "review = service.create_review('Memory')\n"
        "summary = service.import_file(review.id, sys.argv[2])\n"
        "status = open('/proc/self/status').read()\n"
        "peak = int(re.search(r'VmHWM:\\s+(\\d+) kB', status)[1]) // 1024\n"
        "print(json.dumps([summary.added, peak]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "m.db"), str(path)],
                         capture_output=True, text=True, check=True)
    added, peak_mb = json.loads(out.stdout)
    assert added == 100_000
    assert peak_mb < 120, f"peak {peak_mb} MB"
