"""The Party × element matrix: who stands where on every open element (a Textual DataTable).

Rows are Parties (and groups), columns the open elements in text order (by line and id); each cell
the Party's latest stance as a short mark (`+2` supports 2, `a` accepts any, `-` opposes, `x` wants
deletion, `p4` proposes 4, `r` reserves; empty: silent). `s` sorts by the column under the cursor,
enter jumps to that element.
"""

from __future__ import annotations

from functools import cache
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from drafter.negotiation.elements import reference
from drafter.negotiation.session import Session
from drafter.negotiation.standing import party_matrix
from drafter.tui.dialogs import Dialog

MARK_STYLES = {
    "+": "bold #98c379",
    "a": "#98c379",
    "-": "bold #e06c75",
    "x": "#e06c75",
    "p": "#61afef",
    "r": "#d19a66",
}


@cache
def styled(mark: str) -> Text:
    """One Text per distinct mark, shared by every cell showing it (195 x 2,000 cells hold a dozen)."""
    return Text(mark, style=MARK_STYLES.get(mark[:1], ""))


class MatrixScreen(Dialog[str]):
    """Dismisses with the id of the element to jump to, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "sort", "Sort by this column"),
        Binding("enter", "jump", "Go to the element"),
        Binding("q", "cancel", "Close"),
    ]

    def __init__(self, session: Session, party: str | None) -> None:
        super().__init__()
        self._session, self._party = session, party
        self._element_ids: list[str] = []
        self._reverse = False

    def compose(self) -> ComposeResult:
        with Vertical(id="matrix"):
            yield Label(
                "Parties × elements: + supports, a accepts, - opposes, x delete, p proposes, r reserves",
                classes="title",
            )
            yield DataTable(zebra_stripes=True, cursor_type="cell")
            yield Label("s: sort by this column   enter: go to the element   escape: close", classes="hint")

    def on_mount(self) -> None:
        session = self._session
        elements = session.elements()
        matrix = party_matrix(elements, session.stance_groups, [self._party] if self._party else ())
        table = self.query_one(DataTable)
        table.add_column("Party", key="party")
        seen: dict[str, int] = {}
        for element in elements:
            where = reference(session.draft, element)
            seen[where] = seen.get(where, 0) + 1  # a paragraph's second element: "14 #2", not "14" again
            table.add_column(where if seen[where] == 1 else f"{where} #{seen[where]}", key=element.id)
        self._element_ids = [e.id for e in elements]
        for party in matrix.parties:
            name = Text(party, style="bold reverse" if party == self._party else "bold")
            cells = [styled(mark) for mark in matrix.row(party)]
            table.add_row(name, *cells, key=party)
        table.fixed_columns = 1
        table.focus()

    def _column_element(self) -> str | None:
        column = self.query_one(DataTable).cursor_column
        return self._element_ids[column - 1] if 0 < column <= len(self._element_ids) else None

    def action_sort(self) -> None:
        table = self.query_one(DataTable)
        key = table.ordered_columns[table.cursor_column].key
        self._reverse = not self._reverse
        table.sort(
            key, key=lambda cell: cell.plain if isinstance(cell, Text) else str(cell), reverse=self._reverse
        )

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()  # enter on a cell: the table selects it, and that is the jump
        self.action_jump()

    def action_jump(self) -> None:
        self.dismiss(self._column_element())
