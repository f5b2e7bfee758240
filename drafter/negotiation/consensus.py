"""The consensus rule, as UN negotiations practise it: no vote; a text is agreed when no Party objects.

**Outcomes.** An element's outcomes are its choices plus every distinct proposal made on it: a
bracket can be kept (`keep`) or deleted (`delete`); a group of alternatives or options can have its
choice *k* (`1`..`n`) or be deleted whole; a proposal is outcome *n+1*, *n+2*... in the order first
proposed (a bracket's text is its choice 1, so its proposals are 2, 3...). Proposals equal after
white-space normalisation are one outcome. Other Parties support, accept or oppose a proposal by its
number like any choice.

**Positions.** A Party's latest position says which outcomes it can live with:

- supports *k* / accepts *k*: *k* only (supports the bracket's text: `keep`);
- accepts (no outcome named): every outcome ("can live with any of them");
- opposes *k*: every outcome but *k*; opposes (no outcome): not the text as it stands (neither `keep`
  nor any choice: deletion, a zero option "No text", or a proposal);
- wants deletion: deletion (or a zero option, which removes the text too);
- proposes wording: that proposal only; reserves its position: none, until it lifts the reservation.

An outcome's **objectors** are the Parties on record (any meeting) that cannot live with it.

**The roster.** Consensus is among the Parties in the room: each meeting has a roster, set by the
facilitator (`drafter roster`, or the TUI), by default every Party that has spoken in that meeting
(with no meeting, every Party on record).

**States** of an element, from the best outcome (fewest objectors, then most supporters):

- `open`: nobody has spoken on it;
- `converging`: no Party on record objects to the best outcome, but not every Party on the roster has
  been heard on it (or several outcomes are equally acceptable and the chair must name one);
- `no-objection`: every Party on the roster accepts the best outcome, and no Party on record objects to
  it. One Party alone is never `no-objection` unless the roster was set to that Party;
- `one-objector`: the best outcome has a single objector (named);
- `split`: otherwise.

Only the chair declares consensus: `apply-consensus` resolves `no-objection` elements after a confirm,
and the facilitator gavels (`drafter gavel`) any outcome no Party on record objects to, or one over an
objection, which is recorded as such.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from itertools import chain
from typing import Literal

from drafter.negotiation.elements import ElementKind
from drafter.negotiation.positions import Position, Stance


class Status(StrEnum):
    """An element's state from the Parties' positions and the roster."""

    OPEN = "open"
    CONVERGING = "converging"
    NO_OBJECTION = "no-objection"
    ONE_OBJECTOR = "one-objector"
    SPLIT = "split"


class Resolution(StrEnum):
    """What an outcome does to the text."""

    KEEP = "keep"  # drop a bracket's brackets
    DELETE = "delete"  # remove the element
    CHOOSE = "choose"  # keep choice k of a group
    ADOPT = "adopt"  # replace the element by a proposal's wording, unbracketed


Outcome = Literal[Resolution.KEEP, Resolution.DELETE] | int
"""An element's outcome: keep a bracket's text (`Resolution.KEEP`), delete the element
(`Resolution.DELETE`), or a number: choice k of a group, or a proposal (numbered after the choices).
Shown, printed as JSON and journaled as its word or number (`str(outcome)`); read with `parse_outcome`."""

KEEP: Literal[Resolution.KEEP] = Resolution.KEEP
DELETE: Literal[Resolution.DELETE] = Resolution.DELETE


def parse_outcome(text: str) -> Outcome:
    """`keep`, `delete` or a number, as the command line, a link record or a view writes it."""
    word = text.strip().casefold()
    if word == KEEP:
        return KEEP
    if word == DELETE:
        return DELETE
    if word.isdigit():
        return int(word)
    raise ValueError(f"{text.strip()!r} is not an outcome (keep, delete or a number)")


@dataclass(frozen=True, slots=True)
class Roster:
    """The Parties in the room for a meeting; `explicit` when the facilitator set it."""

    meeting: str | None
    parties: frozenset[str]
    explicit: bool = False


Judged = tuple[tuple[frozenset[Outcome], Outcome | None, tuple[str, ...]], ...]
"""Per (stance, choice) group: the outcomes its Parties can live with, the one they support, the Parties."""


@dataclass(frozen=True, slots=True, eq=False)
class ElementState:
    """What the Parties' positions say about an element; `positions` are read when first asked for."""

    element_id: str
    status: Status
    outcome: Outcome | None = None  # the best outcome; None when nobody spoke or tied
    resolution: Resolution | None = None  # what the best outcome does to the text
    objectors: tuple[str, ...] = ()  # of the best outcome
    accepting: tuple[str, ...] = ()  # Parties that can live with the best outcome: a resolution's basis
    unheard: tuple[str, ...] = ()  # roster Parties not heard on the element
    labels: tuple[Outcome, ...] = ()  # every outcome, in order
    judged: Judged = ()  # the groups the state was computed from: supporters and objections come from them
    load_positions: Callable[[], tuple[Position, ...]] = field(default=tuple, repr=False)

    @property
    def positions(self) -> tuple[Position, ...]:
        """The latest position of each Party that spoke, oldest first."""
        return self.load_positions()

    @property
    def choice(self) -> int | None:
        """The best outcome as a number (a choice or a proposal), if it is one."""
        return self.outcome if isinstance(self.outcome, int) else None

    @property
    def supporters(self) -> dict[Outcome, tuple[str, ...]]:
        """Outcome -> the Parties supporting it by name (computed when asked: the states of a whole
        text at conference scale need only counts)."""
        found: dict[Outcome, list[str]] = {o: [] for o in self.labels}
        for _, supported, parties in self.judged:
            if supported in found:
                found[supported].extend(parties)
        return {o: tuple(sorted(p)) for o, p in found.items() if p}

    @property
    def objections(self) -> dict[Outcome, tuple[str, ...]]:
        """Outcome -> the Parties on record that cannot live with it."""
        found: dict[Outcome, list[str]] = {o: [] for o in self.labels}
        for accepted, _, parties in self.judged:
            for o in self.labels:
                if o not in accepted:
                    found[o].extend(parties)
        return {o: tuple(sorted(p)) for o, p in found.items() if p}


