"""F12 (and the palette) starts a mirror in a new window where there is one, else shows the command.

The terminal programs here are small scripts on the PATH that write down how
they were started: the app really runs them, as it would run tmux or xterm.
"""

from __future__ import annotations

import os
import shlex
import stat
import sys
import time
from pathlib import Path

import pytest

from facilitator_tui.app import FacilitatorApp
from facilitator_tui.screens.mirror_command import MirrorCommand
from facilitator_tui.terminal_window import follow_argv, new_window, shown_command


def which_of(*names: str):
    return lambda name: f"/usr/bin/{name}" if name in names else None


ARGV = ["/py", "-m", "facilitator_tui", "--db", "/d/r.db", "follow", "3"]


def test_inside_tmux_a_new_tmux_window_carrying_where_mirrors_are_counted():
    window = new_window(ARGV, env={"TMUX": "/tmp/tmux-0/default,1,0", "FACILITATOR_RUNTIME_DIR": "/r"},
                        platform="linux", which=which_of("tmux", "xterm"))
    assert window.argv[:4] == ["tmux", "new-window", "-n", "mirror"]
    assert shlex.split(window.argv[4]) == ["env", "FACILITATOR_RUNTIME_DIR=/r", *ARGV]
    assert window.where == "a new tmux window"


def test_a_desktop_uses_the_first_terminal_found():
    window = new_window(ARGV, env={"DISPLAY": ":0"}, platform="linux", which=which_of("konsole", "xterm"))
    assert window.argv == ["konsole", "-e", *ARGV]
    window = new_window(ARGV, env={"WAYLAND_DISPLAY": "wayland-0"}, platform="linux",
                        which=which_of("gnome-terminal"))
    assert window.argv == ["gnome-terminal", "--", *ARGV]


def test_macos_opens_terminal_with_a_command_file(runtime_folder):
    window = new_window(ARGV, env={}, platform="darwin", which=which_of("open"))
    assert window.argv[:3] == ["open", "-a", "Terminal"]
    script = Path(window.argv[3])
    assert script.read_text().splitlines()[-1] == "exec " + shlex.join(ARGV)
    assert stat.S_IMODE(script.stat().st_mode) == 0o700


@pytest.mark.parametrize("env", [{}, {"DISPLAY": ""}, {"TMUX": "x"}])
def test_no_display_and_no_tmux_means_no_window(env):
    assert new_window(ARGV, env=env, platform="linux", which=which_of("xterm")) is None


@pytest.mark.parametrize("platform", ["linux", "darwin"])
def test_no_window_when_told_not_to_even_in_tmux_or_on_a_desktop(platform):
    env = {"TMUX": "/tmp/tmux-0/default,1,0", "DISPLAY": ":0", "FACILITATOR_NO_WINDOW": "1"}
    assert new_window(ARGV, env=env, platform=platform, which=which_of("tmux", "xterm", "open")) is None


def test_the_command_shown_is_the_one_a_person_types(tmp_path):
    db = tmp_path / "my reviews.db"
    assert shown_command(db, 3, which=which_of("facilitator")) == (
        f"facilitator --db {shlex.quote(str(db.resolve()))} follow 3")
    assert shlex.split(shown_command(db, 3, which=which_of())) == [
        sys.executable, "-m", "facilitator_tui", "--db", str(db.resolve()), "follow", "3"]


def fake_program(folder: Path, name: str, record: Path) -> None:
    script = folder / name
    script.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$@\" > {shlex.quote(str(record))}\n")
    script.chmod(0o755)


async def wait_for_file(pilot, path: Path) -> str:
    deadline = time.monotonic() + 10
    while not (path.exists() and path.read_text()):
        assert time.monotonic() < deadline, "the terminal program was never started"
        await pilot.pause(0.05)
    return path.read_text()


async def test_f12_inside_tmux_opens_a_tmux_window(service, db_path, tmp_path, monkeypatch):
    rid = service.create_review("Pager storm").id
    record = tmp_path / "tmux-args"
    fake_program(tmp_path, "tmux", record)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("TMUX", "/tmp/tmux-test,1,0")
    monkeypatch.delenv("FACILITATOR_NO_WINDOW")  # the tmux here is the fake one above
    app = FacilitatorApp(db_path, rid)
    told: list[str] = []
    async with app.run_test(size=(120, 36)) as pilot:
        app.notify = lambda message, **kw: told.append(message)  # type: ignore[method-assign]
        await pilot.press("f12")
        args = (await wait_for_file(pilot, record)).splitlines()
        assert args[:3] == ["new-window", "-n", "mirror"]
        command = shlex.split(args[3])
        assert command[-len(follow_argv(db_path, rid)):] == follow_argv(db_path, rid)
        assert any("new tmux window" in line for line in told)


async def test_without_a_window_f12_shows_the_command_to_copy(service, db_path, monkeypatch):
    rid = service.create_review("Pager storm").id
    for name in ("TMUX", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    app = FacilitatorApp(db_path, rid)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f12")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MirrorCommand)
        assert dialog.command == shown_command(db_path, rid)
        assert dialog.serve_command == shown_command(db_path, rid, verb="serve")
        await pilot.press("c")
        assert app.clipboard == dialog.command
        await pilot.press("escape")
        assert not isinstance(app.screen, MirrorCommand)


async def test_the_palette_offers_the_mirror(service, db_path):
    rid = service.create_review("Pager storm").id
    app = FacilitatorApp(db_path, rid)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.palette_commands(app.screen)]
        assert "Mirror for the room" in titles


async def test_f12_in_a_test_starts_no_window_even_inside_tmux(service, db_path, tmp_path, monkeypatch):
    # Every test (and the key fuzzer) runs with FACILITATOR_NO_WINDOW set (conftest.py).
    rid = service.create_review("Pager storm").id
    record = tmp_path / "tmux-args"
    fake_program(tmp_path, "tmux", record)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("TMUX", "/tmp/tmux-test,1,0")
    app = FacilitatorApp(db_path, rid)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, MirrorCommand)
        await pilot.press("escape", "f12", "escape", "f12")
        await pilot.pause()
    assert not record.exists()
