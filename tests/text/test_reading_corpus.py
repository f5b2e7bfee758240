"""The real corpus read as a negotiator reads it (issue 10): brackets opened mid-paragraph do not run over
headings, option groups stay inside their section, every option label at a line start is in a group.

The checks are written independently of the matcher's own rules: a "[" opens mid-paragraph when a word
stands before it in its paragraph (other than a number or an option label)."""

from __future__ import annotations

import bisect
import re
from pathlib import Path

import pytest

import drafter
from drafter.text.model import Draft, ParagraphKind
from tests.conftest import corpus_files

WORD_BEFORE = re.compile(r"(?<![\w.])(?!Option\b|Article\b|Chapter\b|Pp\d)[A-Za-z]{3,}")
OPTION_AT_LINE_START = re.compile(
    r"^[ \t\u00a0\[*]*(Option[ \t\u00a0]+(?:\d+|[IVX]+|\([a-z]{1,3}\)|[A-Z])\b)(?=[^\n]*?(?::|\{|$))",
    re.MULTILINE,
)


def corpus_texts() -> list[Path]:
    return [p for p in corpus_files() if p.suffix in (".txt", ".md") and p.name != "SOURCES.md"]


def headings(draft: Draft) -> list[int]:
    return [p.start for p in draft.paragraphs if p.kind is ParagraphKind.HEADING]


def opens_mid_paragraph(draft: Draft, offset: int) -> bool:
    starts = [p.start for p in draft.paragraphs]
    paragraph = draft.paragraphs[bisect.bisect_right(starts, offset) - 1]
    before = draft.text[paragraph.start : offset]
    before = re.sub(r"Option[ \t]+\S+?:|\{[^}]*\}", " ", before)
    return WORD_BEFORE.search(before) is not None


@pytest.mark.parametrize("path", corpus_texts(), ids=lambda p: p.name)
def test_no_bracket_opened_mid_paragraph_crosses_a_heading(path: Path) -> None:
    draft = drafter.load(path)
    heading_starts = headings(draft)
    for bracket in draft.brackets:
        i = bisect.bisect_right(heading_starts, bracket.start)
        crosses = i < len(heading_starts) and heading_starts[i] < bracket.end
        assert not (crosses and opens_mid_paragraph(draft, bracket.start)), draft.line_column(bracket.start)


@pytest.mark.parametrize("path", corpus_texts(), ids=lambda p: p.name)
def test_no_option_group_spans_a_heading(path: Path) -> None:
    draft = drafter.load(path)
    heading_starts = headings(draft)
    for group in draft.option_groups:
        i = bisect.bisect_right(heading_starts, group.start)
        assert i == len(heading_starts) or heading_starts[i] >= group.end, draft.line_column(group.start)


@pytest.mark.parametrize("path", corpus_texts(), ids=lambda p: p.name)
def test_every_option_label_at_a_line_start_is_in_a_group(path: Path) -> None:
    draft = drafter.load(path)
    grouped = {option.start for group in draft.option_groups for option in group.options}
    for match in OPTION_AT_LINE_START.finditer(draft.text):
        assert match.start(1) in grouped, (draft.line_column(match.start(1)), match.group(1))
