"""A draft changed on disk since its journal began is never a dead end: keep its base, or carry it."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from drafter.commands.cli import main
from drafter.journal.sqlite import journal_path_for
from drafter.negotiation.positions import Stance
from drafter.negotiation.session import BaseChanged
from drafter.tui.app import make_app
from drafter.tui.carry_screen import CarryScreen
from drafter.tui.changed import ChangedOnDisk
from drafter.tui.screen import MainScreen
from drafter.workspace import open_session
from tests.conftest import SAMPLES
from tests.tui.test_tui import SIZE, in_event_loop

REV1 = (SAMPLES / "ocean-agreement-rev1.txt").read_text(encoding="utf-8")


@pytest.fixture
def changed(tmp_path: Path) -> Path:
    """The ocean sample with positions in its journal, then replaced on disk by its next revision."""
    draft = tmp_path / "draft.txt"
    shutil.copy(SAMPLES / "ocean-agreement.txt", draft)
    with open_session(draft, actor="secretariat") as session:
        session.record_position("g0aaf712", "EU", Stance.SUPPORTS, choice=1, meeting="IC 3 Mar")
        session.record_position("be33794a", "AOSIS", Stance.ACCEPTS, meeting="IC 3 Mar")
        session.delete("b9188ed3", meeting="IC 3 Mar")
    draft.write_text(REV1, encoding="utf-8")
    return draft


def test_every_command_names_the_two_ways_on(changed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(BaseChanged) as refusal:
        open_session(changed, read_only=True)
    assert refusal.value.draft_path == changed
    assert main(["status", str(changed)]) == 2
    err = capsys.readouterr().err
    assert (
        "changed since its journal" in err and "--journal-base" in err and f"drafter carry {changed}" in err
    )


def test_keep_working_on_the_journals_copy_of_its_base(
    changed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = journal_path_for(changed)
    before = hashlib.sha256(journal.read_bytes()).hexdigest()
    with open_session(changed, read_only=True, journal_base=True) as session:
        assert session.on_journal_base
        assert "Version of 3 March 2026@18:00" in session.base.text  # the text the journal began with
        assert session.resolved_ids() >= {"b9188ed3"}
    assert main(["status", str(changed), "--journal-base"]) == 0
    assert "1 resolved" in capsys.readouterr().out
    assert changed.read_text(encoding="utf-8") == REV1
    assert hashlib.sha256(journal.read_bytes()).hexdigest() == before


def test_drafter_carry_file_sets_the_old_journal_aside_and_carries(
    changed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = journal_path_for(changed)
    with open_session(changed, read_only=True, journal_base=True) as session:
        base_sha = hashlib.sha256(session.base.text.encode("utf-8")).hexdigest()
        records = [tuple(r) for r in session._journal.records()]  # type: ignore[union-attr]
    assert main(["carry", str(changed), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    aside = changed.with_name(f"draft.txt.{base_sha[:12]}.drafter.sqlite")
    assert data["set_aside"] == str(aside) and aside.exists()
    assert data["counts"] == {"carried": 0, "re-targeted": 1, "not carried": 1}
    # The old journal, set aside, holds what it held.
    with open_session(changed, journal_path=aside, read_only=True, journal_base=True) as old:
        assert [tuple(r) for r in old._journal.records()] == records  # type: ignore[union-attr]
    # The new one opens on the file as it is now, with where it came from.
    with open_session(changed, read_only=True) as session:
        assert not session.on_journal_base
        assert [entry["name"] for entry in session.version_chain] == ["draft.txt"]
        assert session.version_chain[0]["journal"] == str(aside)
        assert (
            session.history()[0]
            .describe()
            .endswith("carried from draft.txt (3 events): positions: 0 carried, 1 re-targeted, 1 not carried")
        )
        (position,) = [p for e in session.elements() for p in session.positions(e.id)]
        assert (position.party, position.stance) == ("AOSIS", Stance.ACCEPTS)
    assert journal.exists()
    # Nothing left to carry now.
    assert main(["carry", str(changed)]) == 2
    assert "has not changed since its journal began" in capsys.readouterr().err


@in_event_loop
async def test_the_tui_asks_and_keeps_working_on_the_base(changed: Path) -> None:
    app = make_app(changed)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ChangedOnDisk)
        await pilot.press("k")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.session is not None and app.session.on_journal_base
    assert changed.read_text(encoding="utf-8") == REV1


@in_event_loop
async def test_the_tui_carries_and_shows_the_review_list(changed: Path) -> None:
    app = make_app(changed)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("c")
        await app.workers.wait_for_complete()
        for _ in range(20):
            await pilot.pause()
            if isinstance(app.screen, CarryScreen):
                break
        screen = app.screen
        assert isinstance(screen, CarryScreen)
        assert screen.plan.counts() == {"carried": 0, "re-targeted": 1, "not carried": 1}
        await pilot.press("enter")  # the re-targeted row: go to its element
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.current_id is not None
        assert app.session is not None and not app.session.on_journal_base
    assert (
        journal_path_for(changed).exists()
        and len(list(changed.parent.glob("draft.txt.*.drafter.sqlite"))) == 1
    )


async def _screen_of(app: object, pilot: object, kind: type) -> object:
    """The screen of `kind` once the app's workers have shown it (a loaded machine takes a few pauses)."""
    for _ in range(20):
        await pilot.pause()  # type: ignore[attr-defined]
        if isinstance(app.screen, kind):  # type: ignore[attr-defined]
            break
    return app.screen  # type: ignore[attr-defined]


