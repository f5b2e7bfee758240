"""PDF in: text page by page, page furniture found by its place on the page, words broken at line ends
joined, and bad PDFs refused with a message naming the file."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from fpdf import FPDF

from drafter.commands.cli import main
from drafter.formats.pdf import reader
from drafter.formats.pdf.reader import read_pdf_text
from drafter.text.model import ParagraphKind
from drafter.text.parser import ReadError, parse
from tests.conftest import corpus_file
from tests.formats.pdf_fixtures import PageSpec, make_pdf

PAGES = [
    PageSpec(
        (
            "A. [[Preamble]^1",
            "1. Parties [shall][should] take urgent action towards the implemen-",
            "tation of the Convention, holding warming well below 2 C above pre-",
            "industrial levels, and report [annually][biennially].",
            "2. The implementation of this Agreement [shall] reflect equity.",
        ),
        ("1 Headings are provisional and only intended to orientate the reader.",),
    ),
    PageSpec(
        (
            "3. Parties [shall][should] cooperate [fully] in the transfer of tech-",
            "nology and capacity-building.",
            "4. Each Party shall communicate [a nationally determined contribution].",
        ),
    ),
    PageSpec(("5. This Agreement shall enter into force [on the thirtieth day].",), number="Page {n} of 3"),
]


def write(tmp_path: Path, pages: list[PageSpec], name: str = "draft.pdf", **options: float) -> Path:
    path = tmp_path / name
    path.write_bytes(make_pdf(pages, **options))
    return path


def paragraphs(text: str, kind: ParagraphKind) -> list[str]:
    draft = parse(text)
    return [" ".join(text[p.start : p.end].split()) for p in draft.paragraphs if p.kind is kind]


def test_pages_furniture_and_footnotes_by_their_place(tmp_path: Path) -> None:
    pdf = read_pdf_text(write(tmp_path, PAGES))
    text = pdf.layout.text
    assert text.count("\f") == 2
    first, second, third = text.split("\f")
    assert first.startswith("FCCC/ADP/2015/L.6\n1\nA. [[Preamble]¹\n")
    assert second.startswith("FCCC/ADP/2015/L.6\n2\n3. Parties")
    assert third.startswith("FCCC/ADP/2015/L.6\nPage 3 of 3\n5. This Agreement")
    assert paragraphs(text, ParagraphKind.PAGE_HEADER) == [
        "FCCC/ADP/2015/L.6",
        "1",
        "FCCC/ADP/2015/L.6",
        "2",
        "FCCC/ADP/2015/L.6",
        "Page 3 of 3",
    ]
    assert paragraphs(text, ParagraphKind.FOOTNOTE) == [
        "1 Headings are provisional and only intended to orientate the reader."
    ]
    assert [p for p in paragraphs(text, ParagraphKind.OPERATIVE)] == [
        "1. Parties [shall][should] take urgent action towards the implementation of the Convention, holding "
        "warming well below 2 C above pre-industrial levels, and report [annually][biennially].",
        "2. The implementation of this Agreement [shall] reflect equity.",
        "3. Parties [shall][should] cooperate [fully] in the transfer of tech-nology and capacity-building.",
        "4. Each Party shall communicate [a nationally determined contribution].",
        "5. This Agreement shall enter into force [on the thirtieth day].",
    ]
    assert pdf.layout.furniture == 6 and pdf.layout.footnotes == 1 and pdf.layout.joined == 3
    assert pdf.remarks[0].startswith("PDF text is lossy")
    assert "3 pages" in pdf.remarks[1] and "3 words broken at line ends joined" in pdf.remarks[1]


def test_a_broken_word_loses_its_hyphen_only_where_the_document_says_so(tmp_path: Path) -> None:
    pages = [
        PageSpec(
            (
                "1. Parties note the implemen-",  # "implementation" is used below: the hyphen goes
                "tation of the Convention and its long-",  # "long-term" is used below: it stays
                "term goal, the co-",  # neither "cobenefits" nor "co-benefits" below: it stays
                "benefits, and the trans-",  # "transparency" is used below, "trans-parency" is not: it goes
                "parency framework.",
                "2. Effective implementation of the long-term goal and transparency.",
            ),
            number=None,
        )
    ]
    text = read_pdf_text(write(tmp_path, pages)).layout.text
    assert text.splitlines()[1:5] == [
        "1. Parties note the implementation",
        "of the Convention and its long-term",
        "goal, the co-benefits,",
        "and the transparency",
    ]


def test_footnotes_without_a_rule_are_found_by_their_size(tmp_path: Path) -> None:
    pages = [
        PageSpec(("1. Parties [shall] act.^2",), ("2 [Reservation of Ruritania recorded.]",), rule=False),
        PageSpec(("2. Parties [should] report.",)),
    ]
    text = read_pdf_text(write(tmp_path, pages)).layout.text
    assert "1. Parties [shall] act.²\n" in text
    assert paragraphs(text, ParagraphKind.FOOTNOTE) == ["2 [Reservation of Ruritania recorded.]"]


def test_a_one_page_pdf_without_furniture_is_its_text(tmp_path: Path) -> None:
    pages = [PageSpec(("1. Parties [shall][should] act.", "2. Parties report."), header=None, number=None)]
    assert (
        read_pdf_text(write(tmp_path, pages)).layout.text
        == "1. Parties [shall][should] act.\n2. Parties report.\n"
    )


def test_body_lines_that_recur_on_a_page_or_two_are_not_running_headers(tmp_path: Path) -> None:
    """ "Option 1:" opens pages 2 and 5 of 6, where a running header would stand, but not most pages."""
    tops = [
        "1. Parties act.",
        "Option 1:",
        "2. Parties report.",
        "3. Parties review.",
        "Option 1:",
        "4. Done.",
    ]
    pages = [PageSpec((top, f"{k}0. Parties act on item {k}.")) for k, top in enumerate(tops, 1)]
    layout = read_pdf_text(write(tmp_path, pages)).layout
    assert layout.furniture == 12
    assert [page.split("\n")[:3] for page in layout.text.split("\f")] == [
        ["FCCC/ADP/2015/L.6", str(k), top] for k, top in enumerate(tops, 1)
    ]


def test_bad_pdfs_are_refused_naming_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(make_pdf(PAGES)[:400])
    with pytest.raises(
        ReadError, match=r"damaged\.pdf: is not a PDF drafter can read \(damaged or not a PDF\)"
    ):
        read_pdf_text(damaged)
    locked = FPDF()
    locked.set_encryption(owner_password="chair", user_password="secret")
    locked.add_page()
    locked.set_font("Times", size=12)
    locked.cell(0, 10, "1. Parties [shall] act.")
    (tmp_path / "locked.pdf").write_bytes(bytes(locked.output()))
    with pytest.raises(ReadError, match=r"locked\.pdf: is password-protected"):
        read_pdf_text(tmp_path / "locked.pdf")
    scan = FPDF()
    scan.add_page()
    scan.rect(20, 20, 100, 100, style="F")
    (tmp_path / "scan.pdf").write_bytes(bytes(scan.output()))
    with pytest.raises(
        ReadError, match=r"scan\.pdf: the PDF has no text to read \(a scan\? run it through OCR"
    ):
        read_pdf_text(tmp_path / "scan.pdf")
    with pytest.raises(ReadError, match=r"absent\.pdf: no such file"):
        read_pdf_text(tmp_path / "absent.pdf")
    big = write(tmp_path, PAGES, "big.pdf")
    monkeypatch.setattr(reader, "MAX_BYTES", 1000)
    with pytest.raises(ReadError, match=r"big\.pdf: a 0 MB PDF is more than drafter reads"):
        read_pdf_text(big)
    monkeypatch.setattr(reader, "MAX_BYTES", 10**9)
    monkeypatch.setattr(reader, "MAX_PAGES", 2)
    with pytest.raises(ReadError, match=r"big\.pdf: 3 pages is more than drafter reads \(2\)"):
        read_pdf_text(big)
    monkeypatch.setattr(reader, "MAX_PAGES", 10)
    monkeypatch.setattr(reader, "MAX_CHARS", 100)
    with pytest.raises(
        ReadError, match=r"big\.pdf: more than 100 characters of text is more than drafter reads"
    ):
        read_pdf_text(big)


SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (Debian libreoffice-writer-nogui) is not installed")
def test_a_word_document_printed_to_pdf_by_libreoffice(tmp_path: Path) -> None:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "FCCC/CP/2024/L.12"
    run = section.footer.paragraphs[0].add_run()
    for kind, instruction in (("begin", ""), ("", " PAGE "), ("end", "")):
        element = OxmlElement("w:fldChar" if kind else "w:instrText")
        if kind:
            element.set(qn("w:fldCharType"), kind)
        else:
            element.text = instruction
        run._r.append(element)
    document.add_heading("I. Cooperative approaches", level=1)
    expected = []
    vocabulary = [
        "mitigation",
        "adaptation",
        "finance",
        "technology",
        "capacity",
        "transparency",
        "inventories",
        "registry",
    ]
    chooser = random.Random(12)
    for k in range(1, 60):
        words = " ".join(chooser.choice(vocabulary) for _ in range(chooser.randint(8, 30)))
        paragraph = f"{k}. {words.capitalize()} [to prepare][to consider] [by 2030]."
        document.add_paragraph(paragraph)
        expected.append(paragraph)
    document.save(tmp_path / "draft.docx")
    assert SOFFICE is not None
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "draft.docx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = read_pdf_text(tmp_path / "draft.pdf")
    text = pdf.layout.text
    pages = text.count("\f") + 1
    assert pages >= 3
    assert paragraphs(text, ParagraphKind.PAGE_HEADER) == [
        x for n in range(1, pages + 1) for x in ("FCCC/CP/2024/L.12", str(n))
    ]
    body = "".join(
        "".join(text[p.start : p.end].split())
        for p in parse(text).paragraphs
        if p.kind is not ParagraphKind.PAGE_HEADER
    )
    assert body == "".join(("I. Cooperative approaches" + "".join(expected)).split())  # line breaks aside


def test_check_reads_a_pdf_and_says_its_text_is_lossy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = write(tmp_path, PAGES)
    assert main(["check", str(pdf)]) == 1  # "A. [[Preamble]" leaves a bracket open
    out = capsys.readouterr().out
    assert f"{pdf}: " in out and "  pdf: PDF text is lossy: " in out
    assert "page-header 6" in out and "footnote 1" in out
    assert main(["check", "--json", str(pdf)]) == 1
    report = json.loads(capsys.readouterr().out)[0]
    assert report["format"] == "pdf"
    assert report["source"]["pages"] == 3 and report["source"]["words_joined"] == 3
    for name in ("draft.txt", "draft.docx"):  # a PDF is known by its first bytes, whatever its name
        misnamed = tmp_path / name
        misnamed.write_bytes(pdf.read_bytes())
        assert main(["check", "--json", str(misnamed)]) == 1
        assert json.loads(capsys.readouterr().out)[0]["format"] == "pdf"


def test_bad_pdfs_exit_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    for command in (["check"], ["status"], ["export", "-o", str(tmp_path / "out.html")]):
        assert main([*command[:1], str(damaged), *command[1:]]) == 2
        assert capsys.readouterr().err == (
            f"drafter: {damaged}: is not a PDF drafter can read (damaged or not a PDF)\n"
        )
    assert not (tmp_path / "out.html").exists()
    assert not (tmp_path / "damaged.pdf.drafter.sqlite").exists()


def test_a_pdf_is_negotiated_and_exported_like_any_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = write(tmp_path, PAGES)
    original = pdf.read_bytes()
    assert main(["status", "--json", str(pdf)]) == 0
    group = next(
        e
        for e in json.loads(capsys.readouterr().out)["elements"]
        if e["choices"] == ["annually", "biennially"]
    )
    assert main(["position", str(pdf), group["id"], "--party", "EU", "--supports", "2"]) == 0
    assert main(["resolve", str(pdf), group["id"], "--choose", "2", "--party", "EU"]) == 0
    assert main(["export", str(pdf), "-o", str(tmp_path / "out.txt")]) == 0
    text = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert "and report biennially.\n" in text and text.count("\f") == 2
    assert main(["export", str(pdf), "-o", str(tmp_path / "out.html")]) == 0
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "and report biennially." in " ".join(html.split()) and "1 elements" not in html
    assert pdf.read_bytes() == original  # the PDF itself is never written
    assert main(["log", str(pdf)]) == 0  # reopening the PDF finds its journal
    assert "choose" in capsys.readouterr().out


def test_markdown_of_a_pdf_keeps_footnote_numbers_and_joins_a_paragraph_a_page_cut(tmp_path: Path) -> None:
    """As the Word export does: furniture out, the two halves of a paragraph one paragraph."""
    pages = [
        PageSpec(
            (
                "1. Parties act towards the implementation of the Convention.",
                "2. Each Party shall [a nationally",
            )
        ),
        PageSpec(("determined contribution] every five years.^1",), ("1 [Reservation recorded.]",)),
    ]
    pdf = write(tmp_path, pages)
    assert main(["export", str(pdf), "-o", str(tmp_path / "out.md"), "--clean"]) == 0
    assert (tmp_path / "out.md").read_text(encoding="utf-8") == (
        "1\\. Parties act towards the implementation of the Convention.\n\n"
        "2\\. Each Party shall \\[a nationally determined contribution\\] every five years.¹\n\n"
        "1 \\[Reservation recorded.\\]\n"
    )


def test_markdown_of_a_real_pdf_text_keeps_its_footnote_numbers(tmp_path: Path) -> None:
    """Corpus 05's footnote numbers stand on lines of their own, between paragraphs: they were dropped."""
    copy = tmp_path / "05.txt"
    shutil.copy(corpus_file("05"), copy)
    assert main(["export", str(copy), "-o", str(tmp_path / "out.md"), "--clean"]) == 0
    markdown = (tmp_path / "out.md").read_text(encoding="utf-8").split("\n\n")
    assert "2 There is a need to specify the context, whose placement is yet to be decided." in markdown
    assert any(
        "human rights for all, including indigenous peoples, including the right" in p for p in markdown
    )
