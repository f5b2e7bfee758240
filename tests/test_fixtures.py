"""The default tier's texts: written for drafter, shaped like real drafts, never copied from them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import corpus_files, corpus_tier, drafts_in, fixture_files

SHINGLE = 8  # words: a shared run this long is a copied sentence, not a common phrase


def shingles(path: Path) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", path.read_text(encoding="utf-8").lower())
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def test_a_journal_left_beside_a_draft_is_never_taken_for_one(tmp_path: Path) -> None:
    for name in (
        "draft.txt",
        "draft.txt.drafter.sqlite",
        "draft.txt.drafter.sqlite-wal",
        "draft.txt.drafter.sqlite-shm",
    ):
        (tmp_path / name).write_text("x")
    (tmp_path / "versions").mkdir()
    (tmp_path / "versions" / "v1.md").write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in drafts_in(tmp_path)] == [
        "draft.txt",
        "versions/v1.md",
    ]


def test_the_fixtures_are_there() -> None:
    names = {
        p.relative_to(p.parents[1] if p.parent.name == "versions" else p.parent).as_posix()
        for p in fixture_files()
    }
    assert {"pdf-draft-agreement.txt", "compilation-unbalanced.txt", "versions/article-5-v1.md"} <= names


@corpus_tier
@pytest.mark.parametrize("fixture", fixture_files(), ids=lambda p: p.name)
def test_no_fixture_copies_a_sentence_of_a_real_text(fixture: Path) -> None:
    own = shingles(fixture)
    for real in corpus_files():
        copied = own & shingles(real)
        assert not copied, f"{fixture.name} repeats {real.name}: {' '.join(min(copied))}"
