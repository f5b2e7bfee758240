"""Counts per section (Article, heading) of each version, and each section followed across versions.

A section runs from one heading to the next (what comes before the first heading
is a section of its own). A bracket, a group or an option counts where it opens.
Between two versions a section is followed by its text, not by its title: the
diff of the two versions says where each stretch of the old text went, and a new
section continues the old section most of its kept text came from (titles and
numbers change: "Article 3 (mitigation)" became "Article 4"). A section with no
such predecessor starts a row of its own, placed after its neighbour above.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass
from enum import StrEnum

from drafter.diff import ChangeKind, DraftDiff, compare
from drafter.diff.units import section_title
from drafter.text.model import Draft, ParagraphKind

BEFORE_HEADINGS = "(before the first heading)"


class Measure(StrEnum):
    BRACKETS = "brackets"
    ALTERNATIVE_GROUPS = "alternative_groups"
    OPTIONS = "options"


MEASURE_TITLES = {
    Measure.BRACKETS: "Bracket pairs",
    Measure.ALTERNATIVE_GROUPS: "Alternative groups",
    Measure.OPTIONS: "Options",
}


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    start: int
    end: int
    brackets: int = 0
    alternative_groups: int = 0
    option_groups: int = 0
    options: int = 0  # labelled options in the option groups opening here

    def count(self, measure: Measure) -> int:
        return int(getattr(self, measure.value))


def sections(draft: Draft) -> list[Section]:
    """The draft's sections in order, with what opens in each."""
    text = draft.text
    starts = [p.start for p in draft.paragraphs if p.kind is ParagraphKind.HEADING]
    titles = [
        section_title(text[p.start : p.end]) for p in draft.paragraphs if p.kind is ParagraphKind.HEADING
    ]
    if not starts or starts[0] > 0:
        starts.insert(0, 0)
        titles.insert(0, BEFORE_HEADINGS)
    ends = [*starts[1:], len(text)]
    counts = [[0, 0, 0, 0] for _ in starts]

    def add(offset: int, field: int, amount: int = 1) -> None:
        counts[bisect.bisect_right(starts, offset) - 1][field] += amount

    for bracket in draft.brackets:
        add(bracket.start, 0)
    for group in draft.alternative_groups:
        add(group.start, 1)
    for options in draft.option_groups:
        add(options.start, 2)
        add(options.start, 3, len(options.options))
    return [
        Section(title, start, end, *numbers)
        for title, start, end, numbers in zip(titles, starts, ends, counts, strict=True)
    ]


def follows(old: list[Section], new: list[Section], diff: DraftDiff) -> dict[int, int]:
    """New section -> the old section it continues: most of its kept text came from there, one to one."""
    old_starts, new_starts = [s.start for s in old], [s.start for s in new]
    weights: dict[tuple[int, int], int] = {}

    def credit(old_offset: int, new_offset: int, length: int) -> None:
        key = (
            bisect.bisect_right(old_starts, old_offset) - 1,
            bisect.bisect_right(new_starts, new_offset) - 1,
        )
        weights[key] = weights.get(key, 0) + length

    for change in diff.changes:
        if change.kind in (ChangeKind.INSERT, ChangeKind.DELETE):
            continue
        if change.kind is not ChangeKind.EQUAL:  # one paragraph on each side
            credit(change.old_start, change.new_start, min(len(change.old_text), len(change.new_text)))
            continue
        # The same text on both sides: cut it where a section starts on either side.
        shift = change.old_start - change.new_start
        cuts = {change.new_start, change.new_end}
        cuts.update(s for s in new_starts if change.new_start < s < change.new_end)
        cuts.update(s - shift for s in old_starts if change.old_start < s < change.old_end)
        for a, b in itertools.pairwise(sorted(cuts)):
            credit(a + shift, a, b - a)
    found: dict[int, int] = {}
    taken: set[int] = set()
    for (i, j), _ in sorted(weights.items(), key=lambda item: (-item[1], item[0])):
        if j not in found and i not in taken:
            found[j] = i
            taken.add(i)
    return found


@dataclass(frozen=True, slots=True)
class SectionRow:
    """One section followed across the versions: its state in each (None where it is not there)."""

    versions: tuple[Section | None, ...]

    @property
    def title(self) -> str:
        """The title it has in the latest version that has it."""
        return next(s.title for s in reversed(self.versions) if s is not None)

    def counts(self, measure: Measure) -> tuple[int | None, ...]:
        return tuple(None if s is None else s.count(measure) for s in self.versions)


def section_rows(drafts: list[Draft], diffs: list[DraftDiff] | None = None) -> list[SectionRow]:
    """Every section of every version, followed from each version to the next, in reading order.

    `diffs` (one per consecutive pair) are computed when not given.
    """
    per_version = [sections(draft) for draft in drafts]
    if diffs is None:
        diffs = [compare(old, new) for old, new in itertools.pairwise(drafts)]
    count = len(drafts)
    rows: list[list[Section | None]] = [[s, *([None] * (count - 1))] for s in per_version[0]]
    row_of = list(range(len(rows)))  # section of the previous version -> its row (an index into rows)
    order = list(range(len(rows)))  # rows in reading order
    for k in range(1, count):
        continues = follows(per_version[k - 1], per_version[k], diffs[k - 1])
        placed: list[int] = []
        for j, section in enumerate(per_version[k]):
            previous = continues.get(j)
            if previous is not None:
                row = row_of[previous]
            else:
                row = len(rows)
                rows.append([None] * count)
                after = order.index(placed[j - 1]) + 1 if j else 0
                order.insert(after, row)
            rows[row][k] = section
            placed.append(row)
        row_of = placed
    return [SectionRow(tuple(rows[r])) for r in order]


TITLE_WIDTH = 48  # a section's label is cut to this


def row_label(row: SectionRow) -> str:
    """Its latest title, and its first one when that says more (`Article 4 ← Article 3 (mitigation)`)."""
    first, latest = next(s.title for s in row.versions if s is not None), row.title
    label = first if first.startswith(latest) else f"{latest} ← {first}"
    return label if len(label) <= TITLE_WIDTH else label[: TITLE_WIDTH - 1] + "…"


def section_table(rows: list[SectionRow], labels: list[str], measure: Measure) -> str:
    """One measure per section across the versions: the sections that ever had any, and the total.

    A dash marks a version the section is not in.
    """
    shown = [row for row in rows if any(row.counts(measure))]
    header = [f"{MEASURE_TITLES[measure]} by section", *labels]
    body = [[row_label(row), *("-" if n is None else f"{n:,}" for n in row.counts(measure))] for row in shown]
    totals = [
        sum(n or 0 for n in column) for column in zip(*(row.counts(measure) for row in rows), strict=True)
    ]
    body.append(["total", *(f"{n:,}" for n in totals)])
    widths = [max(len(cells[k]) for cells in [header, *body]) for k in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(
            cell.ljust(width) if k == 0 else cell.rjust(width)
            for k, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )

    rule = ["-" * width for width in widths]
    return "\n".join(
        [line(header), line(rule), *(line(cells) for cells in body[:-1]), line(rule), line(body[-1])]
    )
