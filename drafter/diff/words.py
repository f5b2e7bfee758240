"""The word level: a whitespace-preserving token diff inside one pair of paragraphs.

Tokens are words, runs of trailing punctuation, and each square bracket or brace on its own: a bracket lifted from `[net]` then shows as two deleted `[`
`]` around kept text, which is what a negotiator wants to see, rather than
`[net]` replaced by `net`. The white space between tokens is kept beside them,
so the pieces join up to both texts exactly.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

from drafter.diff.model import Piece, PieceTag

# A word keeps inner punctuation ("1.5", "1/CP.21") but not a trailing full stop or comma, so
# "emissions [by 2030]." -> "emissions." keeps "emissions" and "." as they were.
SPACED_TOKEN = re.compile(r"(\s*)([\[\]{}]|[^\s\[\]{}]*[^\s\[\]{}.,;:]|[.,;:]+)")
SPACE = re.compile(r"\s+")
WORD = re.compile(r"[\[\]{}]|[^\s\[\]{}]+")
CONTAINMENT_MIN = 40  # non-space characters
CONTAINMENT_WEIGHT = 0.75


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


def _common_space(a: str, b: str) -> str:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n] and a[n].isspace():
        n += 1
    return a[:n]


def _split(text: str) -> tuple[list[str], list[str], str]:
    """The text's words (and brackets), the white space before each, and the white space after the last."""
    spaces, words, end = [], [], 0
    for match in SPACED_TOKEN.finditer(text):
        spaces.append(match.group(1))
        words.append(match.group(2))
        end = match.end()
    return spaces, words, text[end:]


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
    old_spaces, old_words, old_tail = _split(old)
    new_spaces, new_words, new_tail = _split(new)
    matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
    pieces = _Pieces()
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            pieces.add(
                "".join(s + w for s, w in zip(old_spaces[i1:i2], old_words[i1:i2], strict=True)),
                "".join(s + w for s, w in zip(new_spaces[j1:j2], new_words[j1:j2], strict=True)),
                equal=False,
            )
            continue
        for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
            if old_spaces[i] != new_spaces[j]:
                pieces.add(old_spaces[i], new_spaces[j], equal=False)
                pieces.add(old_words[i], new_words[j], equal=True)
            else:
                pieces.add(old_spaces[i] + old_words[i], new_spaces[j] + new_words[j], equal=True)
    pieces.add(old_tail, new_tail, equal=old_tail == new_tail)
    kept = sum(_letters(p.old_text) for p in pieces if p.tag is PieceTag.EQUAL)
    return tuple(pieces), _score(kept, _letters(old), _letters(new))


def _edit(old: str, new: str) -> Piece:
    if not old:
        return Piece(PieceTag.INSERT, old, new)
    if not new:
        return Piece(PieceTag.DELETE, old, new)
    return Piece(PieceTag.REPLACE, old, new)
