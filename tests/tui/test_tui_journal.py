"""The TUI survives its journal: read-only with a banner, a lock held elsewhere waited for without
freezing the screen, and other processes' writes shown within a second."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.journal.sqlite import journal_path_for
from drafter.negotiation.session import Session
from drafter.tui import drafting as drafting_screen
from drafter.tui import journal_state
from drafter.tui.dialogs import Confirm
from drafter.tui.journal_state import JournalBanner
from drafter.tui.screen import MainScreen
from drafter.workspace import open_session
from tests.conftest import SAMPLES
from tests.tui.test_tui import drafting, in_event_loop, notices

RUN_CLI = "import sys; from drafter.commands.cli import main; sys.exit(main())"


@pytest.fixture
def ocean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("DRAFTER_JOURNAL", raising=False)
    path = tmp_path / "ocean.txt"
    shutil.copy(SAMPLES / "ocean-agreement.txt", path)
    return path


def banner(screen: MainScreen) -> str:
    return screen.query_one(JournalBanner).text


async def choose_first(pilot: object, screen: MainScreen) -> None:
    """Resolves the current element: its first choice, or keeps a single bracket."""
    element = screen.session.element(screen.current_id or "")
    await pilot.press("1" if element.is_group else "k")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    if isinstance(pilot.app.screen, Confirm):  # type: ignore[attr-defined]
        await pilot.press("y")  # type: ignore[attr-defined]


def started_journal(ocean: Path) -> None:
    with open_session(ocean) as session:
        assert session.start_journal()


def changes(session: Session) -> list[str | None]:
    """The targets of the text changes in the journal (settings such as the cursor left aside)."""
    return [e.target for e in session.history() if e.change is not None]


# --- read-only -------------------------------------------------------------------------------------


@in_event_loop
async def test_a_journal_drafter_may_not_write_opens_read_only_with_a_banner(
    ocean: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started_journal(ocean)
    # As a user without write access to the folder sees it (the CLI tests do it with real permissions).
    monkeypatch.setattr("drafter.journal.sqlite.can_create_in", lambda folder: False)
    async with drafting(ocean) as (pilot, screen):
        assert screen.session.read_only
        assert banner(screen).startswith("Read-only: ") and f"may not write in {ocean.parent}" in banner(
            screen
        )
        current = screen.current_id
        await choose_first(pilot, screen)
        await pilot.pause()
        assert screen.current_id == current and changes(screen.session) == []
        assert any("opened read-only" in m for m in notices(pilot)), notices(pilot)
        await pilot.press("n")  # reading goes on
        assert screen.current_id != current


@in_event_loop
async def test_a_journal_that_turns_read_only_turns_the_screen_read_only_never_a_traceback(
    ocean: Path,
) -> None:
    started_journal(ocean)
    async with drafting(ocean) as (pilot, screen):
        assert not screen.session.read_only and banner(screen) == ""
        journal = screen.session.journal
        assert journal is not None
        journal._connection.execute("PRAGMA query_only = 1")  # type: ignore[attr-defined]  # SQLITE_READONLY
        await choose_first(pilot, screen)
        await pilot.pause()
        assert screen.session.read_only and banner(screen).startswith("Read-only: ")
        assert "may not write the journal now" in banner(screen)
        assert changes(screen.session) == []
        await pilot.press("n")
        await pilot.pause(drafting_screen.CURSOR_SAVE_DELAY + 0.2)  # the cursor is not written: no error
        assert isinstance(pilot.app.screen, MainScreen)
    with open_session(ocean, read_only=True) as after:
        assert changes(after) == []


# --- a lock held by another process ---------------------------------------------------------------


def hold_lock(ocean: Path) -> sqlite3.Connection:
    holder = sqlite3.connect(journal_path_for(ocean), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    return holder


@in_event_loop
async def test_a_change_that_finds_the_journal_in_use_waits_without_freezing_the_screen(ocean: Path) -> None:
    started_journal(ocean)
    async with drafting(ocean) as (pilot, screen):
        first = screen.current_id
        holder = hold_lock(ocean)
        try:
            await choose_first(pilot, screen)
            assert "in use by another drafter process" in banner(screen)
            assert changes(screen.session) == []
            await pilot.press("n")  # the screen answers keys while the change waits
            second = screen.current_id
            assert second != first
            await choose_first(pilot, screen)  # waits behind the first, in order
            assert "and 1 more waiting" in banner(screen)
            await pilot.pause(3 * journal_state.RETRY_EVERY)
            assert changes(screen.session) == []  # still held: still waiting
            await pilot.press("q")  # not quitting silently while changes wait
            assert pilot.app.is_running and any("q again quits without them" in m for m in notices(pilot))
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        for _ in range(40):
            await pilot.pause(journal_state.RETRY_EVERY / 2)
            if len(changes(screen.session)) == 2:
                break
        assert changes(screen.session) == [first, second]
        assert banner(screen) == ""


@in_event_loop
async def test_changes_that_wait_too_long_are_dropped_and_said(
    ocean: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal_state, "GIVE_UP_AFTER", 0.6)
    started_journal(ocean)
    async with drafting(ocean) as (pilot, screen):
        first = screen.current_id
        holder = hold_lock(ocean)
        try:
            await choose_first(pilot, screen)
            for _ in range(40):
                await pilot.pause(journal_state.RETRY_EVERY / 2)
                if banner(screen) == "":
                    break
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert banner(screen) == "" and changes(screen.session) == []
        assert any("was recorded" in m and "stayed in use" in m for m in notices(pilot))
        assert screen.current_id == first


# --- other processes' writes ----------------------------------------------------------------------


@in_event_loop
async def test_another_processs_write_is_shown_within_four_polls(
    ocean: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within a second: the poll runs every JOURNAL_POLL (0.25 s); counted in polls, not in wall time,
    so a loaded machine cannot make it flaky (bench/ measures the seconds)."""
    assert 4 * drafting_screen.JOURNAL_POLL <= 1.0
    polls: list[int] = []
    refresh = Session.refresh

    def counted(self: Session) -> bool:
        changed = refresh(self)
        polls.append(int(changed))
        return changed

    monkeypatch.setattr(Session, "refresh", counted)
    async with drafting(ocean) as (pilot, screen):
        current = screen.current_id
        assert current is not None
        done = subprocess.run(
            [sys.executable, "-c", RUN_CLI, "resolve", str(ocean), current, "--choose", "1"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        polls.clear()
        while len(polls) < 4 and current in screen._index:
            await pilot.pause(drafting_screen.JOURNAL_POLL / 5)
        assert current not in screen._index, f"not shown after {len(polls)} polls"
        assert 1 in polls[:4], polls  # the write was seen by one of the first four polls after it
        assert "[principles]" not in screen.session.draft.text
