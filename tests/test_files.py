"""The one file writer: 0600, all or nothing, never through a planted link, nothing left behind."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap

import pytest

from facilitator_tui import files
from facilitator_tui.cli import main
from facilitator_tui.files import write_file


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_is_owner_only_and_complete(tmp_path):
    target = write_file(tmp_path / "review.md", "# Review\n")
    assert target.read_text() == "# Review\n" and mode(target) == 0o600
    assert os.listdir(tmp_path) == ["review.md"]


def test_an_existing_file_is_kept_unless_overwrite(tmp_path):
    target = tmp_path / "review.md"
    target.write_text("theirs")
    with pytest.raises(FileExistsError):
        write_file(target, "ours")
    assert target.read_text() == "theirs"
    write_file(target, "ours", overwrite=True)
    assert target.read_text() == "ours" and mode(target) == 0o600
    assert os.listdir(tmp_path) == ["review.md"]


def test_a_planted_link_at_the_temporary_name_is_never_followed(tmp_path, monkeypatch):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    names = iter(["aaaaaaaaaaaa", "bbbbbbbbbbbb"])
    monkeypatch.setattr(files.secrets, "token_hex", lambda n: next(names))
    (tmp_path / ".out.md.aaaaaaaaaaaa.tmp").symlink_to(victim)  # guessed and planted
    write_file(tmp_path / "out.md", "export")
    assert victim.read_text() == "precious"
    assert (tmp_path / "out.md").read_text() == "export"
    assert not (tmp_path / ".out.md.bbbbbbbbbbbb.tmp").exists()


def test_a_link_at_the_target_is_replaced_not_followed(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "out.md").symlink_to(victim)
    write_file(tmp_path / "out.md", "export", overwrite=True)
    assert victim.read_text() == "precious"
    assert not (tmp_path / "out.md").is_symlink()


def test_a_full_disk_leaves_no_temporary_file_and_the_old_file_whole(tmp_path):
    """A file-size limit makes the write fail part-way, as a full disk does."""
    target = tmp_path / "review.md"
    target.write_text("the old export")
    script = textwrap.dedent(f"""
        import resource, signal, sys
        from facilitator_tui.files import write_file
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        try:
            write_file({str(target)!r}, "x" * 100_000, overwrite=True)
        except OSError as exc:
            print(exc.filename)
            sys.exit(3)
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert run.returncode == 3, run.stderr
    assert run.stdout.strip() == str(target)  # named as the user's file, not the temporary one
    assert os.listdir(tmp_path) == ["review.md"]
    assert target.read_text() == "the old export"


def test_cli_export_with_private_notes_is_owner_only(tmp_path, db_path):
    from facilitator_tui.service import ReviewService

    service = ReviewService.open(db_path)
    rid = service.create_review("r").id
    service.add_note(rid, "between us", "private")
    service.close()
    out = tmp_path / "out.md"
    assert main(["--db", str(db_path), "export", str(rid), "--include-private", "-o", str(out)]) == 0
    assert mode(out) == 0o600 and "between us" in out.read_text()
