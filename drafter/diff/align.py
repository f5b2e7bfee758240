"""Paragraph alignment: which paragraph of the old draft became which paragraph of the new one.

Two levels, never one flat word diff over a whole document (quadratic, or
wrong with autojunk): `difflib` aligns the paragraph keys first; inside each
stretch that differs, paragraphs are paired in order with their nearest similar
partner (a short look-ahead, so the cost stays linear); what is left unpaired is
a deletion or an insertion, unless the same or nearly the same text turns up on
the other side elsewhere: then it moved.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from enum import Enum

from drafter.diff.model import Change, ChangeKind, Piece
from drafter.diff.units import Unit, same_number
from drafter.diff.words import Bag, word_diff
from drafter.model import Draft

LOOK_AHEAD = 5  # paragraphs searched past the current pair for a partner
PAIR_SIMILARITY = 0.5  # neighbours that share this much are one paragraph edited
MOVE_SIMILARITY = 0.7  # a paragraph elsewhere must share more to count as moved
MOVE_MIN_KEY = 25  # shorter texts ("No text", "Article 4") recur too often to be moves
ANCHOR_MIN_KEY = 25
MOVE_MAX_COMPARISONS = 200_000  # beyond this, only exact moves are looked for


class Step(Enum):
    PAIR = "pair"
    DELETE = "delete"
    INSERT = "insert"
    MOVED = "moved"


@dataclass(slots=True)
class _Pairing:
    """The word diffs tried so far, so the look-ahead never diffs a pair twice."""

    old: Draft
    new: Draft
    old_units: list[Unit]
    new_units: list[Unit]
    tried: dict[tuple[int, int], tuple[tuple[Piece, ...], float]] = field(default_factory=dict)
    old_bags: dict[int, Bag] = field(default_factory=dict)
    new_bags: dict[int, Bag] = field(default_factory=dict)

    def old_text(self, i: int) -> str:
        unit = self.old_units[i]
        return self.old.text[unit.start : unit.end]

    def new_text(self, j: int) -> str:
        unit = self.new_units[j]
        return self.new.text[unit.start : unit.end]

    def diff(self, i: int, j: int) -> tuple[tuple[Piece, ...], float]:
        if (i, j) not in self.tried:
            self.tried[(i, j)] = word_diff(self.old_text(i), self.new_text(j))
        return self.tried[(i, j)]

    def similar(self, i: int, j: int, threshold: float) -> bool:
        if (i, j) not in self.tried:
            if i not in self.old_bags:
                self.old_bags[i] = Bag.of(self.old_text(i))
            if j not in self.new_bags:
                self.new_bags[j] = Bag.of(self.new_text(j))
            if not self.old_bags[i].could_be_similar(self.new_bags[j], threshold):
                return False
        return self.diff(i, j)[1] >= threshold


def _pair_region(pairing: _Pairing, i: int, i_end: int, j: int, j_end: int) -> list[tuple[Step, int, int]]:
    """Pairs the paragraphs of a differing stretch in order; the rest are deletions and insertions."""
    steps: list[tuple[Step, int, int]] = []
    while i < i_end and j < j_end:
        partner = _nearest_partner(pairing, i, i_end, j, j_end)
        if partner is None:
            # Deletions first, then insertions (as any diff reads); new[j] may still pair further on.
            steps.append((Step.DELETE, i, -1))
            i += 1
            continue
        pi, pj = partner
        steps += [(Step.DELETE, k, -1) for k in range(i, pi)]
        steps += [(Step.INSERT, -1, k) for k in range(j, pj)]
        steps.append((Step.PAIR, pi, pj))
        i, j = pi + 1, pj + 1
    steps += [(Step.DELETE, k, -1) for k in range(i, i_end)]
    steps += [(Step.INSERT, -1, k) for k in range(j, j_end)]
    return steps


def _nearest_partner(pairing: _Pairing, i: int, i_end: int, j: int, j_end: int) -> tuple[int, int] | None:
    for skipped in range(2 * LOOK_AHEAD - 1):
        for di in range(max(0, skipped - LOOK_AHEAD + 1), min(skipped, LOOK_AHEAD - 1) + 1):
            pi, pj = i + di, j + skipped - di
            if pi < i_end and pj < j_end and pairing.similar(pi, pj, PAIR_SIMILARITY):
                return pi, pj
    return None


def _find_moves(pairing: _Pairing, steps: list[tuple[Step, int, int]]) -> dict[int, int]:
    """Maps new unit -> old unit for each insertion that is a deleted paragraph arriving elsewhere."""
    deleted = [
        i for step, i, _ in steps if step is Step.DELETE and len(pairing.old_units[i].key) >= MOVE_MIN_KEY
    ]
    inserted = [
        j for step, _, j in steps if step is Step.INSERT and len(pairing.new_units[j].key) >= MOVE_MIN_KEY
    ]
    by_key: dict[str, list[int]] = {}
    for i in deleted:
        by_key.setdefault(pairing.old_units[i].key, []).append(i)
    moves: dict[int, int] = {}
    for j in inserted:
        same = by_key.get(pairing.new_units[j].key)
        if same:
            moves[j] = same.pop(0)
    taken = set(moves.values())
    left_old = [i for i in deleted if i not in taken]
    left_new = [j for j in inserted if j not in moves]
    if len(left_old) * len(left_new) > MOVE_MAX_COMPARISONS:
        return moves
    for j in left_new:
        best, best_score = None, MOVE_SIMILARITY
        for i in left_old:
            if i in taken or not pairing.similar(i, j, best_score):
                continue
            best, best_score = i, pairing.diff(i, j)[1]
        if best is not None:
            moves[j] = best
            taken.add(best)
    return moves


def align(old: Draft, new: Draft, old_units: list[Unit], new_units: list[Unit]) -> list[Change]:
    pairing = _Pairing(old, new, old_units, new_units)
    # Short paragraphs ("**Option 2:**", "No text") recur everywhere: they may extend a match but never
    # anchor one, or a lone "Option 2:" would pin two unrelated stretches together.
    matcher = SequenceMatcher(
        lambda key: len(key) < ANCHOR_MIN_KEY,
        [u.key for u in old_units],
        [u.key for u in new_units],
        autojunk=False,
    )
    steps: list[tuple[Step, int, int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            steps += [(Step.PAIR, i1 + k, j1 + k) for k in range(i2 - i1)]
        else:
            steps += _pair_region(pairing, i1, i2, j1, j2)
    moves = _find_moves(pairing, steps)
    departed = set(moves.values())
    merged = [
        (Step.MOVED, moves[j], j) if step is Step.INSERT and j in moves else (step, i, j)
        for step, i, j in steps
        if not (step is Step.DELETE and i in departed)
    ]
    return _changes(pairing, merged)


@dataclass(slots=True)
class _Cursor:
    """Where the walk has got to in both texts, and the section it is in."""

    old: int = 0
    new: int = 0
    old_section: str = ""
    new_section: str = ""


def _changes(pairing: _Pairing, steps: list[tuple[Step, int, int]]) -> list[Change]:
    old, new = pairing.old, pairing.new
    changes: list[Change] = []
    at = _Cursor()
    for step, i, j in steps:
        o = pairing.old_units[i] if i >= 0 else None
        n = pairing.new_units[j] if j >= 0 else None
        old_start, old_end = (o.start, o.end) if o else (at.old, at.old)
        new_start, new_end = (n.start, n.end) if n else (at.new, at.new)
        if o and step is not Step.MOVED:
            at.old, at.old_section = o.end, o.section
        if n:
            at.new, at.new_section = n.end, n.section
        kind, pieces = _kind(pairing, step, i, j)
        change = Change(
            kind=kind,
            old_start=old_start,
            old_end=old_end,
            new_start=new_start,
            new_end=new_end,
            old_text="",  # filled in at the end: joining runs must not copy text over and over
            new_text="",
            old_line=old.line_column(old_start)[0] if old.text else 1,
            new_line=new.line_column(new_start)[0] if new.text else 1,
            paragraphs=1,
            old_number=o.number if o and kind is not ChangeKind.EQUAL else None,
            new_number=n.number if n and kind is not ChangeKind.EQUAL else None,
            old_section=o.section if o else at.old_section,
            new_section=n.section if n else at.new_section,
            pieces=pieces,
        )
        if changes and _joins(changes[-1], change):
            changes[-1] = _join(changes[-1], change)
        else:
            changes.append(change)
    return [
        replace(c, old_text=old.text[c.old_start : c.old_end], new_text=new.text[c.new_start : c.new_end])
        for c in changes
    ]


def _kind(pairing: _Pairing, step: Step, i: int, j: int) -> tuple[ChangeKind, tuple[Piece, ...]]:
    if step is Step.DELETE:
        return ChangeKind.DELETE, ()
    if step is Step.INSERT:
        return ChangeKind.INSERT, ()
    if step is Step.MOVED:
        return ChangeKind.MOVED, pairing.diff(i, j)[0]
    if pairing.old_text(i) == pairing.new_text(j):
        return ChangeKind.EQUAL, ()
    o, n = pairing.old_units[i], pairing.new_units[j]
    renumbered = o.key == n.key and not same_number(o.number, n.number)
    return (ChangeKind.RENUMBERED if renumbered else ChangeKind.REPLACE), pairing.diff(i, j)[0]


JOINABLE = (ChangeKind.EQUAL, ChangeKind.DELETE, ChangeKind.INSERT)


def _joins(previous: Change, change: Change) -> bool:
    return (
        previous.kind is change.kind
        and change.kind in JOINABLE
        and previous.old_end == change.old_start
        and previous.new_end == change.new_start
    )


def _join(previous: Change, change: Change) -> Change:
    return replace(
        previous,
        old_end=change.old_end,
        new_end=change.new_end,
        paragraphs=previous.paragraphs + change.paragraphs,
    )


def paragraph_counts(changes: list[Change]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for change in changes:
        counts[change.kind.value] += change.paragraphs
    return {kind.value: counts[kind.value] for kind in ChangeKind}


def section_at(units: list[Unit], starts: list[int], offset: int) -> str:
    """The section title of the unit holding `offset`."""
    index = bisect.bisect_right(starts, offset) - 1
    return units[index].section if index >= 0 else ""
