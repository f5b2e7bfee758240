"""Opening a .docx: the text a reader sees, Word's list numbers written out (ECMA-376 §17.9)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from drafter.commands.cli import main
from drafter.formats.docx.numbering import format_number
from drafter.formats.docx.package import open_package
from drafter.formats.docx.reader import read_package
from drafter.formats.docx.runs import View
from drafter.formats.source import read_source
from tests.formats import un_draft
from tests.formats.docx_fixtures import UN_LEVELS, Del, DraftDocument, Ins, level


def test_a_un_draft_reads_with_the_numbers_a_reader_sees(tmp_path: Path) -> None:
    source = read_source(un_draft.build(tmp_path / "draft.docx"))
    assert source.text == un_draft.TEXT
    draft = source.parse()
    numbered = [(p.kind.value, p.number) for p in draft.paragraphs if p.number]
    assert numbered == [
        ("heading", "I."),
        ("operative", "1."),
        ("subparagraph", "(a)"),
        ("subparagraph", "(i)"),
        ("subparagraph", "(ii)"),
        ("subparagraph", "(b)"),
        ("operative", "2."),
        ("subparagraph", "(a)"),  # restarted by 2.
        ("heading", "II."),
        ("operative", "3."),  # a second list on the same definition continues the count
        ("operative", "4."),
        ("operative", "10."),  # a start override
        ("operative", "11."),
        ("subparagraph", "(a)"),
    ]
    assert draft.text.count("[") == draft.text.count("]") and not draft.diagnostics


def test_tracked_changes_read_as_the_document_stands_and_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = un_draft.build(tmp_path / "draft.docx")
    now = read_source(path).text
    before = read_package(open_package(path), View.ORIGINAL).text
    assert "New text on" in now and "Old text" not in now and "A paragraph deleted" not in now
    assert (
        "Old text on" in before and "New" not in before and "A paragraph deleted with track changes" in before
    )
    assert main(["check", "--json", str(path)]) == 0
    report = json.loads(capsys.readouterr().out)[0]
    assert report["format"] == "docx"
    assert report["source"]["tracked_changes"]["by_author"] == {
        "Co-facilitator": {"deletion": 3},
        "Secretariat": {"insertion": 1},
    }
    assert main(["check", str(path)]) == 0
    assert "4 tracked changes (3 deletions, 1 insertion) by Co-facilitator (3), Secretariat (1)" in (
        capsys.readouterr().out
    )


def numbers(tmp_path: Path, doc: DraftDocument, paragraphs: list[tuple[int, int]]) -> list[str]:
    for num_id, ilvl in paragraphs:
        doc.paragraph("x", num=(num_id, ilvl))
    text = read_source(doc.save(tmp_path / "list.docx")).text
    return [line[: -len("x")] for line in text.split("\n\n")]


def test_restart_never_and_after_a_named_level(tmp_path: Path) -> None:
    doc = DraftDocument()
    doc.abstract(
        1,
        level(0, "decimal", "%1.")
        + level(1, "decimal", "%1.%2", restart=0)
        + level(2, "lowerLetter", "%3)", restart=1),
    )
    doc.num(1, 1)
    got = numbers(tmp_path, doc, [(1, 0), (1, 1), (1, 2), (1, 0), (1, 1), (1, 2), (1, 1), (1, 2)])
    # level 2 never restarts; level 3 restarts only after level 1, not after level 2
    assert got == ["1.\t", "1.1\t", "a)\t", "2.\t", "2.2\t", "a)\t", "2.3\t", "b)\t"]


def test_formats_legal_numbering_suffixes_and_overrides(tmp_path: Path) -> None:
    doc = DraftDocument()
    doc.abstract(
        1,
        level(0, "upperRoman", "%1.", start=4)
        + level(1, "upperLetter", "%1.%2", legal=True, suffix="space")
        + level(2, "none", "%3", suffix="nothing")
        + level(3, "bullet", "\uf0b7"),
    )
    doc.num(1, 1)
    doc.num(2, 1, '<w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
               '<w:lvlText w:val="Article %1:"/></w:lvl></w:lvlOverride>')  # fmt: skip
    got = numbers(tmp_path, doc, [(1, 0), (1, 1), (1, 2), (1, 3), (2, 0), (1, 0)])
    assert got == ["IV.\t", "4.1 ", "", "•\t", "Article 5:\t", "VI.\t"]


def test_letters_go_on_past_z_and_the_style_chain_numbers(tmp_path: Path) -> None:
    assert [format_number(n, "lowerLetter") for n in (1, 26, 27, 28, 53)] == ["a", "z", "aa", "bb", "aaa"]
    assert [format_number(n, "upperRoman") for n in (1, 4, 9, 14, 1999)] == [
        "I",
        "IV",
        "IX",
        "XIV",
        "MCMXCIX",
    ]
    doc = DraftDocument()
    doc.abstract(1, UN_LEVELS)
    doc.num(7, 1)
    doc.style(
        '<w:style w:type="paragraph" w:styleId="Numbered"><w:name w:val="Numbered"/>'
        '<w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>'
    )
    doc.style('<w:style w:type="paragraph" w:styleId="NumberedToo"><w:basedOn w:val="Numbered"/></w:style>')
    doc.paragraph("one", style="NumberedToo")
    unnumbered = doc.paragraph("none", style="NumberedToo")
    # numId 0 in the paragraph: no number, whatever its style says
    unnumbered.pPr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="0"/></w:numPr>'))
    doc.paragraph("two", style="NumberedToo")
    assert read_source(doc.save(tmp_path / "styles.docx")).text == "1.\tone\n\nnone\n\n2.\ttwo"


def test_a_paragraph_whose_mark_is_deleted_runs_on_and_takes_no_number(tmp_path: Path) -> None:
    doc = DraftDocument()
    doc.abstract(1, UN_LEVELS)
    doc.num(1, 1)
    doc.paragraph("first ", num=(1, 0), mark=Del("x"))
    doc.paragraph("second", num=(1, 0))
    doc.paragraph(Ins("third"), num=(1, 0), mark=Ins("x"))
    doc.paragraph("fourth", num=(1, 0))
    path = doc.save(tmp_path / "marks.docx")
    assert read_source(path).text == "1.\tfirst second\n\n2.\tthird\n\n3.\tfourth"
    assert read_package(open_package(path), View.ORIGINAL).text == "1.\tfirst \n\n2.\tsecond\n\n3.\tfourth"


def test_an_id_defined_twice_counts_once_as_word_reads_it(tmp_path: Path) -> None:
    doc = DraftDocument()
    doc.abstract(1, level(0, "decimal", "%1."))
    doc.abstract(2, level(0, "upperLetter", "%1."))
    doc.num(5, 1)
    doc.num(5, 2)  # a second definition of numId 5: Word and LibreOffice keep the first
    assert numbers(tmp_path, doc, [(5, 0), (5, 0)]) == ["1.\t", "2.\t"]
