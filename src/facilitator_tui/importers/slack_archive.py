"""Reading the files of a Slack export, from a folder or straight out of a .zip.

A zip is never extracted: members are read into memory one at a time. Member
names that could escape a folder (absolute, `..`, drive letters) are ignored.
A zip bomb is refused before anything is read: an archive whose entries would
unpack to more than MAX_ARCHIVE_BYTES, that holds more than MAX_ENTRIES
entries, or with one member over MAX_MEMBER_BYTES. In a folder, a symbolic link
(a day file, a channel folder or a list) is followed only if it stays inside
the export: one pointing elsewhere is refused, never read.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from facilitator_tui.importers.contract import failure
from facilitator_tui.importers.text_input import json_from_bytes

DAY_FILE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.json$")
# Top-level lists of conversations a workspace export may hold, public to private.
CONVERSATION_LISTS = ("channels.json", "groups.json", "mpims.json", "dms.json")
MAX_MEMBER_BYTES = 64 * 1024 * 1024  # one channel's day: far more than any incident
MAX_ARCHIVE_BYTES = 512 * 1024 * 1024  # the whole export, unpacked
MAX_ENTRIES = 50_000
_MAX_RATIO = 200
_TRIM = "; export only the incident's channels and days, and import that"


@dataclass(frozen=True)
class DayFile:
    channel: str  # the folder name, which is the channel's name
    day: str
    member: str  # path inside the export, '/'-separated


class ExportArchive:
    """The files of one export, named by '/'-separated paths relative to its root."""

    label: str
    _names: list[str] | None = None
    _name_set: frozenset[str] = frozenset()

    def _list(self) -> list[str]:
        raise NotImplementedError

    def read(self, member: str) -> bytes:
        raise NotImplementedError

    def close(self) -> None:
        """Nothing to release by default."""

    def names(self) -> list[str]:
        if self._names is None:
            self._names = self._list()
            self._name_set = frozenset(self._names)
        return self._names

    def has(self, member: str) -> bool:
        self.names()
        return member in self._name_set

    def json(self, member: str, expected: str = "Slack export JSON") -> Any:
        return json_from_bytes(self.read(member), self.member_label(member), expected)

    def member_label(self, member: str) -> str:
        return f"{self.label}: {member}" if member else self.label

    def day_files(self, single_channel: str | None = None) -> list[DayFile]:
        """Every `<channel>/<YYYY-MM-DD>.json`, or day files at the root as one channel."""
        found = []
        for name in self.names():
            parts = name.split("/")
            if len(parts) == 2 and DAY_FILE.match(parts[1]):
                found.append(DayFile(parts[0], parts[1][:10], name))
            elif len(parts) == 1 and single_channel and DAY_FILE.match(parts[0]):
                found.append(DayFile(single_channel, parts[0][:10], name))
        found.sort(key=lambda d: (d.channel, d.day))
        return found

    def looks_like_export(self) -> bool:
        return any(self.has(n) for n in CONVERSATION_LISTS) or bool(self.day_files())


class FolderArchive(ExportArchive):
    def __init__(self, root: Path) -> None:
        self.root = root
        self.label = root.name or str(root)
        self._real_root: Path | None = None

    def _inside(self, member: str) -> Path:
        """The member's real path, or ImportFailure if a link takes it outside the export."""
        if self._real_root is None:
            self._real_root = self.root.resolve()
        real = (self.root / member).resolve()
        if not real.is_relative_to(self._real_root):
            raise failure(self.member_label(member), "is a link to a file outside the export; "
                          "it is not followed (copy the file into the export instead)")
        return real

    def _list(self) -> list[str]:
        names: list[str] = []
        try:
            for entry in sorted(self.root.iterdir()):
                if entry.is_file():
                    self._inside(entry.name)
                    names.append(entry.name)
                elif entry.is_dir():
                    self._inside(entry.name)
                    for item in sorted(entry.iterdir()):
                        if item.is_file():
                            member = f"{entry.name}/{item.name}"
                            self._inside(member)
                            names.append(member)
        except OSError as exc:
            raise failure(self.label, f"cannot read the folder: {exc.strerror or exc}") from None
        return names

    def has(self, member: str) -> bool:
        # Asks the file system directly, so a lone day file can look for users.json beside its
        # folder without listing everything there.
        path = self.root / member
        if not path.is_file():
            return False
        self._inside(member)
        return True

    def read(self, member: str) -> bytes:
        real = self._inside(member)
        label = self.member_label(member)
        try:
            if real.stat().st_size > MAX_MEMBER_BYTES:
                raise failure(label, f"is over {MAX_MEMBER_BYTES >> 20} MB, more than one channel's day "
                              "of an incident" + _TRIM)
            return real.read_bytes()
        except OSError as exc:
            raise failure(label, f"cannot read it: {exc.strerror or exc}") from None


