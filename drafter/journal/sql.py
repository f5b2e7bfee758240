"""What the SQL backends (SQLite, PostgreSQL) share: an event's columns and how `records()` asks for them.

Each backend speaks its own dialect (placeholders `?` or `%s`, its connection, its errors); the columns
of the events table and the filter of `JournalReader.records` are the same in both, so they live here.
"""

from __future__ import annotations

from drafter.journal.store import RecordKind

COLUMNS = "seq, time, actor, kind, party, meeting, target, before, after, stance, choice, note, refers, data"
JOINED_COLUMNS = ", ".join(f"e.{column}" for column in COLUMNS.split(", "))  # of `events e` in a join


def records_filter(
    after: int, *, positions: bool, target: str | None, placeholder: str
) -> tuple[str, list[object]]:
    """The WHERE condition and its values for `records(after, positions=..., target=...)`."""
    where = [f"seq > {placeholder}"]
    values: list[object] = [after]
    if not positions:
        where.append(f"kind <> '{RecordKind.POSITION.value}'")  # a literal, so the partial index applies
    if target is not None:
        where.append(f"target = {placeholder}")
        values.append(target)
    return " AND ".join(where), values
