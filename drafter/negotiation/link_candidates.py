"""Links the text itself suggests: its notes say which elements go together, for the user to confirm.

Real drafts write the linkage into the text: `(linked to Article 4, paragraph 9)`, `{under discussion
in tandem with 99 Option 1}`, `(the insertion of 38 will require the deletion of 42)`. Each such note
is read as a candidate link between the element where the note stands and the first element of the
paragraph it names; nothing is linked until the user says so (`drafter link ... --package`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from drafter.negotiation.elements import Element
from drafter.negotiation.links import LinkKind
from drafter.negotiation.session import Session
from drafter.text.model import Draft, ParagraphKind

# A paragraph as notes name it: `38`, `4.2`, `21 bis`, `24(n)`, `28 (b)`, `2(b)(ii)`.
_NUMBER = (
    r"(\d+(?:\.\d+)?(?:\s?(?:bis|ter|quater|quinquies|sexies|septies|octies))?"
    r"(?:\s?\((?:[a-z]{1,2}|[ivx]{1,5})\)){0,2})"
)
PATTERNS: tuple[tuple[LinkKind, re.Pattern[str]], ...] = (
    (
        LinkKind.REQUIRES,
        re.compile(
            rf"(?:insertion|deletion|retention|inclusion) of (?:paragraph )?(?P<source>{_NUMBER[1:-1]}) will require the "
            rf"(?:insertion|deletion|retention|inclusion) of (?:paragraph )?(?P<target>{_NUMBER[1:-1]})",
            re.IGNORECASE,
        ),
    ),
    (
        LinkKind.PACKAGE,
        re.compile(
            rf"(?:linked to|in tandem with|linkage with)\s+(?:(?P<article>Article\s+\d+\w*),?\s*)?"
            rf"(?:paragraph\s+)?(?P<target>(?:[IVX]+\.[A-Z]\s+)?{_NUMBER[1:-1]})",
            re.IGNORECASE,
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class Candidate:
    kind: LinkKind
    note: str  # the words of the text that suggest it
    line: int
    source: str  # the element where the note stands
    target: str  # the first element of the paragraph it names

    def describe(self) -> str:
        return (
            f"line {self.line}: {self.source} {self.kind.value} {self.target}  “{self.note}”\n"
            f"    drafter link FILE {self.source} {self.target} --{self.kind.value}"
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind.value,
            "note": self.note,
            "line": self.line,
            "source": self.source,
            "target": self.target,
        }


def link_candidates(session: Session) -> list[Candidate]:
    """Every link the text's notes suggest, in text order (those already linked left out)."""
    draft, elements = session.draft, session.elements()
    starts = [e.start for e in elements]
    linked = {frozenset(m.element_id for m in link.members) for link in session.links()}
    found = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(draft.text):
            named = match.groupdict().get("source")
            source = (
                _first_element_of(draft, elements, starts, named, None)
                if named
                else _element_near(elements, starts, match.start())
            )
            target = _first_element_of(draft, elements, starts, match.group("target"), _article(match))
            if source is None or target is None or source.id == target.id:
                continue
            if frozenset((source.id, target.id)) in linked:
                continue
            line = draft.line_column(match.start())[0]
            found.append(Candidate(kind, " ".join(match.group(0).split()), line, source.id, target.id))
    return sorted(found, key=lambda c: c.line)


def _article(match: re.Match[str]) -> str | None:
    return match.groupdict().get("article")


def _element_near(elements: tuple[Element, ...], starts: list[int], offset: int) -> Element | None:
    """The innermost element around `offset`, else the last one before it."""
    i = bisect.bisect_right(starts, offset)
    around = [e for e in elements[:i] if e.start <= offset < e.end]
    if around:
        return min(around, key=lambda e: e.end - e.start)
    return elements[i - 1] if i else None


def _first_element_of(
    draft: Draft, elements: tuple[Element, ...], starts: list[int], named: str, article: str | None
) -> Element | None:
    """The first element of the paragraph a note names (`24(n)`, after the heading `article`, if
    named), found as the go-to command finds references (`Draft.find_paragraphs`)."""
    low = 0
    if article:
        wanted = " ".join(article.split()).casefold()
        heading = next(
            (
                p
                for p in draft.paragraphs
                if p.kind is ParagraphKind.HEADING
                and draft.text[p.start : p.end].casefold().startswith(wanted)
            ),
            None,
        )
        if heading is None:
            return None
        low = heading.start
    for paragraph in draft.find_paragraphs(named):
        if paragraph.start < low:
            continue
        i = bisect.bisect_left(starts, paragraph.start)
        if i < len(elements) and elements[i].start < paragraph.end:
            return elements[i]
    return None
