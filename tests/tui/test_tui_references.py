"""Paragraph references in the TUI: go-to `g` by reference, the errors panel, the reopen list, the inspector.

On tests/fixtures/references-decision.txt (see tests/commands/test_cli_references.py for its shape).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import OptionList

from drafter.tui.dialogs import PickList
from drafter.tui.document import DocumentView
from drafter.tui.inspector import Inspector
from drafter.tui.panels import DiagnosticsPanel
from drafter.tui.screen import MainScreen
from tests.tui.test_tui import drafting, in_event_loop, type_text

CopyFixture = Callable[[str], Path]


@pytest.fixture
def decision(fixture_copy: CopyFixture, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("DRAFTER_JOURNAL", raising=False)
    return fixture_copy("references-decision.txt")


def rows(options: OptionList) -> list[str]:
    found = []
    for i in range(options.option_count):
        prompt = options.get_option_at_index(i).prompt
        found.append(prompt.plain if isinstance(prompt, Text) else str(prompt))
    return found


def visible(screen: MainScreen, offset: int) -> bool:
    view = screen.query_one(DocumentView)
    top = round(view.scroll_offset.y)
    return top <= view.rows.row_of(offset) < top + view.size.height


@pytest.mark.parametrize(
    ("typed", "listed"),
    [
        ("28(b)", []),  # no such paragraph: nothing named, and no paragraph holds the text
        ("24(b)", ["III.B 24(b)"]),
        ("24 (b)", ["III.B 24(b)"]),
        ("III.B 24(n)", ["III.B 24(n)"]),
        ("para 12", ["II 12"]),
        ("paragraph 12", ["II 12"]),
        ("12.", ["II 12"]),
        ("30", ["III.C Option 1 > 30", "III.C Option 2 > 30"]),  # ambiguous: the candidates
        ("2", ["I 2 (1 of 2)", "I 2 (2 of 2)"]),
        ("ceiling", ["III.B 24(b)"]),  # words find the paragraphs they occur in
    ],
)
@in_event_loop
async def test_go_to_lists_what_a_reference_names(decision: Path, typed: str, listed: list[str]) -> None:
    async with drafting(decision) as (pilot, _):
        await pilot.press("g")
        picker = pilot.app.screen
        assert isinstance(picker, PickList)
        await type_text(pilot, typed)
        assert [row.split("  line ")[0] for row in rows(picker.query_one(OptionList))] == listed


@in_event_loop
async def test_go_to_goes_to_the_paragraph_or_the_chosen_candidate(decision: Path) -> None:
    async with drafting(decision) as (pilot, screen):
        text = screen.session.draft.text
        await pilot.press("g")
        await type_text(pilot, "III.C 40")
        await pilot.press("enter")
        forty = text.index("40. Asks")
        assert not isinstance(pilot.app.screen, PickList)
        assert visible(screen, forty)
        await pilot.press("g")
        await type_text(pilot, "30")
        await pilot.press("enter")  # the first candidate: Option 1's paragraph 30, its first bracket
        assert screen.session.element(screen.current_id or "").choices == ("2031", "2033")
        await pilot.press("g")
        await type_text(pilot, "30")
        await pilot.press("down", "enter")  # the second: Option 2's, inside the option group only
        assert visible(screen, text.index("30. Decides to review these fees when"))
        assert screen.session.element(screen.current_id or "").kind == "options"
        await pilot.press("g")
        await type_text(pilot, "24")
        await pilot.press("enter")  # no bracket in 24's own line: the first of its sub-paragraphs
        assert screen.session.element(screen.current_id or "").choices == (
            "Be published before the start of each season;",
        )


@in_event_loop
async def test_the_errors_panel_names_each_paragraph(decision: Path) -> None:
    async with drafting(decision) as (pilot, screen):
        await pilot.press("D")
        panel = screen.query_one(DiagnosticsPanel)
        shown = rows(panel)
        assert shown[0].startswith("III.B 24(n) 44:43 error: ']' closes no open bracket")
        assert shown[1].startswith(
            "III.C 40 68:109 error: '[' opened mid-paragraph is not closed in its paragraph"
        )


@in_event_loop
async def test_the_reopen_list_and_the_inspector_name_the_paragraph(decision: Path) -> None:
    async with drafting(decision) as (pilot, screen):
        await pilot.press("g")
        await type_text(pilot, "para 12")
        await pilot.press("enter")
        element = screen.session.element(screen.current_id or "")
        assert element.choices == ("licence class",)
        assert str(screen.query_one(Inspector).view.place).startswith("II 12 · line 22")
        await pilot.press("d", "y")
        assert "[licence class]" not in screen.session.draft.text
        await pilot.press("g")
        await type_text(pilot, "13")
        await pilot.press("enter", "1", "y")
        await pilot.press("R")
        picker = pilot.app.screen
        assert isinstance(picker, PickList)
        listed = rows(picker.query_one(OptionList))
        assert re.match(
            r"#\d+ choose 1 \w+ in II 13: '\[public\]\[open to Parties only\]' -> 'public'", listed[0]
        )
        assert re.match(rf"#\d+ delete {element.id} in II 12: '\[licence class\]' -> ''", listed[1])
