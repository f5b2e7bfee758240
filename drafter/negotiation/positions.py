"""Party positions on disputed elements, and the state consensus gives them.

Every element has outcomes: a bracket can be kept or deleted; a group of
alternatives or of labelled options can have its choice *k* (1-based) or be
deleted whole. A Party's latest position says which outcomes it can live with:

- supports *k* / accepts *k*: only *k* (on a bracket, with no *k*: keep it);
- accepts (no *k*) on a group: any of its choices, supporting none of them;
- opposes *k*: anything but *k*; opposes (no *k*): deletion only;
- wants deletion: deletion (or a zero option "No text", which removes the text too);
- proposes wording, reserves its position: none of the current outcomes, until the
  proposal is dealt with or the reservation lifted.

An outcome's objectors are the Parties that cannot live with it. The element's
state is "consensus" when exactly one best outcome has no objector (every Party
that spoke accepts it; among several, the one with most supporters), "one-objector"
when the best outcome has a single objector, "split" otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

from drafter.negotiation.elements import Element, ElementKind

KEEP, DELETE = "keep", "delete"


class Stance(StrEnum):
    SUPPORTS = "supports"
    ACCEPTS = "accepts"
    OPPOSES = "opposes"
    DELETE = "delete"
    PROPOSES = "proposes"
    RESERVES = "reserves"


STANCES = {stance.value: stance for stance in Stance}  # faster than Stance(value) in hot loops

# Stances that stand in the way of the text as it is: the Party filter shows the elements a Party
# has not spoken on and those it holds one of these on.
OBJECTING = frozenset({Stance.OPPOSES, Stance.DELETE, Stance.RESERVES})


class Status(StrEnum):
    """An element's state from the Parties' positions."""

    NO_POSITIONS = "no-positions"
    CONSENSUS = "consensus"
    ONE_OBJECTOR = "one-objector"
    SPLIT = "split"


class Resolution(StrEnum):
    """What consensus on an element resolves it to."""

    KEEP = "keep"
    DELETE = "delete"
    CHOOSE = "choose"


class PositionError(ValueError):
    """A position that does not fit its element (a choice it does not have, a proposal without wording)."""


@dataclass(frozen=True, slots=True)
class Position:
    party: str
    stance: Stance
    choice: int | None = None  # 1-based alternative or option
    text: str | None = None  # proposed wording
    meeting: str | None = None
    note: str | None = None
    time: str = ""


@dataclass(frozen=True, slots=True, eq=False)
class ElementState:
    """What the Parties' positions say about an element; `positions` are read when first asked for."""

    element_id: str
    status: Status
    choice: int | None = None  # the consensus choice (1-based), for groups
    resolution: Resolution | None = None  # what consensus resolves to
    outcome: str | None = None  # best outcome ("keep", "delete", "2"), also when one Party objects
    objectors: tuple[str, ...] = ()
    supporters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # outcome -> Parties
    load_positions: Callable[[], tuple[Position, ...]] = field(default=tuple, repr=False)

    @property
    def positions(self) -> tuple[Position, ...]:
        """The latest position of each Party that spoke, oldest first."""
        return self.load_positions()


StanceGroups = Mapping[tuple[str, int | None], Sequence[str]]  # (stance, choice) -> Parties


def outcomes(kind: ElementKind, choices: int) -> tuple[str, ...]:
    if kind is ElementKind.BRACKET:
        return (KEEP, DELETE)
    return (*(str(k) for k in range(1, choices + 1)), DELETE)