StanceGroups = Mapping[tuple[Stance, int | None], Sequence[str]]  # (stance, choice) -> Parties


def outcomes(kind: ElementKind, choices: int, proposals: Iterable[int] = ()) -> tuple[Outcome, ...]:
    """Every outcome, in order: `keep` or the choices, `delete`, then the proposals."""
    chosen: tuple[Outcome, ...] = (KEEP,) if kind is ElementKind.BRACKET else tuple(range(1, choices + 1))
    return (*chosen, DELETE, *proposals)


def resolution_of(kind: ElementKind, choices: int, outcome: Outcome) -> Resolution:
    """What `outcome` does to the text of an element of this kind with this many choices."""
    if not isinstance(outcome, int):
        return outcome
    if kind is not ElementKind.BRACKET and outcome <= choices:
        return Resolution.CHOOSE
    return Resolution.ADOPT


@cache
def acceptable(
    kind: ElementKind,
    choices: int,
    zero: tuple[int, ...],
    proposals: tuple[int, ...],
    stance: Stance,
    choice: int | None,
) -> tuple[frozenset[Outcome], Outcome | None]:
    """The outcomes a Party with this stance can live with, and the one it supports (if any)."""
    every = outcomes(kind, choices, proposals)
    removing: frozenset[Outcome] = frozenset({DELETE, *zero})
    as_it_stands = frozenset(every[:1] if kind is ElementKind.BRACKET else every[:choices]) - removing
    named = choice  # a choice or a proposal, by number
    if stance in (Stance.SUPPORTS, Stance.ACCEPTS):
        if named is not None:
            return frozenset({named}), named
        if stance is Stance.SUPPORTS and kind is ElementKind.BRACKET:
            return frozenset({KEEP}), KEEP
        return frozenset(every), None
    if stance is Stance.OPPOSES:
        if named is not None:
            return frozenset(every) - {named}, None
        return frozenset(every) - as_it_stands, None
    if stance is Stance.DELETE:
        return removing, DELETE
    if stance is Stance.PROPOSES and named is not None:
        return frozenset({named}), named
    return frozenset(), None  # reserves; a proposal without its number (an older journal)


def proposal_numbers(kind: ElementKind, choices: int, groups: StanceGroups) -> tuple[int, ...]:
    """The proposals the positions name (numbers after the element's own choices)."""
    own = 1 if kind is ElementKind.BRACKET else choices
    return tuple(sorted({c for _, c in groups if c is not None and c > own}))


