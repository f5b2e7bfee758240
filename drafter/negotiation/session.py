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
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Protocol

from drafter.journal import Journal, JournalError, JournalStore, RecordKind
from drafter.negotiation import resolve
from drafter.negotiation.changes import Change, apply_change, revert
from drafter.negotiation.elements import Element, ElementKind, bracket_element, derive_elements
from drafter.negotiation.history import History
from drafter.negotiation.ledger import Ledger
from drafter.negotiation.parties import PartyEntry, PartyRegistry
from drafter.negotiation.positions import (
    ElementState,
    Position,
    Resolution,
    Stance,
    Status,
    check_position,
)
from drafter.negotiation.records import (
    Event,
    Stamp,
    event_from_record,
    party_record,
    position_from_record,
    position_record,
    setting_record,
)
from drafter.negotiation.replay import replay
from drafter.negotiation.transaction import SessionError, WriteTransaction
from drafter.text.model import Draft, SourceFormat
from drafter.text.parser import format_for, parse, read_text

__all__ = ["Element", "ElementKind", "ElementState", "Event", "Position", "Session", "SessionError", "Stance"]


class SourceText(Protocol):
    """What a session needs of a draft file: the text the grammar parses and how it reads it.
    `drafter.formats.source.read_source` gives one for every format; the default reads plain text."""

    @property
    def text(self) -> str: ...

    @property
    def source_format(self) -> SourceFormat: ...


@dataclass(frozen=True, slots=True)
class PlainText:
    text: str
    source_format: SourceFormat


def read_plain_text(path: Path) -> PlainText:
    return PlainText(read_text(path), format_for(path))


