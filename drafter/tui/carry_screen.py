"""The review list after a journal was carried to the next version: what went where, and what did not.

One row per position of the old journal: its outcome (carried to the same
element, re-targeted to the element it became, not carried), the Party and its
stance (before and after when it changed), the paragraph reference in the old
and the new version, and the reason in words. `1`-`4` show all rows or one
outcome; enter on a carried row goes to its element in the new text.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from drafter.iterations.carry import Item, Outcome, Plan

OUTCOME_STYLES = {Outcome.CARRIED: "green", Outcome.RETARGETED: "yellow", Outcome.NOT_CARRIED: "red"}
FILTERS = {1: None, 2: Outcome.RETARGETED, 3: Outcome.NOT_CARRIED, 4: Outcome.CARRIED}


def row(item: Item) -> tuple[Text, str, str, str, str, str]:
    stance = item.stance or ""
    if item.new_stance and item.new_stance != item.stance:
        stance = f"{item.stance} → {item.new_stance}"
    outcome = Text(item.outcome.value, style=OUTCOME_STYLES[item.outcome])
    return (outcome, item.party or item.kind, stance, item.old_place or "", item.new_place or "", item.reason)


class CarryScreen(Screen[str | None]):
    """Dismisses with the new element id to go to (enter on a carried row), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "show(1)", "All", id="carry-all"),
        Binding("2", "show(2)", "Re-targeted", id="carry-retargeted"),
        Binding("3", "show(3)", "Not carried", id="carry-not-carried"),
        Binding("4", "show(4)", "Carried", id="carry-carried"),
        Binding("escape,q", "close", "Back", id="carry-back"),
    ]
    DEFAULT_CSS = """
    CarryScreen #carry-summary { height: auto; background: $panel; padding: 0 1; }
    CarryScreen DataTable { height: 1fr; }
    CarryScreen #carry-why { height: auto; max-height: 4; background: $panel; padding: 0 1; }
    """

    def __init__(self, plan: Plan, old_name: str, new_name: str) -> None:
        super().__init__()
        self.plan = plan
        self.old_name, self.new_name = old_name, new_name
        self.shown: list[Item] = []

    def compose(self) -> ComposeResult:
        counts = self.plan.counts()
        summary = Text(f"{self.old_name} → {self.new_name}: the journal was carried\n", style="bold")
        summary.append(
            f"{counts[Outcome.CARRIED.value]} carried to the same element, "
            f"{counts[Outcome.RETARGETED.value]} re-targeted to an amended element, "
            f"{counts[Outcome.NOT_CARRIED.value]} not carried",
        )
        if self.plan.changes_left:
            summary.append(f"; {self.plan.changes_left} changes to the old text stay in its journal")
        yield Static(summary, id="carry-summary")
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Static("", id="carry-why")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("outcome", "Party", "stance", f"in {self.old_name}", f"in {self.new_name}", "why")
        # What needs a look first: re-targeted, then not carried.
        self.action_show(2 if self.plan.counts()[Outcome.RETARGETED.value] else 1)
        table.focus()

    def action_show(self, which: int) -> None:
        wanted = FILTERS[which]
        self.shown = [item for item in self.plan.items if wanted is None or item.outcome is wanted]
        table = self.query_one(DataTable)
        table.clear()
        for item in self.shown:
            table.add_row(*row(item))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The whole reason of the row under the cursor (the table cuts it at the screen's edge)."""
        item = self.shown[event.cursor_row] if event.cursor_row < len(self.shown) else None
        why = "" if item is None else f"#{item.seq} {item.party or item.kind}: {item.reason}"
        self.query_one("#carry-why", Static).update(why)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        item = self.shown[event.cursor_row] if event.cursor_row < len(self.shown) else None
        if item is not None and item.outcome is not Outcome.NOT_CARRIED:
            self.dismiss(item.new_target)

    def action_close(self) -> None:
        self.dismiss(None)
