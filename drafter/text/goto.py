"""Go-to by paragraph reference, as a negotiator asks for a place: `28(b)`, `III.B 24(n)`, `para 12`, `5.`.

A query names one place or several (numbers repeat across sections and options: `30` is in Option 1 and
in Option 2); the caller goes to a single one and lists several as candidates. A place covers what a
negotiator means by it: a paragraph with its sub-paragraphs and the unnumbered paragraphs that continue
it (`24` covers `24(a)` … `24(o)(ii)`), an option label its option's paragraphs, a heading its section and
the sections below it (`III` covers `III.B`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drafter.text.references import FOOTNOTE, UNNAMED, Reference, matching

if TYPE_CHECKING:
    from drafter.text.model import Draft


@dataclass(frozen=True, slots=True)
class Place:
    """A paragraph a go-to query names, and the span of text it covers."""

    reference: str  # in full, as `drafter status` shows it: "III.B 24(n)", "I 2 (2 of 2)"
    start: int  # the paragraph's first character
    end: int  # the end of the last paragraph it covers
    line: int


def places(draft: Draft, query: str) -> tuple[Place, ...]:
    """Every place `query` names, in document order (none: no such paragraph)."""
    references = draft.references
    found = []
    for i in matching(references, query):
        last = _last_covered(references, i)
        found.append(
            Place(
                str(references[i]),
                draft.paragraphs[i].start,
                draft.paragraphs[last].end,
                draft.paragraphs[i].line,
            )
        )
    return tuple(found)


def _last_covered(references: Sequence[Reference], i: int) -> int:
    """The index of the last paragraph within paragraph `i` (page furniture and footnotes at the foot of a
    page inside it do not end it)."""
    last = i
    for j in range(i + 1, len(references)):
        if _within(references[j], references[i]):
            last = j
        elif references[j].number not in UNNAMED and not references[j].number.startswith(FOOTNOTE):
            break
    return last


def _within(inner: Reference, outer: Reference) -> bool:
    if not outer.number:  # a heading: its section and the sections below it
        return inner.path == outer.path or inner.path.startswith(outer.path + ".")
    if inner.path != outer.path:
        return False
    if outer.number.startswith("Option"):  # an option label: the paragraphs standing in that option
        own = (*outer.options, outer.number)
        return inner.options[: len(own)] == own or (inner.options, inner.number) == (
            outer.options,
            outer.number,
        )
    if inner.options != outer.options:
        return False
    if inner.number == outer.number:  # the unnumbered paragraphs continuing it, not a repeat of its number
        return inner.repeat == outer.repeat
    return inner.number.startswith(outer.number + "(")