def state_from_groups(
    element_id: str,
    kind: ElementKind,
    choices: int,
    zero: tuple[int, ...],
    groups: StanceGroups,
    roster: Roster | None = None,
    load_positions: Callable[[], tuple[Position, ...]] = tuple,
) -> ElementState:
    """The state from the Parties grouped by their (stance, choice): cheap for 195 Parties.

    `roster`: the Parties in the room (None: every Party that spoke on this element).
    """
    if not groups:
        return ElementState(element_id, Status.OPEN, load_positions=load_positions)
    proposals = proposal_numbers(kind, choices, groups)
    labels = outcomes(kind, choices, proposals)
    judged: Judged = tuple(
        (*acceptable(kind, choices, zero, proposals, stance, choice), tuple(parties))
        for (stance, choice), parties in groups.items()
    )
    # Ranking needs only counts; names are gathered for the best outcome alone.
    against = dict.fromkeys(labels, 0)
    behind = dict.fromkeys(labels, 0)
    for accepted, supported, parties in judged:
        for o in labels:
            if o not in accepted:
                against[o] += len(parties)
        if supported in behind:
            behind[supported] += len(parties)
    order = {o: i for i, o in enumerate(labels)}
    ranked = sorted(labels, key=lambda o: (against[o], -behind[o], order[o]))
    best = ranked[0]
    tied = len(ranked) > 1 and (against[ranked[1]], behind[ranked[1]]) == (against[best], behind[best])
    parties_of = [p for _, _, p in judged]
    in_room = roster.parties if roster is not None and roster.parties else frozenset()
    unheard = tuple(sorted(in_room.difference(*parties_of)))
    if tied:
        status = Status.CONVERGING if not against[best] else Status.SPLIT
        return ElementState(
            element_id, status, unheard=unheard, labels=labels, judged=judged, load_positions=load_positions
        )
    accepting = tuple(sorted(chain.from_iterable(p for accepted, _, p in judged if best in accepted)))
    objectors = tuple(sorted(chain.from_iterable(p for accepted, _, p in judged if best not in accepted)))
    if not objectors:
        alone = len(accepting) < 2 and not (roster is not None and roster.explicit)
        status = Status.CONVERGING if unheard or alone else Status.NO_OBJECTION
    else:
        status = Status.ONE_OBJECTOR if len(objectors) == 1 else Status.SPLIT
    return ElementState(
        element_id,
        status,
        outcome=best,
        resolution=resolution_of(kind, choices, best),
        objectors=objectors,
        accepting=accepting,
        unheard=unheard,
        labels=labels,
        judged=judged,
        load_positions=load_positions,
    )


def element_state(
    element_id: str,
    kind: ElementKind,
    choices: int,
    zero: tuple[int, ...],
    positions: Iterable[Position],
    roster: Roster | None = None,
) -> ElementState:
    """The state of one element from the latest position of each Party that spoke on it."""
    spoken = tuple(positions)
    groups: dict[tuple[Stance, int | None], list[str]] = {}
    for position in spoken:
        groups.setdefault((position.stance, position.choice), []).append(position.party)
    return state_from_groups(element_id, kind, choices, zero, groups, roster, lambda: spoken)


def split_on(
    kind: ElementKind, choices: int, zero: tuple[int, ...], groups: StanceGroups, outcome: Outcome
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The Parties on record that can live with `outcome`, and those that object to it."""
    proposals = set(proposal_numbers(kind, choices, groups))
    if isinstance(outcome, int) and outcome > (1 if kind is ElementKind.BRACKET else choices):
        proposals.add(outcome)  # a proposal no Party holds any more is still an outcome
    numbers = tuple(sorted(proposals))
    accept: list[str] = []
    object_: list[str] = []
    for (stance, choice), parties in groups.items():
        accepted, _ = acceptable(kind, choices, zero, numbers, stance, choice)
        (accept if outcome in accepted else object_).extend(parties)
    return tuple(sorted(accept)), tuple(sorted(object_))


def implicit_roster(meeting: str | None, speakers: Mapping[str | None, Collection[str]]) -> Roster:
    """Every Party that has spoken in `meeting` (with no meeting, or none yet: every Party on record)."""
    spoken = speakers.get(meeting, ()) if meeting is not None else ()
    if not spoken:
        spoken = {p for parties in speakers.values() for p in parties}
    return Roster(meeting, frozenset(spoken))
