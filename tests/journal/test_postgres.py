"""What only the PostgreSQL journal has: many drafts in one database, connections that fail and come
back, a schema that several first-time processes create at once."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg
import pytest

from drafter.journal import JournalError, NewRecord
from drafter.journal.postgres import PostgresStore
from drafter.journal.postgres_database import display_url
from tests.conftest import CLUSTER_PREFIX, REPO, stop_orphans


def record(kind: str = "setting", **fields: object) -> NewRecord:
    return NewRecord(time="2026-11-23T10:00:00.000+00:00", actor="tester", kind=kind, **fields)  # type: ignore[arg-type]


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_many_drafts_in_one_database_are_kept_apart(database_url: str) -> None:
    store = PostgresStore(database_url)
    first = store.create(b"first draft", "a.txt")
    second = store.create(b"second draft", "b.txt")
    revised = store.create(b"first draft, revised", "a.txt")  # same name, another base: its own journal
    for n, journal in enumerate((first, second, revised)):
        with journal.writing() as writer:
            for k in range(n + 1):
                writer.append(record(target=f"key{k}", after=journal.location), after=k)
    assert [r.after for r in first.records()] == [first.location]
    assert [journal.last_seq() for journal in (first, second, revised)] == [1, 2, 3]
    found = store.open("a.txt", sha(b"first draft"), read_only=True)
    assert found is not None and found.base_text == b"first draft" and found.last_seq() == 1
    unknown_version = store.open("a.txt", sha(b"never seen"), read_only=True)  # the latest version, to refuse
    assert unknown_version is not None and unknown_version.base_sha256 == sha(b"first draft, revised")
    assert store.open("c.txt", sha(b"first draft"), read_only=True) is None
    assert sorted((name, events) for name, _, events, _ in store.drafts()) == [
        ("a.txt", 1),
        ("a.txt", 3),
        ("b.txt", 2),
    ]
    for journal in (first, second, revised, found, unknown_version):
        journal.close()


def test_messages_never_show_the_password() -> None:
    url = "postgresql://chair:s3cret@db.example:5433/room?sslmode=require&password=other"
    assert display_url(url) == "postgresql://chair@db.example:5433/room?sslmode=require"


def test_an_unreachable_database_is_a_clear_error(postgres_server: str) -> None:
    store = PostgresStore(postgres_server.replace("postgresql://postgres@", "postgresql://nobody:pw@"))
    with pytest.raises(JournalError, match=r"cannot connect to the journal database: .*nobody") as error:
        store.open("a.txt", sha(b"x"), read_only=True)
    assert "pw" not in str(error.value)


def test_a_nul_in_a_name_is_refused_and_draft_text_keeps_it(database_url: str) -> None:
    journal = PostgresStore(database_url).create(b"x", "a.txt")
    with pytest.raises(JournalError, match="the party contains a NUL character"), journal.writing() as writer:
        writer.append(record("position", party="E\x00U", target="b1", stance="delete"), after=0)
    with journal.writing() as writer:
        writer.append(record("keep", target="b1", before="[a\x00b]", after="a\x00b", note="\x00"), after=0)
    [stored] = journal.records()
    assert (stored.before, stored.after, stored.note) == ("[a\x00b]", "a\x00b", "\x00")
    journal.close()


def test_a_lost_connection_is_reported_then_made_again(database_url: str, postgres_server: str) -> None:
    journal = PostgresStore(database_url).create(b"x", "a.txt")
    with journal.writing() as writer:
        writer.append(record(), after=0)
    assert journal._connection is not None
    pid = journal._connection.info.backend_pid
    with psycopg.connect(postgres_server, autocommit=True) as admin:  # as a server restart would
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    with pytest.raises(JournalError):
        journal.last_seq()
    assert journal.last_seq() == 1  # a new connection
    with journal.writing() as writer:
        writer.append(record(), after=1)
    assert [r.seq for r in journal.records()] == [1, 2]
    journal.close()


SCHEMA_RACE = """
import sys
from drafter.journal.postgres import PostgresStore
journal = PostgresStore(sys.argv[1]).create(b"one base", "race.txt")
print(journal.base_sha256)
journal.close()
"""


def test_several_first_processes_make_one_schema_and_one_draft(database_url: str) -> None:
    processes = [
        subprocess.Popen([sys.executable, "-c", SCHEMA_RACE, database_url], stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    outputs = [p.communicate(timeout=60)[0].strip() for p in processes]
    assert [p.returncode for p in processes] == [0] * 4
    assert set(outputs) == {sha(b"one base")}
    with psycopg.connect(database_url) as connection:
        assert connection.execute("SELECT version FROM schema_version").fetchall() == [(1,)]
        assert connection.execute("SELECT count(*) FROM drafts").fetchone() == (1,)


def test_a_killed_test_runs_cluster_is_stopped_by_the_next_run(postgres_server: str) -> None:
    directory = Path(tempfile.mkdtemp(prefix=CLUSTER_PREFIX))
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    # Owned by this run while it starts: another test run on the machine stops orphans too.
    (directory / "owner").write_text(str(os.getpid()))
    url = subprocess.run(
        [str(REPO / ".ci" / "postgres"), "start", str(directory), "55433"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    psycopg.connect(url).close()
    (directory / "owner").write_text(str(gone.pid))  # now as if made by a run that no longer exists
    alive = Path(tempfile.mkdtemp(prefix=CLUSTER_PREFIX))
    (alive / "owner").write_text(str(os.getpid()))  # a live run's: left alone
    stop_orphans()
    assert not directory.exists() and alive.is_dir()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=2).close()
    shutil.rmtree(alive)
