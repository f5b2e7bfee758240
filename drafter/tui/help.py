"""The help screen: every key of the drafting screen as currently bound (a keymap may have moved some)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from drafter.negotiation.consensus import Status
from drafter.tui.dialogs import Dialog
from drafter.tui.document import ERROR_MARKER, RESOLVED_MARKER, STATUS_MARKS

STATUS_NAMES = {
    Status.OPEN: "open, nobody has spoken",
    Status.CONVERGING: "converging: no objection so far, not everyone in the room heard",
    Status.NO_OBJECTION: "no objection from anyone in the room (c applies)",
    Status.ONE_OBJECTOR: "one objector",
    Status.SPLIT: "split",
}

KeyRow = tuple[str, str, str]  # (keys as displayed, what they do, binding id for a keymap)


def key_rows(bindings: Iterable[tuple[str, Binding]]) -> list[KeyRow]:
    """One row per action, in the order given, from (key as displayed, binding) pairs."""
    keys: dict[str, list[str]] = {}
    descriptions: dict[str, str] = {}
    ids: dict[str, str] = {}
    for key, binding in bindings:
        if binding.action.startswith("choose(") and binding.action != "choose(1)":
            continue  # 1…9 share one row
        keys.setdefault(binding.action, []).append(key)
        descriptions.setdefault(binding.action, binding.description)
        ids.setdefault(
            binding.action, "choose-1 … choose-9" if binding.id == "choose-1" else binding.id or ""
        )
    return [(" ".join(dict.fromkeys(k)), descriptions[action], ids[action]) for action, k in keys.items()]


class HelpScreen(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("question_mark,q", "cancel", "Close")]

    def __init__(self, rows: list[KeyRow]) -> None:
        super().__init__()
        self._rows = rows

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label("drafter: keys", classes="title")
            table = Table(box=None, show_header=False, padding=(0, 2))
            table.add_column(style="bold #61afef", no_wrap=True)
            table.add_column()
            table.add_column(style="dim")
            for keys, description, binding_id in self._rows:
                table.add_row(keys, description, binding_id)
            table.add_row("tab", "Next pane (document, inspector, outline, errors)")
            table.add_row("ctrl+p", "Command palette: every action by name")
            table.add_row("mouse", "Click a bracket to select it; drag over text, then b")
            yield Static(table)
            yield Static(
                Text(
                    "Remap keys by id: drafter open FILE --keys next=j,previous=k",
                    style="dim",
                )
            )
            legend = Text("\nGutter markers (the colours say the same):\n", style="bold")
            for status, (marker, _) in STATUS_MARKS.items():
                legend.append(f"  {marker}  {STATUS_NAMES[status]}\n", "")
            legend.append(f"  {RESOLVED_MARKER}  resolved in this draft's journal (underlined)\n")
            legend.append("  ▶  the current element (highlighted)\n")
            legend.append(f"  {ERROR_MARKER}  a stray ']' or an unclosed '[' (D lists them)\n")
            yield Static(legend)
            yield Label("escape or ?: close", classes="hint")
