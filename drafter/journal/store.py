"""The storage interface of the journal: an append-only sequence of records over a base text."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import NamedTuple, Protocol


class JournalError(Exception):
    """A journal that cannot be used: unreadable, from another draft, or damaged."""


class JournalBusyError(JournalError):
    """Another process holds the journal's write lock for longer than we wait."""


class NewRecord(NamedTuple):
    """An event to append; the journal gives it its sequence number."""

    time: str
    actor: str
    kind: str
    party: str | None = None
    meeting: str | None = None
    target: str | None = None
    before: str | None = None
    after: str | None = None
    stance: str | None = None
    choice: int | None = None
    note: str | None = None
    refers: int | None = None
    data: str | None = None  # JSON: a change's edits and ids, a Party's aliases


class Record(NamedTuple):
    """A stored event: `seq` counts from 1 without gaps, in the order events happened."""

    seq: int
    time: str
    actor: str
    kind: str
    party: str | None
    meeting: str | None
    target: str | None
    before: str | None
    after: str | None
    stance: str | None
    choice: int | None
    note: str | None
    refers: int | None
    data: str | None


POSITION_KIND = "position"  # records of this kind also update the latest-position index


class JournalWriter(Protocol):
    """The journal inside one write transaction, which holds the write lock."""

    def records_after(self, seq: int) -> Sequence[Record]:
        """Records appended (by anyone) after `seq`: catch up on them before appending."""
        ...

    def append(self, record: NewRecord, *, after: int) -> Record:
        """Appends `record` as number `after + 1`; `JournalError` if `after` is not the last number."""
        ...


class Journal(Protocol):
    location: str  # shown in messages

    @property
    def base_text(self) -> bytes: ...

    @property
    def base_sha256(self) -> str: ...

    def records(
        self, after: int = 0, *, positions: bool = True, target: str | None = None
    ) -> Iterator[Record]:
        """Records after `after`, in order; without positions, or only those about `target`, if asked."""
        ...

    def last_seq(self) -> int:
        """The number of the last record (0 for none)."""
        ...

    def position_groups(self) -> Iterator[tuple[str, str, int | None, tuple[str, ...]]]:
        """(target, stance, choice, Parties) of the latest position of every Party on every element."""
        ...

    def latest_positions(self, target: str) -> list[Record]:
        """The latest position record of each Party on `target`, oldest first."""
        ...

    def reading(self) -> AbstractContextManager[None]:
        """A consistent snapshot for the reads inside the block."""
        ...

    def writing(self) -> AbstractContextManager[JournalWriter]:
        """A write transaction: committed durably on leaving the block, rolled back on an exception."""
        ...

    def close(self) -> None: ...
