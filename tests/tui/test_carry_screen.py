"""The review list after carrying a journal: rows by outcome, filters, enter goes to the carried element."""

from __future__ import annotations

from textual.app import App
from textual.widgets import DataTable, Static

from drafter.iterations.carry import Item, Outcome, Plan
from drafter.tui.carry_screen import CarryScreen
from tests.tui.test_tui import SIZE, in_event_loop

PLAN = Plan(
    records=(),
    items=(
        Item(
            3,
            "position",
            "EU",
            Outcome.CARRIED,
            "renumbered 2 → 3",
            "b1",
            "b1",
            "2 (line 3)",
            "3 (line 5)",
            "supports",
        ),
        Item(
            4,
            "position",
            "AOSIS",
            Outcome.RETARGETED,
            "carried to an amended element: narrowed from 3 to 2 alternatives",
            "g1",
            "g2",
            "1 (line 1)",
            "1 (line 1)",
            "supports 3",
            "supports 2",
        ),
        Item(
            5,
            "position",
            "G-77 and China",
            Outcome.NOT_CARRIED,
            "resolved: deleted",
            "b9",
            None,
            "4 (line 9)",
        ),
    ),
    changes_left=2,
)


class Host(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.went_to: str | None = "unset"

    def on_mount(self) -> None:
        self.push_screen(CarryScreen(PLAN, "v1.txt", "v2.txt"), self.gone)

    def gone(self, element_id: str | None) -> None:
        self.went_to = element_id


def cells(table: DataTable[object]) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(k)] for k in range(table.row_count)]


@in_event_loop
async def test_the_review_list_opens_on_what_needs_a_look_and_filters_by_outcome() -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CarryScreen)
        summary = str(screen.query_one("#carry-summary", Static).render())
        assert "1 carried to the same element, 1 re-targeted to an amended element, 1 not carried" in summary
        assert "2 changes to the old text stay in its journal" in summary
        table = screen.query_one(DataTable)
        assert cells(table) == [
            [
                "re-targeted",
                "AOSIS",
                "supports 3 → supports 2",
                "1 (line 1)",
                "1 (line 1)",
                "carried to an amended element: narrowed from 3 to 2 alternatives",
            ]
        ]
        await pilot.press("1")
        assert [row[0] for row in cells(table)] == ["carried", "re-targeted", "not carried"]
        await pilot.press("3")
        assert cells(table) == [["not carried", "G-77 and China", "", "4 (line 9)", "", "resolved: deleted"]]
        await pilot.press("enter")  # nothing to go to
        assert isinstance(app.screen, CarryScreen)
        await pilot.press("4", "enter")
        await pilot.pause()
        assert app.went_to == "b1"
