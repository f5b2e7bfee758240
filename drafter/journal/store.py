"""The storage interface of the journal: an append-only sequence of records over a base text."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from enum import StrEnum
from typing import NamedTuple, Protocol


class JournalError(Exception):
    """A journal that cannot be used: unreadable, from another draft, or damaged."""


class JournalBusyError(JournalError):
    """Another process holds the journal's write lock for longer than we wait."""


class JournalReadOnlyError(JournalError):
    """This process may not write the journal (or create one where it would go): open it read-only."""


class RecordKind(StrEnum):
    """What a journal record is: the one vocabulary of records, for every backend and every reader.

    It lives with the storage interface because a backend indexes position records (the latest
    position of each Party on each element), and the storage must not import the negotiation layer.
    """

    POSITION = "position"  # a Party's stance on an element
    SETTING = "setting"  # the current Party, meeting, filter, place in the text
    PARTY = "party"  # a Party or group added to this journal's registry
    ROSTER = "roster"  # the Parties in the room for a meeting
    LINK = "link"  # elements linked: one requires or excludes others, or they form a package
    UNLINK = "unlink"  # a link taken back
    # Changes to the text (`drafter.negotiation.changes.Change.kind`):
    KEEP = "keep"
    DELETE = "delete"
    CHOOSE = "choose"
    AMEND = "amend"
    BRACKET = "bracket"
    PROPOSE = "propose"
    REOPEN = "reopen"
    UNDO = "undo"
    REDO = "redo"
    # The versions a journal was carried from (`drafter carry`): a summary in `after`, the chain as JSON in
    # `data` (each earlier version's name, base and consolidated text hashes, date, journal, events).
    CARRIED = "carried"
    # Corrections of the reading (which adjacent brackets are alternatives): changes that edit no text.
    SPLIT = "split"
    JOIN = "join"


class NewRecord(NamedTuple):
    """An event to append; the journal gives it its sequence number."""

    time: str
    actor: str
    kind: str  # a RecordKind (a journal copied as it is passes its stored kinds on unread)
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
    kind: str  # a RecordKind value, as stored
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

    def speakers(self) -> Iterator[tuple[str | None, str]]:
        """(meeting, Party) for every Party that took a position in that meeting (once each)."""
        ...

    def reading(self) -> AbstractContextManager[None]:
        """A consistent snapshot for the reads inside the block."""
        ...

    def writing(self) -> AbstractContextManager[JournalWriter]:
        """A write transaction: committed durably on leaving the block, rolled back on an exception."""
        ...

    def changed_since(self, seq: int) -> bool:
        """Whether records after `seq` may exist: cheap and non-blocking, for polling several times a
        second. A True may be spurious (read the records to know); a False may lag another process's
        commit by the moment its notification takes to arrive (PostgreSQL), never longer."""
        ...

    def wait_for_change(self, seq: int, timeout: float) -> bool:
        """Blocks until records after `seq` exist (True) or `timeout` seconds pass (False)."""
        ...

    def close(self) -> None: ...


class JournalStore(Protocol):
    """Where journals live: a SQLite file beside the draft, or a PostgreSQL database holding many drafts.

    A draft's journal is found by its identity: the file name and the SHA-256 of its base text.
    """

    location: str  # shown in messages (never a password)
    notes: list[str]  # what opening noticed and the user should hear (an empty leftover treated as absent...)

    def open(self, name: str, sha256: str, *, read_only: bool) -> Journal | None:
        """The journal of the draft, or of another version of it (the caller compares the base);
        None when there is none yet. For writing, `JournalReadOnlyError` when this process may not
        write it (or create it): the caller then opens it read-only."""
        ...

    def create(self, base: bytes, name: str) -> Journal:
        """Creates the draft's journal, or opens it if another process just created it."""
        ...

    def set_aside(self, name: str, sha256: str) -> str:
        """Keeps the journal of the draft's earlier text (base `sha256`) unchanged, out of the way of a new
        journal for its new text (`drafter carry FILE`); returns where it is now."""
        ...
