"""The one way the app writes a file: owner-only, all or nothing, never through a planted link.

Exports may hold private notes, so every file is created 0600. The text goes to
a temporary file created exclusively (O_EXCL, O_NOFOLLOW) in the target's own
folder, is flushed to disk, then renamed over the target in one step, so a
reader sees the old file or the new one, never half of one. On any failure (a
full disk, a killed process aside) the temporary file is removed. A file that
must not be overwritten is linked into place, which fails if the name appeared
meanwhile, instead of checking and then replacing.
"""

from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path

_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
MODE = 0o600


def write_file(path: str | os.PathLike[str], text: str | bytes, *, overwrite: bool = False,
               sync: bool = True) -> Path:
    """Write `text` to `path` atomically, 0600; FileExistsError if it exists and not `overwrite`.

    Errors are OSErrors naming `path` (never the temporary file). A caller writing many
    files into one folder passes `sync=False` and calls `sync_folder` once at the end.
    """
    target = Path(path)
    data = text.encode("utf-8") if isinstance(text, str) else text
    fd, tmp = _create_temporary(target)
    try:
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if overwrite:
                os.replace(tmp, target)  # a link at `target` is replaced, never followed
            else:
                os.link(tmp, target, follow_symlinks=False)
            if sync:
                sync_folder(target.parent)
        except OSError as exc:
            if exc.errno is None:
                raise
            raise type(exc)(exc.errno, exc.strerror, str(target)) from None
    finally:
        tmp.unlink(missing_ok=True)
    return target


def append_private(path: str | os.PathLike[str], text: str) -> None:
    """Append to an owner-only file (a log), creating it 0600; a planted link is refused."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, MODE)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        handle.write(text)


def _create_temporary(target: Path) -> tuple[int, Path]:
    for _ in range(20):
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, _CREATE, MODE), tmp
        except FileExistsError:  # taken (or planted): pick another name
            continue
        except OSError as exc:
            raise type(exc)(exc.errno, exc.strerror, str(target)) from None
    raise FileExistsError(errno.EEXIST, "could not create a temporary file", str(target))


def sync_folder(folder: Path) -> None:
    """Make the rename itself durable (a crash right after keeps the new file)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
