"""Exporting .docx with tracked changes: re-read, accepted = drafter's text, rejected = the original."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from docx.shared import Twips
from lxml import etree

from drafter.commands.cli import main
from drafter.formats.docx.history import tracked_history
from drafter.formats.docx.package import open_package
from drafter.formats.docx.reader import read_package
from drafter.formats.docx.runs import View
from drafter.formats.docx.writer import write_docx
from drafter.negotiation.elements import ElementKind
from drafter.negotiation.positions import Stance
from drafter.negotiation.session import Session
from drafter.text.model import Draft, ParagraphKind
from drafter.workspace import open_session
from tests.conftest import corpus_files, fixture_files, sample_files
from tests.formats import un_draft
from tests.formats.docx_fixtures import UN_LEVELS, DraftDocument
from tests.formats.pdf_fixtures import PageSpec, make_pdf
from tests.formats.wordml_schema import schema_errors

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def reread(path: Path, view: View) -> str:
    return read_package(open_package(path), view).text


def session_on(path: Path, actor: str = "Facilitator") -> Session:
    return open_session(path, actor=actor)


def element_holding(session: Session, words: str) -> str:
    start = session.draft.text.index(words)
    return next(e.id for e in session.elements() if e.start <= start < e.end)


def resolve_some(session: Session) -> None:
    group = element_holding(session, "[shall][should]")
    session.record_position(group, "UK", Stance.SUPPORTS, choice=1, meeting="IC 16 Nov")
    session.record_position(group, "US", Stance.SUPPORTS, choice=1, meeting="IC 16 Nov")
    session.choose(group, 1, meeting="IC 16 Nov")
    session.keep(element_holding(session, "[corresponding adjustments]"))
    session.delete(element_holding(session, "[The participating Party shall report annually]"))
    session.record_position(element_holding(session, "[2028][2030]"), "EU", Stance.SUPPORTS, choice=2)
    session.amend(element_holding(session, "[technical expert review]"), "technical review")
    decides = element_holding(session, "[Decides][Clarifies]")
    session.choose(decides, 2)
    session.undo()  # leaves no trace in the document


def test_resolutions_come_out_as_tracked_changes_that_reread(tmp_path: Path) -> None:
    path = un_draft.build(tmp_path / "draft.docx")
    original_bytes = path.read_bytes()
    with session_on(path) as session:
        resolve_some(session)
        data, report = write_docx(session)
        out = tmp_path / "out.docx"
        out.write_bytes(data)
        assert reread(out, View.CURRENT) == session.draft.text
        assert reread(out, View.ORIGINAL) == reread(path, View.ORIGINAL)  # the tracked changes it had, too
        assert report.changes == 4 and report.comments == 4 + 3
    assert path.read_bytes() == original_bytes  # the original is never written
    body = etree.fromstring(zipfile.ZipFile(out).read("word/document.xml"))
    revisions = [
        e for e in body.iter(f"{W}ins", f"{W}del", f"{W}pPrChange") if e.getparent().tag != f"{W}rPr" or True
    ]
    assert {e.get(f"{W}author") for e in revisions} >= {"Facilitator"}
    comments = etree.fromstring(zipfile.ZipFile(out).read("word/comments.xml"))
    ids = [e.get(f"{W}id") for e in revisions] + [c.get(f"{W}id") for c in comments.iter(f"{W}comment")]
    assert len(ids) == len(set(ids)), Counter(ids).most_common(3)
    authors = Counter(c.get(f"{W}author") for c in comments.iter(f"{W}comment"))
    assert authors["United Kingdom"] == 1 and authors["United States"] == 1 and authors["European Union"] == 1
    assert authors["Facilitator"] == 4  # one per resolution still in the text
    texts = ["".join(t.text or "" for t in c.iter(f"{W}t")) for c in comments.iter(f"{W}comment")]
    assert any(
        "rests on: United Kingdom supports 1 (IC 16 Nov); United States supports 1 (IC 16 Nov)" in t
        for t in texts
    )
    # the document's own styles, numbering and comments are all still there
    original = zipfile.ZipFile(path)
    assert zipfile.ZipFile(out).read("word/numbering.xml") == original.read("word/numbering.xml")
    assert len(list(comments.iter(f"{W}comment"))) == 10 + 7


def test_clean_export_is_the_next_iteration(tmp_path: Path) -> None:
    path = un_draft.build(tmp_path / "draft.docx")
    with session_on(path) as session:
        resolve_some(session)
        data, _ = write_docx(session, clean=True)
        out = tmp_path / "clean.docx"
        out.write_bytes(data)
        assert reread(out, View.CURRENT) == reread(out, View.ORIGINAL) == session.draft.text
    body = zipfile.ZipFile(out).read("word/document.xml")
    assert b"<w:ins " not in body and b"<w:del " not in body


def test_multi_paragraph_amendment_and_deleted_paragraphs(tmp_path: Path) -> None:
    path = un_draft.build(tmp_path / "draft.docx")
    with session_on(path) as session:
        target = element_holding(session, "[Requests the secretariat to prepare a report]")
        session.amend(
            target, "Requests the secretariat to prepare a report;\n\n3 bis.\tAlso requests a synthesis"
        )
        data, _ = write_docx(session)
        out = tmp_path / "out.docx"
        out.write_bytes(data)
        assert reread(out, View.CURRENT) == session.draft.text
        assert reread(out, View.ORIGINAL) == reread(path, View.ORIGINAL)  # the tracked changes it had, too


def word_paragraphs(path: Path, view: View = View.CURRENT) -> list[tuple[str, str | None]]:
    """The Word paragraphs of a .docx as python-docx reads them: (text, style name) where text is not empty."""
    document = docx.Document(str(path))
    if view is View.ORIGINAL:
        return [(p, None) for p in paragraphs(reread(path, view))]
    return [(p.text, p.style.name if p.style is not None else None) for p in document.paragraphs if p.text]


def test_a_text_draft_exports_a_word_paragraph_per_paragraph(tmp_path: Path) -> None:
    """A typed draft's lines are wrapped by its page, not paragraphs: Word gets one paragraph per paragraph
    of the draft (a line break inside one is a space), headings in Word's heading styles."""
    path = tmp_path / "draft.txt"
    path.write_text(
        "Article 2\n\n"
        "1. Parties [shall][should] take urgent action towards\n"
        "the objective of the Convention as stated in\n"
        "its Article 2.\n"
        "(a) Holding the increase in the global temperature\n"
        "  [well] below 2 °C;\n"
        "2. Parties [may] report.\n",
        encoding="utf-8",
    )
    with session_on(path) as session:
        session.choose(element_holding(session, "[shall][should]"), 2)
        session.delete(element_holding(session, "[may]"))
        data, _ = write_docx(session)
    out = tmp_path / "out.docx"
    out.write_bytes(data)
    assert word_paragraphs(out) == [
        ("Article 2", "Heading 2"),
        (
            "1. Parties should take urgent action towards the objective of the Convention as stated in its Article 2.",
            "Normal",
        ),
        ("(a) Holding the increase in the global temperature [well] below 2 °C;", "Normal"),
        ("2. Parties report.", "Normal"),
    ]
    section = docx.Document(str(out)).sections[0]
    assert (section.page_width, section.page_height) == (Twips(11906), Twips(16838))  # A4, as the UN prints
    assert paragraphs(reread(out, View.ORIGINAL)) == [
        "Article 2",
        "1. Parties [shall][should] take urgent action towards the objective of the Convention as stated in its Article 2.",
        "(a) Holding the increase in the global temperature [well] below 2 °C;",
        "2. Parties [may] report.",
    ]


