"""Rebuilding only a window of a draft's model after an edit, and moving the rest.

A resolution changes a few lines; rebuilding the model of a 300 KB draft costs far more than a
key may take. So when the edited lines sit in a window of whole paragraphs that no note, option
group or bracket crosses (brackets may enclose it whole), only the window is built and spliced in
(`drafter.incremental.splice`): the model before it is kept and the model after it is moved by the length
difference. `tests/incremental/test_edit.py` compares both ways with a full parse on every corpus text.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass

from drafter.incremental.offsets import Edit, Span, carried_ids, moved_spans
from drafter.incremental.splice import splice, start_of
from drafter.text.build import WindowContext, build_draft
from drafter.text.error_labels import MAX_LABELLED_ERRORS
from drafter.text.lines import LineTable, LineTokens
from drafter.text.matching import starts_block
from drafter.text.model import (
    Bracket,
    DiagnosticKind,
    Draft,
    MarkerKind,
    MarkupKind,
    ParagraphKind,
    SourceFormat,
)
from drafter.text.options import group_options
from drafter.text.pages import PAGE_TOP_LINES, is_separator, page_header_lines
from drafter.text.paragraphs import starts_paragraph_alone
from drafter.text.scan import HEADING_TYPES


@dataclass(frozen=True, slots=True)
class Region:
    """The part of the text an edit rebuilt: [old_start, old_end) before it, [new_start, new_end) after."""

    old_start: int
    old_end: int
    new_start: int
    new_end: int


# What reaches across the window's ends: an unclosed "[" or "{" before it, or brackets enclosing it,
# would take a stray closer in it, so the window must then be balanced before and after the edits.
# Running headers recur across all pages: the window's build is given them, found again when the edits
# touch a page's first lines or its page breaks, and those outside must come out the same. Footnotes
# run from a separator line to the end of the page: the window starts outside them and any it opens end
# in it. Markdown link labels are defined anywhere: the window's own must stay as they were. Option
# labels group across the whole draft: when the window holds some, all are grouped anew to check.

WINDOW_SEARCH_LINES = 2000  # a bracket or option group can span pages
PAGE_FURNITURE = (ParagraphKind.PAGE_HEADER, ParagraphKind.FOOTNOTE)


def build_window(
    draft: Draft, text: str, table: LineTable, edits: Sequence[Edit], forced: Mapping[Span, str]
) -> tuple[Draft, list[Span | None], Region] | None:
    """The new model by rebuilding a window; also where the window's old brackets went, and the window."""
    window = window_for(draft, edits)
    if window is None:
        return None
    old = draft.lines
    first, last, enclosing = window.first, window.last, window.enclosing
    delta = sum(e.delta for e in edits)
    line_delta = len(table.starts) - len(old.starts)
    start = old.starts[first]
    old_end = old.starts[last] if last < len(old.starts) else len(draft.text)
    end = old_end + delta
    new_last = last + line_delta
    tokens = table.tokens[first:new_last]
    sub_table = LineTable(tokens, tuple(s - start for s in table.starts[first:new_last]))
    inside_old = slice(
        bisect.bisect_left(draft.brackets, start, key=start_of),
        bisect.bisect_left(draft.brackets, old_end, key=start_of),
    )
    window_brackets = draft.brackets[inside_old]
    moved = moved_spans(((b.start, b.end) for b in window_brackets), edits)
    inside = carried_ids(window_brackets, moved, forced)
    carried = {(s - start, e - start): i for (s, e), i in inside.items()}
    # Every id the rest of the draft keeps, so a fresh id collides (and gets its "-2") as in a full build.
    taken = _IdsOutside(draft.bracket_by_id, {b.id for b in window_brackets})
    markdown = draft.source_format is SourceFormat.MARKDOWN
    old_labels, outside_labels = _link_labels(draft, start, old_end) if markdown else (set(), set())
    headers = None
    if not markdown:
        headers = _window_headers(draft, text, table, edits, first, last, line_delta)
        if headers is None or _footnotes_run_past(tokens):
            return None
    part = build_draft(
        text[start:end],
        sub_table,
        draft.source_format,
        carried,
        WindowContext(outside_labels, headers, taken),
    )
    if markdown and _link_labels(part, 0, len(part.text))[0] != old_labels:
        return None
    if not _balance_kept(draft, part, start, old_end, bool(enclosing)):
        return None
    if enclosing and _warned(draft, enclosing):
        return None  # what such a pair reaches over is the warning's, and may change with the window
    spliced = splice(draft, part, text, table, start, old_end, delta, first, line_delta, enclosing)
    if _block_pattern(draft, start, old_end) != _block_pattern(spliced, start, end):
        return None  # brackets pair across blocks: the blocks around the window must stay as they were
    regroup = _labels(old.tokens[first:last]) or _labels(tokens) or _group_ends_before(draft, start)
    if draft.option_labels and (_headings(old.tokens[first:last]) or _headings(tokens)):
        regroup = True  # a heading decides the sections of the labels after it, and ends their groups
    if regroup and not _options_regrouped(spliced):
        return None
    return spliced, moved, Region(start, old_end, start, end)


