"""A draft that did not come from Word (text, Markdown, PDF) as a new Word document to write changes into.

Word gets one paragraph per paragraph of the draft (`drafter.formats.blocks`: furniture left out, a
paragraph a page break cut joined again, footnote numbers with their footnotes), not one per line: a typed
or printed draft's lines were wrapped by its page, so a line break inside a paragraph shows as one space
(a line that starts with a tab keeps its break: it is laid out, not wrapped). Headings take Word's heading
styles, sub-paragraphs are indented by their level, footnotes are set small, the page is A4.

Every character of the draft keeps its place for the writer: text is in runs; a line break inside a
paragraph (with the spaces around it, and any furniture a page break put there) is a *joint*, a run
showing one space (`DocxText.joints`); what lies between two Word paragraphs is the separator the
writer already knows (blank lines, form feeds, furniture).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import docx
from docx.shared import Twips
from lxml import etree

from drafter.formats.blocks import Block, paragraph_blocks
from drafter.formats.docx.body import DocxText, ParagraphText, RunText, Story
from drafter.formats.docx.ooxml import Element, w
from drafter.formats.docx.package import Package
from drafter.formats.docx.wordml import new_run
from drafter.text.model import Draft, ParagraphKind

LINE_BREAK = re.compile(r"[ \t]*[\r\n\f]\s*")
TABBED_LINE = re.compile(r"[ \t]*[\r\n\f]\s*?(?=\t)")
WRAPPED = 0.6  # a line this much of the draft's line width or longer was wrapped by its page
INDENT_TWIPS = 567  # 1 cm a level
FOOTNOTE_HALF_POINTS = "18"  # 9 pt


@dataclass(frozen=True, slots=True)
class TextDocument:
    package: Package
    layout: DocxText
    left_out: int  # lines of page furniture not written


def new_document(draft: Draft) -> TextDocument:
    """A new Word document holding `draft`, a Word paragraph per paragraph of it."""
    document = docx.Document()
    body = document.element.body
    for paragraph in list(body.iterfind(w("p"))):
        body.remove(paragraph)
    for page in document.sections:  # UN documents are printed on A4 (python-docx's template: Letter)
        page.page_width, page.page_height = Twips(11906), Twips(16838)
    section = body.find(w("sectPr"))
    blocks, left_out = paragraph_blocks(draft)
    width = _line_width(draft.text)
    layout = DocxText(text=draft.text)
    for block in blocks or [Block(0, 0, None, 0, [])]:
        paragraph = _paragraph(block, draft.text, layout, width)
        (section.addprevious(paragraph) if section is not None else body.append(paragraph))
        heading = block.level if block.kind is ParagraphKind.HEADING else None
        layout.paragraphs.append(
            ParagraphText((paragraph,), block.start, block.start, block.end, "", heading, Story.BODY)
        )
    return TextDocument(Package(None, document, frozenset()), layout, left_out)


def _paragraph(block: Block, text: str, layout: DocxText, width: int) -> Element:
    paragraph = etree.Element(w("p"))
    properties = _properties(block)
    if properties is not None:
        paragraph.append(properties)
    like = _footnote_run() if block.kind is ParagraphKind.FOOTNOTE else None
    for start, end, shown in _stretches(block, text, width):
        run = new_run(text[start:end] if shown is None else shown, like)
        paragraph.append(run)
        layout.runs.append(RunText(start, end, run))
        if shown is not None:
            layout.joints.add(start)
    return paragraph


def _line_width(text: str) -> int:
    """The length of the draft's long lines (the 90th percentile: a page's width, for a printed draft)."""
    lengths = sorted(len(line.strip()) for line in text.splitlines() if line.strip())
    return lengths[-(-(len(lengths) - 1) * 9 // 10)] if lengths else 0


def _laid_out(text: str, start: int, end: int, width: int) -> bool:
    """Whether the line break at text[start:end] was made by its author, not by the page: the line before
    is far shorter than the draft's lines and the next does not go on in lower case. A footnote mark a PDF
    set on a line of its own ("2") is no line of its own."""
    before = text[max(text.rfind("\n", 0, start), text.rfind("\f", 0, start)) + 1 : start].strip()
    line_end = min((at for at in (text.find("\n", end), text.find("\f", end)) if at >= 0), default=len(text))
    after = text[end:line_end].strip()
    if before.isdigit() or after.isdigit() or after[:1].islower():
        return False
    return len(before) < WRAPPED * width


def _stretches(block: Block, text: str, width: int) -> list[tuple[int, int, str | None]]:
    """The block cut into text (start, end, None) and joints (start, end, what the joint shows), in order.
    A line far shorter than the draft's lines (`width`: a title over its subtitle) or followed by one that
    starts with a tab (a table typed as text) was laid out, not wrapped (`_laid_out`): it keeps its line
    break (Word's w:br), and the tab its tab."""
    found: list[tuple[int, int, str | None]] = []
    position = block.start
    for start, end in [*block.joined, (block.end, block.end)]:
        for match in LINE_BREAK.finditer(text, position, start):
            if match.start() > position:
                found.append((position, match.start(), None))
            tabbed = TABBED_LINE.match(text, match.start(), match.end())
            joint_end = tabbed.end() if tabbed else match.end()
            laid_out = tabbed or _laid_out(text, match.start(), match.end(), width)
            found.append((match.start(), joint_end, "\n" if laid_out else " "))
            if joint_end < match.end():
                found.append((joint_end, match.end(), None))
            position = match.end()
        if start > position:
            found.append((position, start, None))
        if end > start:
            found.append((start, end, " "))
        position = max(position, end)
    return found


def _properties(block: Block) -> Element | None:
    if block.kind is ParagraphKind.HEADING:
        properties = etree.Element(w("pPr"))
        etree.SubElement(properties, w("pStyle")).set(w("val"), f"Heading{min(max(block.level, 1), 9)}")
        return properties
    if block.level > 0 and block.kind is not ParagraphKind.FOOTNOTE:
        properties = etree.Element(w("pPr"))
        etree.SubElement(properties, w("ind")).set(w("left"), str(INDENT_TWIPS * block.level))
        return properties
    return None


def _footnote_run() -> Element:
    run = etree.Element(w("r"))
    properties = etree.SubElement(run, w("rPr"))
    for name in ("sz", "szCs"):
        etree.SubElement(properties, w(name)).set(w("val"), FOOTNOTE_HALF_POINTS)
    return run
