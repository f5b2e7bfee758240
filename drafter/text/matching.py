"""Matching square brackets as a reader does: by the stack inside a paragraph, by the structure across.

Real drafts are unbalanced, and a plain stack pairs a `[` left open in paragraph 12 with a `]` fifty
lines on, across headings, so the error is reported where the leftovers fall instead of where a reader
fixes it. The rules, in the order they apply (each is a test in tests/text/test_matching.py):

1. Inside a paragraph, brackets pair as a stack (a sentence is read left to right); so a draft whose
   brackets balance paragraph by paragraph is matched exactly as a stack matches it.
2. A bracket that spans paragraphs opens at a structure start and closes at a paragraph end. A
   *spanning* `[` stands at the start of its paragraph or heading (only its number, option label,
   other `[`, emphasis and space before it: `X. [Identifying ...`, `24. [[Decides`, `[Option 3:`) or
   ends it; a *spanning* `]` ends its paragraph (only `]`, punctuation and space after it) or starts
   it. Any other bracket is *inline*.
3. A `[` and a `]` in different paragraphs pair when they are in the same *block* (a paragraph with
   its sub-paragraphs and the unnumbered paragraphs that continue it, as a chapeau's items or after a
   page break; a heading, an option label on its own line, a numbered or preambular paragraph starts a
   new block; footnotes and page headers are blocks of their own), or when both are spanning.
   An inline `[` whose block has ended is left unclosed: the error stays in its paragraph.
4. A closing `]` takes the innermost open `[` that rule 3 allows, the `[`s above it that can no longer
   close being left unclosed; a `]` that no open `[` may take is stray.
5. Last, a spanning `[` left unclosed takes the first stray `]` after it that nesting allows (a section
   bracket whose `]` ends mid-paragraph), as the stack would have.

"Plausible" is these rules; in cost terms: an unmatched bracket costs 1, a pair of an inline bracket
across its block costs more than two unmatched ones (so it is never chosen), a pair inside a block or
between spanning brackets costs nothing. A pair that still crosses a paragraph end, a heading or an
option label although its `[` is inline is a warning naming both ends.

Time is linear in the number of brackets and paragraphs (each `[` is pushed and popped once per rule);
memory beyond the output is bounded by the nesting depth (the open `[`s of the stack): brackets nested
100,000 deep need one stack entry each and no more.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from drafter.text.kinds import ParagraphKind

if TYPE_CHECKING:
    from drafter.text.model import Paragraph

FURNITURE = frozenset({ParagraphKind.PAGE_HEADER, ParagraphKind.FOOTNOTE})
BLOCK_STARTERS = frozenset(
    {
        ParagraphKind.HEADING,
        ParagraphKind.OPTION,
        ParagraphKind.PREAMBULAR,
        ParagraphKind.NOTE,
        ParagraphKind.FRONT_MATTER,
        ParagraphKind.LINK_DEFINITION,
    }
)
AFTER_WHICH_A_BLOCK_STARTS = frozenset(
    {ParagraphKind.HEADING, ParagraphKind.NOTE, ParagraphKind.FRONT_MATTER}
)
# What may stand before a spanning "[" at the start of its paragraph: space, brackets, emphasis, a
# paragraph number or heading label (the grammar's heads), "Pp1", Markdown heading marks.
LEADING_LABEL = re.compile(
    r"[ \t\u00a0\[\]*_#>]*"
    r"(?:(?:Chapter|Article)[ \t]+\w+|Pp\.?[ \t]?\d+\w*\.?|\d{1,3}(?:\.\d{1,3})*[ \t]?[a-z]*\.?"
    r"|\([a-z]{1,4}(?:[ \t]?[a-z]+)?\)|[A-Z]\.|[IVXLC]{1,6}\.|[a-z](?:[ \t]?[a-z]+)?\.)?"
    r"[ \t\u00a0\[\]*_]*"
)
START_CHARS = frozenset(" \t\u00a0\r\n\f[]*_")
END_CHARS = frozenset(" \t\u00a0\r\n\f].,;:*)}\"'’”")
CLAUSE_END_CHARS = ".;:"


@dataclass(slots=True)
class Matching:
    """What the matcher found: pairs (start of "[", end after "]"), unmatched brackets, and the pairs
    that cross structure although their "[" is inline (start, end, what they cross)."""

    pairs: list[tuple[int, int]] = field(default_factory=list)
    unclosed: list[int] = field(default_factory=list)
    inline_unclosed: list[int] = field(default_factory=list)  # the unclosed that opened mid-paragraph
    stray: list[int] = field(default_factory=list)
    crossing: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass(slots=True)
class _Paragraphs:
    """Per paragraph: its block, where its leading labels end, where its trailing closers begin."""

    starts: list[int]
    ends: list[int]
    block: list[int]
    block_end: list[int]  # per block: the end of its last paragraph
    reader_paragraph: list[int]  # the first part of a paragraph broken by a page
    headings_before: list[int]  # headings among the paragraphs before each one


def starts_block(text: str, previous: Paragraph | None, paragraph: Paragraph) -> bool:
    """Whether `paragraph` starts a new block, given the body paragraph before it (rule 3)."""
    if previous is None or paragraph.kind in BLOCK_STARTERS or previous.kind in AFTER_WHICH_A_BLOCK_STARTS:
        return True
    if paragraph.kind is ParagraphKind.OPERATIVE:
        # "16.1" belongs to 16; "17." starts its own block.
        return paragraph.number is None or "." not in paragraph.number.rstrip(". \t\u00a0")
    if paragraph.kind is ParagraphKind.SUBPARAGRAPH:
        return False
    # An unnumbered paragraph continues one that does not end a sentence (a chapeau ":", a list item
    # ";", a paragraph broken by a page); after a finished sentence it starts its own.
    return _last_char(text, previous) == "."


def continues_paragraph(
    text: str, previous: Paragraph, paragraph: Paragraph, furniture_between: bool
) -> bool:
    """Whether `paragraph` is the rest of `previous`, broken by a page (its header or footnotes)."""
    return (
        furniture_between
        and paragraph.kind is ParagraphKind.TEXT
        and _last_char(text, previous) not in CLAUSE_END_CHARS
    )


def _last_char(text: str, paragraph: Paragraph) -> str:
    end = paragraph.end
    while end > paragraph.start and text[end - 1] in " \t\u00a0\r\n\f]*_)\"'’”":
        end -= 1
    return text[end - 1] if end > paragraph.start else ""


def _structure(text: str, paragraphs: Sequence[Paragraph]) -> _Paragraphs:
    block: list[int] = []
    block_end: list[int] = []
    reader: list[int] = []
    headings: list[int] = []
    previous: Paragraph | None = None
    previous_index = -1
    furniture_between = False
    heading_count = 0
    for i, paragraph in enumerate(paragraphs):
        headings.append(heading_count)
        if paragraph.kind is ParagraphKind.HEADING:
            heading_count += 1
        if paragraph.kind in FURNITURE:
            block.append(len(block_end))
            block_end.append(paragraph.end)
            reader.append(i)
            furniture_between = True
            continue
        if starts_block(text, previous, paragraph):
            block.append(len(block_end))
            block_end.append(paragraph.end)
        else:
            block.append(block[previous_index])
            block_end[block[previous_index]] = paragraph.end
        if previous is not None and continues_paragraph(text, previous, paragraph, furniture_between):
            reader.append(reader[previous_index])
        else:
            reader.append(i)
        previous, previous_index, furniture_between = paragraph, i, False
    return _Paragraphs(
        starts=[p.start for p in paragraphs],
        ends=[p.end for p in paragraphs],
        block=block,
        block_end=block_end,
        reader_paragraph=reader,
        headings_before=headings,
    )


def match_brackets(
    text: str, marks: Sequence[int], paragraphs: Sequence[Paragraph], labels: Sequence[tuple[int, int]]
) -> Matching:
    """Pairs the brackets of `text`. `marks`: every "[" and "]" in order, a "[" at offset p as p and a
    "]" as -(p + 1); `labels`: the spans of the option labels, in order."""
    structure = _structure(text, paragraphs)
    spans = _Spans(text, paragraphs, {start: end for start, end in labels})
    result = Matching()
    para_of: list[int] = []  # per mark: its paragraph (-1 outside every paragraph)
    spanning: list[bool] = []
    partner: list[int] = [-1] * len(marks)  # per mark: the mark it pairs with
    stack: list[int] = []  # open "[" marks
    starts, block, block_end = structure.starts, structure.block, structure.block_end
    for index, mark in enumerate(marks):
        offset = mark if mark >= 0 else -mark - 1
        p = bisect.bisect_right(starts, offset) - 1
        para_of.append(p)
        is_spanning = spans.spanning(p, offset, opening=mark >= 0)
        spanning.append(is_spanning)
        if mark >= 0:
            stack.append(index)
            continue
        # Rule 3: an inline "[" (in a paragraph, since it is not spanning) whose block ended before this
        # "]" can no longer close.
        while stack and not spanning[stack[-1]] and offset > block_end[block[para_of[stack[-1]]]]:
            stack.pop()
        if stack:
            top = stack[-1]
            top_p = para_of[top]
            same_block = top_p == p or (top_p >= 0 and p >= 0 and block[top_p] == block[p])
            if same_block or (spanning[top] and is_spanning):
                stack.pop()
                partner[top], partner[index] = index, top
    _fall_back(marks, spanning, partner)
    _collect(marks, partner, spanning, para_of, structure, [start for start, _ in labels], text, result)
    return result


def _fall_back(marks: Sequence[int], spanning: Sequence[bool], partner: list[int]) -> None:
    """Rule 5: an unclosed spanning "[" takes the first stray "]" after it that nesting allows."""
    stack: list[int] = []  # open "[" marks: paired ones, and unclosed spanning ones
    for index, mark in enumerate(marks):
        if mark >= 0:
            if partner[index] >= 0 or spanning[index]:
                stack.append(index)
            continue
        if partner[index] >= 0:
            while stack and stack[-1] != partner[index]:
                stack.pop()  # unclosed inside this pair: they cannot close past its "]"
            if stack:
                stack.pop()
        elif stack and partner[stack[-1]] < 0:
            top = stack.pop()
            partner[top], partner[index] = index, top


def _collect(
    marks: Sequence[int],
    partner: Sequence[int],
    spanning: Sequence[bool],
    para_of: Sequence[int],
    structure: _Paragraphs,
    labels: Sequence[int],
    text: str,
    result: Matching,
) -> None:
    for index, mark in enumerate(marks):
        if mark < 0:
            if partner[index] < 0:
                result.stray.append(-mark - 1)
            continue
        other = partner[index]
        if other < 0:
            result.unclosed.append(mark)
            if not spanning[index]:
                result.inline_unclosed.append(mark)
            continue
        end = -marks[other]  # just after the "]"
        result.pairs.append((mark, end))
        if not spanning[index]:
            crossed = _crossed(structure, para_of[index], para_of[other], labels, mark, end, text)
            if crossed:
                result.crossing.append((mark, end, crossed))


def _crossed(
    structure: _Paragraphs, first: int, last: int, labels: Sequence[int], start: int, end: int, text: str
) -> str:
    """What a pair opened mid-paragraph reaches over: a heading, an option label, a paragraph end."""
    if first >= 0 and last >= 0 and structure.headings_before[last] > structure.headings_before[first]:
        return "a heading"
    inner = start + 1
    while inner < end and text[inner] in " \t\u00a0*":
        inner += 1  # a label right after the "[" is the bracket's own: "[Option 2: ...]"
    i = bisect.bisect_right(labels, inner)
    if i < len(labels) and labels[i] < end - 1:
        return "an option label"
    if first >= 0 and last >= 0 and structure.reader_paragraph[first] != structure.reader_paragraph[last]:
        return "the end of its paragraph"
    return ""


class _Spans:
    """Where each paragraph's leading labels end and its trailing closers begin, found once per
    paragraph as the marks reach it (so the whole matcher stays linear)."""

    def __init__(self, text: str, paragraphs: Sequence[Paragraph], labels: dict[int, int]) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self.labels = labels  # option label spans, start -> end: "Option 3: [text" opens at the start
        self.current = -2
        self.head_end = 0  # the prefix [start, head_end) of the paragraph is labels and space
        self.frontier = 0  # checked so far: only start characters up to here
        self.at_start = True
        self.tail_start = 0  # from here to the paragraph's end: only closers, punctuation, space
        self.last_content = 0

    def _enter(self, p: int) -> None:
        self.current = p
        paragraph = self.paragraphs[p]
        text, start, end = self.text, paragraph.start, paragraph.end
        match = LEADING_LABEL.match(text, start, min(end, start + 80))
        self.head_end = self.frontier = match.end() if match else start
        self.at_start = True
        tail = end
        while tail > start and text[tail - 1] in END_CHARS:
            tail -= 1
        self.tail_start = tail
        last = end
        while last > start and text[last - 1] in " \t\u00a0\r\n\f":
            last -= 1
        self.last_content = last - 1

    def spanning(self, p: int, offset: int, *, opening: bool) -> bool:
        if p < 0:
            return True  # before the first paragraph: nothing to cross
        if p != self.current:
            self._enter(p)
        if self._only_start_characters_before(offset):
            return True
        if opening:
            return offset >= self.last_content
        return offset >= self.tail_start

    def _only_start_characters_before(self, offset: int) -> bool:
        if not self.at_start:
            return False
        text = self.text
        while self.frontier < offset:
            if text[self.frontier] in START_CHARS:
                self.frontier += 1
            elif self.frontier in self.labels:
                self.frontier = self.labels[self.frontier]
            else:
                self.at_start = False
                return False
        return True
