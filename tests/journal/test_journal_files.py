"""A journal's file: born whole, an empty leftover is no journal, read where it may not be written,
and a refused write creates nothing."""

from __future__ import annotations

import ctypes
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.commands.cli import main
from drafter.journal import sqlite as sqlite_journal
from drafter.journal.sqlite import SqliteJournal, journal_path_for
from drafter.journal.sqlite_files import remove_stale_temporaries, temporary_for
from drafter.negotiation.session import ReadOnlyError, SessionError, Stance
from drafter.workspace import open_session
from tests.conftest import SAMPLES

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE = 1
CAP_DAC_READ_SEARCH = 2


@pytest.fixture
def draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("DRAFTER_JOURNAL", raising=False)
    path = tmp_path / "ocean.txt"
    shutil.copy(SAMPLES / "ocean-agreement.txt", path)
    return path


def first_id(draft: Path) -> str:
    with open_session(draft, read_only=True) as session:
        return session.elements()[0].id


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- born whole -------------------------------------------------------------------------------


def test_a_creation_killed_before_it_finished_leaves_no_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "j.sqlite"

    def killed(*_: object) -> None:
        raise KeyboardInterrupt  # stands for a SIGKILL after the schema was written

    monkeypatch.setattr(sqlite_journal, "publish", killed)
    with pytest.raises(KeyboardInterrupt):
        SqliteJournal.create(path, b"x", "x.txt")
    assert listing(tmp_path) == []  # no journal, no temporary


def test_a_creation_that_fails_midway_leaves_no_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "j.sqlite"

    def failing(connection: sqlite3.Connection, location: str) -> None:
        connection.execute("CREATE TABLE half (x)")
        raise KeyboardInterrupt

    monkeypatch.setattr(sqlite_journal, "_migrate", failing)
    with pytest.raises(KeyboardInterrupt):
        SqliteJournal.create(path, b"x", "x.txt")
    assert listing(tmp_path) == []


def test_temporaries_of_dead_creators_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    stale = tmp_path / f".j.sqlite.{int(dead.stdout)}-0a0b0c0d.creating"
    stale.write_bytes(b"half")
    Path(f"{stale}-wal").write_bytes(b"half")
    live = temporary_for(path)
    live.write_bytes(b"being made by this process")
    other = tmp_path / f".other.sqlite.{int(dead.stdout)}-0a0b0c0d.creating"
    other.write_bytes(b"another journal's")
    remove_stale_temporaries(path)
    assert listing(tmp_path) == sorted([live.name, other.name])


def test_a_new_journal_is_whole_and_alone(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"
    journal = SqliteJournal.create(path, b"base", "x.txt")
    assert journal.base_text == b"base"
    journal.close()
    assert listing(tmp_path) == ["j.sqlite"]  # WAL checkpointed away, no temporary


# --- an empty leftover is no journal ------------------------------------------------------------


@pytest.mark.parametrize("leftover", ["zero bytes", "database without tables"])
def test_an_empty_journal_is_treated_as_absent_with_a_note(
    draft: Path, capsys: pytest.CaptureFixture[str], leftover: str
) -> None:
    journal = journal_path_for(draft)
    if leftover == "zero bytes":
        journal.write_bytes(b"")
    else:
        sqlite3.connect(journal).close()
    assert main(["status", str(draft)]) == 0
    out, err = capsys.readouterr()
    # 33: "[early warning systems] [and] [nature-based solutions]" are three brackets, not alternatives
    assert "33 open elements" in out and "no journal yet" in out
    assert f"{journal}: an empty journal" in err and "treated as absent" in err
    element = first_id(draft)
    assert main(["resolve", str(draft), element, "--choose", "1"]) == 0  # the first write replaces it
    capsys.readouterr()
    opened = SqliteJournal.open(journal, read_only=True)
    assert [r.target for r in opened.records()] == [element]
    opened.close()
    assert main(["status", str(draft)]) == 0
    assert "empty journal" not in capsys.readouterr().err


# --- a refused write creates nothing --------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["resolve", "{draft}", "nosuchid", "--choose", "1"],
        ["position", "{draft}", "{element}", "--supports", "9", "--party", "EU"],
        ["resolve", "{draft}", "{element}", "--choose", "7"],
    ],
    ids=["unknown id", "no such choice", "choice out of range"],
)
def test_a_refused_first_write_creates_no_journal(
    draft: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    element = first_id(draft)
    before = listing(draft.parent)
    assert main([a.format(draft=draft, element=element) for a in argv]) == 2
    assert capsys.readouterr().err.startswith("drafter: ")
    assert listing(draft.parent) == before


def test_a_refused_write_in_a_session_leaves_the_journal_uncreated_and_the_next_write_works(
    draft: Path,
) -> None:
    with open_session(draft) as session:
        element = session.elements()[0].id
        with pytest.raises(SessionError):
            session.choose(element, 99)
        assert not journal_path_for(draft).exists() and session.journal is None
        session.choose(element, 1)
        assert session.journal is not None and session.journal.last_seq() == 1
    with open_session(draft, read_only=True) as again:
        assert [e.target for e in again.history()] == [element]


# --- a journal found by the draft's real path ---------------------------------------------------


def test_a_symlinked_draft_shares_the_journal_of_the_file_it_points_to(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = elsewhere / "link to ocean.txt"
    link.symlink_to(draft)
    element = first_id(draft)
    assert main(["resolve", str(link), element, "--choose", "1"]) == 0
    assert listing(elsewhere) == ["link to ocean.txt"]  # no journal beside the link
    assert journal_path_for(link) == journal_path_for(draft) and journal_path_for(draft).is_file()
    capsys.readouterr()
    assert main(["status", str(draft)]) == 0
    assert "1 resolved" in capsys.readouterr().out


# --- read where it may not be written -------------------------------------------------------------


@pytest.fixture
def shared_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder drafter may read but not write (made read-only; see `unprivileged`)."""
    folder = tmp_path / "shared"
    folder.mkdir()
    try:
        yield folder
    finally:
        folder.chmod(0o755)


def without_override() -> None:
    """Run as root, a process may write anything: drop the capabilities that let it (CAP_DAC_OVERRIDE,
    CAP_DAC_READ_SEARCH) from the bounding set, so the exec'd drafter obeys file permissions."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def unprivileged(folder: Path, *argv: str, mode: int = 0o555) -> subprocess.CompletedProcess[str]:
    """Runs drafter in `folder` (read-only by default) as a process that obeys file permissions."""
    folder.chmod(mode)
    try:
        env = {k: v for k, v in os.environ.items() if k != "DRAFTER_JOURNAL"}
        return subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from drafter.commands.cli import main; sys.exit(main())",
                *argv,
            ],
            capture_output=True,
            text=True,
            cwd=folder,
            env=env,
            preexec_fn=without_override,
            timeout=120,
        )
    finally:
        folder.chmod(0o755)


