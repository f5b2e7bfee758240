"""The room in a real browser (Debian's chromium through Playwright): the page shows the draft, a
resolution made with the CLI or the TUI changes it without a reload, and the highlight follows the
facilitator's place in the text."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from drafter.formats.html_page import DEPTH_COLOURS
from tests.serve.browser import WAIT_MS, chromium, run_cli, served
from tests.tui.test_tui import drafting, in_event_loop

pytestmark = pytest.mark.usefixtures("no_journal_env")  # each process names its journal itself


def rgb(colour: str) -> str:
    red, green, blue = (int(colour[k : k + 2], 16) for k in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


@in_event_loop
async def test_the_page_shows_the_draft_and_a_cli_resolution_changes_it(ocean: Path) -> None:
    async with served(ocean) as url, chromium() as browser:
        page = await browser.new_page()
        await page.goto(url)
        await page.wait_for_selector(".live.on", timeout=WAIT_MS)
        text = await page.inner_text("#text")
        assert "Recognizing that sea-level rise threatens" in text and "[principles]" in text
        colour = await page.eval_on_selector(".d1 > .br", "node => getComputedStyle(node).color")
        assert colour == rgb(DEPTH_COLOURS[0])  # brackets coloured by depth, as the export colours them
        assert await page.eval_on_selector(".d2 > .br", "node => getComputedStyle(node).color") == rgb(
            DEPTH_COLOURS[1]
        )
        refs = await page.eval_on_selector_all(".draft .ref", "nodes => nodes.map(n => n.textContent)")
        assert len(refs) > 5 and all(refs)
        await page.evaluate("window.stillTheSamePage = true")
        assert await page.locator('[data-id="b18d9f37"]').count() == 1  # alternative 1 of g18d9f37

        code, err = await run_cli("resolve", str(ocean), "g18d9f37", "--choose", "2", "--actor", "bob")
        assert code == 0, err
        await page.wait_for_selector('[data-id="b18d9f37"]', state="detached", timeout=WAIT_MS)
        assert "[principles]" not in await page.inner_text("#text")
        assert (await page.inner_text("#activity li")).startswith(await page.inner_text("#activity li time"))
        assert "bob chose 2" in await page.inner_text("#activity li")
        assert "1 element of the base text resolved" in await page.inner_text("#summary")
        assert await page.evaluate("window.stillTheSamePage === true")  # updated live, not reloaded


@in_event_loop
async def test_the_highlight_follows_the_facilitators_place_in_the_tui(ocean: Path) -> None:
    async with served(ocean) as url, chromium() as browser:
        page = await browser.new_page()
        await page.set_viewport_size({"width": 1280, "height": 720})
        await page.goto(url)
        await page.wait_for_selector(".live.on", timeout=WAIT_MS)
        async with drafting(ocean, actor="alice") as (pilot, screen):
            for presses in (2, 3):
                for _ in range(presses):
                    await pilot.press("n")
                element = screen.session.element(screen.current_id or "")
                await page.wait_for_function(
                    "id => document.querySelector('#focus code')?.textContent === id",
                    arg=element.id,
                    timeout=WAIT_MS,
                )
                assert "following alice" in await page.inner_text("#following")
                highlighted = await page.eval_on_selector_all(
                    "#text .focus", "nodes => [...new Set(nodes.map(n => n.dataset.id))]"
                )
                draft = screen.session.draft
                group = next((g for g in draft.alternative_groups if g.id == element.id), None)
                expected = [b.id for b in group.alternatives] if group else [element.id]
                assert sorted(highlighted) == sorted(expected)
                # Scrolled into view: the element's start is inside the window.
                box = await page.locator(f"#el-{element.id}").bounding_box()
                assert box is not None and 0 <= box["y"] <= 720
            # A resolution in the TUI reaches the page too.
            await pilot.press("1" if element.is_group else "k", "y")  # the resolution, confirmed
            gone = expected[0]
            await page.wait_for_selector(f'[data-id="{gone}"]', state="detached", timeout=WAIT_MS)
            await asyncio.sleep(0)
            assert "alice " in await page.inner_text("#activity li")


@in_event_loop
async def test_a_page_that_lost_the_room_catches_up_when_it_is_back(ocean: Path) -> None:
    async with chromium() as browser:
        page = await browser.new_page()
        async with served(ocean) as url:
            await page.goto(url)
            await page.wait_for_selector(".live.on", timeout=WAIT_MS)
            await page.evaluate("window.stillTheSamePage = true")
        # The room's server is gone (restarted, the laptop asleep, the network down): the page says so
        # and keeps trying; meanwhile a facilitator resolves an element.
        await page.wait_for_selector(".live.off", timeout=WAIT_MS)
        code, err = await run_cli("resolve", str(ocean), "g18d9f37", "--choose", "2", "--actor", "bob")
        assert code == 0, err
        assert await page.locator('[data-id="b18d9f37"]').count() == 1
        port = url.split(":")[2].split("/")[0]
        async with served(ocean, port=int(port)):
            await page.wait_for_selector('[data-id="b18d9f37"]', state="detached", timeout=WAIT_MS)
            await page.wait_for_selector(".live.on", timeout=WAIT_MS)
            assert "bob chose 2" in await page.inner_text("#activity")
            assert await page.evaluate("window.stillTheSamePage === true")  # caught up live, not reloaded
