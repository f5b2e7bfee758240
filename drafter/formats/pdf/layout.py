"""From a PDF's lines with their places to the text drafter works on: page furniture found by position.

- **Running headers and footers**: lines in the top or bottom eighth of a page whose text (digits
  aside) recurs at about the same height on at least half of the other pages, and page numbers ("3",
  "Page 3 of 20") there on any page.
- **Footnotes**: the lines under a footnote rule (a short horizontal line in the lower half of the
  page, under the body text); without a rule, the lines at the foot of a page set smaller than the
  body text and starting with a number or an asterisk.
- **Hyphenation**: a word broken at a line end is joined on the first line. The hyphen goes when the
  document uses the joined word elsewhere and not the hyphenated one; otherwise it stays (UN texts
  break lines at the hyphens of "pre-industrial", and PDFium reports soft and hard hyphens alike).

Each page is written in the shape the text model reads page furniture in (drafter.text.pages): the
running headers and page numbers first, then the body, then a blank separator line and the footnotes;
pages are separated by form feeds.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from drafter.formats.pdf.extract import Line, Page
from drafter.text.pages import PAGE_NUMBER, SEPARATOR_WIDTH

MARGIN_BAND = 0.125  # of the page's height: where running headers and footers stand
SAME_PLACE = 4.0  # points: a recurring line stands this close to where it stood on other pages
FOOTNOTE_SIZE = 0.9  # of the body's font size: footnotes are set smaller than this
FOOTNOTE_START = re.compile(r"\s*(?:[\d⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}|\*{1,3})")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
FRAGMENT = re.compile(r"[^\W\d_]+")
LAST_FRAGMENT = re.compile(r"[^\W\d_]+$")


@dataclass(slots=True)
class PageText:
    furniture: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    footnotes: list[Line] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Layout:
    text: str
    pages: int
    furniture: int  # lines: running headers, footers, page numbers
    footnotes: int  # lines
    joined: int  # words broken at a line end and joined


def lay_out(pages: list[Page]) -> Layout:
    furniture = _furniture(pages)
    body_size = _body_size(pages, furniture)
    laid = [_split(page, furniture[k], body_size) for k, page in enumerate(pages)]
    vocabulary = _vocabulary(laid)
    joined = _join_hyphenated([line for page in laid for line in page.body], vocabulary)
    joined += sum(_join_hyphenated(page.footnotes, vocabulary) for page in laid)
    text = "\f".join(_page_text(page) for page in laid)
    return Layout(
        text,
        len(pages),
        sum(len(page.furniture) for page in laid),
        sum(len(page.footnotes) for page in laid),
        joined,
    )


def _body_size(pages: list[Page], furniture: list[set[int]]) -> float:
    """The font size most of the text is set in, page furniture aside."""
    sizes: Counter[float] = Counter()
    for page, marked in zip(pages, furniture, strict=True):
        for i, line in enumerate(page.lines):
            if i not in marked:
                sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _in_margin(line: Line, page: Page) -> bool:
    band = MARGIN_BAND * page.height
    return line.y > page.height - band or line.y < band


def _furniture(pages: list[Page]) -> list[set[int]]:
    """For each page, the indexes of its lines that are running headers, footers or page numbers."""
    places: dict[str, list[tuple[int, float]]] = {}
    for k, page in enumerate(pages):
        for line in page.lines:
            if _in_margin(line, page):
                places.setdefault(_key(line.text), []).append((k, line.y))
    needed = max(1, (len(pages) - 1) // 2)  # a running header is on most pages, not two by chance
    found: list[set[int]] = []
    for k, page in enumerate(pages):
        marked = set()
        for i, line in enumerate(page.lines):
            if not _in_margin(line, page):
                continue
            elsewhere = {
                other for other, y in places[_key(line.text)] if other != k and abs(y - line.y) <= SAME_PLACE
            }
            if len(elsewhere) >= needed or PAGE_NUMBER.fullmatch(line.text):
                marked.add(i)
        found.append(marked)
    return found


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()))


def _split(page: Page, furniture: set[int], body_size: float) -> PageText:
    laid = PageText()
    rest: list[Line] = []
    for i, line in enumerate(page.lines):
        (laid.furniture if i in furniture else rest).append(line)
    laid.furniture.sort(key=lambda line: -line.y)  # headers first, then footers, top to bottom
    rule = _footnote_rule(page, rest)
    if rule is not None:
        laid.body = [line for line in rest if line.y > rule]
        laid.footnotes = [line for line in rest if line.y <= rule]
        return laid
    foot = len(rest)
    while foot > 0 and rest[foot - 1].size < FOOTNOTE_SIZE * body_size:
        foot -= 1
    while foot < len(rest) and not FOOTNOTE_START.match(rest[foot].text):
        foot += 1  # footnotes start with their number
    laid.body, laid.footnotes = rest[:foot], rest[foot:]
    return laid


def _footnote_rule(page: Page, lines: list[Line]) -> float | None:
    """The highest rule in the lower half of the page that has text under it and body text above it."""
    candidates = [
        y
        for y in page.rules
        if y < page.height / 2 and any(line.y < y for line in lines) and any(line.y > y for line in lines)
    ]
    return max(candidates, default=None)


def _vocabulary(pages: list[PageText]) -> set[str]:
    """Every word the document uses (hyphenated compounds as one word), lower-cased."""
    words: set[str] = set()
    for page in pages:
        for line in page.body + page.footnotes:
            words.update(word.lower() for word in WORD.findall(line.text))
    return words


def _join_hyphenated(lines: list[Line], vocabulary: set[str]) -> int:
    """Joins words broken at line ends onto their first line; the count of words joined."""
    joined = 0
    for line, following in itertools.pairwise(lines):
        if not line.hyphen:
            continue
        line.hyphen = False
        head, tail = LAST_FRAGMENT.search(line.text), FRAGMENT.match(following.text)
        if head is None or tail is None or not tail.group()[0].islower():
            line.text += "-"  # a dash before a number or a capital stays where it was
            continue
        whole, compound = (head.group() + tail.group()).lower(), f"{head.group()}-{tail.group()}".lower()
        drop = whole in vocabulary and compound not in vocabulary
        end = following.text.find(" ", tail.end())
        end = len(following.text) if end < 0 else end  # the punctuation after the word comes up too
        line.text += ("" if drop else "-") + following.text[:end]
        following.text = following.text[end:].lstrip()
        joined += 1
    if lines and lines[-1].hyphen:
        lines[-1].text += "-"
        lines[-1].hyphen = False
    return joined


def _page_text(page: PageText) -> str:
    lines = [line.text for line in page.furniture + page.body if line.text]
    if page.footnotes:
        lines.append(" " * SEPARATOR_WIDTH)
        lines.extend(line.text for line in page.footnotes if line.text)
    return "".join(line + "\n" for line in lines)
