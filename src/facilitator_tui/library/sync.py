"""Sync by identity: what to do with each review between this database and a library folder.

The database keeps, per review, what it last exchanged with the library (a
`SyncRecord`): the file's hash, the version of its content, the history the
file carried, and the review's revision at that moment. A change *here* is a
revision that moved. A change *there* is a file whose version moved. Each file
names the version it was written as and those it was made from (its history,
newest first), so a file's version is the one last exchanged, an older one, a
newer one made from it, or one made apart from it while this database had its
own (a clash that git may even have "resolved" by keeping one side).

Export writes what changed here; import takes in what changed there; a review
changed on both sides is never overwritten: import keeps this database's
version and adds the folder's as a separate review, named in the summary, and
the next export writes both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from facilitator_tui.library.rows import SyncRecord
from facilitator_tui.safe_text import clip, single_line

# The revision a record holds when this database's version still has to be written
# out (after a clash the folder's version was taken in as a copy, or the folder went
# back to an older version).
NOT_WRITTEN = -1
COPY_MARK = " (library version)"
HISTORY_KEPT = 64


class Incoming(Enum):
    SAME = "same"  # the version last exchanged
    OLDER = "older"  # one the last exchanged version was made from: nothing new
    NEWER = "newer"  # made from the version last exchanged: a change there
    APART = "apart"  # made without it: changed there while this side had its own


def incoming(record: SyncRecord, version: str, history: tuple[str, ...]) -> Incoming:
    """How a file's version stands to the one this database last exchanged."""
    if version == record.version:
        return Incoming.SAME
    if version in record.history:
        return Incoming.OLDER
    if record.version in history:
        return Incoming.NEWER
    return Incoming.APART


def next_history(record: SyncRecord | None, version: str) -> tuple[str, ...]:
    """The history a newly written `version` carries: itself, then what it was made from.

    The file's own version comes first, so that an edit made to the file outside
    the app (by hand, or a merge in git) still names the version it was made from.
    """
    earlier = (record.version, *record.history) if record is not None else ()
    return tuple(dict.fromkeys((version, *earlier)))[:HISTORY_KEPT]


def title_line(title: str) -> str:
    return "“" + clip(single_line(title), 70) + "”"


@dataclass
class ExportSummary:
    written: int = 0
    new: int = 0
    unchanged: int = 0
    # (file name, title): changed in the folder since the last import, so not overwritten
    held_back: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"wrote {self.written} review file{'s' if self.written != 1 else ''} "
               f"({self.new} new), {self.unchanged} unchanged"]
        for name, title in self.held_back:
            out.append(f"not written: {name} {title_line(title)} changed in the folder since "
                       "the last import; run 'facilitator library import' first")
        return out


@dataclass
class ImportSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    # reviews deleted in this database after an exchange whose file did not change since
    kept_deleted: int = 0
    # files holding a version older than this database's: its own is written next export
    older: int = 0
    # (title, this database's review id, the id the folder's version was added as)
    both_changed: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.updated or self.both_changed)

    def lines(self) -> list[str]:
        out = [f"added {self.added}, updated {self.updated}, {self.unchanged} unchanged"]
        if self.older:
            out.append(f"{self.older} file{'s' if self.older != 1 else ''} older than this "
                       "database's version; the next export writes the newer one")
        if self.kept_deleted:
            out.append(f"{self.kept_deleted} review{'s' if self.kept_deleted != 1 else ''} deleted "
                       "here stay deleted (their files did not change)")
        for title, mine, theirs in self.both_changed:
            out.append(f"changed on both sides: {title_line(title)}: yours is review {mine}, "
                       f"the folder's was added as review {theirs}; compare them and delete one")
        return out
