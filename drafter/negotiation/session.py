"""A working session on one draft: positions, resolutions, undo/redo, all journaled.

The consolidated text is always the base text plus the replay of the journal.
Every write takes the journal's write lock, first catches up on events other
processes appended, then appends its own event; so two processes on one
journal both land their writes, in order, or one is told the journal is in use.
The TUI and the command line both work through this class.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import getpass
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

from drafter.incremental.offsets import Edit, OffsetMap
from drafter.journal import Journal, JournalError, NewRecord, Record
from drafter.journal.sqlite import SqliteJournal, journal_path_for
from drafter.negotiation import resolve
from drafter.negotiation.parties import PartyEntry, PartyRegistry, UnknownPartyError
from drafter.negotiation.positions import (
    STANCES,
    ElementKind,
    ElementState,
    Position,
    Stance,
    state_from_groups,
)
from drafter.negotiation.resolve import Change, ChangeKind, ResolveError
from drafter.text.model import Bracket, Draft, SourceFormat
from drafter.text.parser import ReadError, format_for, parse, read_text

__all__ = ["Element", "ElementState", "Event", "Position", "Session", "SessionError", "Stance"]

FORWARD_KINDS = frozenset(
    {
        ChangeKind.KEEP,
        ChangeKind.DELETE,
        ChangeKind.CHOOSE,
        ChangeKind.AMEND,
        ChangeKind.BRACKET,
        ChangeKind.PROPOSE,
        ChangeKind.REOPEN,
    }
)
POSITION, SETTING, PARTY = "position", "setting", "party"


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


class SessionError(Exception):
    """Something the session refuses, with a message for the user: journal in use, base mismatch, stale id..."""


@dataclass(frozen=True, slots=True)
class Element:
    """A disputed element: a bracket, a group of adjacent alternatives or of labelled options."""

    id: str
    kind: ElementKind
    start: int
    end: int
    choices: tuple[str, ...]  # the bracket's text; each alternative's text; each option's text
    depth: int  # brackets around it, itself included for a bracket
    zero: tuple[int, ...] = ()  # 1-based numbers of zero options ("No text")


@dataclass(frozen=True, slots=True)
class Event:
    """One journal entry, as the history shows it."""

    seq: int
    time: str
    actor: str
    kind: str  # a ChangeKind value, "position", "setting" or "party"
    party: str | None
    meeting: str | None
    target: str | None
    before: str | None
    after: str | None
    stance: Stance | None = None
    choice: int | None = None
    note: str | None = None
    refers: int | None = None  # undo/redo/reopen: the event they act on
    change: Change | None = None

    def describe(self) -> str:
        """One line for the history: number, time, who, and what happened."""
        who = self.actor + (f" for {self.party}" if self.party and self.kind != POSITION else "")
        where = f" ({self.meeting})" if self.meeting else ""
        head = f"#{self.seq} {self.time[:19]} {who}{where}:"
        if self.kind == POSITION:
            stance = (self.stance.value if self.stance else "") + (f" {self.choice}" if self.choice else "")
            text = f" {self.after!r}" if self.after else ""
            note = f" - {self.note}" if self.note else ""
            return f"{head} {self.party} {stance}{text} on {self.target}{note}"
        if self.kind == SETTING:
            return f"{head} set {self.target} = {self.after!r}"
        if self.kind == PARTY:
            return f"{head} added Party {self.target}"
        return f"{head} {self.change.describe() if self.change else self.kind}"


class Session:
    """One draft file and its journal (`FILE.drafter.sqlite`, created by the first write)."""

    def __init__(
        self,
        path: Path,
        base: Draft,
        journal_path: Path,
        journal: Journal | None,
        *,
        actor: str,
        read_only: bool,
        busy_timeout: float,
        source: SourceText | None = None,
    ) -> None:
        self.path = path
        self.source = source  # what the file was read as (its reader's mapping back to it, for exports)
        self.base = base
        self.journal_path = journal_path
        self.actor = actor
        self.read_only = read_only
        self.registry = PartyRegistry()
        self._journal = journal
        self._busy_timeout = busy_timeout
        self._base_bytes = base.text.encode("utf-8")
        self._draft = base
        self._last_seq = 0
        self._changes: dict[int, Change] = {}
        self._change_seqs: dict[int, int] = {}  # id(change) -> its event number
        self._text_seqs: list[int] = []
        self._undo: list[int] = []
        self._redo: list[int] = []
        self._undone_by: dict[int, int] = {}  # change -> the undo event that undid it
        self._redone_as: dict[int, int] = {}  # undone change -> the redo event that brought it back
        # Parties by (stance, choice) per element: enough for states; positions themselves are read lazily.
        self._position_groups: dict[str, dict[tuple[str, int | None], list[str]]] = {}
        self._position_cache: dict[str, tuple[Position, ...]] = {}
        self._position_versions: dict[str, int] = {}
        self._base_elements: frozenset[str] | None = None
        self._settings: dict[str, str] = {}
        self._elements: tuple[Draft, tuple[Element, ...], dict[str, Element]] | None = None
        # The draft before the last change and that change's edits: most elements carry over from it.
        self._edited_from: tuple[Draft, tuple[Edit, ...]] | None = None
        self._state_cache: dict[str, tuple[tuple[object, ...], ElementState]] = {}

    # --- opening and closing ---------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        actor: str | None = None,
        journal_path: str | os.PathLike[str] | None = None,
        read_only: bool = False,
        busy_timeout: float = 5.0,
        reader: Callable[[Path], SourceText] = read_plain_text,
    ) -> Session:
        """Opens a draft and replays its journal; `read_only` never creates or changes a journal.
        `reader` turns the file into text (the views pass `drafter.formats.source.read_source`)."""
        draft_path = Path(path)
        source = reader(draft_path)
        text = source.text
        journal_file = Path(journal_path) if journal_path is not None else journal_path_for(draft_path)
        journal: Journal | None = None
        if journal_file.exists():
            try:
                journal = SqliteJournal.open(journal_file, read_only=read_only, busy_timeout=busy_timeout)
            except JournalError as error:
                raise SessionError(str(error)) from None
            _check_base(draft_path, text.encode("utf-8"), journal)
        base = parse(text, source.source_format)
        session = cls(
            draft_path,
            base,
            journal_file,
            journal,
            actor=actor or _default_actor(),
            read_only=read_only,
            busy_timeout=busy_timeout,
            source=source,
        )
        if journal is not None:
            session._load(journal)
        return session

    def _load(self, journal: Journal) -> None:
        """Replays the text changes, settings and Parties; positions come as counts per stance."""
        try:
            with journal.reading():
                changes = [
                    change
                    for record in journal.records(positions=False)
                    if (change := self._ingest(record, in_order=False)) is not None
                ]
                self._last_seq = journal.last_seq()
                for target, stance, choice, parties in journal.position_groups():
                    self._position_groups.setdefault(target, {})[(stance, choice)] = list(parties)
        except (JournalError, ValueError, KeyError) as error:
            raise SessionError(f"{journal.location}: cannot replay the journal: {error}") from None
        try:
            self._draft = resolve.replay(self.base, changes)
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
        return self._draft

    @property
    def has_journal(self) -> bool:
        return self._journal is not None

    def elements(self) -> tuple[Element, ...]:
        """Every disputed element in document order (brackets inside an alternative group are the group)."""
        return self._element_index()[1]

    def element(self, element_id: str) -> Element:
        found = self._element_index()[2].get(element_id)
        if found is not None:
            return found
        bracket = self._draft.bracket_by_id.get(element_id)
        if bracket is not None:  # one alternative of a group, addressed on its own
            return _bracket_element(self._draft.text, bracket)
        raise SessionError(resolve.stale_message(element_id, "element"))

    def state(self, element_id: str) -> ElementState:
        return self._state(self.element(element_id))

    def states(self) -> dict[str, ElementState]:
        return {element.id: self._state(element) for element in self.elements()}

    def positions(self, element_id: str) -> tuple[Position, ...]:
        """The latest position of each Party on the element, oldest first."""
        cached = self._position_cache.get(element_id)
        if cached is None:
            records = self._journal.latest_positions(element_id) if self._journal is not None else []
            cached = tuple(_position(r) for r in records)
            self._position_cache[element_id] = cached
        return cached

    def history(self, element_id: str | None = None) -> tuple[Event, ...]:
        """Every journal event in order; with `element_id`, those about that element (or removing it)."""
        if self._journal is None:
            return ()
        if element_id is None:
            return tuple(_event(r, self._changes.get(r.seq)) for r in self._journal.records())
        removing = {seq for seq, change in self._changes.items() if element_id in change.removed_ids}
        records = {r.seq: r for r in self._journal.records(target=element_id)}
        if removing - records.keys():
            records.update((r.seq, r) for r in self._journal.records(positions=False) if r.seq in removing)
        return tuple(_event(records[seq], self._changes.get(seq)) for seq in sorted(records))

    def known_parties(self) -> tuple[PartyEntry, ...]:
        """The Parties and groups the registry knows (shipped ones and those added in this journal)."""
        return self.registry.entries()

    def normalise_party(self, name: str) -> str:
        """The canonical name of a known Party; an unknown name is added to the journal's registry."""
        known = self.registry.lookup(name)
        return known if known is not None else self.add_party(name)

    def resolved_spans(self) -> tuple[tuple[int, int], ...]:
        """Where the changes in effect left their text in the consolidated text (empty spans: deletions).

        A span is dropped once a later change touches it. One pass over the changes: spans before a
        change's edits stay, spans after it move by one amount, only those around it are looked at.
        """
        in_effect = set(self._undo)
        starts: list[int] = []
        ends: list[int] = []
        for seq in self._text_seqs:
            change = self._changes[seq]
            if change.edits:
                low = bisect.bisect_left(ends, change.edits[0].start)
                high = bisect.bisect_right(starts, change.edits[-1].end)
                maps = [OffsetMap(change.edits)]
                middle = [
                    (moved, moved + e - s)
                    for s, e in zip(starts[low:high], ends[low:high], strict=True)
                    if (moved := resolve.transport(s, e - s, maps)) is not None
                ]
                total = sum(e.delta for e in change.edits)
                starts[low:] = [m[0] for m in middle] + [s + total for s in starts[high:]]
                ends[low:] = [m[1] for m in middle] + [e + total for e in ends[high:]]
            if seq in in_effect:
                at = bisect.bisect_left(starts, change.start)
                starts.insert(at, change.start)
                ends.insert(at, change.start + len(change.after))
        return tuple(zip(starts, ends, strict=True))

    def change(self, seq: int) -> Change:
        found = self._changes.get(seq)
        if found is None:
            raise SessionError(f"event {seq} is not a change to the text (see `drafter log`)")
        return found

    def change_seq(self, change: Change) -> int:
        """The event number (as `drafter log` and `reopen` use it) of a change this session holds."""
        seq = self._change_seqs.get(id(change))
        if seq is None or self._changes.get(seq) is not change:
            raise SessionError("that change is not in this session's journal")
        return seq

    @property
    def last_seq(self) -> int:
        """The number of the last journal event this session knows."""
        return self._last_seq

    def resolved_ids(self) -> frozenset[str]:
        """Ids of elements of the base text that the journal's changes have resolved away."""
        if self._base_elements is None:
            self._base_elements = frozenset(
                {e.id for e in _elements(self.base)} | set(self.base.bracket_by_id)
            )
        now = self._element_index()[2].keys() | self._draft.bracket_by_id.keys()
        return frozenset(self._base_elements - now)

    def get_setting(self, key: str) -> str | None:
        return self._settings.get(key)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    # --- writing -------------------------------------------------------------------

    def set_setting(self, key: str, value: str) -> None:
        if self._settings.get(key) == value:
            return
        self._write(lambda: (self._new_record(SETTING, target=key, after=value), None, None))

    def add_party(self, name: str, aliases: Iterable[str] = ()) -> str:
        """Adds a Party or group (or aliases of a known one) to this journal's registry."""
        names = [name, *aliases]
        self._write(lambda: (self._new_record(PARTY, target=name, data=json.dumps(names[1:])), None, None))
        return self.registry.normalise(name)

    def record_position(
        self,
        element_id: str,
        party: str,
        stance: Stance | str,
        *,
        choice: int | None = None,
        text: str | None = None,
        meeting: str | None = None,
        note: str | None = None,
    ) -> Event:
        """Records a Party's stance on an element; its latest position is the one that counts."""

        def make() -> tuple[NewRecord, None, None]:
            element = self.element(element_id)
            try:
                normal = self.registry.normalise(party)
                stance_value = Stance(stance)
            except (UnknownPartyError, ValueError) as error:
                raise SessionError(str(error)) from None
            _check_position(element, stance_value, choice, text)
            record = self._new_record(
                POSITION,
                party=normal,
                meeting=meeting,
                target=element.id,
                after=text,
                stance=stance_value.value,
                choice=choice,
                note=note,
            )
            return record, None, None

        event = self._write(make)
        assert event is not None
        return event

    def keep(self, element_id: str, *, party: str | None = None, meeting: str | None = None) -> Change:
        return self._resolved(lambda: resolve.keep(self._draft, element_id), party, meeting)

    def delete(self, element_id: str, *, party: str | None = None, meeting: str | None = None) -> Change:
        return self._resolved(lambda: resolve.delete(self._draft, element_id), party, meeting)

    def choose(
        self, element_id: str, k: int, *, party: str | None = None, meeting: str | None = None
    ) -> Change:
        return self._resolved(lambda: resolve.choose(self._draft, element_id, k), party, meeting)

    def amend(
        self,
        element_id: str,
        text: str,
        *,
        keep_brackets: bool = True,
        party: str | None = None,
        meeting: str | None = None,
    ) -> Change:
        return self._resolved(
            lambda: resolve.amend(self._draft, element_id, text, keep_brackets=keep_brackets), party, meeting
        )

    def bracket(
        self, start: int, end: int, *, party: str | None = None, meeting: str | None = None
    ) -> Change:
        """Puts new brackets around `text[start:end]` of the consolidated text."""
        return self._resolved(lambda: resolve.bracket(self._draft, start, end), party, meeting)

    def propose(self, at: int, text: str, *, party: str | None = None, meeting: str | None = None) -> Change:
        """Inserts a new bracketed proposal `[text]` at offset `at` of the consolidated text."""
        return self._resolved(lambda: resolve.propose(self._draft, at, text), party, meeting)

    def reopen(self, change_id: int) -> Change:
        """Undoes change `change_id`, not only the last one, if the text it produced is still there."""

        def make() -> tuple[Draft, Change]:
            original = self.change(change_id)
            if original.kind is ChangeKind.UNDO:
                raise SessionError(f"event {change_id} is an undo; use `redo` to bring its change back")
            if change_id in self._redone_as and change_id not in self._undone_by:
                raise SessionError(
                    f"change {change_id} was undone and redone as event {self._redone_as[change_id]}: reopen that one"
                )
            if change_id in self._undone_by:
                raise SessionError(
                    f"change {change_id} is not in effect: event {self._undone_by[change_id]} undid it"
                )
            later = [self._changes[s] for s in self._text_seqs if s > change_id]
            return resolve.revert(self._draft, original, later, ChangeKind.REOPEN, change_id)

        return self._resolved(make, None, None)

    def undo(self) -> Change | None:
        """Undoes the last change still in effect (journal-wide); None when there is none."""

        def make() -> tuple[Draft, Change] | None:
            if not self._undo:
                return None
            seq = self._undo[-1]
            return resolve.revert(self._draft, self._changes[seq], (), ChangeKind.UNDO, seq)

        return self._resolution(make, None, None)

    def redo(self) -> Change | None:
        def make() -> tuple[Draft, Change] | None:
            if not self._redo:
                return None
            seq = self._redo[-1]
            return resolve.apply_change(self._draft, self._changes[seq], ChangeKind.REDO, seq)

        return self._resolution(make, None, None)

    def apply_consensus(self, *, meeting: str | None = None) -> list[Change]:
        """Resolves every element whose Parties agree, each as its own journaled change, in text order."""
        applied: list[Change] = []
        for element in self.elements():
            if element.id not in self._element_index()[2]:
                continue  # gone with an enclosing bracket resolved just before
            state = self.state(element.id)
            if state.status != "consensus":
                continue
            if state.resolution == "keep":
                applied.append(self.keep(element.id, meeting=meeting))
            elif state.resolution == "delete":
                applied.append(self.delete(element.id, meeting=meeting))
            elif state.choice is not None:
                applied.append(self.choose(element.id, state.choice, meeting=meeting))
        return applied

    # --- internals -------------------------------------------------------------------

    def _resolution(
        self,
        make: Callable[[], tuple[Draft, Change] | None],
        party: str | None,
        meeting: str | None,
    ) -> Change | None:
        def record() -> tuple[NewRecord, Draft, Change] | None:
            try:
                made = make()
            except ResolveError as error:
                raise SessionError(str(error)) from None
            if made is None:
                return None
            draft, change = made
            normal = None
            if party is not None:
                try:
                    normal = self.registry.normalise(party)
                except UnknownPartyError as error:
                    raise SessionError(str(error)) from None
            new = self._new_record(
                change.kind.value,
                party=normal,
                meeting=meeting,
                target=change.target,
                before=change.before,
                after=change.after,
                choice=change.choice,
                refers=change.refers,
                data=change_to_json(change),
            )
            return new, draft, change

        written = self._write(record)
        return None if written is None else written.change

    def _resolved(
        self, make: Callable[[], tuple[Draft, Change]], party: str | None, meeting: str | None
    ) -> Change:
        change = self._resolution(make, party, meeting)
        assert change is not None  # `make` always makes a change or raises
        return change

    def _write(
        self, make: Callable[[], tuple[NewRecord, Draft | None, Change | None] | None]
    ) -> Event | None:
        if self.read_only:
            raise SessionError(f"{self.path}: opened read-only")
        journal = self._journal or self._create_journal()
        try:
            with journal.writing() as writer:
                for record in writer.records_after(self._last_seq):
                    self._catch_up(record)
                made = make()
                if made is None:
                    return None
                new, draft, change = made
                stored = writer.append(new, after=self._last_seq)
        except JournalError as error:
            raise SessionError(str(error)) from None
        self._ingest(stored, change)
        if draft is not None:
            self._edited_from = (self._draft, change.edits) if change is not None else None
            self._draft = draft
        return _event(stored, change)

    def _create_journal(self) -> Journal:
        try:
            journal = SqliteJournal.create(
                self.journal_path, self._base_bytes, self.path.name, busy_timeout=self._busy_timeout
            )
        except JournalError as error:
            raise SessionError(str(error)) from None
        _check_base(self.path, self._base_bytes, journal)
        self._journal = journal
        return journal

    def _catch_up(self, record: Record) -> None:
        """Applies an event another process appended since this session last read the journal."""
        change = self._ingest(record)
        if change is not None:
            try:
                self._draft = resolve.apply_change(self._draft, change)[0]
            except ResolveError as error:
                raise SessionError(
                    f"{self.journal_path}: event {record.seq} does not fit the text: {error}"
                ) from None

    def _ingest(
        self, record: Record, change: Change | None = None, *, in_order: bool = True
    ) -> Change | None:
        """Takes one event into the session's state (not the text); returns its change, if it has one."""
        if in_order:
            if record.seq != self._last_seq + 1:
                raise JournalError(
                    f"event {record.seq} follows event {self._last_seq}: the journal has a gap"
                )
            self._last_seq = record.seq
        kind = record.kind
        if kind == POSITION:
            self._take_position(record)
            return None
        if kind == SETTING:
            assert record.target is not None
            self._settings[record.target] = record.after or ""
            return None
        if kind == PARTY:
            assert record.target is not None
            self.registry.add(record.target, json.loads(record.data or "[]"))
            return None
        if change is None:
            change = change_from_record(record)
        self._changes[record.seq] = change
        self._change_seqs[id(change)] = record.seq
        self._text_seqs.append(record.seq)
        if change.kind is ChangeKind.UNDO:
            self._undo.pop()
            assert change.refers is not None
            self._redo.append(change.refers)
            self._undone_by[change.refers] = record.seq
        elif change.kind is ChangeKind.REDO:
            self._redo.pop()
            assert change.refers is not None
            self._undone_by.pop(change.refers, None)
            self._redone_as[change.refers] = record.seq
            self._undo.append(record.seq)
        else:
            self._undo.append(record.seq)
            self._redo.clear()
        return change

    def _take_position(self, record: Record) -> None:
        assert record.target is not None and record.party is not None and record.stance is not None
        groups = self._position_groups.setdefault(record.target, {})
        for key, parties in list(groups.items()):
            if record.party in parties:
                parties.remove(record.party)
                if not parties:
                    del groups[key]
                break
        groups.setdefault((record.stance, record.choice), []).append(record.party)
        self._position_versions[record.target] = record.seq
        self._position_cache.pop(record.target, None)

    def _new_record(self, kind: str, **fields: Any) -> NewRecord:
        return NewRecord(time=_now(), actor=self.actor, kind=kind, **fields)

    def _element_index(self) -> tuple[Draft, tuple[Element, ...], dict[str, Element]]:
        cached = self._elements
        if cached is None or cached[0] is not self._draft:
            edited = self._edited_from
            if cached is not None and edited is not None and edited[0] is cached[0] and edited[1]:
                found = _elements(self._draft, _Carried(cached[2], edited[1]))
            else:
                found = _elements(self._draft)
            cached = self._elements = (self._draft, found, {e.id: e for e in found})
        return cached

    def _state(self, element: Element) -> ElementState:
        key = (self._position_versions.get(element.id, 0), element.kind, len(element.choices), element.zero)
        cached = self._state_cache.get(element.id)
        if cached is not None and cached[0] == key:
            return cached[1]
        state = state_from_groups(
            element.id,
            element.kind,
            len(element.choices),
            element.zero,
            self._position_groups.get(element.id, {}),
            functools.partial(self.positions, element.id),
        )
        self._state_cache[element.id] = (key, state)
        return state


