"""Split and join in the TUI: S splits the current group, J joins it with the next bracket, the status
line counts positions that need re-attachment and U lists them; a warning when it happens."""

from __future__ import annotations

from pathlib import Path

from drafter.negotiation.positions import Stance
from drafter.tui.dialogs import PickList
from drafter.tui.panels import StatusLine
from drafter.workspace import open_session
from tests.tui.test_tui_chair import drafting, in_event_loop

FIXTURE = Path(__file__).parents[1] / "fixtures" / "readings.txt"


@in_event_loop
async def test_split_join_and_positions_to_re_attach(tmp_path: Path) -> None:
    path = tmp_path / "readings.txt"
    path.write_bytes(FIXTURE.read_bytes())
    with open_session(path) as session:
        session.record_position("g950931f-2", "EU", Stance.SUPPORTS, choice=2)
    async with drafting(path) as (pilot, screen):
        warnings: list[str] = []
        notify = screen.notify
        screen.notify = lambda message, **kw: (warnings.append(str(message)), notify(message, **kw))[1]  # type: ignore[method-assign]
        screen._select("g950931f-2")
        await pilot.press("S")
        await pilot.pause()
        ids = [e.id for e in screen.session.elements()]
        assert "g950931f-2" not in ids and "b950931f-2" in ids
        assert any("Positions need re-attachment" in w and "g950931f-2" in w for w in warnings)
        assert "1 to re-attach (U)" in str(screen.query_one(StatusLine).render())
        await pilot.press("U")
        assert isinstance(pilot.app.screen, PickList)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.current_id == "b950931f-2"  # at its brackets
        screen._select("bc112459")
        await pilot.press("J")
        await pilot.pause()
        assert "gc112459" in {e.id for e in screen.session.elements()}
        await pilot.press("u", "u")
        await pilot.pause()
        assert "g950931f-2" in {e.id for e in screen.session.elements()}
        assert "to re-attach" not in str(screen.query_one(StatusLine).render())