class Session:
    """One draft file and its journal (`FILE.drafter.sqlite`, created by the first write)."""

    def __init__(
        self,
        path: Path,
        base: Draft,
        store: JournalStore,
        journal: Journal | None,
        *,
        actor: str,
        read_only: bool,
        source: SourceText | None = None,
    ) -> None:
        self.path = path
        self.source = source  # what the file was read as (its reader's mapping back to it, for exports)
        self.base = base
        self.journal_location = store.location  # for messages: a file, or a database (never a password)
        self.journal_path = Path(store.location)  # the journal's file, when it is a SQLite file
        self._store = store
        self.actor = actor
        self.read_only = read_only
        self._journal = journal
        self._base_bytes = base.text.encode("utf-8")
        self._base_sha256 = hashlib.sha256(self._base_bytes).hexdigest()
        self._ledger = Ledger(base, actor, self._load_positions)
        self._unsaved_settings: dict[str, str] = {}  # kept until the journal exists
        self._base_elements: frozenset[str] | None = None

    # --- opening and closing ---------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        store: JournalStore,
        *,
        actor: str | None = None,
        read_only: bool = False,
        reader: Callable[[Path], SourceText] = read_plain_text,
    ) -> Session:
        """Opens a draft and replays its journal from `store`; `read_only` never creates or changes a journal.

        `reader` turns the file into text; `drafter.workspace.open_session` opens one with the store
        `--journal` (or the default) names and the reader of every format.
        """
        draft_path = Path(path)
        source = reader(draft_path)
        text = source.text
        data = text.encode("utf-8")
        try:
            journal = store.open(draft_path.name, hashlib.sha256(data).hexdigest(), read_only=read_only)
        except JournalError as error:
            raise SessionError(str(error)) from None
        if journal is not None:
            _check_base(draft_path, data, journal)
        base = parse(text, source.source_format)
        session = cls(
            draft_path,
            base,
            store,
            journal,
            actor=actor or _default_actor(),
            read_only=read_only,
            source=source,
        )
        if journal is not None:
            session._load(journal)
        return session

    def _load(self, journal: Journal) -> None:
        """Replays the text changes, settings and Parties; positions come as counts per stance."""
        ledger = self._ledger
        try:
            with journal.reading():
                changes = [
                    change
                    for record in journal.records(positions=False)
                    if (change := ledger.take(record, in_order=False)) is not None
                ]
                ledger.last_seq = journal.last_seq()
                for target, stance, choice, parties in journal.position_groups():
                    ledger.positions.add_group(target, stance, choice, parties)
        except (JournalError, ValueError, KeyError) as error:
            raise SessionError(f"{journal.location}: cannot replay the journal: {error}") from None
        try:
            ledger.draft = replay(self.base, changes)
        except ValueError as error:
            raise SessionError(
                f"{journal.location}: the journal does not fit its base text: {error}"
            ) from None

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

    # --- reading -------------------------------------------------------------------

    @property
    def draft(self) -> Draft:
        """The consolidated text now."""
        return self._ledger.draft

    @property
    def has_journal(self) -> bool:
        return self._journal is not None

    @property
    def registry(self) -> PartyRegistry:
        return self._ledger.registry

    @property
    def change_history(self) -> History:
        """The changes to the text, and what undo and redo act on."""
        return self._ledger.history

    def elements(self) -> tuple[Element, ...]:
        """Every disputed element in document order (brackets inside an alternative group are the group)."""
        return self._ledger.element_index()[0]

    def element(self, element_id: str) -> Element:
        found = self._ledger.element_index()[1].get(element_id)
        if found is not None:
            return found
        bracket = self.draft.bracket_by_id.get(element_id)
        if bracket is not None:  # one alternative of a group, addressed on its own
            return bracket_element(self.draft.text, bracket)
        raise SessionError(resolve.stale_message(element_id, "element"))

    def state(self, element_id: str) -> ElementState:
        return self._ledger.positions.state(self.element(element_id))

    def states(self) -> dict[str, ElementState]:
        state = self._ledger.positions.state
        return {element.id: state(element) for element in self.elements()}

    def positions(self, element_id: str) -> tuple[Position, ...]:
        """The latest position of each Party on the element, oldest first."""
        return self._ledger.positions.positions(element_id)

    def _load_positions(self, element_id: str) -> tuple[Position, ...]:
        if self._journal is None:
            return ()
        return tuple(position_from_record(r) for r in self._journal.latest_positions(element_id))

    def history(self, element_id: str | None = None) -> tuple[Event, ...]:
        """Every journal event in order; with `element_id`, those about that element (or removing it)."""
        if self._journal is None:
            return ()
        changes = self._ledger.history
        if element_id is None:
            return tuple(event_from_record(r, changes.get(r.seq)) for r in self._journal.records())
        removing = changes.removing(element_id)
        records = {r.seq: r for r in self._journal.records(target=element_id)}
        if removing - records.keys():
            records.update((r.seq, r) for r in self._journal.records(positions=False) if r.seq in removing)
        return tuple(event_from_record(records[seq], changes.get(seq)) for seq in sorted(records))

    def known_parties(self) -> tuple[PartyEntry, ...]:
        """The Parties and groups the registry knows (shipped ones and those added in this journal)."""
        return self.registry.entries()

    def normalise_party(self, name: str) -> str:
        """The canonical name of a known Party; an unknown name is added to the journal's registry."""
        known = self.registry.lookup(name)
        return known if known is not None else self.add_party(name)

    def resolved_spans(self) -> tuple[tuple[int, int], ...]:
        """Where the changes in effect left their text in the consolidated text (empty spans: deletions)."""
        return self._ledger.history.resolved_spans()

    def change(self, seq: int) -> Change:
        try:
            return self._ledger.history.change(seq)
        except ValueError as error:
            raise SessionError(str(error)) from None

    def change_seq(self, change: Change) -> int:
        """The event number (as `drafter log` and `reopen` use it) of a change this session holds."""
        try:
            return self._ledger.history.seq_of(change)
        except ValueError as error:
            raise SessionError(str(error)) from None

    @property
    def last_seq(self) -> int:
        """The number of the last journal event this session knows."""
        return self._ledger.last_seq

    def resolved_ids(self) -> frozenset[str]:
        """The elements of the base text that the journal's changes have resolved away.

        Elements as `elements()` gives them: an alternative group counts once, not with its brackets
        (the status line and `drafter status` count these).
        """
        if self._base_elements is None:
            self._base_elements = frozenset(e.id for e in derive_elements(self.base))
        now = self._ledger.element_index()[1].keys() | self.draft.bracket_by_id.keys()
        return frozenset(self._base_elements - now)

    def get_setting(self, key: str) -> str | None:
        """This actor's latest value of a setting, else anyone's (two facilitators keep their own places)."""
        return self._unsaved_settings.get(key, self._ledger.setting(key))

    @property
    def can_undo(self) -> bool:
        return self._ledger.history.can_undo

    @property
    def can_redo(self) -> bool:
        return self._ledger.history.can_redo

    # --- writing -------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[WriteTransaction]:
        """One write: `with session.transaction() as write: ... write.append(...)` (see `transaction`).

        The first write into a new journal also saves the settings kept until then.
        """
        if self.read_only:
            raise SessionError(f"{self.path}: opened read-only")
        with WriteTransaction(self._writable_journal, self._ledger, Stamp.now(self.actor)) as write:
            for key, value in self._unsaved_settings.items():
                write.append(setting_record(write.stamp, key, value))
            yield write
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
    ) -> Event:
        """Records a Party's stance on an element; its latest position is the one that counts."""
        with self.transaction() as write:
            element = self.element(element_id)
            position = Position(self.registry.normalise(party), stance, choice, text, meeting, note)
            check_position(element, position.stance, choice, text)
            stored = write.append(position_record(write.stamp, element.id, position))
        return event_from_record(stored, None)

    def keep(self, element_id: str, *, party: str | None = None, meeting: str | None = None) -> Change:
        with self.transaction() as write:
            return self._resolved(write, *resolve.keep(write.draft, element_id), party, meeting)

    def delete(self, element_id: str, *, party: str | None = None, meeting: str | None = None) -> Change:
        with self.transaction() as write:
            return self._resolved(write, *resolve.delete(write.draft, element_id), party, meeting)

    def choose(
        self, element_id: str, k: int, *, party: str | None = None, meeting: str | None = None
    ) -> Change:
        with self.transaction() as write:
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
            made = resolve.amend(write.draft, element_id, text, keep_brackets=keep_brackets)
            return self._resolved(write, *made, party, meeting)

    def bracket(
        self, start: int, end: int, *, party: str | None = None, meeting: str | None = None
    ) -> Change:
        """Puts new brackets around `text[start:end]` of the consolidated text."""
        with self.transaction() as write:
            return self._resolved(write, *resolve.bracket(write.draft, start, end), party, meeting)

    def propose(self, at: int, text: str, *, party: str | None = None, meeting: str | None = None) -> Change:
        """Inserts a new bracketed proposal `[text]` at offset `at` of the consolidated text."""
        with self.transaction() as write:
            return self._resolved(write, *resolve.propose(write.draft, at, text), party, meeting)

    def reopen(self, change_id: int) -> Change:
        """Undoes change `change_id`, not only the last one, if the text it produced is still there."""
        with self.transaction() as write:
            original, later = self._ledger.history.to_reopen(change_id)
            made = revert(write.draft, original, later, RecordKind.REOPEN, change_id)
            return self._resolved(write, *made, None, None)

    def undo(self) -> Change | None:
        """Undoes the last change still in effect (journal-wide); None when there is none."""
        with self.transaction() as write:
            last = self._ledger.history.to_undo()
            if last is None:
                return None
            seq, change = last
            return self._resolved(write, *revert(write.draft, change, (), RecordKind.UNDO, seq), None, None)

    def redo(self) -> Change | None:
        with self.transaction() as write:
            undone = self._ledger.history.to_redo()
            if undone is None:
                return None
            seq, change = undone
            return self._resolved(write, *apply_change(write.draft, change, RecordKind.REDO, seq), None, None)

    def apply_consensus(self, *, meeting: str | None = None) -> list[Change]:
        """Resolves every element whose Parties agree, each as its own journaled change, in text order."""
        applied: list[Change] = []
        for element in self.elements():
            if element.id not in self._ledger.element_index()[1]:
                continue  # gone with an enclosing bracket resolved just before
            state = self.state(element.id)
            if state.status is not Status.CONSENSUS:
                continue
            if state.resolution is Resolution.KEEP:
                applied.append(self.keep(element.id, meeting=meeting))
            elif state.resolution is Resolution.DELETE:
                applied.append(self.delete(element.id, meeting=meeting))
            elif state.choice is not None:
                applied.append(self.choose(element.id, state.choice, meeting=meeting))
        return applied

    # --- internals -------------------------------------------------------------------

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
                raise SessionError(str(error)) from None
            if journal is not None:
                _check_base(self.path, self._base_bytes, journal)
                self._journal = journal
        return self._journal

    def _writable_journal(self) -> Journal:
        """The journal, created (with the settings kept so far) by the first write."""
        if self._journal is not None:
            return self._journal
        try:
            journal = self._store.create(self._base_bytes, self.path.name)
        except JournalError as error:
            raise SessionError(str(error)) from None
        _check_base(self.path, self._base_bytes, journal)
        self._journal = journal
        return journal


def _check_base(draft_path: Path, data: bytes, journal: Journal) -> None:
    sha = hashlib.sha256(data).hexdigest()
    if sha != journal.base_sha256:
        raise SessionError(
            f"{draft_path} no longer matches the base text of its journal {journal.location} "
            f"(file SHA-256 {sha[:12]}…, journal base {journal.base_sha256[:12]}…); drafter will not guess: "
            "restore the original file, or move the journal away to start a new one"
        )


def _default_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