class _IdsOutside(Collection[str]):
    """The ids of a draft's brackets but those of the window, without copying them."""

    def __init__(self, ids: Mapping[str, Bracket], window: set[str]) -> None:
        self._ids = ids
        self._window = window

    def __contains__(self, item: object) -> bool:
        return item in self._ids and item not in self._window

    def __iter__(self) -> Iterator[str]:
        return (i for i in self._ids if i not in self._window)

    def __len__(self) -> int:
        return len(self._ids) - len(self._window)


@dataclass(frozen=True, slots=True)
class Window:
    """Lines [first, last) of the old text, inside the brackets `enclosing` (outermost first)."""

    first: int
    last: int
    enclosing: tuple[Bracket, ...]


def window_for(draft: Draft, edits: Sequence[Edit]) -> Window | None:
    """Paragraph boundaries around `edits` that no note or option group crosses, nor a bracket unless it
    encloses the whole window (a bracketed article or section holds most of a draft's edits)."""
    if not edits:
        return None
    old = draft.lines
    first_edited = old.line_index(edits[0].start)
    last_edited = old.line_index(edits[-1].end)
    # Brackets around the edits, whose "[" and "]" they leave alone, may enclose the window.
    lo, hi = edits[0].start, edits[-1].end
    around = {b.id for b in _brackets_around(draft, lo) if b.start < lo and hi < b.end}
    while True:
        crossed = _crossing(draft, around)
        first = next(
            (
                i
                for i in range(first_edited - 1, max(-1, first_edited - WINDOW_SEARCH_LINES), -1)
                if not crossed(old.starts[i]) and _opens_window(draft, i)
            ),
            None,
        )
        last = next(
            (
                j
                for j in range(last_edited + 1, min(len(old.starts), last_edited + WINDOW_SEARCH_LINES))
                if not crossed(old.starts[j]) and _closes_window(draft, j)
            ),
            None,
        )
        if first is None or last is None:
            return None
        at_first = _brackets_around(draft, old.starts[first])
        at_last = _brackets_around(draft, old.starts[last])
        if at_first == at_last:
            break
        # A bracket that reaches over one end of the window only must lie in it or outside it.
        around -= {b.id for b in at_first} ^ {b.id for b in at_last}
    if draft.source_format is SourceFormat.MARKDOWN:
        front = old.front_matter_lines()
        if first < front or (front == 0 and draft.text.startswith("---")):
            return None  # front matter is lexed as a whole (see `drafter.incremental.edit`)
    if _footnotes_open_at(draft, first) or _footnotes_run_past(old.tokens[first:last]):
        return None
    return Window(first, last, tuple(reversed(at_first)))


def _brackets_around(draft: Draft, offset: int) -> list[Bracket]:
    """The brackets that reach over `offset` (start before it, end after it), innermost first."""
    brackets, by_id = draft.brackets, draft.bracket_by_id
    i = bisect.bisect_left(brackets, offset, key=start_of) - 1
    found = []
    bracket = brackets[i] if i >= 0 else None
    while bracket is not None:
        if bracket.end > offset:
            found.append(bracket)
        bracket = by_id[bracket.parent] if bracket.parent is not None else None
    return found


def _crossing(draft: Draft, enclosing: set[str]) -> Callable[[int], bool]:
    """Whether a bracket (but those in `enclosing`), note or option group reaches over an offset."""
    spans = list(
        heapq.merge(((n.start, n.end) for n in draft.notes), ((g.start, g.end) for g in draft.option_groups))
    )
    span_starts = [start for start, _ in spans]
    reach = list(itertools.accumulate((end for _, end in spans), max))  # the furthest end so far

    def crossed(offset: int) -> bool:
        if any(b.id not in enclosing for b in _brackets_around(draft, offset)):
            return True
        j = bisect.bisect_left(span_starts, offset) - 1
        return j >= 0 and reach[j] > offset

    return crossed


