"""Shared fixtures: where the real corpus and the samples are."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
CORPUS = REPO.parent / "shared" / "corpus"


def corpus_files() -> list[Path]:
    """Every file of the real corpus, recursively (read-only: copy before writing beside one)."""
    assert CORPUS.is_dir(), f"the real corpus is expected at {CORPUS}"
    return sorted(p for p in CORPUS.rglob("*") if p.is_file())


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.is_file())


@pytest.fixture
def corpus_copy(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Copies a corpus text into a temporary directory, so journals are never written into shared/."""

    def copy(name_prefix: str) -> Path:
        source = next(p for p in corpus_files() if p.name.startswith(name_prefix))
        target = tmp_path / source.name
        target.write_bytes(source.read_bytes())
        return target

    return copy
