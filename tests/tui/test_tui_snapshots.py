"""SVG snapshots of the drafting TUI at 120x40 (pytest-textual-snapshot), on a copy of corpus text 05.

Positions are recorded with a fixed journal clock, so dates on screen never vary; cursors do not
blink; the tests wait for the opening worker instead of sleeping. Update with
`pytest tests/tui/test_tui_snapshots.py --snapshot-update`, then look at the SVGs before committing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from drafter.negotiation.positions import Stance
from drafter.tui.app import make_app
from drafter.tui.panels import DiagnosticsPanel
from drafter.tui.screen import MainScreen
from drafter.workspace import open_session

SIZE = (120, 40)
FIXED_TIME = "2015-11-06T10:30:00.000+00:00"
Snap = Callable[..., bool]


@pytest.fixture
def draft(corpus_copy: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr("drafter.negotiation.records.now", lambda: FIXED_TIME)
    return corpus_copy("05_")


async def opened(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    for _ in range(50):
        if isinstance(pilot.app.screen, MainScreen):
            break
        await pilot.pause()
    await pilot.pause()


async def no_blinking(pilot: Pilot[Any]) -> None:
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def with_positions(path: Path) -> None:
    """Two Parties on `[shall][agree to]`, and the cursor left on it."""
    with open_session(path, actor="secretariat") as session:
        group = next(e for e in session.elements() if e.choices[:1] == ("shall",))
        session.record_position(group.id, "EU", Stance.SUPPORTS, choice=1, meeting="IC 6 Nov")
        session.record_position(
            group.id, "US", Stance.SUPPORTS, choice=2, meeting="IC 6 Nov", note="can live with 1"
        )
        session.record_position(group.id, "AOSIS", Stance.SUPPORTS, choice=1, meeting="IC 6 Nov")
        session.set_setting("cursor", group.id)
        session.set_setting("party", "United States")
        session.set_setting("meeting", "IC 6 Nov")


def test_main_screen(snap_compare: Snap, draft: Path) -> None:
    """The opening screen: page headers dimmed, brackets coloured, markers in the gutter, first element current."""
    assert snap_compare(make_app(draft), terminal_size=SIZE, run_before=opened)


def test_inspector_with_positions(snap_compare: Snap, draft: Path) -> None:
    """A split alternative group: three Parties' positions, the state, its history."""
    with_positions(draft)
    assert snap_compare(make_app(draft), terminal_size=SIZE, run_before=opened)


def test_party_picker(snap_compare: Snap, draft: Path) -> None:
    """The Party picker finds "EU" as European Union, and offers the groups."""

    async def pick(pilot: Pilot[Any]) -> None:
        await opened(pilot)
        await pilot.press("P")
        await no_blinking(pilot)
        await pilot.press("E", "U")

    assert snap_compare(make_app(draft), terminal_size=SIZE, run_before=pick)


def test_help_screen(snap_compare: Snap, draft: Path) -> None:
    """Every key, as bound now, and the legend of gutter markers."""
    assert snap_compare(make_app(draft), terminal_size=SIZE, run_before=opened, press=["question_mark"])


def test_diagnostics_panel(snap_compare: Snap, draft: Path) -> None:
    """The four bracket errors of text 05, the third chosen: the view jumps to its line."""

    async def diagnostics(pilot: Pilot[Any]) -> None:
        await opened(pilot)
        await pilot.press("D")
        pilot.app.screen.query_one(DiagnosticsPanel).highlighted = 2

    assert snap_compare(make_app(draft), terminal_size=SIZE, run_before=diagnostics, press=["enter"])