def _footnotes_open_at(draft: Draft, first: int) -> bool:
    """Whether the footnotes of a page are open at line `first`: a separator line before it on its page,
    and no running header since. Looks back to the last paragraph on the page (a footnote if they are
    open) and over the lines since."""
    old = draft.lines
    start = old.starts[first]
    paragraphs = draft.paragraphs
    i = bisect.bisect_left(paragraphs, start, key=start_of)
    scan_from = _page_first_line(draft, start)
    if i > 0 and paragraphs[i - 1].end > old.starts[scan_from]:
        if paragraphs[i - 1].kind is ParagraphKind.FOOTNOTE:
            return True
        scan_from = old.line_index(paragraphs[i - 1].end) + 1  # not in footnotes there (a header closes them)
    if first - scan_from > WINDOW_SEARCH_LINES:
        return True  # not worth the search
    j = bisect.bisect_left(draft.markers, old.starts[scan_from], key=start_of)
    for marker in itertools.islice(draft.markers, j, None):
        if marker.start >= start:
            break
        if marker.kind is MarkerKind.FOOTNOTE_DEFINITION:
            return True
    return any(_is_separator(old.tokens[k]) for k in range(scan_from, first + 1))


def _footnotes_run_past(lines: Sequence[LineTokens]) -> bool:
    """Whether footnotes opened in `lines` (the window) run on past them: no page break after the last
    separator. (A running header also closes them, but only a page break is sure to bring one.)"""
    for line in reversed(lines):
        if line and line[-1] == ("EOL", "\f"):
            return False
        if _is_separator(line):
            return True
    return False


def _page_first_line(draft: Draft, offset: int) -> int:
    i = bisect.bisect_left(draft.page_breaks, offset) - 1
    return draft.lines.line_index(draft.page_breaks[i]) + 1 if i >= 0 else 0


def _is_separator(line: LineTokens) -> bool:
    return is_separator("".join(v for kind, v in line if kind != "EOL"))


def _window_headers(
    draft: Draft, text: str, table: LineTable, edits: Sequence[Edit], first: int, last: int, line_delta: int
) -> list[int] | None:
    """The running headers in the window (line indexes from its first line) after the edits, or None if
    headers outside it change: only edits among a page's first lines, or to page breaks, can do that."""
    new_last = last + line_delta
    page_breaks = [i for i in range(first, new_last) if table.tokens[i][-1:] == (("EOL", "\f"),)]
    if not draft.page_breaks and not page_breaks:
        return []
    old_headers = [p.line - 1 for p in draft.paragraphs if p.kind is ParagraphKind.PAGE_HEADER]
    old_page_breaks = [i for i in range(first, last) if draft.lines.tokens[i][-1:] == (("EOL", "\f"),)]
    page_first = _page_first_line(draft, draft.lines.starts[first])
    touches_page_top = draft.lines.line_index(edits[0].start) < page_first + PAGE_TOP_LINES
    if not touches_page_top and not page_breaks and not old_page_breaks:
        # No page starts in the window and its page's first lines are not edited: the headers stand.
        return [line - first for line in old_headers if first <= line < last]
    delta = sum(e.delta for e in edits)
    start, old_end = (
        draft.lines.starts[first],
        draft.lines.starts[last] if last < len(draft.lines.starts) else len(draft.text),
    )
    offsets = [
        *[o for o in draft.page_breaks if o < start],
        *[_line_end(table, i, text) for i in page_breaks],
        *[o + delta for o in draft.page_breaks if o >= old_end],
    ]
    headers = page_header_lines(text, table, offsets)
    outside = {
        line if line < first else line + line_delta for line in old_headers if not first <= line < last
    }
    if {line for line in headers if not first <= line < new_last} != outside:
        return None
    return [line - first for line in headers if first <= line < new_last]


def _line_end(table: LineTable, index: int, text: str) -> int:
    """Offset of line `index`'s line break."""
    end = table.starts[index + 1] if index + 1 < len(table.starts) else len(text)
    return end - len(table.tokens[index][-1][1])


def _balance_kept(draft: Draft, part: Draft, start: int, old_end: int, enclosed: bool) -> bool:
    """Whether the brackets and braces outside the window pair as they did (and the error labels fit).

    With nothing left open before the window, a stray closer in it is stray in the whole text too, but
    one left open in it could take a closer after it. With something open before it, or brackets
    enclosing it, the window must be balanced before and after the edits (a stray "]" in it would close
    one of them). An unclosed "[" before the window is its labels' container in a full build, and so it
    is for the labels after it: for grouping, the same as having none.
    """
    if len(draft.diagnostics) + len(part.diagnostics) >= MAX_LABELLED_ERRORS:
        return False
    before = {d.kind for d in draft.diagnostics if d.offset < start}
    inside_old = {d.kind for d in draft.diagnostics if start <= d.offset < old_end}
    inside_new = {d.kind for d in part.diagnostics}
    for unclosed, stray, must_balance in (
        (
            DiagnosticKind.UNCLOSED_BRACKET,
            DiagnosticKind.STRAY_CLOSING_BRACKET,
            enclosed or DiagnosticKind.UNCLOSED_BRACKET in before,
        ),
        (
            DiagnosticKind.UNCLOSED_BRACE,
            DiagnosticKind.STRAY_CLOSING_BRACE,
            DiagnosticKind.UNCLOSED_BRACE in before,
        ),
    ):
        if unclosed in inside_new or unclosed in inside_old:
            return False  # an unclosed one could take a closer after the window, or be a label's container
        if must_balance and ({unclosed, stray} & (inside_old | inside_new)):
            return False
    return True


