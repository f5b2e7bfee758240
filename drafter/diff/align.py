"""Paragraph alignment: which paragraph of the old draft became which paragraph of the new one.

Two levels, never one flat word diff over a whole document (quadratic, or
wrong with autojunk): `difflib` aligns the paragraph keys first; inside each
stretch that differs, each old paragraph is paired with its most similar partner
among a few candidates (so the cost stays linear), keeping the longest run of
pairs in the same order on both sides; what is left unpaired is a deletion or an
insertion, unless the same or nearly the same text turns up on the other side
elsewhere: then it moved.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from enum import Enum

from drafter.diff.model import Change, ChangeKind, Piece
from drafter.diff.units import Unit, same_number
from drafter.diff.words import Bag, word_diff
from drafter.text.model import Draft

NEAR = 2  # new paragraphs looked at on each side of an old paragraph's stretched place
RARE_WORD = re.compile(r"[^\W\d_]{4,}")
RARE_WORDS = 8  # an old paragraph's rarest words, looked up among the new paragraphs
WORD_CANDIDATES = 4  # new paragraphs sharing most of them, tried as partners
MAX_WORD_SPREAD = 8  # a word in more new paragraphs than this (or 5% of them) is not rare
PAIR_SIMILARITY = 0.5  # neighbours that share this much are one paragraph edited
SURE_PARTNER = 0.9  # a candidate this similar is taken without looking at the others
MOVE_SIMILARITY = 0.7  # a paragraph elsewhere must share more to count as moved
MOVE_MIN_KEY = 25  # shorter texts ("No text", "Article 4") recur too often to be moves
ANCHOR_MIN_KEY = 25  # a paragraph key shorter than this never anchors the alignment on its own
MOVE_MAX_COMPARISONS = 200_000  # beyond this, only exact moves are looked for
COPY_MIN_LETTERS = 15  # an exact copy with fewer letters may be any of many
LABEL_LIKE = re.compile(r"[\W\d_]*(?:option|no text)\b", re.IGNORECASE)


def _worded(key: str) -> bool:
    """Words enough to be a paragraph of its own, not a label or a placeholder."""
    return sum(c.isalpha() for c in key) >= COPY_MIN_LETTERS and not LABEL_LIKE.match(key)


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


def _pair_region(pairing: _Pairing, i1: int, i2: int, j1: int, j2: int) -> list[tuple[Step, int, int]]:
    """Pairs the paragraphs of a differing stretch in order; the rest are deletions and insertions.

    Each old paragraph looks for its most similar partner among a few candidates:
    the new paragraphs where it would sit if the stretch were evenly stretched
    (the usual case: the same paragraphs, edited), else those sharing its rarest
    words. The longest run of partners in the same order on both sides is kept;
    the rest are left to be deletions, insertions or moves.
    """
    candidates = _Candidates(pairing, i1, i2, j1, j2)
    best: list[tuple[int, int]] = []
    for i in range(i1, i2):
        partner = _best_partner(pairing, i, candidates.near(i))
        if partner is None:
            partner = _best_partner(pairing, i, candidates.sharing_words(i))
        if partner is not None:
            best.append((i, partner))
    # A new paragraph that is the exact copy of one old paragraph is its partner, whoever else picked it
    # (not a label: "Option 2: No text" is a copy of another only by chance).
    copies = {
        j: i
        for i, j in best
        if pairing.old_units[i].key == pairing.new_units[j].key and _worded(pairing.old_units[i].key)
    }
    best = [(i, j) for i, j in best if copies.get(j, i) == i]
    steps: list[tuple[Step, int, int]] = []
    i, j = i1, j1
    for pi, pj in _in_order(best):
        steps += [(Step.DELETE, k, -1) for k in range(i, pi)]
        steps += [(Step.INSERT, -1, k) for k in range(j, pj)]
        steps.append((Step.PAIR, pi, pj))
        i, j = pi + 1, pj + 1
    steps += [(Step.DELETE, k, -1) for k in range(i, i2)]
    steps += [(Step.INSERT, -1, k) for k in range(j, j2)]
    return steps


def _best_partner(pairing: _Pairing, i: int, candidates: Iterable[int]) -> int | None:
    best, best_score = None, PAIR_SIMILARITY
    for j in candidates:
        if pairing.similar(i, j, best_score):
            best, best_score = j, pairing.diff(i, j)[1]
            if best_score >= SURE_PARTNER:
                break
    return best


def _in_order(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of (old, new) pairs, sorted by old, whose new indices increase too."""
    tails: list[int] = []  # tails[k]: new index ending the best run of length k + 1
    tail_at: list[int] = []  # index into pairs of that tail
    previous: list[int] = []
    for n, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_at.append(n)
        else:
            tails[k], tail_at[k] = j, n
        previous.append(tail_at[k - 1] if k else -1)
    run: list[tuple[int, int]] = []
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        run.append(pairs[n])
        n = previous[n]
    return run[::-1]


