"""The TUI's export to Word says where Word will show the text differently (its own list numbers)."""

from __future__ import annotations

from pathlib import Path

from textual.notifications import Notification
from textual.widgets import Input

from drafter.tui.dialogs import PickList, TextPrompt
from drafter.workspace import open_session
from tests.formats.test_docx_export import options_document
from tests.tui.test_tui import drafting, in_event_loop


@in_event_loop
async def test_exporting_to_word_shows_where_word_numbers_differently(tmp_path: Path) -> None:
    path = options_document(tmp_path / "options.docx", after=True)
    with open_session(path, actor="Chair") as session:
        session.choose(next(e for e in session.elements() if e.kind == "options").id, 1)
    async with drafting(path) as (pilot, _screen):
        await pilot.press("ctrl+s")
        menu = pilot.app.screen
        assert isinstance(menu, PickList)
        menu.query_one(Input).value = "tracked changes"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TextPrompt)
        await pilot.press("enter")
        exported: list[Notification] = []
        for _ in range(300):  # the export writes, then notifies (slow on a loaded machine)
            exported = [n for n in pilot.app._notifications if n.message.startswith("Exported to")]
            if exported:
                break
            await pilot.pause(0.1)
        notice = exported[-1]
    assert path.with_name("options.consolidated.docx").exists()
    assert notice.severity == "warning"
    assert notice.message.splitlines()[1].startswith("Word numbers “4. Final text.” as 3.")
