"""Turning a file's bytes into text, or into a one-line reason why they are not text.

Accepts UTF-8 with or without a byte-order mark. Refuses binary files and
other encodings with a message that names the file and, for a bad byte, the line.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

from facilitator_tui.importers.contract import ImportFailure, failure

# Formats people mistake for logs: archives, images, documents, databases, programs.
_BINARY_MAGIC = (
    b"\x1f\x8b", b"\xfd7zXZ\x00", b"7z\xbc\xaf", b"\x89PNG", b"GIF8", b"\xff\xd8\xff",
    b"%PDF-", b"\x7fELF", b"SQLite format 3\x00", b"\xd0\xcf\x11\xe0", b"Rar!\x1a",
)
_UTF16_32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_HEAD = 8192
HEAD_BYTES = 64 * 1024
ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"


def read_bytes(path: Path, limit: int | None = None, what: str = "file") -> bytes:
    """The whole file, or an ImportFailure saying why it cannot be read (or is over `limit` bytes)."""
    try:
        if limit is not None and path.stat().st_size > limit:
            raise failure(path.name, f"is {path.stat().st_size / 1e6:.0f} MB; a {what} over "
                          f"{limit / 1e6:.0f} MB is more than one incident needs")
        return path.read_bytes()
    except OSError as exc:
        raise open_error(path, exc) from None


def read_head(path: Path, size: int = HEAD_BYTES) -> bytes:
    """The first `size` bytes of a file."""
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError as exc:
        raise open_error(path, exc) from None


def open_error(path: Path, exc: OSError) -> ImportFailure:
    if isinstance(exc, FileNotFoundError):
        return failure(path.name, "no such file")
    if isinstance(exc, IsADirectoryError):
        return failure(path.name, "is a folder, not a file")
    if isinstance(exc, PermissionError):
        return failure(path.name, "cannot read it: permission denied")
    return failure(path.name, f"cannot read it: {exc.strerror or exc}")


def check_head(head: bytes, name: str, expected: str) -> None:
    """Refuse, from its first bytes, a file that is not UTF-8 text (binary, UTF-16, zeros)."""
    if head.startswith(_UTF16_32_BOMS) and not head.startswith(codecs.BOM_UTF8):
        raise failure(name, "is UTF-16 or UTF-32 text; save it as UTF-8 and import it again")
    if head.startswith(_BINARY_MAGIC) or is_zip(head):
        raise failure(name, f"looks like a binary file, not {expected}")
    sample = head[:_HEAD]
    text = sample.decode("utf-8", errors="ignore")
    if _mostly_nul(text):
        raise failure(name, f"looks like a binary file, not {expected}")
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4 and looks_binary(sample):
            raise failure(name, f"looks like a binary file, not {expected}") from None


def is_zip(data: bytes) -> bool:
    return data.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC))


def looks_binary(head: bytes) -> bool:
    """A cheap guess from the first bytes: a known binary signature, a NUL, or many control bytes."""
    if head.startswith(_BINARY_MAGIC) or is_zip(head):
        return True
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))
    return len(head) > 0 and controls / len(head) > 0.1


def decode(data: bytes, name: str, expected: str = "a text log") -> str:
    """UTF-8 text without its byte-order mark; binary and other encodings raise ImportFailure."""
    if data.startswith(_UTF16_32_BOMS) and not data.startswith(codecs.BOM_UTF8):
        raise failure(name, "is UTF-16 or UTF-32 text; save it as UTF-8 and import it again")
    head = data[:_HEAD]
    if head.startswith(_BINARY_MAGIC) or is_zip(head):
        raise failure(name, f"looks like a binary file, not {expected}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if looks_binary(head):
            raise failure(name, f"looks like a binary file, not {expected}") from None
        offset = exc.start
        line = data.count(b"\n", 0, offset) + 1
        column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
        raise failure(
            name,
            f"is not UTF-8 text (byte 0x{data[offset]:02X} at column {column}); "
            "save it as UTF-8 and import it again",
            line=line,
        ) from None
    if _mostly_nul(text[:_HEAD]):
        raise failure(name, f"looks like a binary file, not {expected}")
    return text


def _mostly_nul(head: str) -> bool:
    # Valid UTF-8 can still be binary (a zero-filled file); a stray NUL in real text is kept.
    return head.startswith("\x00") or (len(head) >= 512 and head.count("\x00") > len(head) * 0.3)


def require_content(text: str, name: str) -> None:
    if not text.strip():
        raise failure(name, "the file is empty; there is nothing to import")


def load_json(text: str, name: str) -> Any:
    """Parsed JSON, or an ImportFailure with the line of the first problem."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        tail = text.rstrip()
        if not tail.lstrip().startswith(("{", "[")):
            problem = f"not JSON ({exc.msg})"
        elif exc.pos >= len(tail) or not tail.endswith(("}", "]")):
            problem = "truncated JSON: the file ends early"
        else:
            problem = f"invalid JSON: {exc.msg}"
        raise failure(name, problem, line=exc.lineno) from None
    except RecursionError:
        raise failure(name, "invalid JSON: nested too deeply") from None


def json_from_bytes(data: bytes, name: str, expected: str) -> Any:
    text = decode(data, name, expected)
    require_content(text, name)
    return load_json(text, name)


__all__ = [
    "ImportFailure", "check_head", "decode", "is_zip", "json_from_bytes", "load_json", "looks_binary",
    "open_error", "read_bytes", "read_head", "require_content",
]
