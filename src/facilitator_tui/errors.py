"""The app's own error types: every failure a person can meet, as one line they can act on.

The store translates sqlite3's errors into these at its edge; the service raises
them; screens and the CLI catch `FacilitatorError` and show its text. Nothing
above the service ever sees a sqlite3 exception. A message never quotes the
text of a note: it may be private, and the screen may be shared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from facilitator_tui.safe_text import single_line

if TYPE_CHECKING:
    from pydantic import ValidationError


class FacilitatorError(Exception):
    """Base of every error the app phrases for people."""

    #: True when trying again later may succeed (a lock, a full disk).
    transient = False


class InputError(FacilitatorError, ValueError):
    """A request that cannot be carried out as given: fix the input and try again."""


class NotFoundError(InputError):
    """The review, note or event asked for is not there (it may have been deleted elsewhere)."""


class ConflictError(FacilitatorError):
    """The thing being saved was changed or deleted elsewhere since it was read."""


class StorageError(FacilitatorError):
    """The database could not do what was asked."""


class DatabaseBusy(StorageError):
    """Another program holds the database's write lock."""

    transient = True


class DatabaseFull(StorageError):
    """The disk (or the database's size limit) is full."""

    transient = True


class DatabaseReadOnly(StorageError):
    """The database file or its folder cannot be written."""


class DatabaseDamaged(StorageError):
    """The file is not a database we can read, or a page of it is damaged."""


class DatabaseUnavailable(StorageError):
    """The database file cannot be opened at all (missing folder, permissions, a folder path)."""


def problems(error: ValidationError) -> list[str]:
    """Pydantic's complaints, each rephrased as a short clause a person can act on."""
    found = []
    for problem in error.errors():
        loc = [str(part) for part in problem.get("loc", ())]
        where = ".".join(loc)
        kind = problem.get("type", "")
        if kind == "literal_error":
            field = loc[0] if loc else "value"
            noun = field[:-1] if field.endswith("s") and len(loc) > 1 else field
            expected = problem.get("ctx", {}).get("expected", "")
            found.append(f"unknown {noun} {problem.get('input')!r}; expected {expected}")
        elif kind == "missing":
            found.append(f"missing '{where}'")
        elif kind == "extra_forbidden":
            found.append(f"unknown key '{where}'")
        else:
            message = str(problem.get("msg", "invalid value")).removeprefix("Value error, ")
            found.append(f"{where}: {message}" if where else message)
    return found


def one_line(error: BaseException) -> str:
    """What went wrong, in one line a person can act on; the log file keeps the traceback.

    The one place where an error becomes words: the CLI prints it, screens show it,
    and data files and exports that fail validation are described with it.
    """
    from pydantic import ValidationError

    if isinstance(error, ValidationError):
        text = "; ".join(problems(error))
    elif isinstance(error, OSError) and error.filename and error.strerror:
        reason = {FileNotFoundError: "no such file", IsADirectoryError: "is a folder",
                  PermissionError: "permission denied"}.get(type(error), error.strerror.lower())
        text = f"{error.filename}: {reason}"
    else:
        lines = str(error).strip().splitlines()
        text = lines[0] if lines else ""
    return single_line(" ".join(text.split())) or type(error).__name__


__all__ = [
    "ConflictError",
    "DatabaseBusy",
    "DatabaseDamaged",
    "DatabaseFull",
    "DatabaseReadOnly",
    "DatabaseUnavailable",
    "FacilitatorError",
    "InputError",
    "NotFoundError",
    "StorageError",
    "one_line",
    "problems",
]