class _Candidates:
    """Where to look for an old paragraph's partner in a differing stretch of the new text."""

    def __init__(self, pairing: _Pairing, i1: int, i2: int, j1: int, j2: int) -> None:
        self.pairing = pairing
        self.i1, self.j1, self.j2 = i1, j1, j2
        self.stretch = (j2 - j1) / (i2 - i1) if i2 > i1 else 0.0
        self._postings: dict[str, list[int]] | None = None

    def near(self, i: int) -> list[int]:
        """The new paragraphs at the old one's place, stretched, nearest first."""
        centre = self.j1 + round((i - self.i1) * self.stretch)
        around = sorted(range(centre - NEAR, centre + NEAR + 1), key=lambda j: abs(j - centre))
        return [j for j in around if self.j1 <= j < self.j2]

    def sharing_words(self, i: int) -> list[int]:
        """The new paragraphs that share most of the old one's rarest words."""
        postings = self._index()
        words = sorted(
            (w for w in set(RARE_WORD.findall(self.pairing.old_text(i))) if w in postings),
            key=lambda w: (len(postings[w]), w),  # ties by the word itself: the same answer every run
        )[:RARE_WORDS]
        hits: Counter[int] = Counter()
        for word in words:
            hits.update(postings[word])
        return [j for j, _ in hits.most_common(WORD_CANDIDATES)]

    def _index(self) -> dict[str, list[int]]:
        if self._postings is None:
            postings: dict[str, list[int]] = {}
            for j in range(self.j1, self.j2):
                for word in set(RARE_WORD.findall(self.pairing.new_text(j))):
                    postings.setdefault(word, []).append(j)
            limit = max(MAX_WORD_SPREAD, (self.j2 - self.j1) // 20)
            self._postings = {w: js for w, js in postings.items() if len(js) <= limit}
        return self._postings


def _unpair_copies(pairing: _Pairing, steps: list[tuple[Step, int, int]]) -> list[tuple[Step, int, int]]:
    """A paragraph whose exact text is found once in each draft has that copy as its partner: paired with
    anything else (an edited look-alike, while the copy moved past an unchanged paragraph or swapped
    places with it), the pair is undone, so the copy becomes its move and the look-alike a deletion or an
    insertion of its own."""
    old_keys = Counter(u.key for u in pairing.old_units)
    new_keys = Counter(u.key for u in pairing.new_units)
    new_at = {u.key: j for j, u in enumerate(pairing.new_units) if new_keys[u.key] == 1}
    copy_of: dict[int, int] = {}  # old unit -> its new copy
    for i, unit in enumerate(pairing.old_units):
        if old_keys[unit.key] == 1 and unit.key in new_at and _worded(unit.key):
            copy_of[i] = new_at[unit.key]
    copied_from = {j: i for i, j in copy_of.items()}
    unpaired: list[tuple[Step, int, int]] = []
    for step, i, j in steps:
        if step is Step.PAIR and (copy_of.get(i, j) != j or copied_from.get(j, i) != i):
            unpaired += [(Step.DELETE, i, -1), (Step.INSERT, -1, j)]
        else:
            unpaired.append((step, i, j))
    return unpaired


def _may_move(unit: Unit) -> bool:
    """Long enough to be recognised elsewhere; a heading's title ("(Review)") says enough on its own."""
    return len(unit.key) >= MOVE_MIN_KEY or (unit.heading and any(c.isalpha() for c in unit.key))


def _find_moves(pairing: _Pairing, steps: list[tuple[Step, int, int]]) -> dict[int, int]:
    """Maps new unit -> old unit for each insertion that is a deleted paragraph arriving elsewhere."""
    # A short paragraph ("Parties shall act.") is recognised elsewhere only by its exact text, and only
    # when that text is found once in each draft: "No text" or "Option 2:" could be any of many.
    old_keys = Counter(u.key for u in pairing.old_units)
    new_keys = Counter(u.key for u in pairing.new_units)

    def exact_move(key: str) -> bool:
        return bool(key) and old_keys[key] == 1 and new_keys[key] == 1

    all_deleted = [i for step, i, _ in steps if step is Step.DELETE]
    all_inserted = [j for step, _, j in steps if step is Step.INSERT]
    deleted = [i for i in all_deleted if _may_move(pairing.old_units[i])]
    inserted = [j for j in all_inserted if _may_move(pairing.new_units[j])]
    by_key: dict[str, list[int]] = {}
    for i in all_deleted:
        unit = pairing.old_units[i]
        if _may_move(unit) or exact_move(unit.key):
            by_key.setdefault(unit.key, []).append(i)
    moves: dict[int, int] = {}
    for j in all_inserted:
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
    steps = _unpair_copies(pairing, steps)
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
    # Lines as editors and `diff` count them (by "\n"), for the line numbers shown with each change.
    old_lines, new_lines = _line_starts(old.text), _line_starts(new.text)
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
            old_line=bisect.bisect_right(old_lines, old_start),
            new_line=bisect.bisect_right(new_lines, new_start),
            paragraphs=1,
            old_number=o.number if o and kind is not ChangeKind.EQUAL else None,
            new_number=n.number if n and kind is not ChangeKind.EQUAL else None,
            old_section=o.section if o else at.old_section,
            new_section=n.section if n else at.new_section,
            pieces=pieces,
            old_reference=old.reference_at(o.start) if o and kind is not ChangeKind.EQUAL else "",
            new_reference=new.reference_at(n.start) if n and kind is not ChangeKind.EQUAL else "",
        )
        if changes and _joins(changes[-1], change):
            changes[-1] = _join(changes[-1], change)
        else:
            changes.append(change)
    return [
        replace(c, old_text=old.text[c.old_start : c.old_end], new_text=new.text[c.new_start : c.new_end])
        for c in changes
    ]


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text))]


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
    shown = change.kind is not ChangeKind.EQUAL  # runs of deletions and insertions show their paragraphs
    return replace(
        previous,
        old_end=change.old_end,
        new_end=change.new_end,
        paragraphs=previous.paragraphs + change.paragraphs,
        old_breaks=previous.old_breaks
        + ((change.old_start,) if shown and change.old_end > change.old_start else ()),
        new_breaks=previous.new_breaks
        + ((change.new_start,) if shown and change.new_end > change.new_start else ()),
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
