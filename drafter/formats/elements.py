"""The open elements as the exports list them: where each is, its choices, its state, who holds what.

The words for states and positions are the ones `drafter status` prints, so a printed table and the
terminal say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.negotiation.changes import preview
from drafter.negotiation.positions import ElementState, Position, Status
from drafter.negotiation.session import Element, Session

# The marks the TUI's gutter uses: colour is never the only signal.
STATE_MARKS = {Status.NO_POSITIONS: "", Status.CONSENSUS: "=", Status.ONE_OBJECTOR: "!", Status.SPLIT: "✗"}


@dataclass(frozen=True, slots=True)
class ElementRow:
    number: int  # 1-based, in document order
    element: Element
    ref: str  # the paragraph it starts in, as a negotiator names it ("III.B 24(n)")
    state: ElementState
    positions: tuple[Position, ...]  # empty when positions are not shown


def element_rows(session: Session, *, positions: bool = True) -> list[ElementRow]:
    draft = session.draft
    states = session.states()
    return [
        ElementRow(
            k,
            element,
            draft.reference_at(element.start),
            states[element.id],
            states[element.id].positions if positions else (),
        )
        for k, element in enumerate(session.elements(), 1)
    ]


def state_text(state: ElementState) -> str:
    if state.status is Status.CONSENSUS:
        return f"consensus: {state.resolution}" + (f" {state.choice}" if state.choice else "")
    if state.status is Status.ONE_OBJECTOR:
        return f"one objector to {state.outcome}"
    return state.status.value


def choices_text(element: Element, width: int = 60) -> str:
    if not element.is_group:
        return "[" + preview(element.choices[0], width) + "]"
    return "  ".join(f"{k}) {preview(c, width // 2)}" for k, c in enumerate(element.choices, 1))


def stance_text(position: Position) -> str:
    """What the Party said, without who: `supports 2`, `proposes 'may'`."""
    stance = position.stance.value + (f" {position.choice}" if position.choice else "")
    return stance + (f" {position.text!r}" if position.text else "")


def position_text(position: Position) -> str:
    where = f" ({position.meeting})" if position.meeting else ""
    note = f" - {position.note}" if position.note else ""
    return f"{position.party}: {stance_text(position)}{where}{note}"
