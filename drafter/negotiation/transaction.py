"""One write to the journal, from the key (or command) to the disk, as one object a debugger can follow.

    with session.transaction() as write:      # 1. lock the journal, 2. catch up on other processes
        draft, change = resolve.keep(write.draft, element_id)   # 3. make the change from the text now
        write.append_change(draft, change)                       #    and append its record
    # 4. committed durably; only now does the session take the record in (`Ledger.take`)

A refusal raised inside the block (a stale id, a stance that does not fit, an unknown Party) rolls the
transaction back and reaches the caller as a `SessionError` with the reason; so does a journal error.

Several facilitators on one journal: what the catch-up brought in is another facilitator's work that this
one had not seen when acting. An action on an element those changes touched is refused, naming who did
what (`refuse_if_changed`), never applied to a text its author did not see; an offset into the text as
this session saw it is moved through them, or refused if they touched it (`moved`).

A draft's first write is held in memory (`_FirstWrite`) and its journal is created only once the block has
succeeded, so a refused write leaves no journal behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from types import TracebackType

from drafter.incremental.offsets import OffsetMap
from drafter.journal import (
    Journal,
    JournalBusyError,
    JournalError,
    JournalReadOnlyError,
    JournalWriter,
    NewRecord,
    Record,
)
from drafter.negotiation.changes import Change, ResolveError, transport
from drafter.negotiation.history import HistoryError
from drafter.negotiation.ledger import Ledger
from drafter.negotiation.parties import UnknownPartyError
from drafter.negotiation.positions import PositionError
from drafter.negotiation.records import Grounds, Stamp, change_record
from drafter.text.model import Draft

# What the layers below refuse, with a reason for the user: it reaches the caller as a SessionError.
REFUSALS = (JournalError, ResolveError, HistoryError, PositionError, UnknownPartyError)


class SessionError(Exception):
    """Something the session refuses, with a message for the user: journal in use, base mismatch, stale id..."""


class JournalInUseError(SessionError):
    """Another process held the journal's write lock for longer than the session waits: nothing was
    written; the same write may be tried again."""


class ReadOnlyError(SessionError):
    """This process may not write the journal (or create it): the session is read-only from now on."""


def refusal(error: JournalError) -> SessionError:
    """The session's refusal for a journal's error, of the kind a view acts on."""
    if isinstance(error, JournalBusyError):
        return JournalInUseError(str(error))
    if isinstance(error, JournalReadOnlyError):
        return ReadOnlyError(str(error))
    return SessionError(str(error))


class _FirstWrite:
    """The writer of a draft that has no journal yet: the records wait here until the block succeeds."""

    def __init__(self) -> None:
        self.records: list[NewRecord] = []

    def records_after(self, seq: int) -> list[Record]:
        return []

    def append(self, record: NewRecord, *, after: int) -> Record:
        self.records.append(record)
        return Record(after + 1, *record)


class WriteTransaction:
    """The journal's write lock held, the ledger caught up, records appended; committed on leaving."""

    def __init__(
        self,
        existing: Callable[[], Journal | None],
        create: Callable[[], Journal],
        ledger: Ledger,
        stamp: Stamp,
    ) -> None:
        """`existing()` gives the journal if there is one; `create()` makes it, once a first write succeeded."""
        self._existing = existing
        self._create = create
        self._first: _FirstWrite | None = None
        self._ledger = ledger
        self.stamp = stamp
        self._lock: AbstractContextManager[JournalWriter] | None = None
        self._writer: JournalWriter | None = None
        self._appended: list[tuple[Record, Draft | None, Change | None]] = []
        self._others: list[tuple[Record, Change]] = []  # changes caught up on: another's, not yet seen
        self.draft: Draft = ledger.draft  # the text the next change is made from

    def __enter__(self) -> WriteTransaction:
        try:
            journal = self._existing()
            if journal is None:
                self._writer = self._first = _FirstWrite()
                return self
            # Most of the catching up before the lock: other facilitators wait only for what came since.
            self._catch_up(journal.records(after=self._ledger.last_seq), journal.location)
            self._lock = journal.writing()
            self._writer = self._lock.__enter__()
        except JournalError as error:
            raise refusal(error) from None
        try:
            self._catch_up(self._writer.records_after(self._ledger.last_seq), journal.location)
        except BaseException as error:
            self.__exit__(type(error), error, error.__traceback__)
            raise
        self.draft = self._ledger.draft
        return self

    def _catch_up(self, records: Iterable[Record], location: str) -> None:
        for record in records:
            change = self._ledger.catch_up(record, location)
            if change is not None:
                self._others.append((record, change))

    def refuse_if_changed(self, element_id: str | None, outcome: str) -> None:
        """Refuses an action on `element_id` (on the text at all, for None: undo and redo) if another
        facilitator's change that this session had not seen touched it."""
        for record, change in self._others:
            if element_id is None or change.target == element_id or element_id in change.removed_ids:
                raise SessionError(
                    f"{element_id or 'the text'} changed after you last saw it: {_who(record)} "
                    f"{change.describe()}; {outcome}: look at it again"
                )

    def moved(self, start: int, length: int) -> int:
        """Where `[start, start + length)` of the text this session had seen is now; refused if another
        facilitator's change touched it."""
        for record, change in self._others:
            moved = transport(start, length, [OffsetMap(change.edits)])
            if moved is None:
                raise SessionError(
                    f"the text at that place changed after you last saw it: {_who(record)} "
                    f"{change.describe()}; nothing was changed: look at it again"
                )
            start = moved
        return start

    def append(self, record: NewRecord) -> Record:
        """Appends a record that leaves the text as it is (a position, a setting, a Party)."""
        return self._append(record, None, None)

    def append_change(
        self,
        draft: Draft,
        change: Change,
        *,
        party: str | None = None,
        meeting: str | None = None,
        grounds: Grounds | None = None,
    ) -> Record:
        """Appends `change`, which made `draft` from `self.draft`, resting on `grounds`."""
        record = change_record(self.stamp, change, party=party, meeting=meeting, grounds=grounds)
        return self._append(record, draft, change)

    def _append(self, record: NewRecord, draft: Draft | None, change: Change | None) -> Record:
        assert self._writer is not None, "append inside `with session.transaction() as write:`"
        stored = self._writer.append(record, after=self._ledger.last_seq + len(self._appended))
        self._appended.append((stored, draft, change))
        if draft is not None:
            self.draft = draft
        return stored

    @property
    def appended(self) -> tuple[Record, ...]:
        return tuple(stored for stored, _, _ in self._appended)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        try:
            if self._first is None:
                assert self._lock is not None
                self._lock.__exit__(kind, error, traceback)  # commits, or rolls back on an error
            elif error is None:
                self._write_first(self._first.records)
        except JournalError as failed:
            raise refusal(failed) from None
        if error is not None:
            if isinstance(error, REFUSALS):
                raise SessionError(str(error)) from None
            return
        for stored, draft, change in self._appended:
            change = self._ledger.take(stored, change)
            if draft is not None and change is not None:
                self._ledger.advance(draft, change)

    def _write_first(self, records: list[NewRecord]) -> None:
        """Creates the journal and appends the first write's records in one transaction."""
        journal = self._create()
        with journal.writing() as writer:
            if writer.records_after(0):
                raise JournalError(
                    f"{journal.location}: another drafter process started this journal at the same moment; "
                    "nothing was recorded: try again"
                )
            stored = [writer.append(record, after=seq) for seq, record in enumerate(records)]
        self._appended = [
            (real, draft, change) for real, (_, draft, change) in zip(stored, self._appended, strict=True)
        ]


def _who(record: Record) -> str:
    return f"{record.actor} (#{record.seq}, {record.time[11:19]})"
