"""Outputs that cannot destroy: `-o` never replaces a draft or its journal, devices and FIFOs are written
in place, an existing file only with --force, and a bad target is one line and exit 2, never a traceback."""

from __future__ import annotations

import os
import stat
import threading
import tty
from pathlib import Path

import pytest

from drafter.commands.cli import main
from drafter.negotiation.positions import Stance
from drafter.workspace import open_session
from tests.conftest import SAMPLES

NEW = SAMPLES / "ocean-agreement-rev1.txt"


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    """A draft with a journal holding one position (so a lost journal shows)."""
    path = tmp_path / "d.txt"
    path.write_bytes((SAMPLES / "ocean-agreement.txt").read_bytes())
    with open_session(path) as session:
        bracket = next(e for e in session.elements() if e.kind == "bracket")
        session.record_position(bracket.id, "EU", Stance.ACCEPTS)
    return path


def journal_events(path: Path) -> int:
    with open_session(path, read_only=True) as session:
        return session.last_seq


def protected_names(draft: Path) -> list[str]:
    journal = f"{draft}.drafter.sqlite"
    return [str(draft), journal, f"{journal}-wal", f"{journal}-shm", f"{journal}-journal"]


@pytest.mark.parametrize("which", range(5), ids=["draft", "journal", "wal", "shm", "rollback-journal"])
def test_export_refuses_the_draft_and_its_journal_files(
    draft: Path, which: int, capsys: pytest.CaptureFixture[str]
) -> None:
    target = protected_names(draft)[which]
    before = {p.name: p.read_bytes() for p in draft.parent.iterdir()}
    assert main(["export", str(draft), "-o", target, "--force"]) == 2
    assert "drafter never writes over them" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in draft.parent.iterdir() if p.name in before} == before
    assert journal_events(draft) == 1


def test_diff_refuses_either_draft_and_their_journals(
    draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = draft.read_bytes()
    for target in protected_names(draft)[:2]:
        assert main(["diff", str(draft), str(NEW), "-o", target, "--force"]) == 2
        assert "drafter never writes over them" in capsys.readouterr().err
    assert main(["diff", str(NEW), str(draft), "-o", str(draft)]) == 2
    assert draft.read_bytes() == text and journal_events(draft) == 1


def test_the_draft_is_recognised_through_symlinks_and_dot_dots(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sub").mkdir()
    link = tmp_path / "sub" / "link.txt"
    link.symlink_to(draft)
    journal_link = tmp_path / "j-link"
    journal_link.symlink_to(f"{draft}.drafter.sqlite")
    for source, target in (
        (link, draft),
        (draft, link),
        (link, f"{draft}.drafter.sqlite"),
        (draft, journal_link),
        (draft, tmp_path / "sub" / ".." / "d.txt"),
    ):
        assert main(["export", str(source), "-o", str(target), "--force"]) == 2, (source, target)
        assert "drafter never writes over them" in capsys.readouterr().err
    assert journal_events(draft) == 1


def test_an_existing_file_is_replaced_only_with_force(
    draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = draft.with_name("out.txt")
    out.write_text("keep me", encoding="utf-8")
    assert main(["export", str(draft), "-o", str(out)]) == 2
    assert "exists; not replaced (use --force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "keep me"
    assert main(["export", str(draft), "-o", str(out), "--force"]) == 0
    assert out.read_bytes() == draft.read_bytes()
    assert main(["diff", str(draft), str(NEW), "-o", str(out)]) == 2
    assert main(["diff", str(draft), str(NEW), "-o", str(out), "--force", "--format", "json"]) == 1
    assert out.read_text(encoding="utf-8").startswith("{")


def test_a_symlink_target_stays_a_link_to_the_replaced_file(draft: Path, tmp_path: Path) -> None:
    real = tmp_path / "real-out.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "out-link.txt"
    link.symlink_to(real)
    assert main(["export", str(draft), "-o", str(link)]) == 2
    assert main(["export", str(draft), "-o", str(link), "--force"]) == 0
    assert link.is_symlink() and real.read_bytes() == draft.read_bytes()


def test_a_fifo_is_written_in_place(draft: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code = main(["export", str(draft), "-o", str(fifo)])
    reader.join(10)
    if reader.is_alive():  # nothing was written into the FIFO: let the reader go
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert code == 0
    assert received == [draft.read_bytes()]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_character_device_is_written_in_place_and_its_errors_reported(
    draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A terminal (a pty of our own, never a system device: the old code replaced /dev/null as root)."""
    controller, terminal = os.openpty()
    device = os.ttyname(terminal)
    tty.setraw(terminal)
    try:
        assert main(["export", str(draft), "-o", device]) == 0
        assert stat.S_ISCHR(os.lstat(device).st_mode)
        received = b""
        while len(received) < len(draft.read_bytes()):
            received += os.read(controller, 65536)
        assert received == draft.read_bytes()
    finally:
        os.close(controller)
    try:
        assert main(["export", str(draft), "-o", device]) == 2  # nobody at the other end
        assert capsys.readouterr().err.startswith(f"drafter: {device}: cannot write (")
        assert not os.path.isfile(device)
    finally:
        os.close(terminal)


def test_missing_directory_and_directory_targets_are_clear_errors(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in (["export", str(draft)], ["diff", str(draft), str(NEW)]):
        assert main([*command, "-o", str(tmp_path / "nodir" / "x.txt")]) == 2
        assert f"{tmp_path / 'nodir' / 'x.txt'}: no such directory" in capsys.readouterr().err
        assert main([*command, "-o", str(tmp_path)]) == 2
        assert f"{tmp_path}: is a directory" in capsys.readouterr().err
    assert not (tmp_path / "nodir").exists()


def test_dash_is_standard_output(draft: Path, capfd: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(draft), "-o", "-"]) == 0
    assert capfd.readouterr().out == draft.read_text(encoding="utf-8")


def test_a_journal_given_with_dash_dash_journal_is_protected(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "elsewhere.sqlite"
    with open_session(draft, journal_path=other) as session:
        session.add_party("Friends of the Ocean")
    assert main(["export", str(draft), "--journal", str(other), "-o", str(other), "--force"]) == 2
    assert "drafter never writes over them" in capsys.readouterr().err
    with open_session(draft, journal_path=other, read_only=True) as session:
        assert session.last_seq == 1
