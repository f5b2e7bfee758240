"""The word level: a whitespace-preserving token diff inside one pair of paragraphs.

Tokens are words, runs of trailing punctuation, and each square bracket or brace on its own: a bracket lifted from `[net]` then shows as two deleted `[`
`]` around kept text, which is what a negotiator wants to see, rather than
`[net]` replaced by `net`. The white space between tokens is kept beside them,
so the pieces join up to both texts exactly.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import chain

from drafter.diff.model import Piece, PieceTag

# A word keeps inner punctuation ("1.5", "1/CP.21") but not a trailing full stop or comma, so
# "emissions [by 2030]." -> "emissions." keeps "emissions" and "." as they were.
SPACED_TOKEN = re.compile(r"(\s*)([\[\]{}]|[^\s\[\]{}]*[^\s\[\]{}.,;:]|[.,;:]+)")
WORD = re.compile(SPACED_TOKEN.pattern.removeprefix(r"(\s*)"))  # the same words, for bags
# Beyond this many word pairs (2,000 words against 2,000), difflib's matching gives way to a cheaper
# alignment: it is quadratic on long repetitive texts (two different 80,000-word paragraphs: over five
# minutes). The cheaper one keeps the words both texts begin and end with and replaces what lies between:
# linear, exact for one edit, coarse for many; the diff says how many paragraphs it compared so.
MAX_WORD_PAIRS = 4_000_000
CONTAINMENT_MIN = 40  # non-space characters
CONTAINMENT_WEIGHT = 0.75


def _score(kept: int, old_letters: int, new_letters: int) -> float:
    """How alike two paragraphs are, 0..1, from the non-space characters the diff kept.

    The usual measure (kept over the average length) undersells a paragraph
    whose brackets were resolved: most of its text went, and what is left is
    all old text. So containment (kept over the shorter) counts too, discounted,
    once the shorter side is long enough not to be contained by chance.
    """
    total = old_letters + new_letters
    if total == 0:
        return 1.0
    shorter = min(old_letters, new_letters)
    containment = kept / shorter if shorter >= CONTAINMENT_MIN else 0.0
    return max(2 * kept / total, CONTAINMENT_WEIGHT * containment)


@dataclass(frozen=True, slots=True)
class Bag:
    """A paragraph's words (and brackets) counted: enough for an upper bound on its similarity."""

    words: Counter[str]
    letters: int

    @classmethod
    def of(cls, text: str) -> Bag:
        words = Counter(WORD.findall(text))
        return cls(words, sum(len(w) * n for w, n in words.items()))

    def could_be_similar(self, other: Bag, threshold: float) -> bool:
        """False when the similarity `word_diff` would report is surely below `threshold`."""
        small, large = (
            (self.words, other.words) if len(self.words) <= len(other.words) else (other.words, self.words)
        )
        shared = sum(len(w) * min(n, large[w]) for w, n in small.items() if w in large)
        return _score(shared, self.letters, other.letters) >= threshold


def _common_space(a: str, b: str) -> str:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n] and a[n].isspace():
        n += 1
    return a[:n]


class _Tokens:
    """A text as (white space before, word) pairs, plus the white space after the last word."""

    def __init__(self, text: str) -> None:
        self.pairs: list[tuple[str, str]] = SPACED_TOKEN.findall(text)
        self.spaces = [space for space, _ in self.pairs]
        self.words = [word for _, word in self.pairs]
        self.tail = text[len(text.rstrip()) :]  # \s and str.isspace agree on what white space is

    def text(self, start: int, end: int) -> str:
        return "".join(chain.from_iterable(self.pairs[start:end]))


