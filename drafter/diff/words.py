"""The word level: a whitespace-preserving token diff inside one pair of paragraphs.

Tokens are runs of white space, runs of other characters, and each square
bracket or brace on its own: a bracket lifted from `[net]` then shows as two
deleted `[` `]` around kept text, which is what a negotiator wants to see,
rather than `[net]` replaced by `net`. Joining the tokens gives the text back.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

from drafter.diff.model import Piece, PieceTag

TOKEN = re.compile(r"\s+|[\[\]{}]|[^\s\[\]{}]+")
SPACE = re.compile(r"\s+")
WORD = re.compile(r"[\[\]{}]|[^\s\[\]{}]+")
CONTAINMENT_MIN = 40  # non-space characters
CONTAINMENT_WEIGHT = 0.75


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def _letters(text: str) -> int:
    return len(text) - sum(map(len, SPACE.findall(text)))


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


def word_diff(old: str, new: str) -> tuple[tuple[Piece, ...], float]:
    """The pieces that turn `old` into `new`, and their similarity (0..1, by non-space characters kept)."""
    a, b = tokens(old), tokens(new)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        piece = Piece(PieceTag(tag), "".join(a[i1:i2]), "".join(b[j1:j2]))
        pieces.append(piece)
        # A bare space kept between two edits reads better inside one edit.
        while (
            len(pieces) >= 3
            and pieces[-1].tag is not PieceTag.EQUAL
            and pieces[-2].tag is PieceTag.EQUAL
            and not pieces[-2].old_text.strip()
            and pieces[-3].tag is not PieceTag.EQUAL
        ):
            first, middle, last = pieces[-3:]
            pieces[-3:] = [
                _edit(
                    first.old_text + middle.old_text + last.old_text,
                    first.new_text + middle.new_text + last.new_text,
                )
            ]
    kept = sum(_letters(p.old_text) for p in pieces if p.tag is PieceTag.EQUAL)
    return tuple(pieces), _score(kept, _letters(old), _letters(new))


def _edit(old: str, new: str) -> Piece:
    if not old:
        return Piece(PieceTag.INSERT, old, new)
    if not new:
        return Piece(PieceTag.DELETE, old, new)
    return Piece(PieceTag.REPLACE, old, new)
