"""The README's quick start is two commands, and CI runs exactly its test command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section, flags=re.S)


def test_quick_start_is_two_commands():
    commands = quick_start_commands()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    assert commands[0].endswith("facilitator demo")
    assert "'.[test]'" in commands[1] and commands[1].endswith("pytest")


def test_ci_runs_the_readme_test_command():
    test_command = quick_start_commands()[1]
    tail = test_command.split("&& ", 2)[-1]  # after creating and activating the venv
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tail in ci
    assert "ruff check" in ci