# --- elements ----------------------------------------------------------------------


def _bracket_element(text: str, bracket: Bracket) -> Element:
    return Element(
        bracket.id,
        "bracket",
        bracket.start,
        bracket.end,
        (text[bracket.inner_start : bracket.inner_end],),
        bracket.depth,
    )


class _Carried:
    """The elements of the draft before some edits, to take over where the edits left them as they were:
    an element the edits do not reach, whose bracket or group came out the same, only moved."""

    def __init__(self, elements: Mapping[str, Element], edits: Sequence[Edit]) -> None:
        self._elements = elements
        self._low, self._high = edits[0].start, edits[-1].end
        self._delta = sum(e.delta for e in edits)

    def take(self, element_id: str, start: int, end: int, depth: int, parts: int) -> Element | None:
        """The old element `element_id` moved to [start, end), if it can stand for the new one."""
        old = self._elements.get(element_id)
        if old is None or old.depth != depth or len(old.choices) != parts:
            return None
        if old.end <= self._low:
            by = 0
        elif old.start >= self._high:
            by = self._delta
        else:
            return None  # the edits reach into it: its text changed
        if old.start + by != start or old.end + by != end:
            return None
        return old if not by else _moved_element(old, by)


def _moved_element(e: Element, by: int) -> Element:
    moved: Element = _new_object(Element)
    _set_id(moved, e.id)
    _set_kind(moved, e.kind)
    _set_start(moved, e.start + by)
    _set_end(moved, e.end + by)
    _set_choices(moved, e.choices)
    _set_depth(moved, e.depth)
    _set_zero(moved, e.zero)
    return moved


