"""What a journal says, in memory: the consolidated text, its changes, positions, settings and Parties.

A `Ledger` is fed the journal's records one at a time, in journal order: on opening (`take` of every
record, then one replay of the text), when catching up on another process's records (`catch_up`, which
applies their changes to the text), and after this process's own writes (`take` with the change made).
"""

from __future__ import annotations

from collections.abc import Callable

from drafter.journal import Journal, JournalError, Record, RecordKind
from drafter.negotiation.changes import CHANGE_KINDS, Change, ResolveError, apply_change
from drafter.negotiation.consensus import Roster, implicit_roster
from drafter.negotiation.elements import Element, ElementIndex
from drafter.negotiation.history import History
from drafter.negotiation.links import LinkBook
from drafter.negotiation.parties import PartyRegistry
from drafter.negotiation.position_index import PositionIndex
from drafter.negotiation.positions import Position
from drafter.negotiation.records import (
    change_from_record,
    link_from_record,
    party_aliases,
    record_kind,
    roster_from_record,
)
from drafter.negotiation.replay import replay
from drafter.text.model import Draft


class Ledger:
    """The session's knowledge of its journal, up to event `last_seq`."""

    def __init__(
        self, base: Draft, actor: str, load_positions: Callable[[str], tuple[Position, ...]]
    ) -> None:
        self.draft = base
        self.actor = actor
        self.last_seq = 0
        self.history = History()
        self.registry = PartyRegistry()
        self._settings: dict[str, str] = {}  # anyone's latest
        self._own_settings: dict[str, str] = {}  # this actor's latest
        self.positions = PositionIndex(load_positions)
        self.elements = ElementIndex()
        self.rosters: dict[str | None, Roster] = {}  # set by the facilitator, per meeting
        self.speakers: dict[str | None, set[str]] = {}  # Parties that took a position, per meeting
        self.links = LinkBook()
        self.version_chain = "[]"  # JSON: the versions this journal was carried from, oldest first

    def roster(self, meeting: str | None) -> Roster:
        """The Parties in the room for `meeting`: as set, else every Party that spoke in it."""
        return self.rosters.get(meeting) or implicit_roster(meeting, self.speakers)

    def setting(self, key: str) -> str | None:
        """This actor's latest value of a setting, else anyone's."""
        return self._own_settings.get(key, self._settings.get(key))

    def element_index(self) -> tuple[tuple[Element, ...], dict[str, Element]]:
        return self.elements.of(self.draft)

    def take(self, record: Record, change: Change | None = None, *, in_order: bool = True) -> Change | None:
        """Takes one record into the ledger (not its change into the text); returns its change, if any.

        `change`: the change as this process made it (else it is decoded from the record).
        """
        if in_order:
            if record.seq != self.last_seq + 1:
                raise JournalError(f"event {record.seq} follows event {self.last_seq}: the journal has a gap")
            self.last_seq = record.seq
        kind = record_kind(record)
        if kind is RecordKind.POSITION:
            self.positions.take(record)
            assert record.party is not None
            self.speakers.setdefault(record.meeting, set()).add(record.party)
        elif kind is RecordKind.ROSTER:
            self.rosters[record.meeting] = roster_from_record(record)
        elif kind is RecordKind.LINK:
            self.links.add(link_from_record(record))
        elif kind is RecordKind.UNLINK:
            assert record.refers is not None
            self.links.remove(record.refers)
        elif kind is RecordKind.SETTING:
            assert record.target is not None
            self._settings[record.target] = record.after or ""
            if record.actor == self.actor:
                self._own_settings[record.target] = record.after or ""
        elif kind is RecordKind.CARRIED:
            self.version_chain = record.data or "[]"
        elif kind is RecordKind.PARTY:
            assert record.target is not None
            self.registry.add(record.target, party_aliases(record))
        elif kind in CHANGE_KINDS:
            change = change or change_from_record(record)
            self.history.record(record.seq, change)
            return change
        return None

    def load(self, journal: Journal, base: Draft) -> None:
        """Reads a whole journal on opening: its records but positions, then positions as counts per
        stance and the text as `base` plus one replay of the changes. A journal that cannot be read, or
        does not fit `base`, is a `JournalError` naming it."""
        try:
            with journal.reading():
                changes = [
                    change
                    for record in journal.records(positions=False)
                    if (change := self.take(record, in_order=False)) is not None
                ]
                self.last_seq = journal.last_seq()
                for target, stance, choice, parties in journal.position_groups():
                    self.positions.add_group(target, stance, choice, parties)
                for meeting, party in journal.speakers():
                    self.speakers.setdefault(meeting, set()).add(party)
        except (JournalError, ValueError, KeyError) as error:
            raise JournalError(f"{journal.location}: cannot replay the journal: {error}") from None
        try:
            self.draft = replay(base, changes)
        except ValueError as error:
            raise JournalError(
                f"{journal.location}: the journal does not fit its base text: {error}"
            ) from None

    def advance(self, draft: Draft, change: Change) -> None:
        """The text after `change`, made from the text now: elements the change did not reach carry over."""
        self.elements.changed(self.draft, change.edits)
        self.draft = draft

    def catch_up(self, record: Record, location: str) -> Change | None:
        """Takes in a record another process appended since this one last read the journal; its change."""
        change = self.take(record)
        if change is not None:
            try:
                draft = apply_change(self.draft, change)[0]
            except ResolveError as error:
                raise JournalError(f"{location}: event {record.seq} does not fit the text: {error}") from None
            self.advance(draft, change)
        return change
