"""The open elements as the exports list them: where each is, its choices, its state, who holds what.

The words for states and positions are the ones `drafter status` prints, so a printed table and the
terminal say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.negotiation.chair import outcome_label
from drafter.negotiation.consensus import ElementState, Status
from drafter.negotiation.links import LinkKind
from drafter.negotiation.positions import Position
from drafter.negotiation.reading import SessionView
from drafter.negotiation.session import Element

# The marks the TUI's gutter uses: colour is never the only signal.
STATE_MARKS = {
    Status.OPEN: "",
    Status.CONVERGING: "~",
    Status.NO_OBJECTION: "=",
    Status.ONE_OBJECTOR: "!",
    Status.SPLIT: "✗",
}


@dataclass(frozen=True, slots=True)
class ElementRow:
    number: int  # 1-based, in document order
    element: Element
    ref: str  # the paragraph it starts in, as a negotiator names it ("III.B 24(n)")
    state: ElementState
    state_words: str  # the state as `drafter status` says it
    positions: tuple[Position, ...]  # empty when positions are not shown


def element_rows(session: SessionView, *, positions: bool = True) -> list[ElementRow]:
    draft = session.draft
    states = session.states()
    return [
        ElementRow(
            k,
            element,
            draft.reference_at(element.start),
            states[element.id],
            state_text(session, element, states),
            states[element.id].positions if positions else (),
        )
        for k, element in enumerate(session.elements(), 1)
    ]


def state_text(session: SessionView, element: Element, states: dict[str, ElementState]) -> str:
    """The element's state in words: its outcome named, who is not heard yet, a package still open."""
    state = states[element.id]
    outcome = "" if state.outcome is None else outcome_label(session, element, state.outcome)
    if state.status is Status.NO_OBJECTION:
        package = next(
            (k for k in session.links() if k.kind is LinkKind.PACKAGE and k.involves(element.id)), None
        )
        if package is not None and any(
            m.element_id not in states or states[m.element_id].status is not Status.NO_OBJECTION
            for m in package.members
        ):
            return f"provisionally agreed: {outcome} (package #{package.seq} open)"
        return f"no objection: {outcome}"
    if state.status is Status.CONVERGING:
        if state.outcome is None:
            return "converging (the chair names the outcome)"
        unheard = f"; not heard: {len(state.unheard)}" if state.unheard else "; one Party alone"
        return f"converging on {outcome}{unheard}"
    if state.status is Status.ONE_OBJECTOR:
        return f"one objector ({state.objectors[0]}) to {outcome}"
    return state.status.value


def choices_text(element: Element, width: int = 60) -> str:
    if not element.is_group:
        return "[" + element.choices.preview(0, width) + "]"
    return "  ".join(
        f"{k}) {element.choices.preview(k - 1, width // 2)}" for k in range(1, len(element.choices) + 1)
    )


def stance_text(position: Position) -> str:
    """What the Party said, without who: `supports 2`, `proposes 'may'`."""
    stance = position.stance.value + (f" {position.choice}" if position.choice else "")
    return stance + (f" {position.text!r}" if position.text else "")


def position_text(position: Position) -> str:
    where = f" ({position.meeting})" if position.meeting else ""
    note = f" - {position.note}" if position.note else ""
    return f"{position.party}: {stance_text(position)}{where}{note}"
