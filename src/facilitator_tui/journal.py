"""Typed text the database refused, kept on disk until the database takes it.

A note the database cannot take yet (another program holds its lock, the disk
is full, the file became read-only) waits in memory and is tried again; a
killed terminal would lose it. So it is also appended here, one JSON line per
entry, and the line is on disk (fsync) before the app answers the next key. The
next time its review is opened, the entries are saved through the service and
settled (the file is rewritten without them, all or nothing).

One small file per database, named by a hash of the database's full path, so
two databases never mix; 0600 in a 0700 folder, as private notes may be in it.
Each entry names its review by id and UUID, so it never lands in another review.
A damaged line (torn by a crash mid-write, or garbage) is moved to a file beside
the journal, never read as an entry, and never stops start-up.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from facilitator_tui.files import MODE, append_durable, write_file
from facilitator_tui.paths import journal_dir

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX: one window at a time is assumed
    fcntl = None  # type: ignore[assignment]

VERSION = 1
EntryKind = Literal["note", "draft"]
# A long meeting in trouble writes a draft line each 0.4 s of typing: only the last
# draft of a review counts, so the file is rewritten without the older ones now and then.
COMPACT_EVERY = 64


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class JournalEntry:
    """A note entered (or a draft typed) that the database refused, with what it links to."""

    entry: EntryKind
    review_id: int
    review_uuid: str
    text: str  # as typed: the kind prefix and @name are read again when it is saved
    default_kind: str = "observation"
    event_id: int | None = None
    prompt_id: str | None = None
    seq: int = 0
    at: str = field(default_factory=_now)
    # The saved note carries this id (see the service), so a replay saves it once.
    id: str = field(default_factory=lambda: secrets.token_hex(16))

    def line(self) -> str:
        # ASCII: a lone surrogate a terminal let through is escaped, never an encoding error.
        import json  # with the first entry: a start with nothing waiting never needs it

        return json.dumps({"v": VERSION, **asdict(self)}) + "\n"

    @classmethod
    def from_line(cls, line: bytes) -> JournalEntry:
        """The entry a line holds; ValueError if it is not one (torn, garbage, another format)."""
        import json

        try:
            data = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError("not a journal line") from exc
        if not isinstance(data, dict) or data.pop("v", None) != VERSION:
            raise ValueError("not a journal line")
        checks: dict[str, tuple[type, ...]] = {
            "entry": (str,), "review_id": (int,), "review_uuid": (str,), "text": (str,),
            "default_kind": (str,), "event_id": (int, type(None)),
            "prompt_id": (str, type(None)), "seq": (int,), "at": (str,), "id": (str,),
        }
        if set(data) != set(checks) or data["entry"] not in ("note", "draft"):
            raise ValueError("not a journal line")
        for name, types in checks.items():
            if not isinstance(data[name], types) or (types == (int,) and isinstance(data[name], bool)):
                raise ValueError(f"journal line with a bad {name}")
        return cls(**data)


@dataclass
class JournalRead:
    entries: list[JournalEntry]
    damaged: int = 0  # lines that were not entries, moved aside
    aside: Path | None = None


def journal_path(db_path: str | os.PathLike[str]) -> Path:
    """The journal of one database: named by its full path, so two databases never share one."""
    key = hashlib.sha256(str(Path(db_path).expanduser().resolve()).encode("utf-8")).hexdigest()[:32]
    return journal_dir() / f"{key}.jsonl"


class Journal:
    """The append-only file of one database's refused text."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.seq = -1  # read from the file the first time it is needed
        self.appended = 0

    @classmethod
    def for_database(cls, db_path: str | os.PathLike[str]) -> Journal:
        return cls(journal_path(db_path))

    # -- writing --------------------------------------------------------------------

    def append(self, entry: JournalEntry) -> JournalEntry:
        """Write `entry` and wait until it is on disk; returns it with its sequence number."""
        with self._locked():
            if self.seq < 0:
                self.seq = max((e.seq for _, e in self._lines() if e is not None), default=0)
            self.seq += 1
            numbered = JournalEntry(**{**asdict(entry), "seq": self.seq})
            append_durable(self.path, numbered.line())
            self.appended += 1
            if entry.entry == "draft" and self.appended % COMPACT_EVERY == 0:
                self._rewrite(self._lines(), drop=set(), older_drafts=True)
        return numbered

    def settle(self, done: Collection[str] = (), drafts_of: Collection[str] = ()) -> None:
        """The database took these: drop the entries `done`, and every draft of the reviews
        (by UUID) in `drafts_of`. The file is rewritten at once, or removed when empty."""
        if not done and not drafts_of:
            return
        with self._locked():
            lines = self._lines()
            drop = {i for i, (_, e) in enumerate(lines) if e is not None and (
                e.id in done or (e.entry == "draft" and e.review_uuid in drafts_of))}
            if drop:
                self._rewrite(lines, drop=drop)

    def set_aside(self, entries: Collection[JournalEntry]) -> Path | None:
        """Move `entries` to a file beside the journal (their review is gone); returns it."""
        if not entries:
            return None
        with self._locked():
            aside = self._keep_aside("".join(e.line() for e in entries).encode("utf-8"))
            ids = {e.id for e in entries}
            lines = self._lines()
            self._rewrite(lines, drop={i for i, (_, e) in enumerate(lines) if e and e.id in ids})
        return aside

    # -- reading --------------------------------------------------------------------

    def read(self) -> JournalRead:
        """Every entry waiting, in the order written; damaged lines are moved aside first."""
        if not os.path.lexists(self.path):  # the usual case: nothing waits, nothing is created
            return JournalRead([])
        with self._locked():
            lines = self._lines()
            bad = [i for i, (raw, e) in enumerate(lines) if e is None and raw.strip()]
            aside = None
            if bad:
                aside = self._keep_aside(b"".join(lines[i][0].rstrip(b"\n") + b"\n" for i in bad))
                self._rewrite(lines, drop=set(bad))
            entries = [e for _, e in lines if e is not None]
        return JournalRead(entries, len(bad), aside)

    def _lines(self) -> list[tuple[bytes, JournalEntry | None]]:
        try:  # a link planted in place of the journal is never read
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
        except FileNotFoundError:
            return []
        with os.fdopen(fd, "rb") as handle:
            data = handle.read()
        out: list[tuple[bytes, JournalEntry | None]] = []
        for raw in data.splitlines(keepends=True):
            try:
                out.append((raw, JournalEntry.from_line(raw)))
            except ValueError:
                out.append((raw, None))
        return out

    # -- the file ---------------------------------------------------------------------

    def _rewrite(self, lines: list[tuple[bytes, JournalEntry | None]], *, drop: set[int],
                 older_drafts: bool = False) -> None:
        if older_drafts:  # only the last draft of each review is worth keeping
            last: dict[str, int] = {}
            for i, (_, e) in enumerate(lines):
                if e is not None and e.entry == "draft":
                    last[e.review_uuid] = i
            drop = drop | {i for i, (_, e) in enumerate(lines)
                           if e is not None and e.entry == "draft" and last[e.review_uuid] != i}
        kept = [raw if raw.endswith(b"\n") else raw + b"\n"
                for i, (raw, _) in enumerate(lines) if i not in drop and raw.strip()]
        if kept:
            write_file(self.path, b"".join(kept), overwrite=True)
        else:
            self.path.unlink(missing_ok=True)

    def _keep_aside(self, data: bytes) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        aside = self.path.with_name(f"{self.path.stem}.aside-{stamp}-{secrets.token_hex(3)}.jsonl")
        return write_file(aside, data)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """One writer at a time, across windows open on the same database."""
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if fcntl is None:
            yield
            return
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(self.path.with_name(self.path.name + ".lock"), flags, MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

