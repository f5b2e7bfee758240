"""Positions whose element was read differently since: never dropped, listed as needing re-attachment.

A position is recorded on an element id. When the reading changes (a split, a join, a new bracket that
changes a group's make-up) the id may stand for nothing any more although the brackets it was about are
all still there: a group split into its brackets (or regrouped under another first bracket), a bracket
now an alternative of a group. Such positions still count in the journal; `drafter status` and the TUI
list them here, with where their brackets are now, so a Party can say again where it stands. An id
whose brackets were resolved away is not listed: its positions are history.

Positions are never moved for a Party (that would put words in its mouth). A Party is no longer listed
once it has a position on an element its brackets are in now (`Unattached.holders`: the group a bracket
became an alternative of; for a dissolved group, the elements holding the run of adjacent sibling
brackets from its first bracket, which its alternatives were): it has said again where it stands.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from drafter.negotiation.elements import Element
from drafter.text.alternatives import adjacent
from drafter.text.model import AlternativeGroup, Bracket, Draft


@dataclass(frozen=True, slots=True)
class Unattached:
    """Positions on `element_id`, which the text no longer reads as one element."""

    element_id: str
    parties: tuple[str, ...]  # those who have not spoken since on an element holding its brackets
    now: str  # where its brackets are now, in words
    holders: tuple[str, ...] = ()  # the elements its brackets are in now

    def describe(self) -> str:
        again = f"; say again on {', '.join(self.holders)}" if self.holders else ""
        return f"{self.element_id} ({', '.join(self.parties)}): {self.now}{again}"


def unattached(
    draft: Draft, elements: Mapping[str, Element], spoken_on: Iterable[tuple[str, tuple[str, ...]]]
) -> tuple[Unattached, ...]:
    """The positions of `spoken_on` ((element id, its Parties)) that need re-attachment, by element id."""
    spoken = dict(spoken_on)
    group_of = {b.id: g for g in draft.alternative_groups for b in g.alternatives}
    found = []
    holders: tuple[str, ...]
    for element_id, parties in sorted(spoken.items()):
        if element_id in elements or not parties:
            continue
        bracket = draft.bracket_by_id.get(element_id)
        first = draft.bracket_by_id.get("b" + element_id[1:]) if element_id.startswith("g") else None
        if bracket is not None and bracket.id in group_of:
            group = group_of[bracket.id]
            k = next(i for i, b in enumerate(group.alternatives, 1) if b.id == bracket.id)
            now, holders = f"bracket now alternative {k} of {group.id}", (group.id,)
        elif first is not None:
            regrouped = group_of.get(first.id)
            now = (
                f"group read again: its first bracket is now in {regrouped.id}"
                if regrouped is not None
                else f"group split: its brackets now stand apart, from {first.id}"
            )
            holders = _holders(draft, elements, group_of, first)
        else:
            continue  # resolved away
        silent = tuple(sorted(p for p in parties if not any(p in spoken.get(h, ()) for h in holders)))
        if silent:
            found.append(Unattached(element_id, silent, now, holders))
    return tuple(found)


def _holders(
    draft: Draft, elements: Mapping[str, Element], group_of: Mapping[str, AlternativeGroup], first: Bracket
) -> tuple[str, ...]:
    """The elements now holding the run of adjacent sibling brackets that starts at `first`."""
    siblings = [b for b in draft.brackets if b.parent == first.parent and b.start >= first.start]
    run = [first]
    for bracket in siblings[1:]:
        if not adjacent(draft.text, run[-1], bracket):
            break
        run.append(bracket)
    held = (group_of[b.id].id if b.id in group_of else b.id for b in run)
    return tuple(h for h in dict.fromkeys(held) if h in elements)
