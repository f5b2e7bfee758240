"""What became of each paragraph of the document in an export, and the paragraph marks and numbers
Word must be given for it.

The writer's walk over the journal's pieces records, per paragraph of the layout, whether some of its
text stays (`alive`), which change deleted some of it, whether its generated number (or only the tab
after it) went, and who deleted each character of the break after it. From that, deleted breaks become
deleted paragraph marks (a paragraph whose mark is deleted runs on into the next, as in Word), and a
paragraph that lost its number but keeps its mark gets a tracked formatting change, so Word shows what
drafter's text shows; where it cannot, the difference is said.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from drafter.formats.docx.body import DocxText
from drafter.formats.docx.ooxml import Element
from drafter.formats.docx.wordml import drop_numbering, mark_paragraph, take_properties

Revision = Callable[[str, int], Element]  # (w:ins / w:del / w:pPrChange, journal number) -> the element


@dataclass(slots=True)
class ParagraphFates:
    layout: DocxText
    separators: dict[int, list[int | None]] = field(default_factory=dict)  # who deleted each character
    alive: set[int] = field(default_factory=set)  # paragraphs some of whose text stays
    labels_deleted: set[int] = field(default_factory=set)  # their generated number went
    suffixes_deleted: set[int] = field(default_factory=set)  # only the tab (space) after the number went
    marked: set[int] = field(default_factory=set)  # paragraphs whose mark is deleted
    deleters: dict[int, int] = field(default_factory=dict)  # paragraph -> a change that deleted some of it

    def mark_paragraphs(self, revision: Revision) -> list[str]:
        """Deleted paragraph breaks and paragraphs are deleted paragraph marks in Word (a paragraph whose
        mark is deleted runs on into the next). Every paragraph whose text all went loses its mark; one
        whose text stays loses it when the breaks up to the next paragraph with text all went, so the
        paragraph that takes the joined text keeps its own properties (style, number). Returns where Word's
        text will still differ from drafter's."""
        differences: list[str] = []
        paragraphs = self.layout.paragraphs
        joined: dict[int, int] = {}  # separator -> the change that deleted it
        for index, whose in sorted(self.separators.items()):
            deleters = [seq for seq in whose if seq is not None and seq != -1]
            if not deleters:
                continue
            whole = len(deleters) == len(whose) and len(set(deleters)) == 1
            # a blank line left where a whole paragraph went is no paragraph in Word: join all the same
            if whole or index not in self.alive or index + 1 not in self.alive:
                joined[index] = deleters[0]
            else:
                differences.append(f"the break after {self._cite(index)} was partly deleted; Word keeps it")
        for index, paragraph in enumerate(paragraphs):
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if (
                following is None
                or following.elements[0].getparent() is not paragraph.elements[-1].getparent()
            ):
                if index in joined:
                    differences.append(f"the break after {self._cite(index)} stays: Word cannot join there")
                continue
            if index not in self.alive:
                seq = joined.get(index, joined.get(index - 1, self.deleters.get(index)))
            else:
                seq = self._joined_to_next_text(index, joined)
            if seq is not None:
                mark_paragraph(paragraph.elements[-1], revision("del", seq))
                self.marked.add(index)
        for index in sorted(self.labels_deleted - self.marked):
            self._renumber(index, revision)
        for index in sorted(self.suffixes_deleted - self.labels_deleted - self.marked):
            label = self.layout.paragraphs[index].label
            space = "tab" if label.endswith("\t") else "space"
            differences.append(
                f"Word keeps the {space} after the number of {self._cite(index)}: drafter's text deleted it"
            )
        return differences

    def _renumber(self, index: int, revision: Revision) -> None:
        """Paragraph `index` lost its number in drafter's text but keeps its mark: it takes the style and
        number of the paragraph whose text now opens it (joined into it), or is taken out of its list —
        a tracked formatting change (w:pPrChange), so Word shows what drafter's text shows."""
        first = index
        while first - 1 in self.marked:
            first -= 1
        opening = next((i for i in range(first, index) if i in self.alive), None)
        change = revision("pPrChange", self.deleters.get(index, 0))
        paragraph = self.layout.paragraphs[index].elements[-1]
        if opening is None or opening in self.labels_deleted:
            drop_numbering(paragraph, change)
        else:
            take_properties(paragraph, self.layout.paragraphs[opening].elements[-1], change)

    def _joined_to_next_text(self, index: int, joined: dict[int, int]) -> int | None:
        """The change that deleted every break from paragraph `index` to the next one with text (None if
        some break stays)."""
        seq = None
        for between in range(index, len(self.layout.paragraphs) - 1):
            if between not in joined:
                return None
            seq = joined[between] if seq is None else seq
            if between + 1 in self.alive:
                return seq
        return None

    def _cite(self, index: int) -> str:
        paragraph = self.layout.paragraphs[index]
        text = self.layout.text[paragraph.start : paragraph.end].replace("\t", " ")
        return f"“{text[:30]}…”" if len(text) > 30 else f"“{text}”"