class _Pieces(list[Piece]):
    """Pieces as they are added: neighbours of one kind merge, and a bare space between two edits joins them.

    White space both sides share at the edges of an edit is left out of it, so
    deleting `[` from ` [net` shows as the `[` alone.
    """

    def add(self, old: str, new: str, equal: bool) -> None:
        if equal:
            self._equal(old)
            return
        if self and self[-1].tag is not PieceTag.EQUAL:
            last = self.pop()
            old, new = last.old_text + old, last.new_text + new
        elif len(self) >= 2 and not self[-1].old_text.strip() and self[-2].tag is not PieceTag.EQUAL:
            space, last = self.pop(), self.pop()
            old, new = last.old_text + space.old_text + old, last.new_text + space.new_text + new
        lead = _common_space(old, new)
        trail = _common_space(old[len(lead) :][::-1], new[len(lead) :][::-1])[::-1]
        self._equal(lead)
        core_old, core_new = old[len(lead) : len(old) - len(trail)], new[len(lead) : len(new) - len(trail)]
        if core_old or core_new:
            self.append(_edit(core_old, core_new))
        self._equal(trail)

    def _equal(self, text: str) -> None:
        if not text:
            return
        if self and self[-1].tag is PieceTag.EQUAL:
            text = self.pop().old_text + text
        self.append(Piece(PieceTag.EQUAL, text, text))


def word_diff(old: str, new: str) -> tuple[tuple[Piece, ...], float]:
    """The pieces that turn `old` into `new`, and their similarity (0..1, by non-space characters kept).

    `difflib` matches the words alone (white space would be by far the most
    common token and make it slow); the white space before each word is then
    compared on its own, so the pieces still join up to both texts exactly.
    """
    a, b = _Tokens(old), _Tokens(new)
    pieces = _Pieces()
    kept = 0
    for tag, i1, i2, j1, j2 in _opcodes(a.words, b.words):
        if tag != "equal":
            pieces.add(a.text(i1, i2), b.text(j1, j2), equal=False)
            continue
        kept += sum(map(len, a.words[i1:i2]))
        run = i1  # start of the stretch whose white space also matches
        for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
            if a.spaces[i] != b.spaces[j]:
                pieces.add(a.text(run, i), a.text(run, i), equal=True)
                pieces.add(a.spaces[i], b.spaces[j], equal=False)
                pieces.add(a.words[i], a.words[i], equal=True)
                run = i + 1
        pieces.add(a.text(run, i2), a.text(run, i2), equal=True)
    pieces.add(a.tail, b.tail, equal=a.tail == b.tail)
    return tuple(pieces), _score(kept, sum(map(len, a.words)), sum(map(len, b.words)))


def too_long_for_words(old: str, new: str) -> bool:
    """Whether `word_diff` compares these texts by their common beginning and end only (MAX_WORD_PAIRS)."""
    return len(SPACED_TOKEN.findall(old)) * len(SPACED_TOKEN.findall(new)) > MAX_WORD_PAIRS


def coarse_note(count: int) -> str:
    """What a diff says when it compared `count` changed paragraphs by their beginning and end only."""
    side = int(MAX_WORD_PAIRS**0.5)
    paragraphs = "1 changed paragraph was" if count == 1 else f"{count:,} changed paragraphs were"
    return (
        f"note: {paragraphs} too long to compare word by word (over {side:,} × {side:,} words): "
        "shown as the words they begin and end with, and the rest replaced"
    )


Opcode = tuple[str, int, int, int, int]


def _opcodes(a: list[str], b: list[str]) -> Sequence[Opcode]:
    """difflib's opcodes for two word lists; past MAX_WORD_PAIRS, the common beginning and end kept and
    the rest replaced (a run of "equal" opcodes only where the words are the same)."""
    if len(a) * len(b) <= MAX_WORD_PAIRS:
        return SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    head = 0
    while head < len(a) and head < len(b) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < len(a) - head and tail < len(b) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    ops: list[Opcode] = [("equal", 0, head, 0, head)] if head else []
    if head < len(a) - tail or head < len(b) - tail:
        ops.append(("replace", head, len(a) - tail, head, len(b) - tail))
    if tail:
        ops.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return ops


def _edit(old: str, new: str) -> Piece:
    if not old:
        return Piece(PieceTag.INSERT, old, new)
    if not new:
        return Piece(PieceTag.DELETE, old, new)
    return Piece(PieceTag.REPLACE, old, new)
