"""The text of a PDF's pages as lines with their place on the page, read with PDFium (pypdfium2).

PDFium gives the characters in reading order with the spaces and line breaks it inferred, each with its
font size and origin (baseline point), and flags the hyphens it found at line ends. A line ends at a
line break or after such a hyphen; a small digit set above the baseline is a footnote mark. Font sizes
let the layout tell footnotes from the body.
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
HYPHEN_CODES = frozenset({0x02, 0x2D, 0xAD})  # PDFium reports a line-end hyphen as 0x02
SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


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
    # Heights of short horizontal rules (footnote separators).
    rules: list[float] = field(default_factory=list)
    chars: int = 0


@dataclass(slots=True)
class _Glyph:
    index: int  # PDFium's character index, to ask for its origin when needed
    char: str
    size: float


class _Origins:
    """Where glyphs stand (baseline origin, points): asked of PDFium only for the few glyphs that
    need it (a line's first, its baseline, small digits, either side of a line break), since each
    call costs several microseconds."""

    def __init__(self, textpage: pypdfium2.PdfTextPage) -> None:
        self._handle = textpage.raw
        self._x, self._y = ctypes.c_double(), ctypes.c_double()
        self._at = (ctypes.byref(self._x), ctypes.byref(self._y))

    def __call__(self, glyph: _Glyph) -> tuple[float, float]:
        pdfium_c.FPDFText_GetCharOrigin(self._handle, glyph.index, *self._at)
        return self._x.value, self._y.value


class TooMuchText(Exception):
    """The document has more characters than the reader was allowed."""


def read_pages(document: pypdfium2.PdfDocument, max_chars: int) -> Iterator[Page]:
    """The pages' lines; `TooMuchText` once the pages read so far hold more than `max_chars` characters."""
    chars = 0
    for index in range(len(document)):
        page = document[index]
        try:
            width, height = page.get_size()
            textpage = page.get_textpage()
            try:
                chars += textpage.count_chars()
                if chars > max_chars:
                    raise TooMuchText(chars)
                yield Page(width, height, _lines(textpage), _rules(page, width), textpage.count_chars())
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
    """Each character PDFium found (with the spaces it generated between words), or None at a line
    break; only a hyphen is asked whether it ends a line."""
    handle = textpage.raw
    unicode, font_size = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_GetFontSize
    for i in range(textpage.count_chars()):
        code = unicode(handle, i)
        if code in (10, 13):
            yield None
        elif code in HYPHEN_CODES and pdfium_c.FPDFText_IsHyphen(handle, i) == 1:
            yield _Glyph(i, LINE_END_HYPHEN, font_size(handle, i))
        elif code != 0:
            yield _Glyph(i, chr(code) if code < 0xD800 or code > 0xDFFF else "\ufffd", font_size(handle, i))


def _lines(textpage: pypdfium2.PdfTextPage) -> list[Line]:
    """PDFium's lines: a line ends at its line breaks and after a line-end hyphen, unless what follows
    a break goes on to the right as a superscript (PDFium breaks before a footnote mark set higher)."""
    origin = _Origins(textpage)
    lines: list[Line] = []
    current: list[_Glyph] = []
    pending = False  # a line break came before the next glyph

    def close() -> None:
        line = _line(current, origin)
        if line is not None:
            lines.append(line)
        current.clear()

    for glyph in _glyphs(textpage):
        if glyph is None:
            pending = bool(current)
            continue
        if pending and not _superscript_after(current, glyph, origin):
            close()
        pending = False
        current.append(glyph)
        if glyph.char == LINE_END_HYPHEN:
            close()
    close()
    return lines


def _superscript_after(line: list[_Glyph], glyph: _Glyph, origin: _Origins) -> bool:
    size = max(g.size for g in line)
    if glyph.size > 0.8 * size:
        return False
    (x, y), (last_x, _) = origin(glyph), origin(line[-1])
    rise = y - _baseline(line, size, origin)
    return x >= last_x and 0 < rise < 0.9 * size


def _baseline(glyphs: list[_Glyph], size: float, origin: _Origins) -> float:
    return origin(next(g for g in glyphs if g.size == size))[1]


def _line(glyphs: list[_Glyph], origin: _Origins) -> Line | None:
    printed = [g for g in glyphs if not g.char.isspace()]
    if not printed:
        return None
    sizes: dict[float, int] = {}
    for g in printed:
        sizes[g.size] = sizes.get(g.size, 0) + 1
    size = max(sizes, key=lambda s: (sizes[s], s))
    baseline = _baseline(printed, size, origin)
    parts = []
    for g in glyphs:
        char = LIGATURES.get(g.char, g.char)
        if char.isdigit() and g.size <= 0.8 * size and origin(g)[1] - baseline > 0.15 * size:
            char = char.translate(SUPERSCRIPT_DIGITS)  # a footnote mark: kept, but not as part of a word
        parts.append(char)
    text = "".join(parts).rstrip()
    hyphen = text.endswith((LINE_END_HYPHEN, SOFT_HYPHEN))
    text = (text[:-1] if hyphen else text).replace(LINE_END_HYPHEN, "-").replace(SOFT_HYPHEN, "")
    return Line(text, origin(printed[0])[0], baseline, size, hyphen)
