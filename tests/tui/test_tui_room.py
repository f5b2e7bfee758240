"""Two facilitators on one journal: the TUI shows another facilitator's work within a second, on the
SQLite journal and on PostgreSQL; a change the TUI refuses because another got there first is shown."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from drafter.commands.cli import main
from drafter.negotiation.consensus import Status
from drafter.negotiation.session import Stance
from drafter.tui.drafting import CURSOR_SAVE_DELAY
from drafter.tui.panels import StatusLine
from drafter.workspace import open_session
from tests.tui.test_tui import drafting, in_event_loop

pytestmark = pytest.mark.usefixtures("journal_backend")


async def until(condition: object, what: str) -> None:
    started = time.monotonic()
    while not condition():  # type: ignore[operator]
        assert time.monotonic() - started < 1.0, f"{what} did not reach the other facilitator's screen in 1 s"
        await asyncio.sleep(0.02)


@in_event_loop
async def test_the_tui_shows_another_facilitators_writes_within_a_second(ocean: Path) -> None:
    async with drafting(ocean, actor="alice") as (pilot, screen):
        current = screen.current_id
        assert current is not None and not screen._states[current].positions
        status = str(screen.query_one(StatusLine).render())
        with open_session(ocean, actor="bob") as bob:  # another facilitator's session
            bob.record_position(current, "EU", Stance.ACCEPTS)
            kind = bob.element(current).kind
        await until(lambda: screen._states[current].positions, "bob's position")
        assert [p.party for p in screen._states[current].positions] == ["European Union"]
        # A resolution on the command line, as a facilitator at another desk makes it.
        resolution = "--keep" if kind == "bracket" else "--choose=1"
        assert main(["resolve", str(ocean), current, resolution, "--actor", "carol"]) == 0
        await until(lambda: current not in screen._index, "carol's resolution")
        await pilot.pause()
        with open_session(ocean, read_only=True) as fresh:
            assert screen.document._text == fresh.draft.text == screen.session.draft.text
        assert str(screen.query_one(StatusLine).render()) != status  # one fewer open, one resolved
        # alice is told, and is left on no element: a key on its way must not land on the next one.
        assert screen.current_id is None
        [told] = [
            n for n in pilot.app._notifications if f"{current} was resolved meanwhile: carol" in n.message
        ]
        assert not told.markup  # the text quoted in it has [brackets], which markup would swallow
        events = len(screen.session.history())
        await pilot.press("1")
        assert len(screen.session.history()) == events and screen.document._text == fresh.draft.text
        await pilot.press("n")
        assert screen.current_id is not None


@in_event_loop
async def test_a_cursor_save_that_takes_in_another_facilitators_write_shows_it(ocean: Path) -> None:
    """Journaling the cursor catches up on what others wrote before appending; the journal poll then has
    nothing new to see, so the cursor's save must show it itself."""
    async with drafting(ocean, actor="alice") as (pilot, screen):
        await pilot.pause(CURSOR_SAVE_DELAY + 0.3)  # the first element's place is journaled
        current = screen._elements[screen._index[screen.current_id or ""] + 1].id
        assert screen._states[current].status is Status.OPEN
        with open_session(ocean, actor="bob") as bob:
            bob.record_position(current, "EU", Stance.ACCEPTS)
        # alice moves on and her place is journaled before the poll looks (no await in between).
        screen._select(current)
        screen.save_cursor()
        # The state computed when the screen last loaded (positions are read when asked for).
        assert screen._states[current].status is not Status.OPEN
        await pilot.pause(0.6)
        assert screen._states[current].status is not Status.OPEN
