"""The Parties' latest positions per element, in memory, and the states they give (cached).

Opening a journal with hundreds of thousands of positions reads only their counts per (stance, choice)
from the journal's index; the positions themselves are read from the journal when first asked for.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from drafter.journal import Record
from drafter.negotiation.consensus import ElementState, Roster, state_from_groups
from drafter.negotiation.elements import Element
from drafter.negotiation.positions import STANCES, Position, Stance

Groups = dict[tuple[Stance, int | None], list[str]]  # (stance, choice) -> Parties, per element


class PositionIndex:
    """Parties by (stance, choice) per element, updated record by record; states cached per element."""

    def __init__(self, load: Callable[[str], tuple[Position, ...]]) -> None:
        """`load(element_id)` reads the latest position of each Party on the element from the journal."""
        self._load = load
        self._groups: dict[str, Groups] = {}
        self._versions: dict[str, int] = {}  # element -> the last position event on it
        self._positions: dict[str, tuple[Position, ...]] = {}
        self._states: dict[str, tuple[tuple[object, ...], ElementState]] = {}

    def add_group(self, element_id: str, stance: str, choice: int | None, parties: tuple[str, ...]) -> None:
        """Takes in the Parties whose latest position on the element is (stance, choice) (on opening;
        `stance` as the journal stores it)."""
        self._groups.setdefault(element_id, {})[(STANCES[stance], choice)] = list(parties)

    def take(self, record: Record) -> None:
        """Takes in a new position record: the Party's earlier position on the element no longer counts."""
        assert record.target is not None and record.party is not None and record.stance is not None
        groups = self._groups.setdefault(record.target, {})
        for key, parties in list(groups.items()):
            if record.party in parties:
                parties.remove(record.party)
                if not parties:
                    del groups[key]
                break
        groups.setdefault((STANCES[record.stance], record.choice), []).append(record.party)
        self._versions[record.target] = record.seq
        self._positions.pop(record.target, None)

    def spoken_on(self) -> list[tuple[str, tuple[str, ...]]]:
        """Every element id with positions, and the Parties whose latest positions are on it."""
        return [
            (element_id, tuple(p for parties in groups.values() for p in parties))
            for element_id, groups in self._groups.items()
            if groups
        ]

    def groups(self, element_id: str) -> Groups:
        """The Parties by (stance, choice) on the element now."""
        return self._groups.get(element_id, {})

    def positions(self, element_id: str) -> tuple[Position, ...]:
        """The latest position of each Party on the element, oldest first."""
        cached = self._positions.get(element_id)
        if cached is None:
            cached = self._positions[element_id] = self._load(element_id)
        return cached

    def state(self, element: Element, roster: Roster) -> ElementState:
        key = (self._versions.get(element.id, 0), element.kind, len(element.choices), element.zero, roster)
        cached = self._states.get(element.id)
        if cached is not None and cached[0] == key:
            return cached[1]
        state = state_from_groups(
            element.id,
            element.kind,
            len(element.choices),
            element.zero,
            self._groups.get(element.id, {}),
            roster,
            functools.partial(self.positions, element.id),
        )
        self._states[element.id] = (key, state)
        return state