# Elements after an edit are moved by the thousand: setting a new element's slots directly is twice as
# fast as the frozen dataclass's __init__.
_new_object = object.__new__
_set_id, _set_kind, _set_start, _set_end, _set_choices, _set_depth, _set_zero = (
    getattr(Element, name).__set__ for name in ("id", "kind", "start", "end", "choices", "depth", "zero")
)
assert len(dataclasses.fields(Element)) == 7  # a new field must be set in _moved_element too


def _elements(draft: Draft, carried: _Carried | None = None) -> tuple[Element, ...]:
    """`carried`: elements of the draft before the last edits, taken over where they stayed the same."""
    text = draft.text
    grouped = {b.id for g in draft.alternative_groups for b in g.alternatives}
    found = []
    for bracket in draft.brackets:
        if bracket.id in grouped:
            continue
        element = carried.take(bracket.id, bracket.start, bracket.end, bracket.depth, 1) if carried else None
        found.append(element or _bracket_element(text, bracket))
    for group in draft.alternative_groups:
        depth = group.alternatives[0].depth
        element = (
            carried.take(group.id, group.start, group.end, depth, len(group.alternatives))
            if carried
            else None
        )
        if element is None:
            choices = tuple(text[b.inner_start : b.inner_end] for b in group.alternatives)
            element = Element(group.id, "alternatives", group.start, group.end, choices, depth)
        found.append(element)
    starts = [b.start for b in draft.brackets]
    for options in draft.option_groups:
        found.append(
            Element(
                options.id,
                "options",
                options.start,
                options.end,
                tuple(text[o.start : o.end] for o in options.options),
                _depth_at(draft, starts, options.start),
                tuple(k for k, o in enumerate(options.options, 1) if o.zero),
            )
        )
    found.sort(key=lambda e: (e.start, -e.end))
    return tuple(found)


