"""Mirrors are counted without a write to the database: a file per running mirror process.

Real `facilitator follow` processes run in pseudo-terminals here; one leaves with
ctrl+q, one is killed with SIGKILL and leaves its file behind, which the count
recognises as stale and removes.
"""

from __future__ import annotations

import json
import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from facilitator_tui import presence


def wait_for(condition, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "it never happened"
        time.sleep(0.05)


class Mirror:
    """`facilitator follow ID` in a pseudo-terminal of its own."""

    def __init__(self, db_path: Path, review_id: int) -> None:
        self.master, slave = pty.openpty()
        os.set_blocking(self.master, False)
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "facilitator_tui", "--db", str(db_path), "follow", str(review_id)],
            stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
        os.close(slave)

    def drain(self) -> None:
        try:
            while os.read(self.master, 65536):
                pass
        except OSError:
            pass

    def press(self, data: bytes) -> None:
        os.write(self.master, data)

    def wait(self, seconds: float = 20.0) -> int:
        deadline = time.monotonic() + seconds
        while self.process.poll() is None:
            assert time.monotonic() < deadline, "the mirror did not end"
            self.drain()
            time.sleep(0.05)
        return self.process.returncode

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        os.close(self.master)


@pytest.fixture
def mirrors():
    started: list[Mirror] = []

    def start(db_path: Path, review_id: int) -> Mirror:
        mirror = Mirror(db_path, review_id)
        started.append(mirror)
        return mirror

    yield start
    for mirror in started:
        mirror.close()


def test_running_mirrors_are_counted_and_a_killed_one_is_not(service, db_path, runtime_folder, mirrors):
    rid = service.create_review("Disk full on the build host").id
    other = service.create_review("Another review").id
    first, second, third = mirrors(db_path, rid), mirrors(db_path, rid), mirrors(db_path, other)

    def count(review_id: int = rid) -> int:
        for mirror in (first, second, third):
            mirror.drain()  # a terminal nobody reads stops the program writing to it
        return service.mirrors_following(review_id)

    wait_for(lambda: count() == 2)
    wait_for(lambda: count(other) == 1)
    # ctrl+q: the mirror leaves and takes its file with it.
    first.press(b"\x11")
    assert first.wait() == 0
    wait_for(lambda: count() == 1)
    # SIGKILL: no chance to clean up; the count sees the process is gone and drops its file.
    files = set(runtime_folder.glob("mirror-*.json"))
    os.kill(second.process.pid, signal.SIGKILL)
    second.process.wait()
    assert service.mirrors_following(rid) == 0
    remaining = set(runtime_folder.glob("mirror-*.json"))
    assert len(files) - len(remaining) == 1
    assert not [p for p in remaining if json.loads(p.read_text())["review"] == rid]


def test_stray_files_are_not_counted(db_path, runtime_folder):
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    (runtime_folder / "mirror-1-1.json").write_text("{not json")
    (runtime_folder / f"mirror-{ended.pid}-1.json").write_text(json.dumps(
        {"pid": ended.pid, "started": "", "db": str(db_path.resolve()), "review": 1}))
    (runtime_folder / "notes.txt").write_text("unrelated")
    mine = presence.announce(db_path, 1)
    elsewhere = presence.announce(db_path.with_name("other.db"), 1)
    assert presence.following(db_path, 1) == 1
    assert not (runtime_folder / f"mirror-{ended.pid}-1.json").exists()
    assert (runtime_folder / "notes.txt").exists()
    presence.withdraw(mine)
    presence.withdraw(elsewhere)
    assert presence.following(db_path, 1) == 0


def test_a_folder_that_cannot_be_written_leaves_the_mirror_uncounted_but_running(db_path, tmp_path,
                                                                                 monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("FACILITATOR_RUNTIME_DIR", str(blocked / "run"))
    assert presence.announce(db_path, 1) is None
    assert presence.following(db_path, 1) == 0
