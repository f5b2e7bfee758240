"""The text as one Party would have it: at every element, the outcome that Party supports.

Where the Party said nothing, or said only what it cannot accept (opposes a choice, reserves), the
brackets stay. Nothing is journaled: the projection is made from the consolidated text with the same
pure resolutions the session uses, and keeps them as changes from it (a Word export shows them as the
Party's tracked changes). Two Parties' projections diffed show where they differ and nothing else: the
landing zone.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from drafter.incremental.offsets import Edit, apply_text
from drafter.journal import Journal
from drafter.negotiation.chair import outcome_change, resolution_for
from drafter.negotiation.changes import Change
from drafter.negotiation.consensus import DELETE, KEEP, Outcome, StanceGroups
from drafter.negotiation.elements import Element
from drafter.negotiation.parties import UnknownPartyError
from drafter.negotiation.positions import Position, Stance
from drafter.negotiation.reading import SessionView
from drafter.negotiation.records import Event, Grounds
from drafter.negotiation.session import Session, SessionError
from drafter.text.model import Draft
from drafter.text.parser import parse


def preferred(element: Element, groups: StanceGroups, party: str) -> Outcome | None:
    """The outcome `party` asks for on the element, if it named one."""
    for (stance, choice), parties in groups.items():
        if party not in parties:
            continue
        if stance in (Stance.SUPPORTS, Stance.ACCEPTS, Stance.PROPOSES) and choice is not None:
            return choice
        if stance is Stance.SUPPORTS and not element.is_group:
            return KEEP
        if stance is Stance.DELETE or (stance is Stance.OPPOSES and choice is None and not element.is_group):
            return DELETE
        return None
    return None


@dataclass(frozen=True, slots=True)
class Projection:
    """A Party's text, and the changes that lead to it from the consolidated text."""

    draft: Draft
    changes: tuple[Change, ...]  # in order; each one's edits are offsets in the text the ones before left


def as_party(session: Session, party: str) -> Draft:
    """The consolidated text with every element resolved as `party` would have it (see `project`)."""
    return project(session, party).draft


def project(session: Session, party: str) -> Projection:
    """The consolidated text with every element resolved as `party` would have it, and the changes.

    The edits of every resolution are made on the text as it is and applied at once, then the text is
    read once: an outer element's resolution wins over the elements inside it (deleting a bracket takes
    its inner brackets with it; keeping it leaves them to be resolved on their own). Edits that would
    overlap without nesting (two deletions sharing a space) are made one after the other instead, and so
    are the elements inside such an element: resolved at once they would outrun the element around them.
    """
    try:
        name = session.registry.normalise(party)
    except UnknownPartyError as error:
        raise SessionError(str(error)) from None
    draft = session.draft
    taken: list[Edit] = []  # sorted, none overlapping
    at_once: list[Change] = []  # the changes of `taken`, in text order
    later: list[tuple[Element, Outcome]] = []
    for element in session.elements():
        outcome = preferred(element, session.stance_groups(element.id), name)
        if outcome is None:
            continue
        change = outcome_change(session, draft, element, outcome)
        if _covered(taken, element):
            continue  # inside an element already resolved away
        if any(_overlaps(taken, edit) for edit in change.edits) or _inside_any(later, element):
            later.append((element, outcome))
            continue
        for edit in change.edits:
            bisect.insort(taken, edit, key=lambda e: e.start)
        at_once.append(change)
    projected = draft if not taken else parse(apply_text(draft.text, tuple(taken)), draft.source_format)
    changes = in_turn(at_once, taken)
    for element, outcome in later:  # resolved one by one, where they still are (ids are kept by text)
        if element.id in projected.bracket_by_id or element.id in projected.group_by_id:
            projected, change = resolution_for(session, projected, element, outcome)
            changes.append(change)
    return Projection(projected, tuple(changes))


