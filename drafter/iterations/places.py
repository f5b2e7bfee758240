"""Where an element sits, as a reader finds it: its paragraph reference and its line ("Art. 3 16 (line 120)").

Between two versions, sections are matched by their text
(`drafter.stats.sections.follows`), so an Article that was renumbered is not a
move; a paragraph whose reference changed within its section was renumbered.
"""

from __future__ import annotations

import bisect

from drafter.diff import DraftDiff
from drafter.stats.sections import Section, follows, sections
from drafter.text.model import Draft


class Places:
    """The places of one draft's offsets: paragraph references, sections."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.sections: list[Section] = sections(draft)
        self._section_starts = [s.start for s in self.sections]

    def section_index(self, offset: int) -> int:
        return max(bisect.bisect_right(self._section_starts, offset) - 1, 0)

    def reference(self, offset: int) -> str:
        return self.draft.reference_at(offset)

    def at(self, offset: int) -> str:
        """`Art. 3 16 (line 120)`."""
        line = self.draft.line_column(offset)[0]
        reference = self.reference(offset)
        return f"{reference} (line {line})" if reference else f"line {line}"


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
        reference, new_reference = self.old.reference(old_offset), self.new.reference(new_offset)
        if reference != new_reference:
            return f"renumbered {reference} → {new_reference}"
        return ""