def _link_labels(draft: Draft, start: int, end: int) -> tuple[set[str], set[str]]:
    """Markdown link labels defined in [start, end) of `draft`, and those defined outside it."""
    inside: set[str] = set()
    outside: set[str] = set()
    text = draft.text
    for markup in draft.markup:
        if markup.kind is MarkupKind.LINK_DEFINITION:
            value = text[markup.start : markup.end]
            label = value[1 : value.index("]:")].strip().lower()
            (inside if start <= markup.start < end else outside).add(label)
    return inside, outside


def _group_ends_before(draft: Draft, start: int) -> bool:
    """Whether an option group may end in the paragraph just before the window, where the window's
    first paragraph (or a heading in it) can decide its end."""
    paragraphs = draft.paragraphs
    i = bisect.bisect_left(paragraphs, start, key=start_of) - 1
    while i >= 0 and paragraphs[i].end > start:
        i -= 1
    guard = paragraphs[i].start if i >= 0 else 0
    return any(g.end > guard and g.start < start for g in draft.option_groups)


def _options_regrouped(draft: Draft) -> bool:
    """Whether grouping every option label of the spliced draft anew gives its groups: the window's labels
    take part in grouping the labels after it, and its paragraphs and headings end groups before it."""
    groups = group_options(
        draft.text, list(draft.option_labels), draft.brackets, draft.paragraphs, draft.notes
    )
    return [(g.start, g.end, g.options) for g in groups] == [
        (g.start, g.end, g.options) for g in draft.option_groups
    ]


def _warned(draft: Draft, brackets: Sequence[Bracket]) -> bool:
    """Whether one of `brackets` opened mid-paragraph and crosses structure (a warning names it)."""
    starts = {b.start for b in brackets}
    return any(
        d.kind is DiagnosticKind.BRACKET_CROSSES_STRUCTURE and d.offset in starts for d in draft.diagnostics
    )


def _block_pattern(draft: Draft, start: int, end: int) -> tuple[bool | None, bool, bool]:
    """How the paragraphs of [start, end) and the one after split into blocks (`drafter.text.matching`):
    whether the first starts a block, whether a later one does, whether the paragraph after does."""
    paragraphs = draft.paragraphs
    i = bisect.bisect_left(paragraphs, start, key=start_of)
    previous = next(
        (paragraphs[j] for j in range(i - 1, -1, -1) if paragraphs[j].kind not in PAGE_FURNITURE), None
    )
    flags: list[bool] = []
    for paragraph in paragraphs[i:]:
        if paragraph.kind in PAGE_FURNITURE:
            continue
        flags.append(starts_block(draft.text, previous, paragraph))
        previous = paragraph
        if paragraph.start >= end:
            break
    else:
        flags.append(True)  # the end of the text
    inside = flags[:-1]
    return (inside[0] if inside else None, any(inside[1:]), flags[-1])


def _headings(tokens: Sequence[LineTokens]) -> bool:
    return any(kind in HEADING_TYPES for line in tokens for kind, _ in line)


def _labels(tokens: Sequence[LineTokens]) -> int:
    return sum(1 for line in tokens for kind, _ in line if kind == "OPTION_LABEL")


def _opens_window(draft: Draft, index: int) -> bool:
    """A blank line, or one that starts a paragraph (PDF text has few blank lines); both lines before
    it and it are outside the edits, so it starts one after them too."""
    if _blank(draft.lines.tokens[index]):
        return True
    return _paragraph_at(draft, draft.lines.starts[index]) not in (None, *PAGE_FURNITURE)


def _closes_window(draft: Draft, index: int) -> bool:
    """A blank line, or one that starts a paragraph whatever the edited line before it becomes."""
    if _blank(draft.lines.tokens[index]):
        return True
    return _paragraph_at(draft, draft.lines.starts[index]) not in (
        None,
        *PAGE_FURNITURE,
    ) and starts_paragraph_alone(draft.text, draft.lines, index, draft.source_format)


def _paragraph_at(draft: Draft, offset: int) -> ParagraphKind | None:
    """The kind of the paragraph that starts at `offset`, if one does."""
    i = bisect.bisect_left(draft.paragraphs, offset, key=start_of)
    found = i < len(draft.paragraphs) and draft.paragraphs[i].start == offset
    return draft.paragraphs[i].kind if found else None


def _blank(line: LineTokens) -> bool:
    return (
        bool(line)
        and line[-1][0] == "EOL"
        and line[-1][1] != "\f"
        and not "".join(v for _, v in line[:-1]).strip()
    )
