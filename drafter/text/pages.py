"""PDF page furniture: running page headers and page numbers, and footnotes at the foot of a page.

Text extracted from PDF carries them between the paragraphs; they belong to the page, not to the
text, so they are paragraphs of their own kinds (a paragraph broken by a page goes on after them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from drafter.text.lines import LineTable
from drafter.text.scan import Line

LONE_NUMBER = re.compile(r"\s*\d{1,3}\s*")  # a footnote number on a line of its own
PAGE_NUMBER = re.compile(r"\s*(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?\s*", re.IGNORECASE)
PAGE_TOP_LINES = 8  # the lines of a page where running headers are looked for
SEPARATOR_WIDTH = 20  # a blank line this wide opens the footnotes at the foot of a PDF page


def header_lines(lines: list[Line], page_breaks: list[int]) -> set[int]:
    """Running headers and page numbers: the lines that open each page and recur across pages."""
    if not page_breaks:
        return set()
    page_firsts = [i for i in range(len(lines)) if i == 0 or lines[i - 1].break_value == "\f"]
    ends = [*page_firsts[1:], len(lines)]
    return _running_headers(
        [
            [(ln.index, ln.text) for ln in lines[i : min(i + PAGE_TOP_LINES, end)]]
            for i, end in zip(page_firsts, ends, strict=True)
        ]
    )


def page_header_lines(text: str, table: LineTable, page_breaks: Iterable[int]) -> set[int]:
    """What `build_draft` finds as running headers (line indexes), from the first lines of each page only."""
    tokens, starts = table.tokens, table.starts
    page_firsts = [0] + [table.line_index(offset) + 1 for offset in page_breaks]
    if len(page_firsts) == 1:
        return set()

    def line_text(i: int) -> str:
        line = tokens[i]
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        return text[starts[i] : end - len(line[-1][1]) if line and line[-1][0] == "EOL" else end]

    ends = [*page_firsts[1:], len(starts)]
    return _running_headers(
        [
            [(j, line_text(j)) for j in range(i, min(i + PAGE_TOP_LINES, end, len(starts)))]
            for i, end in zip(page_firsts, ends, strict=True)
            if i < len(starts)
        ]
    )


def _running_headers(pages: list[list[tuple[int, str]]]) -> set[int]:
    """`pages`: the first eight lines (index, text) of each page (no further than the page's end); a
    header recurs on half the pages.

    Half, not two: a body line that happens to open two pages of six ("Option 1:") is text, while a
    running header stands on every page (or every other one, where odd and even pages differ)."""
    blocks = [[(index, line) for index, line in page if line.strip()][:6] for page in pages]
    seen: dict[str, int] = {}
    for block in blocks:
        for key in {re.sub(r"\d+", "#", line.strip()) for _, line in block}:
            seen[key] = seen.get(key, 0) + 1
    recurring = max(2, (len(blocks) + 1) // 2)
    headers: set[int] = set()
    for block in blocks:
        for index, line in block:
            key = re.sub(r"\d+", "#", line.strip())
            if seen.get(key, 0) >= recurring or PAGE_NUMBER.fullmatch(line):
                headers.add(index)
            else:
                break
    return headers


def footnote_lines(lines: list[Line], header_lines: set[int]) -> set[int]:
    """PDF footnotes: from a long blank separator line to the end of its page."""
    footnotes: set[int] = set()
    in_footnotes = False
    for line in lines:
        if line.index in header_lines:
            in_footnotes = False
            continue
        if in_footnotes:
            footnotes.add(line.index)
        elif is_separator(line.text):
            in_footnotes = True
        if line.break_value == "\f":
            in_footnotes = False
    return footnotes


def is_separator(line_text: str) -> bool:
    """A long blank line: the rule above a page's footnotes."""
    return len(line_text) >= SEPARATOR_WIDTH and not line_text.strip()
