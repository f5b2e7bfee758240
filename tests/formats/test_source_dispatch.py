"""One reader dispatch: every command that takes a FILE reads text, Markdown and .docx alike."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

import drafter
from drafter.commands.cli import main
from drafter.formats.source import Origin, read_source
from drafter.text.model import SourceFormat
from tests.conftest import SAMPLES
from tests.formats.docx_fixtures import UN_LEVELS, DraftDocument


def small_docx(path: Path) -> Path:
    doc = DraftDocument()
    doc.abstract(10, UN_LEVELS)
    doc.num(1, 10)
    doc.paragraph("Draft decision", style="Heading1")
    doc.paragraph("Parties [shall][should] cooperate.", num=(1, 0))
    doc.paragraph("on [early warning];", num=(1, 1))
    doc.paragraph("Also decides to [review][revise] the guidance.", num=(1, 0))
    return doc.save(path)


def test_text_and_markdown_read_as_before() -> None:
    for name, origin, fmt in (
        ("ocean-agreement.txt", Origin.TEXT, SourceFormat.TEXT),
        ("forest-decision.md", Origin.MARKDOWN, SourceFormat.MARKDOWN),
    ):
        source = read_source(SAMPLES / name)
        assert (source.origin, source.source_format) == (origin, fmt)
        assert source.text == (SAMPLES / name).read_text(encoding="utf-8")
        assert source.mapping is None


def test_a_docx_reads_by_its_contents_whatever_its_name(tmp_path: Path) -> None:
    path = small_docx(tmp_path / "draft.docx")
    renamed = tmp_path / "draft-without-suffix"
    renamed.write_bytes(path.read_bytes())
    for p in (path, renamed):
        source = read_source(p)
        assert source.origin is Origin.DOCX
        assert source.text == (
            "Draft decision\n\n1.\tParties [shall][should] cooperate.\n\n(a)\ton [early warning];\n\n"
            "2.\tAlso decides to [review][revise] the guidance."
        )
    draft = drafter.load(path)
    assert [p.number for p in draft.paragraphs] == [None, "1.", "(a)", "2."]


def test_every_file_command_takes_a_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = small_docx(tmp_path / "draft.docx")
    assert main(["check", str(path)]) == 0
    assert main(["stats", "--json", str(path)]) == 0
    capsys.readouterr()
    assert main(["status", "--json", str(path)]) == 0
    elements = json.loads(capsys.readouterr().out)["elements"]
    assert elements[0]["choices"] == ["shall", "should"]
    first = elements[0]["id"]
    assert main(["position", str(path), first, "--party", "EU", "--supports", "1"]) == 0
    assert main(["resolve", str(path), first, "--choose", "1"]) == 0
    capsys.readouterr()
    assert main(["export", str(path), "-o", "-"]) == 0
    assert "1.\tParties shall cooperate." in capsys.readouterr().out
    # the journal sits beside the .docx, and the .docx itself is never written
    assert (tmp_path / "draft.docx.drafter.sqlite").exists()
    assert main(["diff", str(path), str(path)]) == 0


def test_a_200_mb_text_file_is_refused_before_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file of that size is no negotiating text (the longest are a few MB): refused at once, naming the
    file, not read whole (it took ~3.4 GB and two minutes to parse, or was read whole to be refused)."""
    path = tmp_path / "draft.txt"
    with path.open("wb") as handle:
        handle.write(b"1. Parties [shall] act.\n")
        handle.truncate(200 * 2**20)  # sparse: costs no disk
    tracemalloc.start()
    try:
        code = main(["check", str(path)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert code == 2
    assert capsys.readouterr().err.strip() == (
        f"drafter: {path}: a 200 MB file is more than drafter reads as a text draft (64 MB at most; "
        "a negotiating text is rarely over a few MB)"
    )
    assert peak < 8 * 2**20
