"""Paragraphs too long to compare word by word fall back to a cheaper alignment, and the diff says so."""

from __future__ import annotations

import random

import drafter
from drafter.diff import apply, compare, from_json, render_terminal, to_json
from drafter.diff.model import ChangeKind, PieceTag
from drafter.diff.words import MAX_WORD_PAIRS, coarse_note, word_diff

WORDS = [f"w{i}" for i in range(500)] + ["the", "of", "Parties", "[", "]"] * 50


def _paragraph(seed: int, words: int) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(words))


def test_long_paragraphs_keep_their_common_beginning_and_end() -> None:
    side = int(MAX_WORD_PAIRS**0.5) + 100
    head, tail = "1. The Parties decide that", "as agreed at the session."
    old = f"{head} {_paragraph(1, side)} {tail}\n"
    new = f"{head} {_paragraph(2, side)} {tail}\n"
    pieces, _ = word_diff(old, new)
    assert [p.tag for p in pieces] == [PieceTag.EQUAL, PieceTag.REPLACE, PieceTag.EQUAL]
    assert pieces[0].old_text.startswith(head)
    assert pieces[-1].old_text.endswith(f"{tail}\n")
    assert "".join(p.old_text for p in pieces) == old
    assert "".join(p.new_text for p in pieces) == new


def test_the_diff_says_how_many_paragraphs_it_compared_coarsely() -> None:
    side = int(MAX_WORD_PAIRS**0.5) + 100
    first, second = _paragraph(1, side // 2), _paragraph(2, side // 2)
    old_text = f"1. Short and kept.\n\n2. The Parties {first} {second} act.\n\n3. Other [words].\n"
    new_text = f"1. Short and kept.\n\n2. The Parties {first} [decide to] {second} act.\n\n3. Other words.\n"
    diff = compare(drafter.parse(old_text), drafter.parse(new_text))
    assert diff.coarse == 1
    assert apply(old_text, diff) == new_text
    assert from_json(to_json(diff)).coarse == 1
    long = next(c for c in diff.changes if "decide" in c.new_text)
    assert long.kind is ChangeKind.REPLACE
    assert [p.new_text for p in long.pieces if p.tag is not PieceTag.EQUAL] == [" [decide to]"]
    shown = render_terminal(diff, width=300, color=False)
    assert coarse_note(1) in shown
    assert (
        "note: 1 changed paragraph was too long to compare word by word (over 2,000 × 2,000 words)" in shown
    )
    # The short paragraph is still compared word by word: only its bracket went.
    third = next(c for c in diff.changes if "Other" in c.new_text)
    assert third.kind is ChangeKind.REPLACE
    assert [p.tag for p in third.pieces if p.tag is not PieceTag.EQUAL] == [PieceTag.DELETE, PieceTag.DELETE]


def test_paragraphs_under_the_limit_are_compared_word_by_word() -> None:
    old_text = f"1. The Parties {_paragraph(1, 300)} act.\n"
    new_text = f"1. The Parties {_paragraph(1, 150)} and more {_paragraph(3, 150)} act.\n"
    diff = compare(drafter.parse(old_text), drafter.parse(new_text))
    assert diff.coarse == 0
    assert coarse_note(1) not in render_terminal(diff, color=False)
    (change,) = diff.differences
    assert sum(p.tag is not PieceTag.EQUAL for p in change.pieces) >= 1
    assert change.pieces[0].tag is PieceTag.EQUAL
    assert len(change.pieces[0].old_text) > 300  # the first 150 words are kept as they are
