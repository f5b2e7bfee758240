"""A draft that did not come from Word (text, Markdown, PDF) as a new Word document to write changes into.

Word gets one paragraph per paragraph of the draft, not one per line: a typed or printed draft's lines
were wrapped by its page, so a line break inside a paragraph shows as one space (a line that starts with
a tab keeps its break: it is laid out, not wrapped). Headings take Word's
heading styles, sub-paragraphs are indented by their level, footnotes are set small. A printed draft's
page furniture (running headers, page numbers) is left out; a paragraph that a page break cut in two is
one Word paragraph again, and a footnote's number, which a PDF puts on a line of its own, joins its text.

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

from drafter.formats.docx.body import DocxText, ParagraphText, RunText, Story
from drafter.formats.docx.ooxml import Element, w
from drafter.formats.docx.package import Package
from drafter.formats.docx.wordml import new_run
from drafter.text.model import Draft, Paragraph, ParagraphKind

LINE_BREAK = re.compile(r"[ \t]*[\r\n\f]\s*")
TABBED_LINE = re.compile(r"[ \t]*[\r\n\f]\s*?(?=\t)")
SENTENCE_END = (".", ":", ";", "!", "?")
INDENT_TWIPS = 567  # 1 cm a level
FOOTNOTE_HALF_POINTS = "18"  # 9 pt


@dataclass(slots=True)
class _Block:
    """What becomes one Word paragraph: `text[start:end]`, with `joined` stretches shown as one space
    besides its line breaks (the furniture between the two halves of a paragraph a page break cut)."""

    start: int
    end: int
    kind: ParagraphKind | None  # None: loose text between the draft's paragraphs
    level: int
    joined: list[tuple[int, int]]


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
    blocks, left_out = _blocks(draft)
    layout = DocxText(text=draft.text)
    for block in blocks or [_Block(0, 0, None, 0, [])]:
        paragraph = _paragraph(block, draft.text, layout)
        (section.addprevious(paragraph) if section is not None else body.append(paragraph))
        heading = block.level if block.kind is ParagraphKind.HEADING else None
        layout.paragraphs.append(
            ParagraphText((paragraph,), block.start, block.start, block.end, "", heading, Story.BODY)
        )
    return TextDocument(Package(None, document, frozenset()), layout, left_out)


def _blocks(draft: Draft) -> tuple[list[_Block], int]:
    """The draft's paragraphs as Word paragraphs (furniture out, cut paragraphs and footnote numbers
    joined), and how many furniture lines were left out."""
    text = draft.text
    blocks: list[_Block] = []
    furniture: list[tuple[int, int]] = []  # since the last block
    left_out = 0
    previous_end = 0
    for paragraph in draft.paragraphs:
        loose = _loose(text, previous_end, paragraph.start)
        previous_end = paragraph.end
        if paragraph.kind is ParagraphKind.PAGE_HEADER:
            left_out += text.count("\n", paragraph.start, paragraph.end) + 1
            if loose is not None:
                _add_loose(blocks, loose)
            furniture.append((paragraph.start, paragraph.end))
            continue
        start = paragraph.start
        if loose is not None and paragraph.kind is ParagraphKind.FOOTNOTE:
            start = loose[0]  # the footnote's number, on a line of its own in a PDF's text
        elif loose is not None:
            _add_loose(blocks, loose)  # a footnote mark of the paragraph before
        if blocks and _continues(text, blocks[-1], paragraph, furniture):
            blocks[-1].joined.append((blocks[-1].end, start))
            blocks[-1].end = paragraph.end
        else:
            blocks.append(_Block(start, paragraph.end, paragraph.kind, paragraph.level, []))
        furniture = []
    loose = _loose(text, previous_end, len(text))
    if loose is not None:
        _add_loose(blocks, loose)
    return blocks, left_out


def _loose(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The text between two paragraphs that is not blank (a PDF's footnote numbers), if any."""
    gap = text[start:end]
    stripped = gap.strip()
    if not stripped:
        return None
    first = start + gap.index(stripped[0])
    return first, first + len(stripped)


def _add_loose(blocks: list[_Block], loose: tuple[int, int]) -> None:
    if blocks:
        blocks[-1].end = loose[1]
    else:
        blocks.append(_Block(loose[0], loose[1], None, 0, []))


def _continues(text: str, block: _Block, paragraph: Paragraph, furniture: list[tuple[int, int]]) -> bool:
    """Whether `paragraph` goes on with `block` across a page break: only furniture and blank lines
    between them, a form feed among them, no number of its own, and the block ends mid-sentence or
    the paragraph starts in lower case."""
    if paragraph.kind is not ParagraphKind.TEXT or block.kind in (None, ParagraphKind.FOOTNOTE):
        return False
    between = text[block.end : paragraph.start]
    if "\f" not in between:
        return False
    kept, position = [], block.end
    for start, end in furniture:
        if start >= position:
            kept.append(text[position:start])
            position = end
    kept.append(text[position : paragraph.start])
    if "".join(kept).strip():
        return False
    ending = text[block.start : block.end].rstrip().rstrip("])'\"”’")
    return not ending.endswith(SENTENCE_END) or text[paragraph.start : paragraph.start + 1].islower()


def _paragraph(block: _Block, text: str, layout: DocxText) -> Element:
    paragraph = etree.Element(w("p"))
    properties = _properties(block)
    if properties is not None:
        paragraph.append(properties)
    like = _footnote_run() if block.kind is ParagraphKind.FOOTNOTE else None
    for start, end, shown in _stretches(block, text):
        run = new_run(text[start:end] if shown is None else shown, like)
        paragraph.append(run)
        layout.runs.append(RunText(start, end, run))
        if shown is not None:
            layout.joints.add(start)
    return paragraph


def _stretches(block: _Block, text: str) -> list[tuple[int, int, str | None]]:
    """The block cut into text (start, end, None) and joints (start, end, what the joint shows), in order.
    A line that starts with a tab is laid out, not wrapped (a table typed as text): it keeps its line
    break (Word's w:br) and its tab."""
    found: list[tuple[int, int, str | None]] = []
    position = block.start
    for start, end in [*block.joined, (block.end, block.end)]:
        for match in LINE_BREAK.finditer(text, position, start):
            if match.start() > position:
                found.append((position, match.start(), None))
            tabbed = TABBED_LINE.match(text, match.start(), match.end())
            joint_end = tabbed.end() if tabbed else match.end()
            found.append((match.start(), joint_end, "\n" if tabbed else " "))
            if joint_end < match.end():
                found.append((joint_end, match.end(), None))
            position = match.end()
        if start > position:
            found.append((position, start, None))
        if end > start:
            found.append((start, end, " "))
        position = max(position, end)
    return found


def _properties(block: _Block) -> Element | None:
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