def shared_draft(folder: Path, *, with_journal: bool) -> tuple[Path, str]:
    draft = folder / "ocean agreement.txt"
    shutil.copy(SAMPLES / "ocean-agreement.txt", draft)
    draft.chmod(0o644)
    with open_session(draft) as session:
        element = session.elements()[0].id
        if with_journal:
            session.choose(element, 1)
    if with_journal:
        journal_path_for(draft).chmod(0o644)
    return draft, element


def test_a_journal_in_a_folder_one_may_not_write_is_read_and_says_so(shared_folder: Path) -> None:
    draft, _ = shared_draft(shared_folder, with_journal=True)
    before = listing(shared_folder)
    done = unprivileged(shared_folder, "status", draft.name)
    assert done.returncode == 0, done.stderr
    assert "1 resolved" in done.stdout
    assert "read as it is on disk" in done.stderr and "may not write in" in done.stderr
    assert listing(shared_folder) == before


@pytest.mark.parametrize("shm", ["kept", "gone"])
def test_a_journal_in_use_is_read_with_its_latest_writes_or_says_what_it_does_not_show(
    shared_folder: Path, shm: str
) -> None:
    draft, _ = shared_draft(shared_folder, with_journal=True)
    journal = journal_path_for(draft)
    holder = sqlite3.connect(journal)  # keeps the -wal alive, as a running TUI would
    try:
        holder.execute("SELECT count(*) FROM events").fetchone()
        with open_session(draft) as session:
            session.undo()
        Path(f"{journal}-wal").chmod(0o644)
        if shm == "gone":  # left so by a crash, or removed by hand: no reader may make a new one here
            Path(f"{journal}-shm").unlink()
        else:
            Path(f"{journal}-shm").chmod(0o644)
        done = unprivileged(shared_folder, "status", draft.name)
    finally:
        holder.close()
    assert done.returncode == 0, done.stderr
    if shm == "kept":
        assert "0 resolved" in done.stdout and done.stderr == ""
    else:  # the undo is still in the -wal: the file shows the keep, and the note says so
        assert "1 resolved" in done.stdout
        assert f"{journal.name}-wal" in done.stderr and "not shown" in done.stderr


def test_a_write_in_a_folder_one_may_not_write_is_refused_and_creates_nothing(shared_folder: Path) -> None:
    draft, element = shared_draft(shared_folder, with_journal=False)
    before = listing(shared_folder)
    done = unprivileged(shared_folder, "resolve", draft.name, element, "--choose", "1")
    assert done.returncode == 2, done.stderr
    assert "opened read-only" in done.stderr and f"may not write in {shared_folder}" in done.stderr
    assert "Traceback" not in done.stderr
    assert listing(shared_folder) == before


def test_a_write_to_a_journal_one_may_not_write_is_refused(shared_folder: Path) -> None:
    draft, _ = shared_draft(shared_folder, with_journal=True)
    journal_path_for(draft).chmod(0o444)
    before = listing(shared_folder)
    done = unprivileged(shared_folder, "undo", draft.name, mode=0o755)
    assert done.returncode == 2, done.stderr
    assert "opened read-only" in done.stderr and "may not write the journal file" in done.stderr
    assert "Traceback" not in done.stderr
    # reading beside a journal in a folder it may write, SQLite keeps its -shm (and an empty -wal) there
    side_files = {f"{journal_path_for(draft).name}{side}" for side in ("-wal", "-shm")}
    assert set(listing(shared_folder)) - set(before) <= side_files
    with open_session(draft, read_only=True) as session:
        assert len(session.history()) == 1


def test_a_database_that_refuses_writes_turns_the_session_read_only(
    draft: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DRAFTER_JOURNAL", database_url)
    with open_session(draft) as session:
        element = session.elements()[0].id
        session.record_position(element, "EU", Stance.ACCEPTS, choice=1)
    read_only_url = f"{database_url}%20-cdefault_transaction_read_only%3Don"
    with open_session(draft, journal_path=read_only_url) as session:
        with pytest.raises(ReadOnlyError, match="may not write the journal"):
            session.choose(element, 1)
        assert session.read_only and "read-only" in (session.read_only_reason or "")
        with pytest.raises(SessionError, match="opened read-only"):
            session.choose(element, 1)
        assert len(session.history()) == 1
