"""`drafter export`: the format from OUT's suffix or --format, stdout, no silent overwrite, file modes."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.commands.cli import main
from drafter.formats.export import ExportError, ExportFormat, export, format_for_output
from drafter.output import OutputError, OutputExists, write_output
from drafter.workspace import open_session

DRAFT = "Parties [shall][should] act <now> & [report [annually]].\n"


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.parametrize(
    ("name", "override", "expected"),
    [
        ("out.txt", None, ExportFormat.TEXT),
        ("out.md", None, ExportFormat.MARKDOWN),
        ("OUT.HTML", None, ExportFormat.HTML),
        ("out.htm", None, ExportFormat.HTML),
        ("out.consolidated", None, ExportFormat.TEXT),
        ("-", None, ExportFormat.TEXT),
        ("out.txt", "html", ExportFormat.HTML),
        ("-", "md", ExportFormat.MARKDOWN),
    ],
)
def test_the_format_follows_the_suffix_and_format_overrides(
    name: str, override: str | None, expected: ExportFormat
) -> None:
    assert format_for_output(name, override) is expected


@pytest.mark.parametrize("name", ["out.pdf", "out.odt", "out.doc"])
def test_document_suffixes_drafter_cannot_write_are_refused(name: str) -> None:
    with pytest.raises(ExportError, match=rf"{name}: drafter cannot write"):
        format_for_output(name)


def test_each_suffix_writes_its_format(draft: Path, tmp_path: Path) -> None:
    for suffix in ("txt", "md", "html"):
        assert main(["export", str(draft), "-o", str(tmp_path / f"out.{suffix}")]) == 0
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == DRAFT
    markdown = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert markdown.startswith("Parties \\[shall\\]\\[should\\] act \\<now\\> \\& ")
    assert "## Open elements (3)" in markdown
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "act &lt;now&gt; &amp; " in html
    assert not (tmp_path / "draft.txt.drafter.sqlite").exists()  # export never creates a journal


def test_format_overrides_the_suffix_and_dash_is_standard_output(
    draft: Path, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert main(["export", str(draft), "-o", str(tmp_path / "out.txt"), "--format", "html"]) == 0
    assert (tmp_path / "out.txt").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["export", str(draft), "-o", "-"]) == 0
    assert capsysbinary.readouterr().out == DRAFT.encode("utf-8")
    assert main(["export", str(draft), "-o", "-", "--format", "md", "--clean"]) == 0
    assert (
        capsysbinary.readouterr().out
        == b"Parties \\[shall\\]\\[should\\] act \\<now\\> \\& \\[report \\[annually\\]\\].\n"
    )


def test_an_existing_file_is_replaced_only_with_force(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.html"
    target.write_text("keep me", encoding="utf-8")
    assert main(["export", str(draft), "-o", str(target)]) == 2
    assert capsys.readouterr().err == f"drafter: {target}: exists; not replaced (use --force to replace it)\n"
    assert target.read_text(encoding="utf-8") == "keep me"
    assert main(["export", str(draft), "-o", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.txt", "out.html"]  # no temporary left


def test_bad_targets_exit_2_naming_them(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(draft), "-o", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"drafter: {tmp_path}: is a directory\n"
    missing = tmp_path / "no" / "such" / "out.txt"
    assert main(["export", str(draft), "-o", str(missing)]) == 2
    assert capsys.readouterr().err.startswith(f"drafter: {missing}: no such directory")
    assert main(["export", str(draft), "-o", str(tmp_path / "out.pdf")]) == 2
    assert (
        "out.pdf: drafter cannot write .pdf files; print the .html export to PDF" in capsys.readouterr().err
    )
    with pytest.raises(SystemExit) as exit_info:
        main(["export", str(draft), "-o", "x", "--format", "pdf"])
    assert exit_info.value.code == 2


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_written_files_follow_the_umask(draft: Path, tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        for suffix in ("txt", "html"):
            assert main(["export", str(draft), "-o", str(tmp_path / f"out.{suffix}")]) == 0
    finally:
        os.umask(old)
    for name in ("out.txt", "out.html"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o666 & ~umask, name


def test_replacing_a_file_keeps_its_mode(draft: Path, tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    assert main(["export", str(draft), "-o", str(target), "--force"]) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_write_output_refuses_without_overwrite_and_names_the_target(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    write_output(target, b"one")
    with pytest.raises(OutputExists, match=r"a\.txt: exists; not replaced"):
        write_output(target, b"two")
    write_output(target, b"two", force=True)
    assert target.read_bytes() == b"two"
    with pytest.raises(OutputError, match="is a directory"):
        write_output(tmp_path, b"x", force=True)


def test_plain_text_is_byte_identical_without_changes_and_follows_the_journal(tmp_path: Path) -> None:
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(b"\xef\xbb\xbfParties [shall][should] act.\r\nNext [line]\r\n")
    with open_session(crlf) as session:
        assert export(session, ExportFormat.TEXT) == crlf.read_bytes()
        session.keep(session.draft.brackets[-1].id)
        assert (
            export(session, ExportFormat.TEXT) == b"\xef\xbb\xbfParties [shall][should] act.\r\nNext line\r\n"
        )
        session.undo()
        assert export(session, ExportFormat.TEXT) == crlf.read_bytes()


def test_the_draft_and_its_journal_are_never_written_over(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["position", str(draft), "g950931f", "--party", "EU", "--supports", "1"]) == 0
    journal = tmp_path / "draft.txt.drafter.sqlite"
    before = journal.read_bytes()
    capsys.readouterr()
    for target in (draft, journal, tmp_path / "." / "draft.txt"):
        assert main(["export", str(draft), "-o", str(target), "--force"]) == 2
        assert "is the draft or its journal; drafter never writes over them" in capsys.readouterr().err
    assert draft.read_text(encoding="utf-8") == DRAFT and journal.read_bytes() == before
