"""Text drafts in the encodings real files come in, NUL bytes, empty files, and paths with spaces and
non-Latin letters: each is read, or refused with a message naming file:line:column, never a traceback."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from drafter.commands.cli import main
from drafter.formats.source import read_source
from drafter.journal.sqlite import journal_path_for
from drafter.workspace import open_session
from tests.conftest import SAMPLES
from tests.tui.test_tui import drafting, in_event_loop

OCEAN = (SAMPLES / "ocean-agreement.txt").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _no_shared_journal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DRAFTER_JOURNAL", raising=False)


@pytest.mark.parametrize(
    ("encode", "label"),
    [
        (lambda text: text.encode("utf-16"), "UTF-16"),  # Notepad's "Unicode": little-endian with a mark
        (lambda text: b"\xfe\xff" + text.encode("utf-16-be"), "UTF-16"),
        (lambda text: text.encode("utf-32"), "UTF-32"),
    ],
    ids=["utf-16-le", "utf-16-be", "utf-32"],
)
def test_a_draft_with_a_byte_order_mark_is_read_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encode: Callable[[str], bytes], label: str
) -> None:
    path = tmp_path / "ocean.txt"
    path.write_bytes(encode(OCEAN))
    source = read_source(path)
    assert source.text == OCEAN and source.details == {"encoding": label}
    assert source.remarks == (f"read as {label} (it starts with a {label} byte order mark)",)
    assert main(["check", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["source"]["encoding"] == label
    with open_session(path) as session:  # positions and resolutions work on it like on UTF-8
        element = session.elements()[0]
        session.choose(element.id, 1)
    assert main(["status", str(path)]) == 0
    assert "1 resolved" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "Ünïcode line\n2. “Convention” [x]\n".encode("cp1252"),
            ":1:1: not UTF-8 (byte 0xdc); it looks like Windows-1252",
        ),
        (
            "1. Parties\n2. café [x]\n".encode("latin-1"),
            ":2:7: not UTF-8 (byte 0xe9); it looks like Windows-1252",
        ),
        ("1. Parties\n2. ça va \x81".encode("latin-1"), ":2:4: not UTF-8 (byte 0xe7); it may be Latin-1"),
        (
            "1. «Paris» [a]\n2. ‘b’ \xff".encode() + b"\xff\n",
            ":2:9: not UTF-8 (byte 0xff)",
        ),  # columns count characters
        (b"1. Parties [shall]\n2. Ok\x00 then\n", ":2:6: looks like a binary file, not a text draft"),
        (bytes(range(256)), ":1:1: looks like a binary file"),
        (
            OCEAN.encode("utf-16-le"),
            ":1:2: looks like UTF-16 without a byte order mark. In Notepad: File > Save As, Encoding: UTF-8",
        ),
        (
            b"\xff\xfe" + OCEAN.encode("utf-16-le")[:-1],
            ":53:127: not valid UTF-16 (truncated data) although it starts",
        ),
        (b"\xff\xfe" + "1. [x]\n2. a\x00b".encode("utf-16-le"), ":2:5: looks like a binary file"),
    ],
    ids=[
        "cp1252",
        "cp1252 later",
        "latin-1",
        "invalid utf-8",
        "nul",
        "binary",
        "utf-16 no mark",
        "utf-16 cut",
        "utf-16 nul",
    ],
)
def test_a_draft_that_is_not_text_is_refused_naming_file_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes(content)
    for command in (
        ["check"],
        ["status"],
        ["export", "-o", str(tmp_path / "out.txt")],
        ["resolve", "x", "--keep"],
    ):
        argv = [command[0], str(path), *command[1:]]
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.startswith(f"drafter: {path}{message}"), (argv, err)
        assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.txt"]  # no journal, no export


def test_an_empty_draft_is_an_empty_draft(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert main(["check", str(path)]) == 0
    assert main(["status", str(path)]) == 0
    assert "0 open elements" in capsys.readouterr().out
    assert main(["export", str(path), "-o", str(tmp_path / "out.txt")]) == 0
    assert (tmp_path / "out.txt").read_bytes() == b""


@in_event_loop
async def test_the_tui_opens_an_empty_draft_and_a_utf16_one(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    async with drafting(empty) as (pilot, screen):
        await pilot.press("n", "1", "k", "u")
        assert screen.current_id is None and screen.session.draft.text == ""
    wide = tmp_path / "wide.txt"
    wide.write_bytes(OCEAN.encode("utf-16"))
    async with drafting(wide) as (pilot, screen):
        assert screen.session.draft.text == OCEAN and screen.current_id is not None


NAMES = [
    "draft with spaces.txt",
    "Проект соглашения № 2.txt",
    "اتفاق باريس.md",
    "草案 第3版.txt",
    "–dash ‘quoted’.txt",
]


@pytest.mark.parametrize("name", NAMES)
def test_paths_with_spaces_and_non_latin_letters_work_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    folder = tmp_path / "Папка с черновиками"
    folder.mkdir()
    path = folder / name
    shutil.copy(SAMPLES / "ocean-agreement.txt", path)
    assert main(["status", str(path), "--json"]) == 0
    element = json.loads(capsys.readouterr().out)["elements"][0]["id"]
    assert main(["resolve", str(path), element, "--choose", "1"]) == 0
    assert journal_path_for(path).name == f"{name}.drafter.sqlite" and journal_path_for(path).is_file()
    assert main(["status", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{name}: ") or out.startswith(f"{path}: ") or name in out
    assert "1 resolved" in out
    exported = folder / f"{name} – export.html"
    assert main(["export", str(path), "-o", str(exported)]) == 0
    assert exported.stat().st_size > 0
    assert main(["check", str(path)]) == 0
    capsys.readouterr()
    assert main(["export", str(path), "-o", str(path)]) == 2  # still protected by its real name
    assert "Traceback" not in capsys.readouterr().err


@in_event_loop
async def test_the_tui_opens_a_draft_whose_path_has_spaces_and_non_latin_letters(tmp_path: Path) -> None:
    folder = tmp_path / "Черновики КС"
    folder.mkdir()
    path = folder / NAMES[1]
    shutil.copy(SAMPLES / "ocean-agreement.txt", path)
    async with drafting(path) as (pilot, screen):
        await pilot.press("1", "y")
        await pilot.pause()
        assert len(screen.session.resolved_ids()) == 1
    assert journal_path_for(path).is_file()


@pytest.mark.parametrize(
    "content",
    ["1. “Convention” [x]\n".encode("cp1252"), "1. café [x]\n".encode("utf-16-le")],
    ids=["cp1252", "utf-16 no mark"],
)
def test_a_windows_encoding_is_refused_with_a_fix_an_officer_can_follow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    """Not only `iconv`: the steps in Notepad, and the Word document itself, which drafter reads."""
    path = tmp_path / "draft.txt"
    path.write_bytes(content)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "In Notepad: File > Save As, Encoding: UTF-8, Save" in err
    assert "or give drafter the Word document itself (.docx)" in err
    assert "iconv -f" in err
