"""A working session on one draft: positions, resolutions, undo/redo, all journaled.

The consolidated text is always the base text plus the replay of the journal. `Session` is the façade
the TUI and the command line both work through; the work is done by:

- `elements` (the disputed elements of the text), `positions` (stances and the states they give),
  `resolve` (resolutions as pure functions returning a new draft and a `Change`);
- `ledger` (what the journal says, in memory: text, `History` of changes, positions, settings, Parties);
- `records` (the journal record codec) and `transaction` (one write: lock, catch up, append, commit).

Every write takes the journal's write lock, first catches up on events other processes appended, then
appends its own; so two processes on one journal both land their writes, in order, or one is told the
journal is in use. A draft that is only opened and looked at gets no journal: settings (the cursor, the
current Party) are kept in memory until the first real write, or written into a journal that exists.
"""

from __future__ import annotations

import getpass
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from drafter.journal import Journal, JournalError, JournalStore, Record, RecordKind
from drafter.negotiation import resolve
from drafter.negotiation.changes import Change, apply_change, reread, revert
from drafter.negotiation.consensus import ElementState
from drafter.negotiation.elements import Element, ElementKind
from drafter.negotiation.journal_base import BaseChanged, check_base, find_journal
from drafter.negotiation.links import Link, LinkKind, Member
from drafter.negotiation.positions import Position, Stance, check_position, proposal_number
from drafter.negotiation.reading import SessionView, SourceText, read_plain_text
from drafter.negotiation.records import (
    Event,
    Stamp,
    event_from_record,
    link_from_record,
    link_record,
    party_record,
    position_record,
    setting_record,
    unlink_record,
)
from drafter.negotiation.transaction import (
    JournalInUseError,
    ReadOnlyError,
    SessionError,
    WriteTransaction,
    refusal,
)
from drafter.text.alternatives import ReadingError, join_readings, split_readings
from drafter.text.model import Draft
from drafter.text.parser import parse

JOURNAL_LOOK_INTERVAL = 0.5  # seconds between looks for a journal another process may have made

__all__ = [
    "BaseChanged",
    "Element",
    "ElementKind",
    "ElementState",
    "Event",
    "JournalInUseError",
    "Position",
    "ReadOnlyError",
    "Session",
    "SessionError",
    "Stance",
]


