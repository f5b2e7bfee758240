"""The text as one Party would have it: at every element, the outcome that Party supports.

Where the Party said nothing, or said only what it cannot accept (opposes a choice, reserves), the
brackets stay. Nothing is journaled: the projection is made from the consolidated text with the same
pure resolutions the session uses. Two Parties' projections diffed show where they differ and nothing
else: the landing zone.
"""

from __future__ import annotations

import bisect

from drafter.incremental.offsets import Edit, apply_text
from drafter.journal import Journal
from drafter.negotiation.chair import outcome_edits, resolution_for
from drafter.negotiation.consensus import DELETE, KEEP, Outcome, StanceGroups
from drafter.negotiation.elements import Element
from drafter.negotiation.parties import UnknownPartyError
from drafter.negotiation.positions import Stance
from drafter.negotiation.reading import SessionView
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


def as_party(session: Session, party: str) -> Draft:
    """The consolidated text with every element resolved as `party` would have it.

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
    later: list[tuple[Element, Outcome]] = []
    for element in session.elements():
        outcome = preferred(element, session.stance_groups(element.id), name)
        if outcome is None:
            continue
        edits = outcome_edits(session, draft, element, outcome)
        if _covered(taken, element):
            continue  # inside an element already resolved away
        if any(_overlaps(taken, edit) for edit in edits) or _inside_any(later, element):
            later.append((element, outcome))
            continue
        for edit in edits:
            bisect.insort(taken, edit, key=lambda e: e.start)
    projected = draft if not taken else parse(apply_text(draft.text, tuple(taken)), draft.source_format)
    for element, outcome in later:  # resolved one by one, where they still are (ids are kept by text)
        if element.id in projected.bracket_by_id or element.id in projected.group_by_id:
            projected = resolution_for(session, projected, element, outcome)[0]
    return projected


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
    """The text as one Party would have it, to read and export like a session: the elements where the
    Party said nothing stay open (with no positions: nothing is journaled on a projection)."""

    def __init__(self, session: SessionView, party: str, draft: Draft) -> None:
        store = _NotJournaled(session.journal_location)
        super().__init__(session.path, draft, store, None, actor=session.actor, read_only=True)
        self.party = party
        self._events = len(session.history())

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
    draft = as_party(session, party)
    return PartyView(session, session.registry.normalise(party), draft)


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
