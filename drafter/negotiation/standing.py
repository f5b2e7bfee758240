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
from dataclasses import dataclass
from functools import cache
from itertools import repeat

from drafter.negotiation.consensus import ElementState, StanceGroups, Status
from drafter.negotiation.elements import Element
from drafter.negotiation.positions import OBJECTING, Stance

Groups = Callable[[str], StanceGroups]  # element id -> the Parties by (stance, choice) on it


# How a Party stands on one element, one character each, so that a Party's standing across the text
# is one string: counts and lists are read from it in C rather than built cell by cell.
SUPPORTS, OBJECTS, ALONE, SILENT = "s", "o", "a", " "


@dataclass(frozen=True, slots=True)
class PartyStanding:
    """One Party's (or group's) elements, by how it stands on them, in text order."""

    party: str
    elements: tuple[str, ...]  # the element ids, in text order
    codes: str  # one character per element: SUPPORTS, OBJECTS, ALONE (objects, the only one) or SILENT

    def _where(self, *codes: str) -> list[str]:
        return [element for element, code in zip(self.elements, self.codes, strict=True) if code in codes]

    @property
    def supports(self) -> list[str]:
        return self._where(SUPPORTS)

    @property
    def objects(self) -> list[str]:
        return self._where(OBJECTS, ALONE)

    @property
    def alone(self) -> list[str]:
        return self._where(ALONE)

    @property
    def silent(self) -> list[str]:
        return self._where(SILENT)

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
    """Every Party's standing on every element: one column of codes per element, then transposed."""
    names = tuple(dict.fromkeys(parties))
    columns = []
    for element in elements:
        state = states[element.id]
        column: dict[str, str] = {}
        if state.outcome is not None:
            column.update(dict.fromkeys(state.accepting, SUPPORTS))
            against = ALONE if state.status is Status.ONE_OBJECTOR else OBJECTS
            column.update(dict.fromkeys(state.objectors, against))
        else:
            for (stance, _), spoken in groups(element.id).items():
                column.update(dict.fromkeys(spoken, OBJECTS if stance in OBJECTING else SUPPORTS))
        columns.append(tuple(map(column.get, names, repeat(SILENT))))
    ids = tuple(element.id for element in elements)
    rows = zip(*columns, strict=True) if columns else (() for _ in names)
    return {party: PartyStanding(party, ids, "".join(row)) for party, row in zip(names, rows, strict=True)}


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


@cache
def mark(stance: Stance, choice: int | None) -> str:
    return MARKS[stance] + ("" if choice is None else str(choice))


@dataclass(frozen=True, slots=True)
class Matrix:
    """Parties (rows) × elements (columns): each cell the Party's latest stance as a mark."""

    parties: tuple[str, ...]
    elements: tuple[str, ...]
    rows: Mapping[str, tuple[str, ...]]  # party -> one mark per element ("": silent)

    def row(self, party: str) -> tuple[str, ...]:
        return self.rows.get(party) or ("",) * len(self.elements)

    def marks(self, party: str) -> dict[str, str]:
        """Element id -> the Party's mark, where it has spoken."""
        return {element: mark for element, mark in zip(self.elements, self.row(party), strict=True) if mark}


def party_matrix(elements: Sequence[Element], groups: Groups, parties: Iterable[str] = ()) -> Matrix:
    """The matrix of every Party on record (and `parties`, silent or not) over `elements`: one column
    per element from its position groups, then transposed."""
    on_record = set(parties)
    columns = []
    for element in elements:
        column: dict[str, str] = {}
        for (stance, choice), spoken in groups(element.id).items():
            column.update(dict.fromkeys(spoken, mark(stance, choice)))
        on_record.update(column)
        columns.append(column)
    names = tuple(sorted(on_record))
    cells = [tuple(map(column.get, names, repeat(""))) for column in columns]
    rows = zip(*cells, strict=True) if cells else (() for _ in names)
    return Matrix(names, tuple(e.id for e in elements), dict(zip(names, rows, strict=True)))