@cache
def acceptable(
    kind: ElementKind, choices: int, zero: tuple[int, ...], stance: Stance, choice: int | None
) -> tuple[frozenset[str], str | None]:
    """The outcomes a Party with this stance can live with, and the one it supports (if any)."""
    every = frozenset(outcomes(kind, choices))
    removing = frozenset({DELETE, *(str(k) for k in zero)})
    if kind is ElementKind.BRACKET:
        if stance in (Stance.SUPPORTS, Stance.ACCEPTS):
            return frozenset({KEEP}), KEEP
        if stance in (Stance.OPPOSES, Stance.DELETE):
            return frozenset({DELETE}), DELETE
        return frozenset(), None
    label = None if choice is None else str(choice)
    if stance in (Stance.SUPPORTS, Stance.ACCEPTS):
        if label is None:
            return every - {DELETE}, None
        return frozenset({label}), label
    if stance is Stance.OPPOSES:
        return (every - {label}, None) if label is not None else (removing, None)
    if stance is Stance.DELETE:
        return removing, DELETE
    return frozenset(), None


def element_state(
    element_id: str,
    kind: ElementKind,
    choices: int,
    zero: tuple[int, ...],
    positions: Iterable[Position],
) -> ElementState:
    """The state of one element from the latest position of each Party that spoke on it."""
    spoken = tuple(positions)
    groups: dict[tuple[str, int | None], list[str]] = {}
    for position in spoken:
        groups.setdefault((position.stance.value, position.choice), []).append(position.party)
    return state_from_groups(element_id, kind, choices, zero, groups, lambda: spoken)


def state_from_groups(
    element_id: str,
    kind: ElementKind,
    choices: int,
    zero: tuple[int, ...],
    groups: StanceGroups,
    load_positions: Callable[[], tuple[Position, ...]] = tuple,
) -> ElementState:
    """The state from the Parties grouped by their (stance, choice): cheap for 195 Parties."""
    if not groups:
        return ElementState(element_id, Status.NO_POSITIONS, load_positions=load_positions)
    labels = outcomes(kind, choices)
    objectors: dict[str, list[str]] = {o: [] for o in labels}
    supporters: dict[str, list[str]] = {o: [] for o in labels}
    for (stance, choice), parties in groups.items():
        accepted, supported = acceptable(kind, choices, zero, STANCES[stance], choice)
        for o in labels:
            if o not in accepted:
                objectors[o].extend(parties)
        if supported is not None and supported in supporters:
            supporters[supported].extend(parties)
    ranked = sorted(labels, key=lambda o: (len(objectors[o]), -len(supporters[o]), labels.index(o)))
    best = ranked[0]
    support = {o: tuple(sorted(p)) for o, p in supporters.items() if p}
    key = (len(objectors[best]), len(supporters[best]))
    tied = len(ranked) > 1 and (len(objectors[ranked[1]]), len(supporters[ranked[1]])) == key
    if not objectors[best] and not tied:
        return ElementState(
            element_id,
            Status.CONSENSUS,
            choice=int(best) if best.isdigit() else None,
            resolution=Resolution.CHOOSE if best.isdigit() else Resolution(best),
            outcome=best,
            supporters=support,
            load_positions=load_positions,
        )
    status = Status.ONE_OBJECTOR if len(objectors[best]) == 1 and not tied else Status.SPLIT
    return ElementState(
        element_id,
        status,
        outcome=None if tied else best,
        objectors=tuple(sorted(objectors[best])) if not tied else (),
        supporters=support,
        load_positions=load_positions,
    )


def check_position(element: Element, stance: Stance, choice: int | None, text: str | None) -> None:
    """Refuses a position that does not fit the element, with the reason."""
    count = len(element.choices)
    if choice is not None:
        if not element.is_group:
            raise PositionError(f"{element.id} is a single bracket: a position on it takes no choice")
        if not 1 <= choice <= count:
            raise PositionError(f"{element.id} has {count} choices; {choice} is not one of them")
    if stance is Stance.SUPPORTS and element.is_group and choice is None:
        raise PositionError(f"{element.id} is a group: say which choice the Party supports (1-{count})")
    if stance is Stance.PROPOSES and not text:
        raise PositionError("a proposal needs its wording")


def unheard_or_objecting(party: str, positions: Iterable[Position]) -> bool:
    """The Party filter's rule: the Party has not spoken on the element, or its latest stance objects."""
    mine = [p.stance for p in positions if p.party == party]
    return not mine or mine[-1] in OBJECTING
