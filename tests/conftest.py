"""Shared fixtures: where the real corpus and the samples are."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


# --- PostgreSQL: the journal suite runs on both backends -------------------------------------------

POSTGRES_VARIABLE = "DRAFTER_TEST_POSTGRES"  # a server's URL (.ci/run exports it); else the tests start one


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server for the tests: $DRAFTER_TEST_POSTGRES, else a throwaway cluster
    started with .ci/postgres (this worker's own: a Unix socket in a temporary directory, no TCP port).
    Skipped only where no server can be started, and never under CI=true."""
    url = os.environ.get(POSTGRES_VARIABLE)
    if url:
        yield url
        return
    directory = tempfile.mkdtemp(prefix="drafter-pg-")  # short: a socket path has a length limit
    started = subprocess.run(
        [str(REPO / ".ci" / "postgres"), "start", directory], capture_output=True, text=True, check=False
    )
    if started.returncode != 0:
        shutil.rmtree(directory, ignore_errors=True)
        reason = f"no PostgreSQL server could be started ({started.stderr.strip() or started.returncode})"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; CI must run the PostgreSQL tests")
        pytest.skip(reason)
    try:
        yield started.stdout.strip()
    finally:
        subprocess.run([str(REPO / ".ci" / "postgres"), "stop", directory], check=False, capture_output=True)
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def database_url(postgres_server: str) -> Iterator[str]:
    """A journal database URL of this test's own: a fresh schema on the server, dropped afterwards."""
    import psycopg

    schema = f"test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(postgres_server, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    try:
        separator = "&" if "?" in postgres_server else "?"
        yield f"{postgres_server}{separator}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(postgres_server, autocommit=True) as connection:
            connection.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def journal_backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Runs a test once with journals beside the drafts (SQLite) and once in PostgreSQL
    (through DRAFTER_JOURNAL, as a facilitator would set it)."""
    monkeypatch.delenv("DRAFTER_JOURNAL", raising=False)
    if request.param == "postgresql":
        monkeypatch.setenv("DRAFTER_JOURNAL", request.getfixturevalue("database_url"))
    backend: str = request.param
    return backend


class RawJournal:
    """The journal's storage behind drafter's back, on either backend: to damage it or hold its lock."""

    def __init__(self, backend: str) -> None:
        self.backend = backend

    def _connect(self, draft: Path) -> Any:
        if self.backend == "sqlite":
            from drafter.journal.sqlite import journal_path_for

            return sqlite3.connect(journal_path_for(draft), isolation_level=None)
        import psycopg

        return psycopg.connect(os.environ["DRAFTER_JOURNAL"], autocommit=True)

    def execute(self, draft: Path, statement: str) -> None:
        connection = self._connect(draft)
        try:
            connection.execute(statement)
        finally:
            connection.close()

    @contextlib.contextmanager
    def write_lock_held(self, draft: Path) -> Iterator[None]:
        """Another process in the middle of a write to the journal."""
        connection = self._connect(draft)
        try:
            connection.execute("BEGIN IMMEDIATE" if self.backend == "sqlite" else "BEGIN")
            if self.backend == "postgresql":
                connection.execute("SELECT 1 FROM drafts FOR UPDATE")
            yield
            connection.execute("ROLLBACK")
        finally:
            connection.close()


@pytest.fixture
def raw_journal(journal_backend: str) -> RawJournal:
    return RawJournal(journal_backend)
