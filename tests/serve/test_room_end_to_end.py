"""The room, end to end: a facilitator's TUI and a second facilitator's CLI work one draft on one
PostgreSQL journal while a delegate's browser follows it live (issue 15's "done when")."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from drafter.formats.export import ExportOptions
from drafter.formats.html import render_draft
from drafter.workspace import open_session
from tests.conftest import SAMPLES
from tests.serve.browser import WAIT_MS, chromium, run_cli, served
from tests.tui.test_tui import drafting, in_event_loop


@pytest.fixture
def ocean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("DRAFTER_JOURNAL", raising=False)  # every process names the journal itself
    path = tmp_path / "ocean.txt"
    shutil.copy(SAMPLES / "ocean-agreement.txt", path)
    return path


async def focus_of(page: object) -> str:
    return await page.eval_on_selector("#focus code", "node => node.textContent")  # type: ignore[attr-defined, no-any-return]


@in_event_loop
async def test_a_tui_and_a_cli_facilitator_on_postgresql_with_the_room_watching(
    ocean: Path, database_url: str
) -> None:
    journal = ["--journal", database_url]
    async with served(ocean, *journal) as url, chromium() as browser:
        page = await browser.new_page()
        await page.set_viewport_size({"width": 1280, "height": 800})
        await page.goto(url)
        await page.wait_for_selector(".live.on", timeout=WAIT_MS)
        async with drafting(ocean, actor="alice", journal=database_url) as (pilot, screen):
            # Every notice as it is made: on a loaded machine one can expire (5 s) before the test reads it.
            notices: list[str] = []
            notify = pilot.app.notify

            def recording(message: str, *args: Any, **kwargs: Any) -> None:
                notices.append(message)
                notify(message, *args, **kwargs)

            pilot.app.notify = recording  # type: ignore[method-assign]
            # alice moves through the text; the room follows her.
            await pilot.press("n", "n")
            first = screen.current_id
            assert first is not None
            await page.wait_for_function(
                "id => document.querySelector('#focus code')?.textContent === id", arg=first, timeout=WAIT_MS
            )
            # bob, at another desk, records a Party's position on it with the CLI: the room's panel
            # and alice's TUI both show it.
            code, err = await run_cli(
                "position", str(ocean), first, "--accepts", "--party", "AOSIS", "--actor", "bob", *journal
            )
            assert code == 0, err
            await page.wait_for_function(
                "() => document.querySelector('#focus').textContent.includes('AOSIS')", timeout=WAIT_MS
            )
            for _ in range(200):
                if screen._states[first].positions:
                    break
                await pilot.pause(0.05)
            assert [p.party for p in screen._states[first].positions] == ["AOSIS"]
            # alice resolves it in the TUI: the room's text changes.
            is_group = screen.session.element(first).is_group
            await pilot.press("1" if is_group else "k", "y")  # the resolution, confirmed
            await page.wait_for_selector(f"#el-{first}", state="detached", timeout=WAIT_MS)
            # alice moves on; bob resolves her new element from the CLI before she does: the room shows
            # bob's change, alice's TUI says who did what, and her key on its way changes nothing.
            await pilot.press("n")
            second = screen.current_id
            assert second is not None and second != first
            await page.wait_for_function(
                "id => document.querySelector('#focus code')?.textContent === id", arg=second, timeout=WAIT_MS
            )
            resolution = "--choose=2" if screen.session.element(second).is_group else "--delete"
            code, err = await run_cli("resolve", str(ocean), second, resolution, "--actor", "bob", *journal)
            assert code == 0, err
            for _ in range(400):
                if second not in screen._index:
                    break
                await pilot.pause(0.05)
            assert screen.current_id is None
            assert any(f"{second} was resolved meanwhile: bob" in notice for notice in notices)
            events = len(screen.session.history())
            await pilot.press("1")
            assert len(screen.session.history()) == events
            await page.wait_for_selector(f"#el-{second}", state="detached", timeout=WAIT_MS)
            await page.wait_for_function(
                "() => document.querySelector('#focus').textContent.includes('no longer open')",
                timeout=WAIT_MS,
            )
            activity = await page.inner_text("#activity")
            assert "bob " in activity and "alice " in activity and "AOSIS accepts" in activity
        # Everyone agrees on the text: the room shows exactly the open elements a fresh replay has.
        with open_session(ocean, journal_path=database_url, read_only=True) as fresh:
            expected = {row.element.id for row in render_draft(fresh, ExportOptions()).rows}
            assert first not in expected and second not in expected
        await page.wait_for_function(
            "n => document.querySelectorAll('#text a[id^=\"el-\"]').length === n",
            arg=len(expected),
            timeout=WAIT_MS,
        )
        shown = await page.eval_on_selector_all(
            '#text a[id^="el-"]', "nodes => nodes.map(n => n.id.slice(3))"
        )
        assert set(shown) == expected
