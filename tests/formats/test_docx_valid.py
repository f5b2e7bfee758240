"""Every .docx drafter writes is valid WordprocessingML by the Open XML SDK's schema rules (see
tests/formats/wordml_schema.py); the random-resolution exports of test_docx_export are checked there."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from drafter.formats.docx.writer import write_docx
from drafter.negotiation.positions import Stance
from tests.formats import un_draft
from tests.formats.pdf_fixtures import PageSpec, make_pdf
from tests.formats.test_docx_export import element_holding, options_document, resolve_some, session_on
from tests.formats.wordml_schema import schema_errors

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def exports(session_path: Path, resolve: str) -> list[bytes]:
    """The tracked and the --clean export after the resolutions named."""
    with session_on(session_path) as session:
        if resolve == "un-draft":
            resolve_some(session)
        elif resolve == "option 1":
            session.choose(element_holding(session, "Option 1"), 1)
        else:
            session.record_position(
                element_holding(session, "[shall][should]"), "EU", Stance.SUPPORTS, choice=2
            )
            session.choose(element_holding(session, "[shall][should]"), 2)
            session.delete(element_holding(session, "[a nationally"))
        return [write_docx(session)[0], write_docx(session, clean=True)[0]]


def text_draft(folder: Path) -> Path:
    path = folder / "draft.txt"
    path.write_text(
        "Article 2\n\n1. Parties [shall][should] act\ntowards [a nationally\ndetermined] goal.\n"
        "(a) Holding warming\n\tbelow 2 °C;\n",
        encoding="utf-8",
    )
    return path


def pdf_draft(folder: Path) -> Path:
    path = folder / "draft.pdf"
    pages = [
        PageSpec(
            ("1. Parties [shall][should] take urgent action towards", "2. Each Party shall [a nationally")
        ),
        PageSpec(("determined contribution] every five years.^1",), ("1 [Reservation recorded.]",)),
    ]
    path.write_bytes(make_pdf(pages))
    return path


@pytest.mark.parametrize(
    ("draft", "resolve"),
    [
        (lambda folder: un_draft.build(folder / "draft.docx"), "un-draft"),
        (lambda folder: options_document(folder / "draft.docx", after=True), "option 1"),
        (text_draft, "text"),
        (pdf_draft, "text"),
    ],
    ids=["word-draft", "word-options", "text-draft", "pdf-draft"],
)
def test_exports_are_valid_wordprocessingml(
    draft: Callable[[Path], Path], resolve: str, tmp_path: Path
) -> None:
    for data in exports(draft(tmp_path), resolve):
        path = tmp_path / "exported.docx"
        path.write_bytes(data)
        assert schema_errors(path) == []


def test_the_validator_sees_what_word_would_repair(tmp_path: Path) -> None:
    """The same export with a numbered paragraph's w:numPr moved out of its w:pPr is refused: the check
    above can fail."""
    data = exports(un_draft.build(tmp_path / "draft.docx"), "un-draft")[0]
    with (
        zipfile.ZipFile(tmp_path / "broken.docx", "w") as broken,
        zipfile.ZipFile(io.BytesIO(data)) as exported,
    ):
        for member in exported.infolist():
            content = exported.read(member.filename)
            if member.filename == "word/document.xml":
                root = etree.fromstring(content)
                paragraph = next(p for p in root.iter(f"{W}p") if p.find(f"{W}pPr/{W}numPr") is not None)
                properties = paragraph.find(f"{W}pPr")
                properties.addnext(properties.find(f"{W}numPr"))  # a paragraph's child: Word would repair it
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            broken.writestr(member.filename, content)
    assert any("Unexpected element" in error for error in schema_errors(tmp_path / "broken.docx"))
