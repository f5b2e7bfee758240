"""How the text of a Markdown draft looks, for renderers that can show it: links, emphasis, headings.

The parser already knows which brackets are Markdown syntax (`[text][source]`,
`[^1]`, `[text](url)`, front matter, escapes): those are marked as links or
literal text, so a renderer does not colour their brackets as negotiating brackets. Emphasis (`*Noting*`,
`**Option 1:**`) and `#` headings are found here, paragraph by paragraph, with
CommonMark's flanking rules simplified: a delimiter opens when no space follows
it (nor punctuation, unless space or punctuation comes before), and closes the
other way round; `_` never works inside a word. The delimiters themselves are
marked as syntax, which a renderer hides where the text did not change.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from drafter.diff.model import Mark, MarkKind
from drafter.text.model import Draft, MarkupKind, ParagraphKind, SourceFormat

LITERAL = frozenset({MarkupKind.FRONT_MATTER, MarkupKind.ATTRIBUTES, MarkupKind.ESCAPE})
DELIMITER_RUN = re.compile(r"\*+|_+")
HEADING_MARK = re.compile(r"[ \t]*#{1,6}[ \t]+")


def _is_space(char: str) -> bool:
    return not char or char.isspace()


def _is_punctuation(char: str) -> bool:
    return bool(char) and unicodedata.category(char)[0] in "PS"


@dataclass(slots=True)
class _Run:
    start: int
    length: int
    char: str
    opens: bool
    closes: bool


class _Spans:
    """Sorted spans that do not overlap (Markdown syntax the parser found), for quick lookups."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [start for start, _ in self._spans]

    def __contains__(self, offset: int) -> bool:
        index = bisect.bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._spans[index][1]


def _runs(text: str, start: int, end: int, blocked: _Spans) -> list[_Run]:
    found = []
    for match in DELIMITER_RUN.finditer(text, start, end):
        at, stop = match.span()
        if at in blocked:
            continue
        before = text[at - 1] if at > start else ""
        after = text[stop] if stop < end else ""
        left = not _is_space(after) and (
            not _is_punctuation(after) or _is_space(before) or _is_punctuation(before)
        )
        right = not _is_space(before) and (
            not _is_punctuation(before) or _is_space(after) or _is_punctuation(after)
        )
        char = match.group()[0]
        if char == "_":  # no intraword emphasis with underscores
            left, right = (
                left and (not right or _is_punctuation(before)),
                right and (not left or _is_punctuation(after)),
            )
        found.append(_Run(at, stop - at, char, left, right))
    return found


def _close(openers: list[_Run], closer: _Run) -> list[Mark]:
    """The marks of the emphasis `closer` ends, with the nearest opener of its kind; [] when none."""
    for k in range(len(openers) - 1, -1, -1):
        opener = openers[k]
        if opener.char != closer.char:
            continue
        used = 2 if opener.length >= 2 and closer.length >= 2 else 1
        inner_start, inner_end = opener.start + opener.length, closer.start
        del openers[k:]
        kind = MarkKind.STRONG if used == 2 else MarkKind.EMPHASIS
        return [
            Mark(inner_start - used, inner_start, MarkKind.SYNTAX),
            Mark(inner_start, inner_end, kind),
            Mark(inner_end, inner_end + used, MarkKind.SYNTAX),
        ]
    return []


def _emphasis(text: str, start: int, end: int, blocked: _Spans) -> list[Mark]:
    """Emphasis in `text[start:end]` (one paragraph): pairs of delimiter runs, innermost first."""
    marks: list[Mark] = []
    openers: list[_Run] = []
    for run in _runs(text, start, end, blocked):
        closed = _close(openers, run) if run.closes else []
        marks += closed
        if run.opens and not closed:
            openers.append(run)
    return marks


def marks(draft: Draft) -> tuple[Mark, ...]:
    """The marks of a draft, sorted by start; a plain-text draft has only its links (none)."""
    found = [
        Mark(m.start, m.end, MarkKind.LITERAL if m.kind in LITERAL else MarkKind.LINK) for m in draft.markup
    ]
    if draft.source_format is not SourceFormat.MARKDOWN:
        return tuple(sorted(found, key=lambda m: (m.start, -m.end)))
    blocked = _Spans([(m.start, m.end) for m in draft.markup])
    text = draft.text
    for paragraph in draft.paragraphs:
        if paragraph.kind in (ParagraphKind.FRONT_MATTER, ParagraphKind.LINK_DEFINITION):
            continue
        start = paragraph.start
        if paragraph.kind is ParagraphKind.HEADING:
            heading = HEADING_MARK.match(text, start, paragraph.end)
            if heading is not None:
                line_end = text.find("\n", start, paragraph.end)
                found.append(Mark(start, paragraph.end if line_end < 0 else line_end, MarkKind.HEADING))
                found.append(Mark(start, heading.end(), MarkKind.SYNTAX))
                start = heading.end()
        found += _emphasis(text, start, paragraph.end, blocked)
    return tuple(sorted(found, key=lambda m: (m.start, -m.end)))


class MarkIndex:
    """The marks of one text cut into stretches that each carry one set of kinds, for quick lookups."""

    def __init__(self, found: tuple[Mark, ...]) -> None:
        points = sorted({offset for mark in found for offset in (mark.start, mark.end)})
        kinds: list[set[MarkKind]] = [set() for _ in points]
        for mark in found:
            low = bisect.bisect_left(points, mark.start)
            high = bisect.bisect_left(points, mark.end)
            for k in range(low, high):
                kinds[k].add(mark.kind)
        self._points = points
        self._kinds = [frozenset(k) for k in kinds]

    def split(self, start: int, end: int) -> list[tuple[int, int, frozenset[MarkKind]]]:
        """`[start, end)` cut where its marks change, each piece with the kinds that cover it."""
        pieces = []
        index = bisect.bisect_right(self._points, start) - 1  # the stretch `start` is in (-1: before all)
        at = start
        while at < end:
            kinds = self._kinds[index] if index >= 0 else frozenset()
            stop = min(self._points[index + 1], end) if index + 1 < len(self._points) else end
            pieces.append((at, stop, kinds))
            at, index = stop, index + 1
        return pieces
