"""Every .docx drafter writes is valid WordprocessingML by the Open XML SDK's schema rules.

Word checks a file against these rules and offers to "repair" one that breaks them (element order in a
w:pPr, a revision without its w:id, ...); LibreOffice opens such files without a word, so rendering there
proves nothing about Word. openxml-audit is a Python port of the SDK's validator. Its extra "semantic"
checks are left off: they fail python-docx's own blank template (stylesWithEffects.xml differs from
styles.xml), which Word opens.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from openxml_audit import FileFormat, OpenXmlValidator

from drafter.formats.docx.writer import write_docx
from drafter.negotiation.positions import Stance
from tests.formats import un_draft
from tests.formats.pdf_fixtures import PageSpec, make_pdf
from tests.formats.test_docx_export import element_holding, options_document, resolve_some, session_on

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VALIDATOR = OpenXmlValidator(
    file_format=FileFormat.OFFICE_2019, max_errors=20, schema_validation=True, semantic_validation=False
)


def schema_errors(data: bytes, folder: Path) -> list[str]:
    path = folder / "exported.docx"
    path.write_bytes(data)
    return [error.description for error in VALIDATOR.validate(str(path)).errors]


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
        assert schema_errors(data, tmp_path) == []


@pytest.mark.parametrize("seed", range(4))
def test_random_resolutions_export_valid_wordprocessingml(seed: int, tmp_path: Path) -> None:
    path = un_draft.build(tmp_path / "draft.docx")
    rng = random.Random(seed)
    with session_on(path) as session:
        for _ in range(6):
            element, roll = rng.choice(list(session.elements())), rng.random()
            if element.kind != "bracket":
                session.choose(element.id, rng.randint(1, len(element.choices)))
            elif roll < 0.3:
                session.keep(element.id)
            elif roll < 0.6:
                session.delete(element.id)
            else:
                session.amend(element.id, rng.choice(["new words", "two\n\nparagraphs", ""]))
        data = write_docx(session)[0]
    assert schema_errors(data, tmp_path) == []


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
    errors = [e.description for e in VALIDATOR.validate(str(tmp_path / "broken.docx")).errors]
    assert any("Unexpected element" in error for error in errors)
