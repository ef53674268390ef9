"""Where facilitator-tui keeps its database, and how a user points it elsewhere."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "facilitator-tui"
DB_ENV = "FACILITATOR_DB"
DB_FILENAME = "reviews.db"


def data_dir() -> Path:
    # Imported here: a start with --db (or $FACILITATOR_DB) never needs platformdirs.
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The database to use: `--db`, else $FACILITATOR_DB, else the user data dir."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(DB_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    return default_db_path()


LOG_ENV = "FACILITATOR_LOG"
LOG_FILENAME = "facilitator.log"


def log_path() -> Path:
    """The log of errors the app survived: $FACILITATOR_LOG, else the user state folder."""
    env = os.environ.get(LOG_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    from platformdirs import user_state_path

    return user_state_path(APP_NAME, appauthor=False) / LOG_FILENAME


PICTURES_ENV = "FACILITATOR_PICTURES"


def pictures_dir() -> Path:
    """Where a picture of the screen is saved: $FACILITATOR_PICTURES, else the downloads folder."""
    env = os.environ.get(PICTURES_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    from platformdirs import user_downloads_path

    return user_downloads_path()


RUNTIME_ENV = "FACILITATOR_RUNTIME_DIR"


def runtime_dir() -> Path:
    """Where running windows leave small files for each other (a mirror says it is following):
    $FACILITATOR_RUNTIME_DIR, else the user runtime folder if the system has one, else the
    user state folder. Created with mode 0700."""
    env = os.environ.get(RUNTIME_ENV, "").strip()
    if env:
        candidates = [Path(env).expanduser()]
    else:
        from platformdirs import user_runtime_path, user_state_path

        candidates = [user_state_path(APP_NAME, appauthor=False) / "run"]
        # On Linux only where the session has one ($XDG_RUNTIME_DIR): platformdirs would
        # otherwise make one up under /tmp, and warn.
        if os.environ.get("XDG_RUNTIME_DIR") or not sys.platform.startswith("linux"):
            candidates.insert(0, user_runtime_path(APP_NAME, appauthor=False))
    for folder in candidates:
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            return folder
        except OSError:
            continue
    return candidates[-1]
