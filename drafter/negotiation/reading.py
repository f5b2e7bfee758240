"""The reading side of a session: the consolidated text, its elements and states, positions, history.

`Session` (drafter.negotiation.session) adds opening, closing and every write; this half never writes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from drafter.journal import Journal, JournalStore
from drafter.negotiation import resolve
from drafter.negotiation.changes import Change
from drafter.negotiation.consensus import ElementState, Outcome, Roster, StanceGroups, outcomes, split_on
from drafter.negotiation.elements import Element, bracket_element, derive_elements
from drafter.negotiation.history import History
from drafter.negotiation.ledger import Ledger
from drafter.negotiation.links import Link
from drafter.negotiation.parties import PartyEntry, PartyRegistry
from drafter.negotiation.places import ChangeEvent, Placed, event_places
from drafter.negotiation.positions import Position, Stance
from drafter.negotiation.precedent import Precedent, Precedents, precedents
from drafter.negotiation.reattach import Unattached, unattached
from drafter.negotiation.records import Event, event_from_record, position_from_record
from drafter.negotiation.transaction import SessionError
from drafter.text.model import Draft, SourceFormat
from drafter.text.parser import format_for, read_text


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


class SessionView:
    """One draft and what its journal says, read-only."""

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
        self.journal_path = Path(store.location)  # the journal's file, when it is a SQLite file
        self.neighbours: tuple[
            JournalStore, ...
        ] = ()  # journals of other versions: how it was settled before
        self._store = store
        self.actor = actor
        self.read_only = read_only
        self._journal = journal
        self._base_bytes = base.text.encode("utf-8")
        self._base_sha256 = hashlib.sha256(self._base_bytes).hexdigest()
        self._next_journal_look = 0.0  # when `Session.refresh` may look for a journal made meanwhile
        self._ledger = Ledger(base, actor, self._load_positions)
        self._unsaved_settings: dict[str, str] = {}  # kept until the journal exists
        self.read_only_reason: str | None = None  # why a session asked to write was opened read-only
        self.notes: tuple[str, ...] = ()  # what opening noticed (an empty journal treated as absent...)
        self._meeting: str | None = None  # a meeting to look at, other than the current one
        self._base_elements: dict[str, int] | None = None
        self._neighbour_precedents: Precedents | None = None  # read once
        self._own_precedents: tuple[int, Precedents] | None = None
        self.on_journal_base = False  # working on the journal's copy of its base text: the file differs

    # --- reading -------------------------------------------------------------------

    @property
    def draft(self) -> Draft:
        """The consolidated text now."""
        return self._ledger.draft

    @property
    def title(self) -> str:
        """What an export calls the text: the draft's file name."""
        return self.path.name

    @property
    def provenance(self) -> str | None:
        """Where the text shown comes from, when it is not the consolidated text of the journal."""
        return None

    @property
    def has_journal(self) -> bool:
        return self._journal is not None

    @property
    def journal_location(self) -> str:
        """Where the journal is (or will be, after the first write), for messages: a file, or a database
        and the draft in it (never a password)."""
        return self._journal.location if self._journal is not None else self._store.location

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

    @property
    def meeting(self) -> str | None:
        """The meeting whose roster the states are computed for: the current one (a setting)."""
        return self._meeting if self._meeting is not None else (self.get_setting("meeting") or None)

    def look_at_meeting(self, meeting: str | None) -> None:
        """Computes states for `meeting`'s roster from now on, without changing the current meeting."""
        self._meeting = meeting

    def roster(self, meeting: str | None = None) -> Roster:
        """The Parties in the room for `meeting` (default: `self.meeting`): as set, else who spoke in it."""
        return self._ledger.roster(self.meeting if meeting is None else meeting)

    def rosters(self) -> dict[str | None, Roster]:
        """The rosters the facilitator set, by meeting."""
        return dict(self._ledger.rosters)

    def speakers(self) -> dict[str | None, frozenset[str]]:
        """The Parties that took a position, by meeting."""
        return {meeting: frozenset(p) for meeting, p in self._ledger.speakers.items()}

    def state(self, element_id: str) -> ElementState:
        return self._ledger.positions.state(self.element(element_id), self.roster())

    def states(self) -> dict[str, ElementState]:
        state, roster = self._ledger.positions.state, self.roster()
        return {element.id: state(element, roster) for element in self.elements()}

    def split_on(self, element_id: str, outcome: Outcome) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The Parties whose latest positions accept `outcome` of the element (a resolution's basis), and
        those on record that object to it."""
        element = self.element(element_id)
        groups = self._ledger.positions.groups(element.id)
        return split_on(element.kind, len(element.choices), element.zero, groups, outcome)

    def proposals(self, element_id: str) -> tuple[tuple[int, str], ...]:
        """The proposals made on the element, by number (numbered after its choices), oldest first."""
        if self._journal is None:
            return ()
        found: dict[int, str] = {}
        for record in self._journal.records(target=element_id):
            if record.stance == Stance.PROPOSES.value and record.choice is not None and record.after:
                found.setdefault(record.choice, record.after)
        return tuple(sorted(found.items()))

    def outcomes(self, element_id: str) -> tuple[Outcome, ...]:
        """Every outcome of the element: `keep` or its choices, `delete`, its proposals' numbers."""
        element = self.element(element_id)
        return outcomes(element.kind, len(element.choices), [n for n, _ in self.proposals(element_id)])

    def links(self) -> tuple[Link, ...]:
        """The links (requires, excludes, packages) in effect."""
        return self._ledger.links.all()

    def stance_groups(self, element_id: str) -> StanceGroups:
        """The Parties on the element by (stance, choice) of their latest positions (cheap: no journal read)."""
        return self._ledger.positions.groups(element_id)

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
        (the status line and `drafter status` count these); a group only read differently (split, or
        regrouped under another first bracket) is not resolved.
        """
        now = self._ledger.element_index()[1].keys() | self.draft.bracket_by_id.keys()
        brackets = self.draft.bracket_by_id
        return frozenset(
            i for i in self._base_starts().keys() - now if not (i.startswith("g") and "b" + i[1:] in brackets)
        )

    def _base_starts(self) -> dict[str, int]:
        """The base text's elements: where each starts, by id (derived once)."""
        if self._base_elements is None:
            self._base_elements = {e.id: e.start for e in derive_elements(self.base)}
        return self._base_elements

    def event_places(self, events: Sequence[Placed]) -> list[str]:
        """Each event's place, as a paragraph reference of the base text (`drafter.negotiation.places`)."""
        now = {element_id: e.start for element_id, e in self._ledger.element_index()[1].items()}
        return event_places(self.base, self._base_starts(), self._ledger.history.in_order(), events, now)

    def change_place(self, change: Change) -> str:
        """A change's place, as `event_places` says it."""
        return self.event_places([ChangeEvent(self.change_seq(change), change.target, change)])[0]

    @property
    def version_chain(self) -> list[dict[str, object]]:
        """The versions this journal was carried from (`drafter carry`), oldest first; [] for one begun here."""
        chain = json.loads(self._ledger.version_chain)
        return [entry for entry in chain if isinstance(entry, dict)] if isinstance(chain, list) else []

    def unattached(self) -> tuple[Unattached, ...]:
        """Positions on ids the text no longer reads as one element, though their brackets are all
        there (`drafter.negotiation.reattach`): they need re-attachment."""
        by_id = self._ledger.element_index()[1]
        return unattached(self.draft, by_id, self._ledger.positions.spoken_on())

    def get_setting(self, key: str) -> str | None:
        """This actor's latest value of a setting, else anyone's (two facilitators keep their own places)."""
        return self._unsaved_settings.get(key, self._ledger.setting(key))

    @property
    def can_undo(self) -> bool:
        return self._ledger.history.can_undo

    @property
    def can_redo(self) -> bool:
        return self._ledger.history.can_redo

    def precedents(self, element_id: str) -> list[Precedent]:
        """How elements of this wording were settled before, here or beside another version (latest first)."""
        element = self.element(element_id)
        if self._neighbour_precedents is None:
            self._neighbour_precedents = precedents((), self.neighbours)
        if self._own_precedents is None or self._own_precedents[0] != self.last_seq:
            changes = self._ledger.history
            records = self._journal.records(positions=False) if self._journal is not None else iter(())
            own = [
                (r.seq, r.time, change)
                for r in records
                if (change := changes.get(r.seq)) is not None and changes.in_effect(r.seq)
            ]
            self._own_precedents = (self.last_seq, precedents(own, ()))
        found = self._own_precedents[1].for_element(
            self.draft, element
        ) + self._neighbour_precedents.for_element(self.draft, element)
        return sorted(found, key=lambda p: p.time, reverse=True)
