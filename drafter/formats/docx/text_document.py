"""A draft that did not come from Word, as a new Word document the export writes its changes into."""

from __future__ import annotations

import re

import docx
from lxml import etree

from drafter.formats.docx.body import DocxText, ParagraphText, RunText, Story
from drafter.formats.docx.ooxml import w
from drafter.formats.docx.package import Package
from drafter.formats.docx.wordml import new_run


def new_document(text: str) -> tuple[Package, DocxText]:
    """A new Word document with a paragraph per line of `text` (a draft that did not come from Word)."""
    document = docx.Document()
    body = document.element.body
    for paragraph in list(body.iterfind(w("p"))):
        body.remove(paragraph)
    section = body.find(w("sectPr"))
    layout = DocxText(text=text)
    offset = 0
    for line, separator in _lines(text):
        paragraph = etree.Element(w("p"))
        if line:
            run = new_run(line, None)
            paragraph.append(run)
            layout.runs.append(RunText(offset, offset + len(line), run))
        (section.addprevious(paragraph) if section is not None else body.append(paragraph))
        layout.paragraphs.append(
            ParagraphText((paragraph,), offset, offset, offset + len(line), "", None, Story.BODY)
        )
        offset += len(line) + len(separator)
    return Package(None, document, frozenset()), layout


def _lines(text: str) -> list[tuple[str, str]]:
    parts = re.split(r"(\r\n|\r|\n|\f)", text)
    return [(parts[i], parts[i + 1] if i + 1 < len(parts) else "") for i in range(0, len(parts), 2)]
