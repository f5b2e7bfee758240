"""How far a resolution reaches: whether it removes more than the element's own paragraph(s).

A resolution never removes more than it shows. What it removes stays within its own paragraph(s) when
each removed span lies inside one paragraph, or runs over whole paragraphs: from a paragraph's start
(only its number, label, brackets and space before it) to a paragraph's end (only closing brackets,
punctuation and space after it), and over no heading. Anything else (a `[` opened mid-paragraph whose
`]` is three paragraphs on, a bracket over a heading) is *wide*: the TUI shows what will go and asks,
`drafter resolve` refuses without `--force`; both say it with the words of `Reach.describe`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from drafter.incremental.offsets import Edit
from drafter.text.kinds import ParagraphKind
from drafter.text.matching import END_CHARS, FURNITURE, LEADING_LABEL, continues_paragraph
from drafter.text.model import Draft, Paragraph

SHOWN = 8  # references listed before "… and N more"


@dataclass(frozen=True, slots=True)
class Reach:
    """What a wide resolution removes: the paragraphs and headings it touches, by reference."""

    paragraphs: tuple[str, ...]  # references; "(part)" when only part of it goes
    headings: tuple[str, ...]
    lines: int

    def describe(self) -> str:
        """`removes 13 paragraphs and 2 headings over 56 lines: heading III, heading III.A, II 12 (part), …`."""
        counts = [_count(len(self.paragraphs), "paragraph")]
        if self.headings:
            counts.append(_count(len(self.headings), "heading"))
        # Headings first: losing one matters most, and a long list is cut.
        names = list(dict.fromkeys([*(f"heading {h}" for h in self.headings), *self.paragraphs]))
        listed = names[:SHOWN]
        more = len(names) - len(listed)
        tail = f", … and {more} more" if more > 0 else ""
        return f"removes {' and '.join(counts)} over {_count(self.lines, 'line')}: {', '.join(listed)}{tail}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def reach(draft: Draft, edits: Iterable[Edit]) -> Reach | None:
    """What the edits remove beyond their own paragraph(s), or None when they stay within them."""
    paragraphs = draft.paragraphs
    starts = [p.start for p in paragraphs]
    touched: dict[int, bool] = {}  # paragraph index -> wholly removed
    labels = {o.start: o.label_end for group in draft.option_groups for o in group.options}
    wide = False
    lines = 0
    for edit in edits:
        if not edit.old.strip():
            continue
        first = max(bisect.bisect_right(starts, edit.start) - 1, 0)
        last = bisect.bisect_left(starts, edit.end)
        inside = [i for i in range(first, last) if _overlaps(paragraphs[i], edit)]
        if len(_as_read(draft.text, paragraphs, inside)) < 2:
            continue
        bounds = {i: _body(draft.text, paragraphs[i], labels) for i in inside}
        wholly = {i: edit.start <= head and edit.end >= tail for i, (head, tail) in bounds.items()}
        first_head, first_tail = bounds[inside[0]]
        last_head, last_tail = bounds[inside[-1]]
        clean = (edit.start <= first_head or edit.start >= first_tail) and (
            edit.end >= last_tail or edit.end <= last_head
        )
        if not clean or any(paragraphs[i].kind is ParagraphKind.HEADING for i in inside):
            wide = True
        touched.update(wholly)
        lines += draft.line_column(edit.end)[0] - draft.line_column(edit.start)[0] + 1
    if not wide:
        return None
    references = draft.references
    named = [
        (i, str(references[i]) or f"line {paragraphs[i].line}")
        for i in sorted(touched)
        if paragraphs[i].kind not in FURNITURE
    ]
    return Reach(
        paragraphs=tuple(
            name + ("" if touched[i] else " (part)")
            for i, name in named
            if paragraphs[i].kind is not ParagraphKind.HEADING
        ),
        headings=tuple(name for i, name in named if paragraphs[i].kind is ParagraphKind.HEADING),
        lines=lines,
    )


def _as_read(text: str, paragraphs: tuple[Paragraph, ...], inside: list[int]) -> list[int]:
    """The paragraphs a reader sees among `inside`: page furniture left out, a paragraph broken by a page
    one paragraph."""
    read: list[int] = []
    for i in inside:
        if paragraphs[i].kind in FURNITURE:
            continue
        previous = paragraphs[read[-1]] if read else None
        if (
            previous is None
            or i == read[-1] + 1
            or not continues_paragraph(text, previous, paragraphs[i], True)
        ):
            read.append(i)
    return read


def _overlaps(paragraph: Paragraph, edit: Edit) -> bool:
    return paragraph.start < edit.end and paragraph.end > edit.start and paragraph.start < paragraph.end


def _body(text: str, paragraph: Paragraph, labels: dict[int, int]) -> tuple[int, int]:
    """Where the paragraph's body starts (after its number, option label, brackets and space) and where
    its closers and punctuation begin."""
    head = paragraph.start
    while True:
        label = LEADING_LABEL.match(text, head, min(paragraph.end, head + 80))
        head = label.end() if label else head
        if head not in labels:
            break
        head = labels[head]
    tail = paragraph.end
    while tail > head and text[tail - 1] in END_CHARS:
        tail -= 1
    return head, tail
