"""A file's lines, read one at a time as UTF-8, so a 200 MB log never sits in memory whole.

The first bytes are checked as `text_input.decode` checks a whole file (binary,
UTF-16, NUL-filled); after that each line is decoded on its own, and a bad
byte is reported with its line and column. Progress is counted in bytes read.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from facilitator_tui.importers.contract import Progress, failure
from facilitator_tui.importers.text_input import HEAD_BYTES, check_head, open_error

_PROGRESS_BYTES = 1 << 20


class TextLines:
    """Iterate `(line number, text)` with the line ending kept ('\\n' or '\\r\\n', none on the last)."""

    def __init__(self, path: Path, name: str, expected: str, progress: Progress | None = None) -> None:
        self.path = path
        self.name = name
        self.expected = expected
        self.progress = progress
        try:
            self.size = path.stat().st_size
        except OSError as exc:
            raise open_error(path, exc) from None
        self.done = 0

    def __iter__(self) -> Iterator[tuple[int, str]]:
        try:
            handle: BinaryIO = self.path.open("rb")
        except OSError as exc:
            raise open_error(self.path, exc) from None
        with handle:
            head = handle.read(HEAD_BYTES)
            check_head(head, self.name, self.expected)
            handle.seek(0)
            yield from self._lines(handle)

    def _lines(self, handle: BinaryIO) -> Iterator[tuple[int, str]]:
        progress = self.progress
        total = self.size
        next_report = 0
        number = 0
        for raw in handle:
            number += 1
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                self.done += 3
                raw = raw[3:]
            self.done += len(raw)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise failure(self.name, f"is not UTF-8 text (byte 0x{raw[exc.start]:02X} at column "
                              f"{exc.start + 1}); save it as UTF-8 and import it again", line=number) from None
            if progress is not None and self.done >= next_report:
                progress(self.done, total, force=True)
                next_report = self.done + _PROGRESS_BYTES
            yield number, text
        if progress is not None:
            progress(total, total, force=True)


def stripped(text: str) -> str:
    """A line without its ending."""
    return text.rstrip("\r\n") if text.endswith("\n") else text.removesuffix("\r")
