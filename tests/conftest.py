"""Shared fixtures: the texts the tests read, in two tiers; the journal on both backends.

Default tier: `tests/fixtures/` (drafts written for these tests, shaped like real ones: PDF-extracted
text with form feeds, running headers and footnotes, unbalanced brackets, options, `bis` numbering,
Markdown iterations of one article) and `samples/`. It runs in any clone.
Corpus tier: the real drafts in ../shared/corpus, read-only and outside the repository. A test that
needs them takes `corpus_file(...)` or the `corpus_copy` fixture, or parametrizes over
`corpus_files()`; without the corpus it is skipped with one reason (`pytest -ra` lists them), and
under CI=true a missing corpus stops the run instead.
"""

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
FIXTURES = REPO / "tests" / "fixtures"
CORPUS = REPO.parent / "shared" / "corpus"
CORPUS_SKIPPED = f"corpus tier: no real corpus at {CORPUS} (the default tier reads tests/fixtures/)"
JOURNAL_MARK = ".drafter.sqlite"  # FILE.drafter.sqlite and its -wal and -shm: never a draft


def drafts_in(folder: Path) -> list[Path]:
    """The drafts in `folder` and below, never a journal left beside one."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and JOURNAL_MARK not in p.name)


def sample_files() -> list[Path]:
    return drafts_in(SAMPLES)


def fixture_files() -> list[Path]:
    return drafts_in(FIXTURES)


def fixture_file(name: str) -> Path:
    return FIXTURES / name


def corpus_files() -> list[Path]:
    """Every file of the real corpus (read-only: copy before writing beside one); none without it."""
    return drafts_in(CORPUS) if CORPUS.is_dir() else []


def corpus_file(prefix: str) -> Path:
    """The corpus file whose name starts with `prefix`; skips the test (corpus tier) without the corpus."""
    if not CORPUS.is_dir():
        pytest.skip(CORPUS_SKIPPED)
    return next(p for p in corpus_files() if p.name.startswith(prefix))


# For a test whose body reads corpus paths itself (most take `corpus_file`, which skips the same way).
corpus_tier = pytest.mark.skipif(not CORPUS.is_dir(), reason=CORPUS_SKIPPED)


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("CI") == "true" and not CORPUS.is_dir():
        raise pytest.UsageError(f"CI=true: the corpus tier must run, but there is no real corpus at {CORPUS}")


@pytest.fixture
def copy_into_tmp(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Copies a draft into a temporary directory, so journals are never written beside the original."""

    def copy(source: Path) -> Path:
        target = tmp_path / source.name
        target.write_bytes(source.read_bytes())
        return target

    return copy


@pytest.fixture
def corpus_copy(copy_into_tmp):  # type: ignore[no-untyped-def]
    """A temporary copy of the corpus text whose name starts with the given prefix (corpus tier)."""
    return lambda name_prefix: copy_into_tmp(corpus_file(name_prefix))


@pytest.fixture
def ocean(tmp_path: Path) -> Path:
    """A temporary copy of the bundled ocean sample (the room's and the journal's tests walk it)."""
    path = tmp_path / "ocean.txt"
    shutil.copy(SAMPLES / "ocean-agreement.txt", path)
    return path


@pytest.fixture
def no_journal_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """DRAFTER_JOURNAL unset: each process these tests start names its journal itself."""
    monkeypatch.delenv("DRAFTER_JOURNAL", raising=False)


@pytest.fixture
def fixture_copy(copy_into_tmp):  # type: ignore[no-untyped-def]
    """A temporary copy of a text in tests/fixtures/ (default tier)."""
    return lambda name: copy_into_tmp(fixture_file(name))


# --- PostgreSQL: the journal suite runs on both backends -------------------------------------------

POSTGRES_VARIABLE = "DRAFTER_TEST_POSTGRES"  # a server's URL (.ci/run exports it); else the tests start one
CLUSTER_PREFIX = "drafter-pg-"


def stop_orphans() -> None:
    """Stops the clusters of test runs that were killed before they could stop their own (each cluster
    directory names the process that made it; only those whose process is gone are touched)."""
    for directory in Path(tempfile.gettempdir()).glob(f"{CLUSTER_PREFIX}*"):
        try:
            os.kill(int((directory / "owner").read_text()), 0)
        except ProcessLookupError:  # its test run is gone: nobody else will stop it
            subprocess.run(
                [str(REPO / ".ci" / "postgres"), "stop", str(directory)], capture_output=True, check=False
            )
            shutil.rmtree(directory, ignore_errors=True)
        except (OSError, ValueError):
            continue  # no owner named (not one of these clusters), or one that is alive


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server for the tests: $DRAFTER_TEST_POSTGRES, else a throwaway cluster
    started with .ci/postgres (this worker's own: a Unix socket in a temporary directory, no TCP port).
    Skipped only where no server can be started, and never under CI=true."""
    url = os.environ.get(POSTGRES_VARIABLE)
    if url:
        yield url
        return
    stop_orphans()
    directory = tempfile.mkdtemp(prefix=CLUSTER_PREFIX)  # short: a socket path has a length limit
    (Path(directory) / "owner").write_text(str(os.getpid()))
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
