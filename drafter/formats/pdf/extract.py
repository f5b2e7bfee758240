"""The text of a PDF's pages as lines with their place on the page, read with PDFium (pypdfium2).

PDFium gives each character with its origin (baseline point) and font size, and marks the characters it
generated itself (spaces between words, line breaks) and the hyphens it found at line ends. A line
ends at a generated line break, after a line-end hyphen, or where the baseline jumps; its
characters are kept with their sizes so the layout can tell superscripts and small footnote text.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass, field

import pypdfium2
import pypdfium2.raw as pdfium_c

SOFT_HYPHEN = "\u00ad"
# What PDFium reports for a hyphen it found at the end of a line, a hard one or a soft one alike.
LINE_END_HYPHEN = "\x02"
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb06": "st"}
SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
BASELINE_JUMP = 0.7  # of the font size: a baseline moving more than this starts a new line


@dataclass(slots=True)
class Line:
    """One line of text: `y` is its baseline, from the page's bottom (PDF coordinates), in points."""

    text: str
    x: float
    y: float
    size: float  # the font size most of its characters have
    hyphen: bool = False  # the line ended with a hyphen, which is not in `text`


@dataclass(slots=True)
class Page:
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    rules: list[float] = field(
        default_factory=list
    )  # baselines of short horizontal rules (footnote separators)


@dataclass(slots=True)
class _Glyph:
    char: str
    x: float
    y: float
    size: float


def read_pages(document: pypdfium2.PdfDocument) -> Iterator[Page]:
    for index in range(len(document)):
        page = document[index]
        try:
            width, height = page.get_size()
            found = Page(width, height, rules=_rules(page, width))
            textpage = page.get_textpage()
            try:
                found.lines = _lines(textpage)
            finally:
                textpage.close()
            yield found
        finally:
            page.close()


def count_chars(document: pypdfium2.PdfDocument, index: int) -> int:
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            return int(textpage.count_chars())
        finally:
            textpage.close()
    finally:
        page.close()


def _rules(page: pypdfium2.PdfPage, width: float) -> list[float]:
    """Short horizontal lines drawn on the page: a footnote separator is one, a fifth to half a page wide."""
    found = []
    for item in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
        left, bottom, right, top = item.get_bounds()
        if top - bottom < 2 and 0.1 * width <= right - left <= 0.6 * width:
            found.append((top + bottom) / 2)
    return found


def _glyphs(textpage: pypdfium2.PdfTextPage) -> Iterator[_Glyph | None]:
    """Each character PDFium found, or None where it generated a line break."""
    handle = textpage.raw
    x, y = ctypes.c_double(), ctypes.c_double()
    for i in range(textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(handle, i)
        generated = pdfium_c.FPDFText_IsGenerated(handle, i) == 1
        if code in (10, 13):
            yield None
            continue
        if (generated and code != 32) or code == 0:
            continue
        char = chr(code) if code < 0xD800 or code > 0xDFFF else "\ufffd"
        if pdfium_c.FPDFText_IsHyphen(handle, i) == 1:
            char = LINE_END_HYPHEN
        pdfium_c.FPDFText_GetCharOrigin(handle, i, x, y)
        yield _Glyph(char, x.value, y.value, pdfium_c.FPDFText_GetFontSize(handle, i))


def _lines(textpage: pypdfium2.PdfTextPage) -> list[Line]:
    """PDFium's line breaks, unless the next glyph goes on to the right on the same baseline (or as a
    superscript of it: PDFium breaks a line before a footnote mark set higher)."""
    lines: list[Line] = []
    current: list[_Glyph] = []
    pending = False  # PDFium generated a line break before the next glyph

    def close() -> None:
        line = _line(current)
        if line is not None:
            lines.append(line)
        current.clear()

    for glyph in _glyphs(textpage):
        if glyph is None:
            pending = bool(current)
            continue
        if current:
            near = abs(glyph.y - _baseline(current)) <= BASELINE_JUMP * max(glyph.size, 1.0)
            same_line = (near or _raised(glyph, current)) and (not pending or glyph.x >= current[-1].x)
            if not same_line:
                close()
        pending = False
        current.append(glyph)
        if glyph.char == LINE_END_HYPHEN:
            close()
    close()
    return lines


def _baseline(glyphs: list[_Glyph]) -> float:
    body = max(g.size for g in glyphs)
    return next(g.y for g in glyphs if g.size == body)


def _raised(glyph: _Glyph, line: list[_Glyph]) -> bool:
    """A superscript: smaller than the line's text and above its baseline, but not a line above it."""
    body = max(g.size for g in line)
    return glyph.size <= 0.8 * body and 0 < glyph.y - _baseline(line) < 0.9 * body


def _line(glyphs: list[_Glyph]) -> Line | None:
    printed = [g for g in glyphs if not g.char.isspace()]
    if not printed:
        return None
    sizes: dict[float, int] = {}
    for g in printed:
        sizes[round(g.size, 1)] = sizes.get(round(g.size, 1), 0) + 1
    size = max(sizes, key=lambda s: (sizes[s], s))
    baseline = next(g.y for g in printed if round(g.size, 1) == size)
    parts = []
    for g in glyphs:
        char = LIGATURES.get(g.char, g.char)
        if char.isdigit() and g.size <= 0.8 * size and g.y - baseline > 0.15 * size:
            char = char.translate(SUPERSCRIPT_DIGITS)  # a footnote mark: keep it, but not as part of a word
        parts.append(char)
    text = "".join(parts).rstrip()
    hyphen = text.endswith((LINE_END_HYPHEN, SOFT_HYPHEN))
    text = (text[:-1] if hyphen else text).replace(LINE_END_HYPHEN, "-").replace(SOFT_HYPHEN, "")
    return Line(text, min(g.x for g in printed), baseline, size, hyphen)
