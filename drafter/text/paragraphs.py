"""Paragraphs: what kind each line opens (heading, numbered paragraph, option, note...) and where
wrapped lines join into one paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.text.lines import LineTable
from drafter.text.model import Marker, MarkerKind, Paragraph, ParagraphKind, SourceFormat
from drafter.text.pages import LONE_NUMBER
from drafter.text.scan import HEADING_TYPES, Line, scan_lines

PREAMBULAR_START = re.compile(
    r"[\[\s*_]*(?:(?:Also|Further|Further also|Noting also)\s+)?[A-Za-z][a-z]+ing\b"
)
CLAUSE_END = re.compile(r"[.,;:]['’”\")\]\s*]*$")
NEW_CLAUSE_START = re.compile(r"\s*[\[{(“\"*]*\s*[A-Z]")


def paragraph_kind(line: Line, source_format: SourceFormat) -> tuple[ParagraphKind, str | None, int]:
    indent = len(line.text) - len(line.text.lstrip(" \t\u00a0"))
    if line.head is not None:
        kind, value = line.head
        number = value.strip()
        if kind == "MD_HEADING":
            return ParagraphKind.HEADING, None, len(number)
        if kind in HEADING_TYPES:
            return (
                ParagraphKind.HEADING,
                number,
                1 if kind == "CHAPTER" or (number.rstrip(".") in "IVXLC" * 3 and len(number) > 2) else 2,
            )
        if kind == "PREAMBULAR":
            return ParagraphKind.PREAMBULAR, number, 0
        level = indent // 4 if source_format is SourceFormat.MARKDOWN else 0
        if kind == "SUBPARAGRAPH" or level > 0:
            return ParagraphKind.SUBPARAGRAPH, number, max(level, 1)
        return ParagraphKind.OPERATIVE, number, number.count(".", 0, len(number) - 1)
    if line.content_type == "OPTION_LABEL" or re.match(r"[\s\[*]*Option\s", line.text):
        return ParagraphKind.OPTION, None, indent // 4
    stripped = line.text.strip()
    if stripped.startswith("{") and stripped.endswith("}"):
        return ParagraphKind.NOTE, None, 0
    if line.content_type == "FRONT_MATTER":
        return ParagraphKind.FRONT_MATTER, None, 0
    if line.content_type in ("MD_LINK_DEF", "MD_FOOTNOTE_DEF"):
        return ParagraphKind.LINK_DEFINITION, None, 0
    return ParagraphKind.TEXT, None, 0


def _starts_alone(line: Line, kind: ParagraphKind) -> bool:
    return line.head is not None or kind in (
        ParagraphKind.OPTION,
        ParagraphKind.NOTE,
        ParagraphKind.LINK_DEFINITION,
    )


def starts_paragraph_alone(text: str, table: LineTable, index: int, source_format: SourceFormat) -> bool:
    """Whether line `index` starts a paragraph whatever the line before it says (a numbered or labelled
    line, a note), unless it is a page's running header, a footnote or a footnote number."""
    line = scan_lines(text, LineTable((table.tokens[index],), (table.starts[index],)), source_format).lines[0]
    if source_format is SourceFormat.TEXT and LONE_NUMBER.fullmatch(line.text):
        return False
    return bool(line.text.strip()) and _starts_alone(line, paragraph_kind(line, source_format)[0])


def _is_preambular(paragraph: str) -> bool:
    """An unnumbered "Recalling ...," paragraph: a participle first, a comma last."""
    return bool(PREAMBULAR_START.match(paragraph)) and paragraph.rstrip(" \t\u00a0]*_").endswith(",")


def _starts_paragraph(previous: Line, line: Line, kind: ParagraphKind, source_format: SourceFormat) -> bool:
    if _starts_alone(line, kind):
        return True
    if previous.head is not None and previous.head[0] in HEADING_TYPES:
        return True
    previous_text = previous.text.strip()
    if previous_text.startswith("{") and previous_text.endswith("}"):
        return True  # after a note on a line of its own ("{Collective long-term goal}")
    if source_format is SourceFormat.MARKDOWN:
        return False
    # Wrapped PDF lines continue a paragraph; a finished clause followed by a new one starts another.
    return bool(CLAUSE_END.search(previous.text.rstrip()) and NEW_CLAUSE_START.match(line.text))


@dataclass(slots=True)
class _OpenParagraph:
    kind: ParagraphKind
    number: str | None
    start: int
    end: int
    line: int
    level: int

    def close(self, text: str) -> Paragraph:
        kind = self.kind
        if kind is ParagraphKind.TEXT and _is_preambular(text[self.start : self.end]):
            kind = ParagraphKind.PREAMBULAR
        return Paragraph(kind, self.number, self.start, self.end, self.line, self.level)


def paragraphs_of(
    text: str,
    lines: list[Line],
    header_lines: set[int],
    footnote_lines: set[int],
    source_format: SourceFormat,
) -> tuple[tuple[Paragraph, ...], list[Marker]]:
    paragraphs: list[Paragraph] = []
    markers: list[Marker] = []
    current: _OpenParagraph | None = None
    last_line: Line | None = None  # the previous line of the current paragraph

    def close() -> None:
        nonlocal current
        if current is not None:
            paragraphs.append(current.close(text))
        current = None

    for line in lines:
        if line.index in header_lines:
            close()
            paragraphs.append(
                Paragraph(ParagraphKind.PAGE_HEADER, None, line.start, line.end, line.index + 1, 0)
            )
            last_line = None
        elif not line.text.strip():
            close()
            last_line = None
        elif source_format is SourceFormat.TEXT and LONE_NUMBER.fullmatch(line.text):
            # A footnote number on a line of its own (PDF text): a reference, or a footnote's own number.
            offset = line.start + len(line.text) - len(line.text.lstrip())
            in_footnotes = line.index in footnote_lines
            marker = MarkerKind.FOOTNOTE_DEFINITION if in_footnotes else MarkerKind.FOOTNOTE_REFERENCE
            markers.append(Marker(marker, offset, offset + len(line.text.strip()), line.text.strip()))
            if in_footnotes:
                close()
        elif line.index in footnote_lines:
            if current is not None and current.kind is ParagraphKind.FOOTNOTE:
                current.end = line.end
            else:
                close()
                current = _OpenParagraph(
                    ParagraphKind.FOOTNOTE, None, line.start, line.end, line.index + 1, 0
                )
        else:
            kind, number, level = paragraph_kind(line, source_format)
            if (
                current is None
                or last_line is None
                or _starts_paragraph(last_line, line, kind, source_format)
            ):
                close()
                current = _OpenParagraph(kind, number, line.start, line.end, line.index + 1, level)
            else:
                current.end = line.end
            last_line = line
    close()
    return tuple(paragraphs), markers
