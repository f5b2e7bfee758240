"""Where an element sits, as a reader finds it: its section, its paragraph number, its line.

Until the model gives paragraph references of its own, a place is the heading
the element stands under, the number of its paragraph (or of the numbered
paragraph it belongs to, for an unnumbered one) and its line:
"Article 3 (mitigation) 16. (line 120)". Between two versions, sections are
matched by their text (`drafter.stats.sections.follows`), so an Article that was
renumbered is not a move.
"""

from __future__ import annotations

import bisect

from drafter.diff import DraftDiff
from drafter.stats.sections import BEFORE_HEADINGS, Section, follows, sections
from drafter.text.model import Draft, ParagraphKind

NUMBERED = (ParagraphKind.OPERATIVE, ParagraphKind.PREAMBULAR)


class Places:
    """The places of one draft's offsets."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.sections: list[Section] = sections(draft)
        self._section_starts = [s.start for s in self.sections]
        self._starts = [p.start for p in draft.paragraphs]
        self._numbers: list[str | None] = []
        number: str | None = None
        for paragraph in draft.paragraphs:
            if paragraph.kind is ParagraphKind.HEADING:
                number = None
            elif paragraph.kind in NUMBERED and paragraph.number:
                number = paragraph.number
            elif paragraph.kind is ParagraphKind.SUBPARAGRAPH and paragraph.number and number:
                number = (
                    f"{number.rstrip('.')}{paragraph.number}" if number[:1].isdigit() else paragraph.number
                )
            self._numbers.append(number)

    def section_index(self, offset: int) -> int:
        return max(bisect.bisect_right(self._section_starts, offset) - 1, 0)

    def number(self, offset: int) -> str | None:
        index = bisect.bisect_right(self._starts, offset) - 1
        return self._numbers[index] if index >= 0 else None

    def at(self, offset: int) -> str:
        """`Article 3 (mitigation) 16. (line 120)`."""
        line = self.draft.line_column(offset)[0]
        title = self.sections[self.section_index(offset)].title
        parts = [title if title != BEFORE_HEADINGS else "", self.number(offset) or "", f"(line {line})"]
        return " ".join(part for part in parts if part)


class PlaceChanges:
    """How places moved from one version to the next: to another section, or to another number."""

    def __init__(self, old: Places, new: Places, diff: DraftDiff) -> None:
        self.old, self.new = old, new
        self._continues = follows(old.sections, new.sections, diff)  # new section -> old section

    def describe(self, old_offset: int, new_offset: int) -> str:
        """ "moved from Article 3 to Article 6", "renumbered 16. → 17.", or "" when the place is the same."""
        i, j = self.old.section_index(old_offset), self.new.section_index(new_offset)
        if self._continues.get(j) != i:
            return f"moved from {self.old.sections[i].title} to {self.new.sections[j].title}"
        number, new_number = self.old.number(old_offset), self.new.number(new_offset)
        if number and new_number and number != new_number:
            return f"renumbered {number} → {new_number}"
        return ""
