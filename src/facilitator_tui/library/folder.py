"""The team library on disk: a folder of reviews, one JSON file each, laid out for git.

A file is named after its review's identity (`<uuid>.json`), so a renamed review
keeps its file and git sees an edit, not a move. Its text is the review's JSON
export without private notes, facilitator-only events or an export stamp: keys
sorted, rows in a fixed order, one field per line, so the same review always
gives the same bytes and a change shows in `git diff` as the lines it touched.

The folder may come from anyone on the team, so reading is wary: only plain
`*.json` files named after a UUID, no symbolic links, a size limit read without
trusting the file's own claim, UTF-8, and the export's strict reader. Every
refusal is one line naming the file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import uuid
from dataclasses import dataclass
from pathlib import Path

from facilitator_tui.errors import InputError
from facilitator_tui.export.json_io import export_document, from_document, to_json
from facilitator_tui.export.json_layout import dumps_pretty
from facilitator_tui.models import ReviewSnapshot
from facilitator_tui.safe_text import clip, single_line

SUFFIX = ".json"
# A review of 100,000 events is about 50 MB of JSON; a file far larger is not a review.
MAX_FILE_BYTES = 128 * 1024 * 1024


# A version is named by the first 16 hex digits of its content's SHA-256 (64 bits).
VERSION_DIGITS = 16
_HISTORY_READ = 1024
_VERSION = re.compile(r"[0-9a-f]{16}")


class LibraryError(InputError):
    """A library folder or file that cannot be used; the message names it."""


def shown(name: str) -> str:
    """A file name as it may be printed: visible, one line, not endless."""
    return clip(single_line(name), 80)


def file_name(review_uuid: str) -> str:
    return review_uuid + SUFFIX


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def version_of(content: str) -> str:
    """The version a review's content is: the same content, the same version, anywhere."""
    return digest(content.encode("utf-8"))[:VERSION_DIGITS]


def library_text(snapshot: ReviewSnapshot) -> str:
    """The content of one review's file, from a portable snapshot of what may be shared."""
    return to_json(snapshot, include_private=False, exported_at=None)


def library_text_from_rows(snapshot: ReviewSnapshot, event_rows: list[tuple]) -> str:
    """`library_text` of a portable snapshot whose events are given as store rows.

    The same text for a third of the work: a thousand reviews of 500 events each
    would otherwise build, renumber and dump half a million event models. The rows
    (see `Store.event_rows`) are the shared events in time order; they are numbered
    1..n here, as the snapshot's notes already refer to them.
    """
    document = export_document(snapshot, include_private=False, exported_at=None)
    document["events"] = [
        {"actor": row[3], "at": _json_time(row[1]), "channel": row[6], "external_id": row[7],
         "facilitator_only": bool(row[12]), "hidden": bool(row[11]), "id": number,
         "is_bot": bool(row[9]), "key_moment": bool(row[10]), "kind": row[5], "reply_to": row[8],
         "review_id": None, "source": row[2], "text": row[4]}
        for number, row in enumerate(event_rows, start=1)
    ]
    return dumps_pretty(document) + "\n"


def _json_time(stored: str) -> str:
    """A stored time ('...T08:00:00.000000Z') as the JSON export writes it ('...T08:00:00Z')."""
    return stored[:-8] + "Z" if stored.endswith(".000000Z") else stored


def with_history(content: str, history: tuple[str, ...]) -> str:
    """The file text: the content with its `history` added (its own version, then the ones
    it was made from).

    Laid out exactly as the sorted, indented JSON of the whole would be: "history"
    sorts just before "notes", the one top-level key every review file has.
    """
    if not history:
        return content
    items = ",\n".join(f'    "{version}"' for version in history)
    block = f'\n  "history": [\n{items}\n  ],\n  "notes": '
    return content.replace('\n  "notes": ', block, 1)


@dataclass(frozen=True)
class LibraryFile:
    """A review file as read: the review, its version and the versions it was made from."""

    snapshot: ReviewSnapshot
    version: str
    history: tuple[str, ...]


@dataclass(frozen=True)
class FolderListing:
    folder: Path
    # uuid -> path of each review file found
    files: dict[str, Path]