class Session(SessionView):
    """One draft file and its journal (`FILE.drafter.sqlite`, created by the first write)."""

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        store: JournalStore,
        *,
        actor: str | None = None,
        read_only: bool = False,
        reader: Callable[[Path], SourceText] = read_plain_text,
        journal_base: bool = False,
    ) -> Session:
        """Opens a draft and replays its journal from `store`; `read_only` never creates or changes a journal.

        `reader` turns the file into text; `drafter.workspace.open_session` opens one with the store
        `--journal` (or the default) names and the reader of every format. When the file no longer is the
        text its journal began with, `BaseChanged` says so, unless `journal_base`: then the session works on
        the journal's own copy of that text, and the file is left alone (`on_journal_base`).
        """
        draft_path = Path(path)
        source = reader(draft_path)
        found = find_journal(store, draft_path, source.text, read_only=read_only, journal_base=journal_base)
        base = parse(found.text, source.source_format)
        session = cls(
            draft_path,
            base,
            store,
            found.journal,
            actor=actor or _default_actor(),
            read_only=found.read_only,
            source=source,
        )
        session.read_only_reason = found.read_only_reason
        session.notes = tuple(store.notes)
        session.on_journal_base = found.on_journal_base
        if found.journal is not None:
            try:
                session._ledger.load(found.journal, base)
            except JournalError as error:
                raise SessionError(str(error)) from None
        return session

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None

    def __enter__(self) -> Session:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    # --- other facilitators' writes -------------------------------------------------

    @property
    def journal(self) -> Journal | None:
        """The journal, once there is one (a view may wait on `journal.wait_for_change`)."""
        return self._journal

    def refresh(self) -> bool:
        """Takes in what other processes (other facilitators) wrote since this session last read the
        journal; whether anything came in. Cheap when nothing did: a view may call it several times a
        second. A journal another process made meanwhile is looked for every JOURNAL_LOOK_INTERVAL at
        most (with a database, each look is a connection)."""
        journal = self._journal
        if journal is None:
            now = time.monotonic()
            if now < self._next_journal_look:
                return False
            self._next_journal_look = now + JOURNAL_LOOK_INTERVAL
            journal = self._existing_journal()
            if journal is None:
                return False
        try:
            if not journal.changed_since(self._ledger.last_seq):
                return False
            records = list(journal.records(after=self._ledger.last_seq))
            for record in records:
                self._ledger.catch_up(record, journal.location)
        except JournalError as error:
            raise refusal(error) from None
        return bool(records)

    # --- writing -------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[WriteTransaction]:
        """One write: `with session.transaction() as write: ... write.append(...)` (see `transaction`).

        The first write into a new journal also saves the settings kept until then.
        """
        self._refuse_if_read_only()
        try:
            with WriteTransaction(
                self._existing_journal, self._writable_journal, self._ledger, Stamp.now(self.actor)
            ) as write:
                for key, value in self._unsaved_settings.items():
                    write.append(setting_record(write.stamp, key, value))
                yield write
        except ReadOnlyError as error:  # the journal (or its folder) turned read-only: so does the session
            self.read_only, self.read_only_reason = True, str(error)
            raise
        self._unsaved_settings.clear()

    def set_setting(self, key: str, value: str) -> None:
        """Saves a setting into the journal if there is one; else keeps it until the first real write."""
        if self.get_setting(key) == value:
            return
        if self._journal is None and self._existing_journal() is None:
            self._unsaved_settings[key] = value
            return
        with self.transaction() as write:
            write.append(setting_record(write.stamp, key, value))

    def normalise_party(self, name: str) -> str:
        """The canonical name of a known Party; an unknown name is added to the journal's registry."""
        known = self.registry.lookup(name)
        return known if known is not None else self.add_party(name)

    def start_journal(self) -> bool:
        """Creates the draft's journal, with no events, if it has none yet; whether it did. The room
        (`drafter serve`) starts one so the facilitators' places in the text reach it from the start."""
        self._refuse_if_read_only()
        if self._existing_journal() is not None:
            return False
        self._writable_journal()
        return True

    def add_party(self, name: str, aliases: Iterable[str] = ()) -> str:
        """Adds a Party or group (or aliases of a known one) to this journal's registry."""
        with self.transaction() as write:
            write.append(party_record(write.stamp, name, tuple(aliases)))
        return self.registry.normalise(name)

    def record_position(
        self,
        element_id: str,
        party: str,
        stance: Stance,
        *,
        choice: int | None = None,
        text: str | None = None,
        meeting: str | None = None,
        note: str | None = None,
        also_on: Iterable[str] = (),
    ) -> Event:
        """Records a Party's stance on an element; its latest position is the one that counts.

        A proposal gets its outcome number (the same wording, spaces aside, keeps its number).
        `also_on`: elements of the same wording to record the same stance on, in the same write.
        """
        with self.transaction() as write:
            for target in dict.fromkeys([element_id, *also_on]):
                write.refuse_if_changed(target, "the position was not recorded")
            name = self.registry.normalise(party)
            first: Record | None = None  # the others refer to the first: one step in the log
            for target in dict.fromkeys([element_id, *also_on]):
                element = self.element(target)
                proposals = self.proposals(element.id)
                check_position(element, stance, choice, text, len(proposals))
                number = choice
                if stance is Stance.PROPOSES and text is not None:
                    number = proposal_number(element, proposals, text)
                position = Position(name, stance, number, text, meeting, note)
                refers = None if first is None else first.seq
                stored = write.append(position_record(write.stamp, element.id, position, refers=refers))
                first = first or stored
        assert first is not None
        return event_from_record(first, None)

    def keep(self, element_id: str, *, party: str | None = None, meeting: str | None = None) -> Change:
        with self.transaction() as write:
            write.refuse_if_changed(element_id, "nothing was changed")
            return self._resolved(write, *resolve.keep(write.draft, element_id), party, meeting)

    def delete(self, element_id: str, *, party: str | None = None, meeting: str | None = None) -> Change:
        with self.transaction() as write:
            write.refuse_if_changed(element_id, "nothing was changed")
            return self._resolved(write, *resolve.delete(write.draft, element_id), party, meeting)

    def choose(
        self, element_id: str, k: int, *, party: str | None = None, meeting: str | None = None
    ) -> Change:
        with self.transaction() as write:
            write.refuse_if_changed(element_id, "nothing was changed")
            return self._resolved(write, *resolve.choose(write.draft, element_id, k), party, meeting)

    def amend(
        self,
        element_id: str,
        text: str,
        *,
        keep_brackets: bool = True,
        party: str | None = None,
        meeting: str | None = None,
    ) -> Change:
        with self.transaction() as write:
            write.refuse_if_changed(element_id, "nothing was changed")
            made = resolve.amend(write.draft, element_id, text, keep_brackets=keep_brackets)
            return self._resolved(write, *made, party, meeting)

    def bracket(
        self, start: int, end: int, *, party: str | None = None, meeting: str | None = None
    ) -> Change:
        """Puts new brackets around `text[start:end]` of the consolidated text (as this session saw it)."""
        with self.transaction() as write:
            moved = write.moved(start, end - start)
            return self._resolved(
                write, *resolve.bracket(write.draft, moved, moved + end - start), party, meeting
            )

    def propose(
        self,
        at: int,
        text: str,
        *,
        attached: bool = False,
        party: str | None = None,
        meeting: str | None = None,
    ) -> Change:
        """Inserts a new bracketed proposal `[text]` at offset `at` of the consolidated text, set off from
        the words it touches unless `attached` (`resolve.propose`)."""
        with self.transaction() as write:
            return self._resolved(
                write,
                *resolve.propose(write.draft, write.moved(at, 0), text, attached=attached),
                party,
                meeting,
            )

    def split(self, group_id: str, at: str | None = None) -> Change:
        """Reads alternative group `group_id` as independent brackets (or as two groups before bracket
        `at`): a journaled correction of the reading that changes no text."""
        with self.transaction() as write:
            write.refuse_if_changed(group_id, "nothing was split")
            try:
                readings = split_readings(write.draft, group_id, at)
            except ReadingError as error:
                raise SessionError(str(error)) from None
            return self._resolved(
                write, *reread(write.draft, RecordKind.SPLIT, group_id, readings), None, None
            )

    def join(self, element_ids: Sequence[str]) -> Change:
        """Reads adjacent brackets (or groups) `element_ids` as one group of alternatives (journaled)."""
        with self.transaction() as write:
            for element_id in element_ids:
                write.refuse_if_changed(element_id, "nothing was joined")
            try:
                readings = join_readings(write.draft, element_ids)
            except ReadingError as error:
                raise SessionError(str(error)) from None
            made = reread(write.draft, RecordKind.JOIN, element_ids[0], readings)
            return self._resolved(write, *made, None, None)

    def reopen(self, change_id: int) -> Change:
        """Undoes change `change_id`, not only the last one, if the text it produced is still there."""
        with self.transaction() as write:
            original, later = self._ledger.history.to_reopen(change_id)
            made = revert(write.draft, original, later, RecordKind.REOPEN, change_id)
            return self._resolved(write, *made, None, None)

    def undo(self) -> Change | None:
        """Undoes the last change still in effect (journal-wide); None when there is none."""
        with self.transaction() as write:
            write.refuse_if_changed(None, "nothing was undone (undo again to undo that)")
            last = self._ledger.history.to_undo()
            if last is None:
                return None
            seq, change = last
            return self._resolved(write, *revert(write.draft, change, (), RecordKind.UNDO, seq), None, None)

    def redo(self) -> Change | None:
        with self.transaction() as write:
            write.refuse_if_changed(None, "nothing was redone")
            undone = self._ledger.history.to_redo()
            if undone is None:
                return None
            seq, change = undone
            return self._resolved(write, *apply_change(write.draft, change, RecordKind.REDO, seq), None, None)

    def link(self, kind: LinkKind, members: Sequence[Member], *, note: str | None = None) -> Link:
        """Links elements (journaled): the first requires or excludes the others, or all form a package."""
        if len({m.element_id for m in members}) < 2:
            raise SessionError("a link joins two or more different elements")
        with self.transaction() as write:
            for member in members:
                if member.outcome is not None and member.outcome not in self.outcomes(member.element_id):
                    raise SessionError(f"{member.element_id} has no outcome {member.outcome}")
            stored = write.append(link_record(write.stamp, kind, tuple(members), note))
        return link_from_record(stored)

    def unlink(self, seq: int) -> Link:
        """Takes back link `seq` (journaled)."""
        link = self._ledger.links.get(seq)
        if link is None:
            raise SessionError(f"event {seq} is no link in effect (see `drafter log`)")
        with self.transaction() as write:
            write.append(unlink_record(write.stamp, link))
        return link

    # --- internals -------------------------------------------------------------------

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            why = f" ({self.read_only_reason})" if self.read_only_reason else ""
            raise SessionError(f"{self.path}: opened read-only{why}")

    def _resolved(
        self, write: WriteTransaction, draft: Draft, change: Change, party: str | None, meeting: str | None
    ) -> Change:
        """Appends a change made inside `write`, on behalf of `party` (normalised) if one is named."""
        write.append_change(
            draft, change, party=None if party is None else self.registry.normalise(party), meeting=meeting
        )
        return change

    def _existing_journal(self) -> Journal | None:
        """The journal, if there is one now (another process may have made it since this one opened)."""
        if self._journal is None:
            try:
                journal = self._store.open(self.path.name, self._base_sha256, read_only=self.read_only)
            except JournalError as error:
                raise refusal(error) from None
            if journal is not None:
                check_base(self.path, self._base_bytes, journal)
                self._journal = journal
        return self._journal

    def _writable_journal(self) -> Journal:
        """The journal, created (with the settings kept so far) by the first write."""
        if self._journal is not None:
            return self._journal
        try:
            journal = self._store.create(self._base_bytes, self.path.name)
        except JournalError as error:
            raise refusal(error) from None
        check_base(self.path, self._base_bytes, journal)
        self._journal = journal
        return journal


def _default_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
