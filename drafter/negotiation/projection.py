"""The text as one Party would have it: at every element, the outcome that Party supports.

Where the Party said nothing, or said only what it cannot accept (opposes a choice, reserves), the
brackets stay. Nothing is journaled: the projection is made from the consolidated text with the same
pure resolutions the session uses. Two Parties' projections diffed show where they differ and nothing
else: the landing zone.
"""

from __future__ import annotations

from drafter.negotiation.chair import resolution_for
from drafter.negotiation.consensus import StanceGroups
from drafter.negotiation.elements import Element
from drafter.negotiation.positions import Stance
from drafter.negotiation.session import Session
from drafter.text.model import Draft


def preferred(element: Element, groups: StanceGroups, party: str) -> str | None:
    """The outcome `party` asks for on the element ("keep", "delete", a choice or proposal number)."""
    for (stance, choice), parties in groups.items():
        if party not in parties:
            continue
        if stance in (Stance.SUPPORTS, Stance.ACCEPTS, Stance.PROPOSES) and choice is not None:
            return str(choice)
        if stance == Stance.SUPPORTS and not element.is_group:
            return "keep"
        if stance == Stance.DELETE or (stance == Stance.OPPOSES and choice is None and not element.is_group):
            return "delete"
        return None
    return None


def as_party(session: Session, party: str) -> Draft:
    """The consolidated text with every element resolved as `party` would have it."""
    name = session.registry.normalise(party)
    draft = session.draft
    for element in session.elements():
        outcome = preferred(element, session.stance_groups(element.id), name)
        if outcome is None or (element.id not in draft.bracket_by_id and element.id not in draft.group_by_id):
            continue  # silent, or gone with an enclosing element resolved just before
        draft = resolution_for(session, draft, element, outcome)[0]
    return draft
