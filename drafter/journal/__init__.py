"""The journal: one durable record per draft of its base text and every event since.

`Journal` is the storage interface the session uses; `drafter.journal.sqlite`
implements it with a SQLite file beside the draft. A PostgreSQL backend, for
several facilitators on several machines, implements the same interface.
"""

from drafter.journal.store import (
    Journal,
    JournalBusyError,
    JournalError,
    JournalReadOnlyError,
    JournalStore,
    JournalWriter,
    NewRecord,
    Record,
    RecordKind,
)

__all__ = [
    "Journal",
    "JournalBusyError",
    "JournalError",
    "JournalReadOnlyError",
    "JournalStore",
    "JournalWriter",
    "NewRecord",
    "Record",
    "RecordKind",
]