def test_a_short_line_is_a_line_break_not_a_wrap(tmp_path: Path) -> None:
    """A title over a version line is laid out, not wrapped (its line is far shorter than the draft's
    lines): the Word paragraph keeps the break; a long line's break is a wrap."""
    path = tmp_path / "draft.txt"
    wrapped = "1. Parties [shall] take urgent action towards the implementation of the Convention and"
    path.write_text(
        f"DRAFT AGREEMENT ON COASTS\nVersion of 3 March\n\n{wrapped}\nits goals.\n", encoding="utf-8"
    )
    with session_on(path) as session:
        data, _ = write_docx(session)
    out = tmp_path / "out.docx"
    out.write_bytes(data)
    assert word_paragraphs(out) == [
        ("DRAFT AGREEMENT ON COASTS\nVersion of 3 March", "Normal"),
        (f"{wrapped} its goals.", "Normal"),
    ]


def test_a_deleted_line_break_inside_a_paragraph_is_a_deleted_space(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text("1. Parties [act\nnow] and [later\nagain].\n", encoding="utf-8")
    with session_on(path) as session:
        session.delete(element_holding(session, "[act"))
        session.keep(element_holding(session, "[later"))
        data, _ = write_docx(session)
    out = tmp_path / "out.docx"
    out.write_bytes(data)
    assert session.draft.text == "1. Parties and later\nagain.\n"
    assert word_paragraphs(out) == [("1. Parties and later again.", "Normal")]
    assert reread(out, View.ORIGINAL) == "1. Parties [act now] and [later again]."


def test_a_pdf_draft_leaves_its_page_furniture_out(tmp_path: Path) -> None:
    """A printed draft's running headers and page numbers are no paragraphs of Word's; a paragraph the page
    break cut is one Word paragraph again; a footnote keeps its number. The export says what it left out."""
    pdf = tmp_path / "draft.pdf"
    pdf.write_bytes(
        make_pdf(
            [
                PageSpec(
                    (
                        "1. Parties [shall][should] take urgent action towards",
                        "the implementation of the Convention.",
                        "2. Each Party shall communicate [a nationally",
                    )
                ),
                PageSpec(
                    ("determined contribution] every five years.", "3. This Agreement enters into force.^1"),
                    ("1 [Reservation of Ruritania recorded.]",),
                ),
            ]
        )
    )
    with session_on(pdf) as session:
        assert sum(p.kind is ParagraphKind.PAGE_HEADER for p in session.base.paragraphs) == 4
        session.choose(element_holding(session, "[shall][should]"), 1)
        data, report = write_docx(session)
    out = tmp_path / "out.docx"
    out.write_bytes(data)
    assert [text for text, _ in word_paragraphs(out)] == [
        "1. Parties shall take urgent action towards the implementation of the Convention.",
        "2. Each Party shall communicate [a nationally determined contribution] every five years.",
        "3. This Agreement enters into force.¹",
        "1 [Reservation of Ruritania recorded.]",
    ]
    assert report.differences == [
        "4 lines of page furniture (running headers, page numbers) are left out of the Word document"
    ]


def test_export_command_writes_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = un_draft.build(tmp_path / "draft.docx")
    with session_on(path) as session:
        resolve_some(session)
        consolidated = session.draft.text
    out = tmp_path / "result.docx"
    assert main(["export", str(path), "-o", str(out)]) == 0
    assert reread(out, View.CURRENT) == consolidated
    assert main(["export", str(path), "-o", str(out)]) == 2  # never over an existing file without --force
    assert main(["export", str(path), "-o", str(out), "--force", "--clean"]) == 0
    assert b"<w:del " not in zipfile.ZipFile(out).read("word/document.xml")


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (libreoffice-writer-nogui) is not installed"
)
def test_libreoffice_renders_the_export(tmp_path: Path) -> None:
    path = un_draft.build(tmp_path / "draft.docx")
    with session_on(path) as session:
        resolve_some(session)
        (tmp_path / "out.docx").write_bytes(write_docx(session)[0])
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(tmp_path / "out.docx")],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "out.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    import pypdfium2

    text = pypdfium2.PdfDocument(str(pdf))[0].get_textpage().get_text_range()
    assert "cooperative approach" in text


