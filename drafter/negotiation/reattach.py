"""Positions whose element was read differently since: never dropped, listed as needing re-attachment.

A position is recorded on an element id. When the reading changes (a split, a join, a new bracket that
changes a group's make-up) the id may stand for nothing any more although the brackets it was about are
all still there: a group split into its brackets (or regrouped under another first bracket), a bracket
now an alternative of a group. Such positions still count in the journal; `drafter status` and the TUI
list them here, with where their brackets are now, so a Party can say again where it stands. An id
whose brackets were resolved away is not listed: its positions are history.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from drafter.negotiation.elements import Element
from drafter.text.model import Draft


@dataclass(frozen=True, slots=True)
class Unattached:
    """Positions on `element_id`, which the text no longer reads as one element."""

    element_id: str
    parties: tuple[str, ...]
    now: str  # where its brackets are now, in words

    def describe(self) -> str:
        return f"{self.element_id} ({', '.join(self.parties)}): {self.now}"


def unattached(
    draft: Draft, elements: Mapping[str, Element], spoken_on: Iterable[tuple[str, tuple[str, ...]]]
) -> tuple[Unattached, ...]:
    """The positions of `spoken_on` ((element id, its Parties)) that need re-attachment, by element id."""
    group_of = {b.id: g for g in draft.alternative_groups for b in g.alternatives}
    found = []
    for element_id, parties in sorted(spoken_on):
        if element_id in elements or not parties:
            continue
        bracket = draft.bracket_by_id.get(element_id)
        first = draft.bracket_by_id.get("b" + element_id[1:]) if element_id.startswith("g") else None
        if bracket is not None and bracket.id in group_of:
            group = group_of[bracket.id]
            k = next(i for i, b in enumerate(group.alternatives, 1) if b.id == bracket.id)
            now = f"bracket now alternative {k} of {group.id}"
        elif first is not None:
            regrouped = group_of.get(first.id)
            now = (
                f"group read again: its first bracket is now in {regrouped.id}"
                if regrouped is not None
                else f"group split: its brackets now stand apart, from {first.id}"
            )
        else:
            continue  # resolved away
        found.append(Unattached(element_id, tuple(sorted(parties)), now))
    return tuple(found)