def open_folder(folder: Path, *, create: bool = False) -> Path:
    """The folder, checked (and made, for an export); a LibraryError says what is wrong."""
    if not folder.exists():
        if not create:
            raise LibraryError(f"{shown(str(folder))}: no such folder")
        try:
            folder.mkdir(parents=True)
        except OSError as exc:
            raise LibraryError(f"{shown(str(folder))}: cannot create the folder ({exc.strerror})") from None
    if not folder.is_dir():
        raise LibraryError(f"{shown(str(folder))} is not a folder")
    return folder


def list_folder(folder: Path) -> FolderListing:
    """Every review file in the folder; anything that looks like one but is not is refused.

    Hidden entries (`.git`), sub-folders and files that are not `.json` (a README)
    are left alone.
    """
    files: dict[str, Path] = {}
    try:
        entries = list(os.scandir(folder))
    except OSError as exc:
        raise LibraryError(f"{shown(str(folder))}: cannot read the folder ({exc.strerror})") from None
    for entry in entries:
        name = entry.name
        if name.startswith(".") or not name.endswith(SUFFIX):
            continue
        if entry.is_symlink():
            raise LibraryError(f"{shown(name)} is a symbolic link; a library holds plain files only")
        if not entry.is_file(follow_symlinks=False):
            if entry.is_dir(follow_symlinks=False):
                continue
            raise LibraryError(f"{shown(name)} is not a plain file")
        stem = name[: -len(SUFFIX)]
        try:
            canonical = str(uuid.UUID(stem))
        except ValueError:
            canonical = ""
        if canonical != stem:
            raise LibraryError(
                f"{shown(name)} is not named after a review's UUID (like "
                f"0b7e6f1c-2d4a-4c3e-9f10-5a6b7c8d9e0f.json); move it out of the library folder"
            )
        files[stem] = Path(entry.path)
    return FolderListing(folder, files)


def read_file(path: Path) -> bytes:
    """A review file's bytes: never through a link, never more than the limit."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == getattr(os, "ELOOP", -1):
            raise LibraryError(f"{shown(path.name)} is a symbolic link; a library holds plain files only") from None
        raise LibraryError(f"{shown(path.name)}: cannot read it ({exc.strerror})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise LibraryError(f"{shown(path.name)} is not a plain file")
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > MAX_FILE_BYTES:
                raise LibraryError(
                    f"{shown(path.name)} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; "
                    "it is not a review file"
                )
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def parse_file(path: Path, data: bytes) -> LibraryFile:
    """The review a file holds, checked against the name it is filed under."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise LibraryError(f"{shown(path.name)}: not UTF-8 text") from None
    try:
        document = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        if "\n<<<<<<< " in "\n" + text:
            raise LibraryError(
                f"{shown(path.name)} holds git's conflict markers; finish the merge by taking "
                "either side's file (the import then keeps both versions if both changed)"
            ) from None
        raise LibraryError(f"{shown(path.name)}: not valid JSON (perhaps cut short?): {exc.msg} "
                           f"at line {exc.lineno}, column {exc.colno}") from None
    except (ValueError, RecursionError) as exc:
        raise LibraryError(f"{shown(path.name)}: not readable JSON: {exc}") from None
    try:
        if not isinstance(document, dict):
            from_document(document)  # says what it is instead
        history = _history(document)
        content = {k: v for k, v in document.items() if k != "history"}
        snapshot = from_document(content)
    except (ValueError, RecursionError) as exc:
        raise LibraryError(f"{shown(path.name)}: {exc}") from None
    stem = path.name[: -len(SUFFIX)]
    if snapshot.review.uuid != stem:
        raise LibraryError(
            f"{shown(path.name)} holds review {snapshot.review.uuid}, not the one it is named after"
        )
    # The version of what it holds, whatever its layout: a file edited by hand and
    # saved with other spacing holds the same version.
    return LibraryFile(snapshot, version_of(dumps_pretty(content) + "\n"), history)


def _history(document: dict) -> tuple[str, ...]:
    history = document.get("history", [])
    if (not isinstance(history, list) or len(history) > _HISTORY_READ
            or not all(isinstance(v, str) and _VERSION.fullmatch(v) for v in history)):
        raise ValueError('"history" is not a list of versions (16 hex digits each)')
    return tuple(history)


