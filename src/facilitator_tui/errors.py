"""The app's own error types: every failure a person can meet, as one line they can act on.

The store translates sqlite3's errors into these at its edge; the service raises
them; screens and the CLI catch `FacilitatorError` and show its text. Nothing
above the service ever sees a sqlite3 exception. A message never quotes the
text of a note: it may be private, and the screen may be shared.
"""

from __future__ import annotations


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
]
