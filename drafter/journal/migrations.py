"""Schema versions: each backend lists its migrations, numbered from 1, applied in order in one transaction.

A journal records every version applied in its `schema_version` table. A journal newer than this drafter
is refused (never written by code that does not know its shape); an older one is brought up to date by the
first process that opens it for writing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from drafter.journal.store import JournalError


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    summary: str
    statements: tuple[str, ...]


def statements(script: str) -> tuple[str, ...]:
    """The statements of a script of `;`-separated DDL (no `;` inside a statement)."""
    return tuple(s.strip() for s in script.split(";") if s.strip())


def pending(migrations: Sequence[Migration], found: int, location: str) -> Sequence[Migration]:
    """The migrations a journal at version `found` still needs; refuses a journal newer than drafter."""
    latest = migrations[-1].version
    if found > latest:
        raise JournalError(
            f"{location}: journal schema version {found} is newer than this drafter's ({latest}): "
            "upgrade drafter to use it"
        )
    return [m for m in migrations if m.version > found]
