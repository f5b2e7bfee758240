"""Who blocks what: each Party's standing across the text, and the Party × element matrix.

For every element, from its state (`drafter.negotiation.consensus`):

- a Party *supports* it when it can live with the element's leading outcome (when no outcome leads:
  when it has spoken and does not stand against the text);
- it *objects* to it when it cannot live with the leading outcome, or (when no outcome leads) its
  latest stance stands against the text (opposes, wants deletion, reserves);
- it is *alone* on it when it is that outcome's only objector (the state is `one-objector`);
- it is *silent* on it when it has taken no position there.

Computed from the positions grouped by (stance, choice): one pass over 195 Parties × 1,500 elements.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from drafter.negotiation.consensus import ElementState, StanceGroups, Status
from drafter.negotiation.elements import Element
from drafter.negotiation.positions import OBJECTING, STANCES, Stance

Groups = Callable[[str], StanceGroups]  # element id -> the Parties by (stance, choice) on it


@dataclass(slots=True)
class PartyStanding:
    """One Party's (or group's) elements, by how it stands on them, in text order."""

    party: str
    supports: list[str] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)
    alone: list[str] = field(default_factory=list)
    silent: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "party": self.party,
            "supports": self.supports,
            "objects": self.objects,
            "alone": self.alone,
            "silent": self.silent,
        }


def standings(
    elements: Sequence[Element], states: Mapping[str, ElementState], groups: Groups, parties: Iterable[str]
) -> dict[str, PartyStanding]:
    """Every Party's standing on every element."""
    found = {party: PartyStanding(party) for party in parties}
    for element in elements:
        state = states[element.id]
        heard: set[str] = set()
        against: set[str] = set(state.objectors)
        for (stance, _), spoken in groups(element.id).items():
            heard.update(spoken)
            if state.outcome is None and STANCES[stance] in OBJECTING:
                against.update(spoken)
        supporting = state.accepting if state.outcome is not None else sorted(heard - against)
        for party in supporting:
            if party in found:
                found[party].supports.append(element.id)
        for party in sorted(against):
            if party in found:
                found[party].objects.append(element.id)
                if state.status is Status.ONE_OBJECTOR:
                    found[party].alone.append(element.id)
        for party, standing in found.items():
            if party not in heard:
                standing.silent.append(element.id)
    return found


# A matrix cell: how the Party stands, in a few characters (the mark) — `+2` supports 2, `a` accepts
# any, `a2` accepts 2, `-2` opposes 2, `-` opposes the text, `x` wants deletion, `p4` proposes 4,
# `r` reserves, empty: silent.
MARKS = {
    Stance.SUPPORTS: "+",
    Stance.ACCEPTS: "a",
    Stance.OPPOSES: "-",
    Stance.DELETE: "x",
    Stance.PROPOSES: "p",
    Stance.RESERVES: "r",
}


def mark(stance: str, choice: int | None) -> str:
    return MARKS[Stance(stance)] + ("" if choice is None else str(choice))


@dataclass(frozen=True, slots=True)
class Matrix:
    """Parties (rows) × elements (columns): each cell the Party's latest stance as a mark."""

    parties: tuple[str, ...]
    elements: tuple[str, ...]
    cells: Mapping[str, Mapping[str, str]]  # party -> element id -> mark (absent: silent)

    def row(self, party: str) -> list[str]:
        marks = self.cells.get(party, {})
        return [marks.get(element_id, "") for element_id in self.elements]


def party_matrix(elements: Sequence[Element], groups: Groups, parties: Iterable[str] = ()) -> Matrix:
    """The matrix of every Party on record (and `parties`, silent or not) over `elements`."""
    cells: dict[str, dict[str, str]] = {party: {} for party in parties}
    for element in elements:
        for (stance, choice), spoken in groups(element.id).items():
            cell = mark(stance, choice)
            for party in spoken:
                cells.setdefault(party, {})[element.id] = cell
    return Matrix(tuple(sorted(cells)), tuple(e.id for e in elements), cells)