class ZipArchive(ExportArchive):
    def __init__(self, path: Path) -> None:
        self.label = path.name
        try:
            self._zip = zipfile.ZipFile(path)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
            raise failure(self.label, f"is not a readable zip archive ({_reason(exc)})") from None
        if len(infos) > MAX_ENTRIES:
            raise failure(self.label, f"holds {len(infos)} entries; more than {MAX_ENTRIES} is refused as a "
                          "possible zip bomb" + _TRIM)
        unpacked = sum(info.file_size for info in infos)
        if unpacked > MAX_ARCHIVE_BYTES:
            raise failure(self.label, f"would unpack to {unpacked / 1e6:.0f} MB; more than "
                          f"{MAX_ARCHIVE_BYTES >> 20} MB is refused as a possible zip bomb" + _TRIM)
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = safe_member_name(info.filename)
            if name is not None and not info.is_dir():
                self._infos[name] = info
        self._root = _export_root(list(self._infos))

    def _list(self) -> list[str]:
        cut = len(self._root)
        return [name[cut:] for name in self._infos if name.startswith(self._root)]

    def read(self, member: str) -> bytes:
        info = self._infos[self._root + member]
        label = self.member_label(member)
        if info.file_size > MAX_MEMBER_BYTES or (
            info.file_size > 50 * 1024 * 1024 and info.file_size > _MAX_RATIO * max(1, info.compress_size)
        ):
            raise failure(label, "is too large to import (looks like a zip bomb)")
        try:
            with self._zip.open(info) as handle:
                data = handle.read(MAX_MEMBER_BYTES + 1)
        except RuntimeError:
            raise failure(label, "is encrypted; export again without a password") from None
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, OSError, ValueError) as exc:
            raise failure(label, f"cannot be read from the zip ({_reason(exc)})") from None
        if len(data) > MAX_MEMBER_BYTES:
            raise failure(label, "is too large to import (looks like a zip bomb)")
        return data

    def close(self) -> None:
        self._zip.close()


def safe_member_name(raw: str) -> str | None:
    """A zip member name as a relative '/' path, or None if it could point outside the export."""
    name = raw.replace("\\", "/")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or "\x00" in name:
        return None
    parts = [p for p in PurePosixPath(name).parts if p not in ("", ".")]
    if not parts or ".." in parts or parts[0] == "__MACOSX":
        return None
    return "/".join(parts)


def _export_root(names: list[str]) -> str:
    """The folder inside the zip that holds the export: '' or a single wrapping folder."""
    lists = [n for n in names if n.rsplit("/", 1)[-1] in CONVERSATION_LISTS]
    if lists:
        shortest = min(lists, key=lambda n: n.count("/"))
        return shortest[: shortest.rfind("/") + 1]
    tops = {n.split("/", 1)[0] for n in names if "/" in n}
    top_files = [n for n in names if "/" not in n]
    nested_days = any(len(n.split("/")) == 3 and DAY_FILE.match(n.rsplit("/", 1)[-1]) for n in names)
    if len(tops) == 1 and not top_files and nested_days:
        return tops.pop() + "/"
    return ""


def _reason(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
