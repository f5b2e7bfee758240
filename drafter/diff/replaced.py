"""Paragraphs deleted with others inserted in their place, paired up for the side-by-side view.

The aligner keeps a paragraph's edits together only when old and new are alike
enough to be one paragraph edited; a paragraph rewritten beyond that is a
deletion followed by an insertion. Side by side, a run of such deletions and the
run of insertions that takes its place are shown row by row, each old paragraph
beside the new one most like it (in order), instead of all the deletions above
all the insertions.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from drafter.diff.display import Departure, between
from drafter.diff.model import Change, ChangeKind, Piece
from drafter.diff.words import word_diff

PAIR_BONUS = 0.05  # paired beats unpaired even for unlike paragraphs: a replacement sits beside its original
MAX_PAIRINGS = 400  # old x new paragraphs scored; beyond this they are paired in order
WORD_DIFF_SIMILARITY = 0.3  # a pair this alike shows its word edits; less alike, the two texts whole


@dataclass(frozen=True, slots=True)
class ReplacedRow:
    old_text: str  # "" when the row holds only an inserted paragraph
    new_text: str  # "" when it holds only a deleted one
    old_start: int  # where each is in its text
    new_start: int
    pieces: tuple[Piece, ...] = ()  # the word diff, when the two are alike enough to show one


@dataclass(frozen=True, slots=True)
class Replacement:
    """A run of deleted paragraphs and the run inserted in its place."""

    deleted: Change
    inserted: Change
    rows: tuple[ReplacedRow, ...]

    def describe(self) -> str:
        old, new = self.deleted.paragraphs, self.inserted.paragraphs
        return f"{old} paragraph{'s' if old != 1 else ''} replaced by {new}"

    def location(self) -> str:
        deleted, inserted = self.deleted, self.inserted
        return between(deleted.old_reference, deleted.old_line, inserted.new_reference, inserted.new_line)


def paragraphs(text: str, start: int, breaks: tuple[int, ...]) -> list[tuple[int, str]]:
    """A run's paragraphs and where each starts (`start` is the run's, `breaks` the others', in the whole text)."""
    cuts = [start, *breaks, start + len(text)]
    return [(a, text[a - start : b - start]) for a, b in itertools.pairwise(cuts)]


def _pairs(old: list[str], new: list[str]) -> list[tuple[int | None, int | None]]:
    """Old and new paragraphs paired in order, most alike first (pairs in order when there are too many)."""
    if len(old) * len(new) > MAX_PAIRINGS:
        count = max(len(old), len(new))
        return [(i if i < len(old) else None, i if i < len(new) else None) for i in range(count)]
    score = [[PAIR_BONUS + word_diff(a, b)[1] for b in new] for a in old]
    # best[i][j]: the best total pairing old[i:] with new[j:].
    best = [[0.0] * (len(new) + 1) for _ in range(len(old) + 1)]
    for i in range(len(old) - 1, -1, -1):
        for j in range(len(new) - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1], score[i][j] + best[i + 1][j + 1])
    found: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < len(old) and j < len(new):
        if best[i][j] == score[i][j] + best[i + 1][j + 1]:
            found.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            found.append((i, None))
            i += 1
        else:
            found.append((None, j))
            j += 1
    found += [(k, None) for k in range(i, len(old))] + [(None, k) for k in range(j, len(new))]
    return found


def _row(old: tuple[int, str] | None, new: tuple[int, str] | None, at: tuple[int, int]) -> ReplacedRow:
    """A row of one or both paragraphs; `at` places the missing one (where its side of the run is)."""
    old_start, old_text = old if old is not None else (at[0], "")
    new_start, new_text = new if new is not None else (at[1], "")
    if old_text and new_text:
        pieces, similarity = word_diff(old_text, new_text)
        if similarity >= WORD_DIFF_SIMILARITY:
            return ReplacedRow(old_text, new_text, old_start, new_start, pieces)
    return ReplacedRow(old_text, new_text, old_start, new_start)


def replacement(deleted: Change, inserted: Change) -> Replacement:
    old = paragraphs(deleted.old_text, deleted.old_start, deleted.old_breaks)
    new = paragraphs(inserted.new_text, inserted.new_start, inserted.new_breaks)
    at = (deleted.old_start, inserted.new_start)
    pairs = _pairs([text for _, text in old], [text for _, text in new])
    rows = tuple(
        _row(old[i] if i is not None else None, new[j] if j is not None else None, at) for i, j in pairs
    )
    return Replacement(deleted, inserted, rows)


def with_replacements(items: Iterable[Change | Departure]) -> Iterator[Change | Departure | Replacement]:
    """The items, with each deletion directly followed by an insertion at its place as one `Replacement`."""
    held: Change | None = None
    for item in items:
        if held is not None:
            if isinstance(item, Change) and item.kind is ChangeKind.INSERT and item.old_start == held.old_end:
                yield replacement(held, item)
                held = None
                continue
            yield held
            held = None
        if isinstance(item, Change) and item.kind is ChangeKind.DELETE:
            held = item
        else:
            yield item
    if held is not None:
        yield held
