"""Where a draft's journal lives: beside the draft (SQLite), in a file named by `--journal`, or in a
PostgreSQL database named by a `postgresql://` URL (`--journal`, or `DRAFTER_JOURNAL` for every command)."""

from __future__ import annotations

import os
from pathlib import Path

from drafter.journal.sqlite import SqliteStore, journal_path_for
from drafter.journal.store import JournalError, JournalStore

JOURNAL_VARIABLE = "DRAFTER_JOURNAL"
URL_SCHEMES = ("postgresql://", "postgres://")


def is_database_url(locator: str) -> bool:
    return locator.startswith(URL_SCHEMES)


def journal_store(
    locator: str | os.PathLike[str] | None, draft_path: Path, *, busy_timeout: float = 5.0
) -> JournalStore:
    """The store named by `locator`, else by `DRAFTER_JOURNAL`, else the SQLite file beside the draft."""
    if locator is None:
        variable = os.environ.get(JOURNAL_VARIABLE, "").strip()
        if variable and not is_database_url(variable):
            raise JournalError(
                f"{JOURNAL_VARIABLE}={variable}: not a postgresql:// URL (name a journal file with --journal)"
            )
        locator = variable or None
    if locator is None:
        return SqliteStore(journal_path_for(draft_path), busy_timeout=busy_timeout)
    text = os.fspath(locator)
    if is_database_url(text):
        from drafter.journal.postgres import PostgresStore  # psycopg loads only for a database journal

        return PostgresStore(text, busy_timeout=busy_timeout)
    if "://" in text:  # a URL of another kind, or a misspelt scheme: never a file name to create
        raise JournalError(f"{text}: not a journal location (a file, or a postgresql:// URL)")
    return SqliteStore(Path(text), busy_timeout=busy_timeout)