def paragraphs(text: str) -> list[str]:
    """A text's paragraphs: Word has no empty lines between paragraphs, only paragraphs."""
    return [p for p in re.split(r"\n{2,}", text) if p]


def test_choosing_an_option_deletes_whole_paragraphs_and_their_marks(tmp_path: Path) -> None:
    doc = DraftDocument()
    doc.abstract(10, UN_LEVELS)
    doc.num(1, 10)
    doc.num(2, 10, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>')
    doc.paragraph("Article 3", style="Heading2")
    doc.paragraph("Option 1:")
    doc.paragraph("Each Party [shall][should] communicate a plan.", num=(1, 0))
    doc.paragraph("Option 2:")
    doc.paragraph("Parties are encouraged to communicate plans.", num=(2, 0))
    doc.paragraph("Article 4", style="Heading2")
    doc.paragraph("Final text.", num=(1, 0))
    path = doc.save(tmp_path / "options.docx")
    with session_on(path) as session:
        options = next(e for e in session.elements() if e.kind == "options")
        session.choose(options.id, 1)
        data, report = write_docx(session)
        out = tmp_path / "out.docx"
        out.write_bytes(data)
        assert paragraphs(reread(out, View.CURRENT)) == paragraphs(session.draft.text)
        assert reread(out, View.ORIGINAL) == session.base.text
        assert report.differences == []
    assert paragraphs(reread(out, View.CURRENT)) == [
        "Article 3",
        "1.\tEach Party [shall][should] communicate a plan.",  # keeps its own number and style
        "Article 4",
        "2.\tFinal text.",
    ]
    body = etree.fromstring(zipfile.ZipFile(out).read("word/document.xml"))
    deleted_marks = [m for m in body.iter(f"{W}del") if m.getparent().tag == f"{W}rPr"]
    assert len(deleted_marks) == 3  # "Option 1:", "Option 2:" and its paragraph


def options_document(path: Path, *, after: bool) -> Path:
    """A numbered list whose paragraphs 2 and 3 are the two options; "4. Final text." (same list, under a
    heading) follows or not."""
    doc = DraftDocument()
    doc.abstract(10, UN_LEVELS)
    doc.num(1, 10)
    doc.paragraph("Parties act together.", num=(1, 0))
    doc.paragraph("Option 1:")
    doc.paragraph("Each Party [shall][should] communicate a plan.", num=(1, 0))
    doc.paragraph("Option 2:")
    doc.paragraph("Parties are encouraged to communicate plans.", num=(1, 0))
    if after:
        doc.paragraph("Article 4", style="Heading2")
        doc.paragraph("Final text.", num=(1, 0))
    return doc.save(path)


def export_choosing_option_1(path: Path, out: Path) -> tuple[Session, list[str]]:
    with session_on(path) as session:
        options = next(e for e in session.elements() if e.kind == "options")
        session.choose(options.id, 1)
        data, report = write_docx(session)
    out.write_bytes(data)
    return session, report.differences


def number_properties(path: Path) -> list[tuple[str | None, bool]]:
    """Each paragraph's numId and whether a tracked formatting change keeps an older one."""
    body = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    found = []
    for paragraph in body.iter(f"{W}p"):
        number = paragraph.find(f"{W}pPr/{W}numPr/{W}numId")
        changed = paragraph.find(f"{W}pPr/{W}pPrChange/{W}pPr/{W}numPr") is not None
        found.append((number.get(f"{W}val") if number is not None else None, changed))
    return found


def test_an_emptied_numbered_paragraph_that_keeps_its_mark_leaves_its_list(tmp_path: Path) -> None:
    """The last paragraph of the body cannot lose its mark: emptied, it would still show "3." in Word;
    it is taken out of its list as a tracked formatting change instead."""
    path = options_document(tmp_path / "options.docx", after=False)
    out = tmp_path / "out.docx"
    session, differences = export_choosing_option_1(path, out)
    assert paragraphs(session.draft.text) == [
        "1.\tParties act together.",
        "2.\tEach Party [shall][should] communicate a plan.",
    ]
    assert paragraphs(reread(out, View.CURRENT)) == paragraphs(session.draft.text)  # no "3." left over
    assert reread(out, View.ORIGINAL) == session.base.text  # the change keeps the number it had
    assert number_properties(out)[-1] == ("0", True)
    assert differences == []


def test_word_renumbering_after_a_deleted_option_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = options_document(tmp_path / "options.docx", after=True)
    out = tmp_path / "out.docx"
    session, differences = export_choosing_option_1(path, out)
    assert paragraphs(session.draft.text)[-1] == "4.\tFinal text."  # drafter keeps the negotiated number
    assert paragraphs(reread(out, View.CURRENT))[-1] == "3.\tFinal text."  # Word counts again
    assert differences == [
        "Word numbers “4. Final text.” as 3.: it renumbers lists where numbered paragraphs were deleted; "
        "drafter's text keeps the numbers"
    ]
    capsys.readouterr()
    assert main(["export", str(path), "-o", str(tmp_path / "cli.docx")]) == 0
    err = capsys.readouterr().err
    assert f"drafter: note: {tmp_path / 'cli.docx'}: Word numbers “4. Final text.” as 3." in err


def test_text_joined_into_a_numbered_paragraph_takes_the_number_it_opens_with(tmp_path: Path) -> None:
    """A bracket running from paragraph 1 into item (a): deleted, the text left is paragraph 1's
    opening and (a)'s end, in (a)'s Word paragraph (paragraph 1's mark is deleted); that paragraph takes
    paragraph 1's number and style, so Word shows "1." as drafter's text does, not "(a)"."""
    doc = DraftDocument()
    doc.abstract(10, UN_LEVELS)
    doc.num(1, 10)
    doc.paragraph("Parties [shall act;", num=(1, 0))
    doc.paragraph("in good faith] together.", num=(1, 1))
    doc.paragraph("Final text.", num=(1, 0))
    path = doc.save(tmp_path / "joined.docx")
    out = tmp_path / "out.docx"
    with session_on(path) as session:
        session.delete(element_holding(session, "[shall act;"))
        data, report = write_docx(session)
    out.write_bytes(data)
    assert paragraphs(session.draft.text)[0].startswith("1.\tParties")
    assert paragraphs(reread(out, View.CURRENT)) == paragraphs(session.draft.text)
    assert reread(out, View.ORIGINAL) == session.base.text
    assert report.differences == []


def test_a_deleted_tab_after_a_word_number_is_reported(tmp_path: Path) -> None:
    """Deleting a bracket that opens a numbered paragraph takes the tab after the number in drafter's
    text ("2.;"); Word keeps the tab of the number it generates, so the export says so."""
    doc = DraftDocument()
    doc.abstract(10, UN_LEVELS)
    doc.num(1, 10)
    doc.paragraph("Parties act;", num=(1, 0))
    doc.paragraph("[Requests a report];", num=(1, 0))
    path = doc.save(tmp_path / "tab.docx")
    with session_on(path) as session:
        session.delete(element_holding(session, "[Requests"))
        data, report = write_docx(session)
    out = tmp_path / "out.docx"
    out.write_bytes(data)
    assert paragraphs(session.draft.text) == ["1.\tParties act;", "2.;"]
    assert paragraphs(reread(out, View.CURRENT)) == ["1.\tParties act;", "2.\t;"]
    assert report.differences == [
        "Word keeps the tab after the number of “2. [Requests a report];”: drafter's text deleted it"
    ]


def lines(text: str) -> list[str]:
    """A draft's lines with text (a Word paragraph reads as one line, a Word line break as a break)."""
    return [line for line in text.replace("\f", "\n").split("\n") if line.strip()]


def test_a_run_with_a_tab_before_its_text_is_cut_where_the_text_is(tmp_path: Path) -> None:
    """Cutting a run must not give a w:t's characters to the w:tab before it (they were matched by the
    id() of throw-away lxml proxies: the tabs multiplied and the deletion struck the wrong words)."""
    path = tmp_path / "comments.txt"
    path.write_text("C69\t2024\tANCHOR: Also decides\n\tCOMMENT: [EI perspectives]CfRN: support [x] here\n")
    with session_on(path) as session:
        session.delete(element_holding(session, "[EI perspectives]"))
        data, _ = write_docx(session)
    out = tmp_path / "out.docx"
    out.write_bytes(data)
    assert lines(reread(out, View.CURRENT)) == lines(session.draft.text)
    assert lines(reread(out, View.ORIGINAL)) == lines(session.base.text)
    body = etree.fromstring(zipfile.ZipFile(out).read("word/document.xml"))
    assert all(not (tab.text or "") for tab in body.iter(f"{W}tab"))


def test_a_bracket_over_several_lines_amended_keeps_its_place(tmp_path: Path) -> None:
    """The new words go where the bracket opened ("1. new words"), not onto the line after it: a Word
    paragraph that receives inserted text keeps its mark, and the emptied ones before it join it."""
    path = tmp_path / "draft.txt"
    path.write_text(
        "1. [Welcomes the progress;\n2. Requests a report.\n3. Invites views by [X] 2027;]\n4. Decides.\n"
    )
    with session_on(path) as session:
        session.amend(element_holding(session, "[Welcomes"), "new words", keep_brackets=False)
        data, _ = write_docx(session)
    out = tmp_path / "out.docx"
    out.write_bytes(data)
    assert lines(session.draft.text) == ["1. new words", "4. Decides."]
    assert lines(reread(out, View.CURRENT)) == lines(session.draft.text)
    assert lines(reread(out, View.ORIGINAL)) == lines(session.base.text)


RESOLUTIONS = 12


def resolve_at_random(
    session: Session, rng: random.Random, steps: int, positions_below: float, keeps_below: float
) -> None:
    """`steps` random acts on the open elements: a position (roll below `positions_below`), a choice of
    a group, or on a bracket a keep (roll below `keeps_below`), a deletion, an amendment (one or two
    paragraphs, or empty) or an undo."""
    for _ in range(steps):
        elements = list(session.elements())
        if not elements:
            break
        element, roll = rng.choice(elements), rng.random()
        if roll < positions_below:
            if element.kind is ElementKind.BRACKET:
                session.record_position(element.id, "EU", Stance.RESERVES)
            else:
                session.record_position(element.id, "AOSIS", Stance.SUPPORTS, choice=1)
        elif element.kind is not ElementKind.BRACKET:
            session.choose(element.id, rng.randint(1, len(element.choices)))
        elif roll < keeps_below:
            session.keep(element.id)
        elif roll < 0.7:
            session.delete(element.id)
        elif roll < 0.9:
            session.amend(element.id, rng.choice(["new words", "two\n\nparagraphs", ""]))
        elif session.history():
            session.undo()


@pytest.mark.parametrize("path", [*corpus_files(), *fixture_files(), *sample_files()], ids=lambda p: p.name)
def test_random_resolutions_on_real_texts_export_and_reread(path: Path, tmp_path: Path) -> None:
    """Any mix of positions, keeps, deletions, choices, amendments (one to two paragraphs) and undos
    on a real text comes out as a .docx whose accepted view is drafter's text and whose rejected view
    is the base text, word for word (page furniture left out)."""
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    rng = random.Random(path.name)
    with session_on(copy) as session:
        resolve_at_random(session, rng, RESOLUTIONS, positions_below=0.2, keeps_below=0.45)
        data, _ = write_docx(session)
        out = tmp_path / "out.docx"
        out.write_bytes(data)
        assert schema_errors(out) == []
        furniture = page_furniture(session.base)
        assert words(reread(out, View.CURRENT)) == words(consolidated_body(session, furniture))
        assert words(reread(out, View.ORIGINAL)) == words(
            "".join(c for at, c in enumerate(session.base.text) if at not in furniture)
        )


def words(text: str) -> list[str]:
    return text.split()


def page_furniture(draft: Draft) -> set[int]:
    """The offsets of a draft's running headers and page numbers (its Word document leaves them out, and
    has a paragraph per paragraph: line breaks are spaces there, so the tests compare words)."""
    return {
        at
        for paragraph in draft.paragraphs
        if paragraph.kind is ParagraphKind.PAGE_HEADER
        for at in range(paragraph.start, paragraph.end)
    }


def consolidated_body(session: Session, furniture: set[int]) -> str:
    """drafter's text without the characters of the base text's furniture (the current text's own
    reading of its furniture may differ once pages lost text)."""
    history = tracked_history(session.base.text, session.history(), session.draft)
    assert history.current == session.draft.text
    return "".join(
        character
        for piece in history.pieces
        if piece.alive
        for at, character in enumerate(piece.text, piece.offset)
        if piece.origin != 0 or at not in furniture
    )


def test_a_paragraph_break_inserted_and_deleted_again_keeps_the_number(tmp_path: Path) -> None:
    """An amendment splitting "10." in two, then deleted: the paragraph ends up whole, so it keeps "10."
    (the break's own paragraph, inserted and deleted, takes no number; before, "10." lost its number)."""
    path = un_draft.build(tmp_path / "draft.docx")
    with session_on(path) as session:
        review = element_holding(session, "[technical expert review]")
        session.amend(review, "two\n\nparagraphs")
        session.delete(element_holding(session, "[two"))
        data, _ = write_docx(session)
    out = tmp_path / "out.docx"
    out.write_bytes(data)
    assert "10.\tThe shall be completed within [X] weeks;" in paragraphs(session.draft.text)
    assert paragraphs(reread(out, View.CURRENT)) == paragraphs(session.draft.text)
    assert reread(out, View.ORIGINAL) == reread(path, View.ORIGINAL)


def numbered_paragraphs(text: str) -> list[str]:
    """Paragraphs, with the tab after a number dropped where drafter's deletion took it ("3.;"): Word keeps
    the tab of the number it generates."""
    return [re.sub(r"^(\S{1,6})\t(?=[;,.])", r"\1", p) for p in paragraphs(text)]


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("document", ["un-draft", "options"])
def test_random_resolutions_on_a_word_draft_export_and_reread(
    document: str, seed: int, tmp_path: Path
) -> None:
    """A Word draft (numbered lists, headings, a table, a footnote, tracked changes of its own) after random
    keeps, deletions, choices, amendments and undos: accepted = drafter's text (paragraph for paragraph,
    up to the numbers Word counts itself, which the report names), rejected = the original."""
    path = (
        un_draft.build(tmp_path / "draft.docx")
        if document == "un-draft"
        else options_document(tmp_path / "draft.docx", after=True)
    )
    rng = random.Random(seed)
    with session_on(path) as session:
        resolve_at_random(session, rng, 6, positions_below=0.0, keeps_below=0.35)
        data, report = write_docx(session)
    out = tmp_path / "out.docx"
    out.write_bytes(data)
    assert schema_errors(out) == []  # what Word would offer to repair
    word, ours = numbered_paragraphs(reread(out, View.CURRENT)), numbered_paragraphs(session.draft.text)
    if paragraphs(reread(out, View.CURRENT)) != paragraphs(session.draft.text) and word == ours:  # a tab kept
        assert any(d.startswith("Word keeps the tab after the number of") for d in report.differences)
    if report.differences:  # Word renumbered: the same paragraphs, numbers aside
        word, ours = [p.partition("\t")[2] or p for p in word], [p.partition("\t")[2] or p for p in ours]
    assert word == ours
    assert reread(out, View.ORIGINAL) == reread(path, View.ORIGINAL)
