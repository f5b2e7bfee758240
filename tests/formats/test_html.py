"""HTML export: the whole text in well-formed blocks, brackets by depth, alternatives, options, the table
of open elements, everything escaped; printed by a real Chromium on A4 and Letter."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pypdfium2
import pytest

from drafter.formats.export import ExportFormat, ExportOptions, Paper, export
from drafter.formats.html import render_draft
from drafter.negotiation.session import Session, Stance
from drafter.text.model import ParagraphKind
from drafter.workspace import open_session
from tests.conftest import corpus_files, fixture_files, sample_files

VOID = frozenset({"meta", "br", "input", "link", "img"})


class Page(HTMLParser):
    """Checks that tags nest, and collects the text a reader sees in the draft's article."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("class") or ""))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()
        if tag in ("p", "h2", "div"):
            self.text.append(" ")

    def handle_data(self, data: str) -> None:
        classes = [c for _, c in self.stack]
        if "draft" in classes and not any(c.startswith(("ref", "block page")) for c in classes):
            self.text.append(data)

    def tags_of(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]

    def with_class(self, name: str) -> list[dict[str, str | None]]:
        return [a for _, a in self.tags if name in (a.get("class") or "").split()]


def parse_page(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    assert page.stack == []
    return page


def words(text: str) -> list[str]:
    return text.split()


def open_draft(tmp_path: Path, text: str, name: str = "draft.txt") -> Session:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return open_session(path)


@pytest.mark.parametrize(
    "path",
    [p for p in corpus_files() + fixture_files() + sample_files() if p.suffix in (".txt", ".md")],
    ids=lambda p: p.name,
)
def test_every_real_text_comes_out_whole_in_well_formed_blocks(path: Path, tmp_path: Path) -> None:
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    with open_session(copy) as session:
        page = parse_page(export(session, ExportFormat.HTML).decode("utf-8"))
        draft = session.draft
        furniture = [(p.start, p.end) for p in draft.paragraphs if p.kind is ParagraphKind.PAGE_HEADER]
        expected = list(draft.text)
        for start, end in furniture:
            expected[start:end] = [" "] * (end - start)
        shown = "".join(expected)
        if draft.source_format.value == "markdown":  # headings lose their "#" marks
            shown = re.sub(r"(?m)^#{1,6}[ \t]+", "", shown)
        assert words("".join(page.text)) == words(shown.replace("\f", " "))
        brackets = page.with_class("b")
        assert len({a["data-id"] for a in brackets}) == len(draft.brackets)


def test_brackets_by_depth_alternatives_options_and_the_table(tmp_path: Path) -> None:
    text = (
        "A. Scope\n\n"
        "1. Parties [shall][should] act [on [mitigation [and adaptation]]].\n\n"
        "Option 1: Parties report annually.\n\n"
        "Option 2: No text\n"
    )
    with open_draft(tmp_path, text) as session:
        group = next(e for e in session.elements() if e.kind == "alternatives")
        options = next(e for e in session.elements() if e.kind == "options")
        session.record_position(group.id, "EU", Stance.SUPPORTS, choice=2, meeting="IC 16 Nov")
        session.record_position(group.id, "USA", Stance.SUPPORTS, choice=2)
        session.record_position(options.id, "AOSIS", Stance.SUPPORTS, choice=1)
        session.record_position(options.id, "LMDC", Stance.SUPPORTS, choice=2, note="no new obligations")
        html = export(session, ExportFormat.HTML).decode("utf-8")
        page = parse_page(html)
    depths = [a["class"] for a in page.with_class("b")]
    assert depths == ["b d1 alt", "b d1 alt", "b d1", "b d2", "b d3"]
    assert [a["data-alt"] for a in page.tags_of("span") if "data-alt" in a] == ["1", "2"]
    # 1: the EU and the US agree, but AOSIS and LMDC (in the room: they spoke) are not heard on it yet
    assert [a["data-mark"] for a in page.with_class("mark")] == ["1~", "5✗"]
    assert "state: ~ converging, = no objection, ! one objector, ✗ split.</p>" in html  # the legend
    assert len(page.with_class("opt")) == 2 and len(page.with_class("label")) == 2
    assert "<td>~ converging on choice 2 “should”; not heard: 2</td>" in html and "<td>✗ split</td>" in html
    assert '<li><b>European Union</b> supports 2 <span class="meeting">(IC 16 Nov)</span></li>' in html
    assert "<li><b>LMDC</b> supports 2 – no new obligations</li>" in html
    refs = re.findall(r'<span class="ref">([^<]*)</span>', html)
    assert refs == ["A 1", "A 1 Option 1", "A 1 Option 2"]  # the negotiators' references, in the margin
    assert f'<a href="#el-{options.id}">A 1 Option 1</a>' in html  # and in the table


def test_clean_leaves_the_text_alone(tmp_path: Path) -> None:
    with open_draft(tmp_path, "1. Parties [shall][should] act [now].\n") as session:
        session.record_position(session.elements()[0].id, "EU", Stance.SUPPORTS, choice=1)
        html = export(session, ExportFormat.HTML, ExportOptions(clean=True)).decode("utf-8")
    page = parse_page(html)
    assert page.with_class("b") == [] and page.with_class("mark") == [] and "data-alt=" not in html
    assert "Open elements" not in html and "<table" not in html
    assert words("".join(page.text)) == words("1. Parties [shall][should] act [now].")


def test_positions_can_be_left_out(tmp_path: Path) -> None:
    with open_draft(tmp_path, "Parties [shall][should] act.\n") as session:
        session.record_position(session.elements()[0].id, "EU", Stance.SUPPORTS, choice=1)
        html = export(session, ExportFormat.HTML, ExportOptions(positions=False)).decode("utf-8")
    assert "Positions" not in html and "European Union" not in html and "converging on choice 1" in html


def test_every_text_is_escaped(tmp_path: Path) -> None:
    hostile = '1. Parties [<script>alert("x")</script>] act & [<img src=x onerror=alert(1)>].\f\x07\n'
    name = 'd"raft<title><b>.txt'
    with open_draft(tmp_path, hostile, name) as session:
        bracket = session.elements()[0].id
        session.add_party("<b>Ruritania</b>")
        session.record_position(
            bracket,
            "<b>Ruritania</b>",
            Stance.PROPOSES,
            text="</td><script>",
            meeting='"><i>',
            note="</style>",
        )
        html = export(session, ExportFormat.HTML).decode("utf-8")
    page = parse_page(html)
    assert {tag for tag, _ in page.tags} <= {
        "html", "head", "meta", "title", "style", "body", "header", "h1", "ul", "li", "p", "article",
        "span", "a", "section", "h2", "div", "table", "thead", "tbody", "tr", "th", "td", "code", "br", "b",
    }  # fmt: skip
    assert "<script" not in html and "<img" not in html and "<i>" not in html and "\x07" not in html
    assert html.count("</style>") == 1 and html.count("</title>") == 1
    assert "&lt;b&gt;Ruritania&lt;/b&gt;" in html
    assert '@top-left { content: "d\\000022raft\\00003c' in html  # the title in the print header, as CSS


def test_the_parts_for_a_page_of_ones_own(tmp_path: Path) -> None:
    with open_draft(tmp_path, "Parties [shall][should] act.\n") as session:
        parts = render_draft(session)
    assert parts.text.startswith('<article class="draft">') and parts.text.endswith("</article>")
    assert parts.elements.startswith('<section class="elements">') and ".d1 > .br" in parts.style
    assert "<li>1 open element</li>" in parts.summary
    with open_draft(tmp_path, "Parties [shall][should] act.\n", name="heard.txt") as session:
        element = session.elements()[0]
        session.record_position(element.id, "EU", Stance.SUPPORTS, choice=1)
        session.record_position(element.id, "AOSIS", Stance.OPPOSES, choice=1)
        assert "<li>1 open element (1 one objector)</li>" in render_draft(session).summary


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
@pytest.mark.parametrize(("paper", "size"), [(Paper.A4, (595, 842)), (Paper.LETTER, (612, 792))])
def test_chromium_prints_it_on_the_paper_asked_for(
    tmp_path: Path, paper: Paper, size: tuple[int, int]
) -> None:
    body = "".join(f"{k}. Parties [shall][should] report [annually] on item {k}.\n\n" for k in range(1, 80))
    with open_draft(tmp_path, body) as session:
        page = tmp_path / "draft.html"
        page.write_bytes(export(session, ExportFormat.HTML, ExportOptions(paper=paper)))
    pdf = tmp_path / "draft.pdf"
    assert CHROMIUM is not None
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    document = pypdfium2.PdfDocument(pdf)
    assert len(document) >= 3
    assert all(tuple(round(x) for x in document[k].get_size()) == size for k in range(len(document)))
    first = document[0].get_textpage().get_text_range()
    assert "[should] report [annually] on item 1." in " ".join(first.split())
    pages = [document[k].get_textpage().get_text_range() for k in range(len(document))]
    table = next(k for k, text in enumerate(pages) if "Open elements (158)" in text)
    assert "item 79." in pages[table - 1] and "item 79." not in pages[table]  # the table starts a page
