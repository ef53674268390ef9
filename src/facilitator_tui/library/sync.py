"""Sync by identity: what to do with each review between this database and a library folder.

The database keeps, per review, what it last exchanged with the library: the
hash of the file text and the review's revision at that moment (a `SyncRecord`).
Against that record a review has changed *here* (its revision moved), *there*
(the file's hash moved), both, or neither. Export writes what changed here;
import takes in what changed there; a review changed on both sides is never
overwritten: import keeps this database's version and adds the folder's as a
separate review, named in the summary, and the next export writes both.

With no record (the first exchange), the texts themselves are compared: equal
means in step, different counts as changed on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from facilitator_tui.library.rows import SyncRecord
from facilitator_tui.safe_text import clip, single_line

# The revision a record holds when this database's version still has to be written
# out (after a clash, the folder's version was taken in as a copy).
NOT_WRITTEN = -1
COPY_MARK = " (library version)"


class Change(Enum):
    NONE = "none"
    HERE = "here"
    THERE = "there"
    BOTH = "both"


def change(record: SyncRecord, revision: int | None, file_hash: str | None) -> Change:
    """How one review moved since the last exchange; None stands for "absent"."""
    here = revision != record.revision
    there = file_hash != record.file_hash
    if here and there:
        return Change.BOTH
    if here:
        return Change.HERE
    if there:
        return Change.THERE
    return Change.NONE


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
    # (title, this database's review id, the id the folder's version was added as)
    both_changed: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.updated or self.both_changed)

    def lines(self) -> list[str]:
        out = [f"added {self.added}, updated {self.updated}, {self.unchanged} unchanged"]
        if self.kept_deleted:
            out.append(f"{self.kept_deleted} review{'s' if self.kept_deleted != 1 else ''} deleted "
                       "here stay deleted (their files did not change)")
        for title, mine, theirs in self.both_changed:
            out.append(f"changed on both sides: {title_line(title)}: yours is review {mine}, "
                       f"the folder's was added as review {theirs}; compare them and delete one")
        return out
