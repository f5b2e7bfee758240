"""Party positions on disputed elements: the stances a Party can take and what fits an element.

A Party's latest position on an element counts. The outcomes it can live with, and the state the
Parties' positions give an element, are the consensus rule's (`drafter.negotiation.consensus`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from drafter.negotiation.elements import Element


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


class PositionError(ValueError):
    """A position that does not fit its element (a choice it does not have, a proposal without wording)."""


@dataclass(frozen=True, slots=True)
class Position:
    party: str
    stance: Stance
    choice: int | None = None  # 1-based alternative or option, or a proposal's number (after the choices)
    text: str | None = None  # proposed wording
    meeting: str | None = None
    note: str | None = None
    time: str = ""


def check_position(
    element: Element, stance: Stance, choice: int | None, text: str | None, proposals: int = 0
) -> None:
    """Refuses a position that does not fit the element (which has `proposals` proposals), with the reason.

    Choices are numbered 1..n (a bracket's one choice is its text), proposals n+1.. after them.
    """
    count = len(element.choices)
    if choice is not None:
        if stance is Stance.PROPOSES:
            raise PositionError("a proposal is made with its wording, not a number")
        if not 1 <= choice <= count + proposals:
            numbers = f"1-{count}" + (f" and proposals {count + 1}-{count + proposals}" if proposals else "")
            raise PositionError(f"{element.id} has outcomes {numbers}; {choice} is not one of them")
        if not element.is_group and choice == 1:
            raise PositionError(
                f"{element.id} is a single bracket: a position on its text takes no choice (proposals are 2..)"
            )
    if stance is Stance.SUPPORTS and element.is_group and choice is None:
        raise PositionError(f"{element.id} is a group: say which choice the Party supports (1-{count})")
    if stance is Stance.PROPOSES and not (text and text.strip()):
        raise PositionError("a proposal needs its wording")


def same_wording(text: str) -> str:
    """Wording compared for sameness: proposals equal but for white space are one proposal."""
    return " ".join(text.split())


def unheard_or_objecting(party: str, positions: Iterable[Position]) -> bool:
    """The Party filter's rule: the Party has not spoken on the element, or its latest stance objects."""
    mine = [p.stance for p in positions if p.party == party]
    return not mine or mine[-1] in OBJECTING


def proposal_number(element: Element, proposals: tuple[tuple[int, str], ...], text: str) -> int:
    """The outcome number of the proposal `text`: an earlier one's, if the wording is the same."""
    wording = same_wording(text)
    for number, earlier in proposals:
        if same_wording(earlier) == wording:
            return number
    return len(element.choices) + 1 + len(proposals)