def _depth_at(draft: Draft, starts: list[int], offset: int) -> int:
    """How many brackets enclose `offset`."""
    i = bisect.bisect_left(starts, offset) - 1
    if i < 0:
        return 0
    bracket: Bracket | None = draft.brackets[i]
    while bracket is not None and bracket.end <= offset:
        bracket = draft.bracket_by_id.get(bracket.parent) if bracket.parent else None
    return 0 if bracket is None else bracket.depth


def _check_position(element: Element, stance: Stance, choice: int | None, text: str | None) -> None:
    count = len(element.choices)
    if choice is not None:
        if element.kind == "bracket":
            raise SessionError(f"{element.id} is a single bracket: a position on it takes no choice")
        if not 1 <= choice <= count:
            raise SessionError(f"{element.id} has {count} choices; {choice} is not one of them")
    if stance is Stance.SUPPORTS and element.kind != "bracket" and choice is None:
        raise SessionError(f"{element.id} is a group: say which choice the Party supports (1-{count})")
    if stance is Stance.PROPOSES and not text:
        raise SessionError("a proposal needs its wording")


# --- journal records ---------------------------------------------------------------


def change_to_json(change: Change) -> str:
    return json.dumps(
        {
            "edits": [[e.start, e.old, e.new] for e in change.edits],
            "removed": change.removed,
            "added": change.added,
            "removed_options": change.removed_options,
            "added_options": change.added_options,
            "removed_ids": change.removed_ids,
            "text": change.text,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def change_from_record(record: Record) -> Change:
    data = json.loads(record.data or "{}")
    return Change(
        kind=ChangeKind(record.kind),
        target=record.target or "",
        edits=tuple(Edit(s, old, new) for s, old, new in data["edits"]),
        removed=tuple((s, e, i) for s, e, i in data["removed"]),
        added=tuple((s, e, i) for s, e, i in data["added"]),
        removed_options=tuple((s, i) for s, i in data["removed_options"]),
        added_options=tuple((s, i) for s, i in data["added_options"]),
        removed_ids=tuple(data["removed_ids"]),
        choice=record.choice,
        text=data.get("text"),
        refers=record.refers,
        before=record.before or "",
        after=record.after or "",
    )


def _position(record: Record) -> Position:
    assert record.party is not None and record.stance is not None
    return Position(
        record.party,
        STANCES[record.stance],
        record.choice,
        record.after,
        record.meeting,
        record.note,
        record.time,
    )


def _event(record: Record, change: Change | None) -> Event:
    return Event(
        seq=record.seq,
        time=record.time,
        actor=record.actor,
        kind=record.kind,
        party=record.party,
        meeting=record.meeting,
        target=record.target,
        before=record.before,
        after=record.after,
        stance=None if record.stance is None else Stance(record.stance),
        choice=record.choice,
        note=record.note,
        refers=record.refers,
        change=change,
    )


def _check_base(draft_path: Path, data: bytes, journal: Journal) -> None:
    sha = hashlib.sha256(data).hexdigest()
    if sha != journal.base_sha256:
        raise SessionError(
            f"{draft_path} no longer matches the base text of its journal {journal.location} "
            f"(file SHA-256 {sha[:12]}…, journal base {journal.base_sha256[:12]}…); drafter will not guess: "
            "restore the original file, or move the journal away to start a new one"
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _default_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def open_session(path: str | os.PathLike[str], **options: Any) -> Session:
    """`Session.open`, with a `ReadError` (unreadable draft) turned into a `SessionError`."""
    try:
        return Session.open(path, **options)
    except ReadError as error:
        raise SessionError(str(error)) from None