@in_event_loop
async def test_the_review_list_can_be_shown_again_later(changed: Path) -> None:
    """After the carry, opening the new version: L shows what was carried from the last version again,
    from the old journal the version chain names (set aside), nothing written."""
    assert main(["carry", str(changed)]) == 0
    journals = sorted(p.name for p in changed.parent.iterdir())
    app = make_app(changed)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        assert isinstance(await _screen_of(app, pilot, MainScreen), MainScreen)
        await pilot.press("L")
        await app.workers.wait_for_complete()
        screen = await _screen_of(app, pilot, CarryScreen)
        assert isinstance(screen, CarryScreen)
        assert screen.plan.counts() == {"carried": 0, "re-targeted": 1, "not carried": 1}
        assert screen.old_name == "draft.txt (before)"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    # Nothing new written beside the draft but the read-only opening's -wal/-shm of the old journal.
    after = sorted(p.name for p in changed.parent.iterdir() if not p.name.endswith(("-wal", "-shm")))
    assert after == [name for name in journals if not name.endswith(("-wal", "-shm"))]


@in_event_loop
async def test_a_journal_never_carried_says_so(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    shutil.copy(SAMPLES / "ocean-agreement.txt", draft)
    app = make_app(draft)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        assert isinstance(await _screen_of(app, pilot, MainScreen), MainScreen)
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("not carried from an earlier version" in str(n.message) for n in app._notifications)


@in_event_loop
async def test_quitting_the_choice_is_a_clear_exit(changed: Path) -> None:
    app = make_app(changed)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ChangedOnDisk)  # it asks before showing the draft
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 2 and app.error is not None
    assert "changed since its journal" in app.error and "--journal-base" in app.error
    assert f"drafter carry {changed}" in app.error


def test_carry_file_on_either_backend(
    journal_backend: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite sets the old journal aside under another name; a database keeps both, by base text."""
    draft = tmp_path / "draft.txt"
    shutil.copy(SAMPLES / "ocean-agreement.txt", draft)
    with open_session(draft, actor="secretariat") as session:
        session.record_position("be33794a", "AOSIS", Stance.ACCEPTS, meeting="IC 3 Mar")
    draft.write_text(REV1, encoding="utf-8")
    assert main(["status", str(draft)]) == 2
    assert "drafter carry" in capsys.readouterr().err
    assert main(["carry", str(draft)]) == 0
    assert "positions: 0 carried, 1 re-targeted, 0 not carried" in capsys.readouterr().out
    with open_session(draft, read_only=True) as session:
        assert [entry["events"] for entry in session.version_chain] == [1]
        assert sum(len(session.positions(e.id)) for e in session.elements()) == 1
    assert journal_path_for(draft).exists() is (journal_backend == "sqlite")
