"""The inspector: the current element's choices, each Party's position, the computed state, its history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Label, Static

from drafter.negotiation.changes import preview
from drafter.negotiation.consensus import Status
from drafter.negotiation.elements import ElementKind
from drafter.negotiation.positions import Stance
from drafter.tui.dialogs import Dialog

STATE_LABELS = {
    Status.OPEN: ("open: nobody has spoken", ""),
    Status.CONVERGING: ("~ converging", "bold #7fbf9f"),
    Status.NO_OBJECTION: ("= no objection", "bold #98c379"),
    Status.ONE_OBJECTOR: ("! one objector", "bold #d19a66"),
    Status.SPLIT: ("✗ split", "bold #e06c75"),
}


@dataclass(frozen=True, slots=True)
class PositionRow:
    party: str
    stance: Stance
    choice: int | None
    when: str
    meeting: str
    note: str


@dataclass(frozen=True, slots=True)
class InspectorView:
    """What the inspector shows: the screen builds it from the session."""

    element_id: str
    kind: ElementKind
    place: str  # "line 17, column 3"
    choices: Sequence[str]
    status: Status
    outcome: str | None  # the best outcome in words: "keep", "choice 2 “should”", "proposal 4 “…”"
    objectors: tuple[str, ...]
    supporters: tuple[str, ...]  # "2: EU, US"
    positions: tuple[PositionRow, ...]
    history: tuple[str, ...]
    proposals: tuple[tuple[int, str], ...] = ()  # outcomes after the choices, by number
    unheard: tuple[str, ...] = ()  # roster Parties not heard on it
    provisional: str | None = None  # "package #12 open": agreed only when the package is
    links: tuple[str, ...] = ()  # what it is linked to
    precedents: tuple[str, ...] = ()  # how the same wording was settled before (a suggestion)


class Inspector(Widget, can_focus=True):
    """A summary beside the document; repainted, never re-laid out, when the element changes."""

    DEFAULT_CSS = """
    Inspector { width: 38%; min-width: 28; max-width: 60; height: 1fr; border-left: solid $panel-lighten-2; padding: 0 1; overflow: hidden; }
    Inspector:focus { border-left: thick $accent; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view: InspectorView | None = None

    def show(self, view: InspectorView | None) -> None:
        self.view = view
        self.refresh()

    def render(self) -> RenderableType:
        return render_view(self.view, history_limit=6)


class InspectScreen(Dialog[None]):
    """Everything about the current element, scrollable: full choices, positions, whole history."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter,q", "cancel", "Close")]

    def __init__(self, view: InspectorView | None) -> None:
        super().__init__()
        self._view = view

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(render_view(self._view, history_limit=None, choice_width=None))
            yield Label("escape or enter: close", classes="hint")


def render_view(
    view: InspectorView | None, *, history_limit: int | None, choice_width: int | None = 120
) -> RenderableType:
    if view is None:
        return Text("No open element here.\n\nn/p: next/previous open element", style="dim")
    label, style = STATE_LABELS[view.status]
    head = Text.assemble((view.element_id, "bold"), f"  {view.kind}\n", (view.place, "dim"), "\n\n")
    head.append(label, style)
    if view.outcome is not None:
        head.append(f": {view.outcome}")
    if view.provisional:
        head.append(
            f"\nprovisionally agreed ({view.provisional}): nothing is agreed until everything is", "#d19a66"
        )
    if view.unheard:
        names = ", ".join(view.unheard[:5]) + (f" +{len(view.unheard) - 5}" if len(view.unheard) > 5 else "")
        head.append(f"\nnot heard yet: {names}", "dim")
    if view.objectors:
        head.append(f"\nobjecting: {', '.join(view.objectors)}", "#e06c75")
    for line in view.supporters:
        head.append(f"\nsupporting {line}", "#98c379")
    choices = Text("\n\nChoices\n", style="bold")
    for k, choice in enumerate(view.choices, 1):
        choices.append(f"{k} ", "bold #61afef")
        choices.append(f"{preview(choice, choice_width) if choice_width else choice}\n", "")
    for number, text in view.proposals:
        choices.append(f"{number} ", "bold #61afef")
        choices.append("proposal: ", "italic")
        choices.append(f"{preview(text, choice_width) if choice_width else text}\n", "")
    parts: list[RenderableType] = [head, choices]
    for title, rows in (("Linked", view.links), ("Settled before (a suggestion)", view.precedents)):
        if rows:
            parts.append(Text(f"{title}\n", style="bold"))
            parts.append(Text("".join(f"{entry}\n" for entry in rows), style="#c678dd"))
    if view.positions:
        positions = Text("Positions\n", style="bold")
        for row in view.positions:
            positions.append(row.party, "bold")
            positions.append(
                f"  {row.stance.value}" + (f" {row.choice}" if row.choice is not None else "") + "\n"
            )
            positions.append("  " + "  ".join(filter(None, (row.when, row.meeting))) + "\n", "dim")
            if row.note:
                positions.append(f"  {row.note}\n", "italic")
        parts.append(positions)
    else:
        parts.append(Text("No Party has spoken on this yet (s: record a stance).", style="dim"))
    if view.history:
        shown = view.history if history_limit is None else view.history[-history_limit:]
        more = len(view.history) - len(shown)
        parts.append(Text("\nHistory" + (f" (last {len(shown)}; enter: all)" if more else ""), style="bold"))
        parts.append(Text("\n".join(shown), style="dim"))
    return Group(*parts)