def in_turn(changes: list[Change], edits: list[Edit]) -> list[Change]:
    """Changes made at once on one text (`edits`: all their edits, sorted), told one after the other:
    each one's edits moved by what the changes before it inserted or removed ahead of them. (Ordered by
    start alone they would not do: a choice's closing bracket lies beyond the elements inside it.)"""
    rank = {id(edit): i for i, edit in enumerate(edits)}
    shifts = [0] * (len(edits) + 1)  # a Fenwick tree of the deltas applied so far, by rank

    def ahead(i: int) -> int:  # the deltas applied to edits ranked before i
        total = 0
        while i > 0:
            total, i = total + shifts[i], i - (i & -i)
        return total

    told = []
    for change in changes:
        moved = tuple(Edit(e.start + ahead(rank[id(e)]), e.old, e.new) for e in change.edits)
        for edit in change.edits:
            i = rank[id(edit)] + 1
            while i < len(shifts):
                shifts[i], i = shifts[i] + edit.delta, i + (i & -i)
        told.append(replace(change, edits=moved))
    return told


class _NotJournaled:
    """The journal store of a Party's text: there is none, and nothing may be written to one."""

    def __init__(self, location: str) -> None:
        self.location = location
        self.notes: list[str] = []

    def open(self, name: str, sha256: str, *, read_only: bool) -> Journal | None:
        return None

    def create(self, base: bytes, name: str) -> Journal:
        raise SessionError("a Party's text is a projection: it has no journal of its own")

    def set_aside(self, name: str, sha256: str) -> str:
        raise SessionError("a Party's text is a projection: it has no journal to set aside")


class PartyView(SessionView):
    """The text as one Party would have it, to read and export like a session: its base is the
    consolidated text, its history the Party's outcomes as changes made by the Party (dated by its
    positions; a Word export shows them as its tracked changes), and the elements where it said nothing
    stay open (with no positions: nothing is journaled on a projection)."""

    def __init__(self, session: SessionView, party: str, projection: Projection) -> None:
        store = _NotJournaled(session.journal_location)
        super().__init__(session.path, session.draft, store, None, actor=party, read_only=True)
        self._ledger.draft = projection.draft
        self.party = party
        self._session = session
        self._changes = projection.changes
        self._events = len(session.history())

    def positions(self, element_id: str) -> tuple[Position, ...]:
        """The Party's own position on an element of the consolidated text: what its change rests on."""
        return tuple(p for p in self._session.positions(element_id) if p.party == self.party)

    def history(self, element_id: str | None = None) -> tuple[Event, ...]:
        """The Party's outcomes, one event each (numbered from 1), from the consolidated text."""
        events = []
        for seq, change in enumerate(self._changes, 1):
            if element_id is not None and change.target != element_id:
                continue
            position = next(iter(self.positions(change.target)), None)
            events.append(
                Event(
                    seq,
                    position.time if position else "",
                    self.party,
                    change.kind,
                    self.party,
                    position.meeting if position else None,
                    change.target,
                    change.before,
                    change.after,
                    change=change,
                    grounds=Grounds(basis=(self.party,)),
                )
            )
        return tuple(events)

    @property
    def provenance(self) -> str:
        return (
            f"The text as {self.party} would have it: at every element the outcome it supports, brackets "
            f"kept where it said nothing; made from the consolidated text after {self._events} journal "
            "events, and not journaled"
        )

    @property
    def title(self) -> str:
        return f"{self.path.name}, as {self.party} would have it"


def party_view(session: Session, party: str) -> PartyView:
    """`as_party` as a read-only view the exporters take (Markdown, HTML, .docx as well as plain text)."""
    projection = project(session, party)
    return PartyView(session, session.registry.normalise(party), projection)


def _overlaps(taken: list[Edit], edit: Edit) -> bool:
    i = bisect.bisect_right([e.start for e in taken], edit.start)
    before = taken[i - 1] if i else None
    after = taken[i] if i < len(taken) else None
    return (before is not None and before.end > edit.start) or (after is not None and after.start < edit.end)


def _inside_any(later: list[tuple[Element, Outcome]], element: Element) -> bool:
    """Whether `element` lies inside one left for later (elements come outer first, in text order)."""
    return any(outer.start <= element.start and element.end <= outer.end for outer, _ in reversed(later))


def _covered(taken: list[Edit], element: Element) -> bool:
    """Whether an edit already taken removes all of `element` (its enclosing element went)."""
    i = bisect.bisect_right([e.start for e in taken], element.start)
    return bool(i) and taken[i - 1].start <= element.start and taken[i - 1].end >= element.end
