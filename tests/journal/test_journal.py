"""What only the SQLite journal does: where it sits, its base text, its schema versions, files that are not
journals. What every backend does (appends, transactions, locks, read-only, the position index) is tested on
both in tests/journal/test_backends.py."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from drafter.journal import JournalError, NewRecord
from drafter.journal.sqlite import SqliteJournal, journal_path_for


def record(kind: str = "setting", **fields: object) -> NewRecord:
    return NewRecord(time="2026-11-23T10:00:00.000+00:00", actor="tester", kind=kind, **fields)  # type: ignore[arg-type]


def test_journal_sits_beside_the_draft(tmp_path: Path) -> None:
    assert journal_path_for(tmp_path / "draft.txt") == tmp_path / "draft.txt.drafter.sqlite"


def test_create_stores_the_base_text_and_its_hash(tmp_path: Path) -> None:
    base = b"Parties [shall][should]\r\n"
    journal = SqliteJournal.create(tmp_path / "j.sqlite", base, "draft.txt")
    assert journal.base_text == base
    assert journal.base_sha256 == hashlib.sha256(base).hexdigest()
    mode = journal._connection.execute("PRAGMA journal_mode").fetchone()[0]
    sync = journal._connection.execute("PRAGMA synchronous").fetchone()[0]
    assert (mode, sync) == ("wal", 2)  # 2 = FULL
    journal.close()
    again = SqliteJournal.create(tmp_path / "j.sqlite", b"other", "draft.txt")  # never overwrites the base
    assert again.base_text == base
    again.close()


def test_records_are_appended_in_order_and_read_back(tmp_path: Path) -> None:
    journal = SqliteJournal.create(tmp_path / "j.sqlite", b"x", "x.txt")
    with journal.writing() as writer:
        first = writer.append(record(party="EU", target="g1", stance="supports", choice=2), after=0)
        second = writer.append(record("keep", target="b1", data='{"edits": []}'), after=1)
    assert (first.seq, second.seq) == (1, 2)
    journal.close()
    reopened = SqliteJournal.open(tmp_path / "j.sqlite")
    records = list(reopened.records())
    assert [r.seq for r in records] == [1, 2]
    assert records[0].party == "EU" and records[0].choice == 2 and records[1].data == '{"edits": []}'
    assert [r.seq for r in reopened.records(after=1)] == [2]
    reopened.close()


def test_not_a_journal_and_missing_journal(tmp_path: Path) -> None:
    with pytest.raises(JournalError, match="no such journal"):
        SqliteJournal.open(tmp_path / "missing.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(JournalError, match="not a drafter journal"):
        SqliteJournal.open(junk)
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).close()
    with pytest.raises(JournalError, match=r"not a drafter journal|schema"):
        SqliteJournal.open(empty)


LEGACY_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE base (id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL, sha256 TEXT NOT NULL, bytes BLOB NOT NULL);
CREATE TABLE events (seq INTEGER PRIMARY KEY, time TEXT NOT NULL, actor TEXT NOT NULL, kind TEXT NOT NULL,
    party TEXT, meeting TEXT, target TEXT, before TEXT, after TEXT, stance TEXT, choice INTEGER, note TEXT,
    refers INTEGER, data TEXT);
CREATE INDEX events_by_target ON events (target);
CREATE INDEX events_not_positions ON events (seq) WHERE kind != 'position';
CREATE TABLE positions_now (target TEXT NOT NULL, party TEXT NOT NULL, seq INTEGER NOT NULL REFERENCES events (seq),
    stance TEXT NOT NULL, choice INTEGER, PRIMARY KEY (target, party)) WITHOUT ROWID;
CREATE INDEX positions_by_stance ON positions_now (target, stance, choice, party);
INSERT INTO meta VALUES ('schema', '1');
INSERT INTO base VALUES (1, 'x.txt', '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881', 'x');
INSERT INTO events (seq, time, actor, kind, target, after) VALUES (1, 't', 'old drafter', 'setting', 'party', 'EU');
"""


def test_a_journal_from_before_schema_versions_still_opens_and_is_recorded_as_version_1(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite"
    connection = sqlite3.connect(path)
    connection.executescript(LEGACY_SCHEMA)
    connection.close()
    reader = SqliteJournal.open(path, read_only=True)  # read-only: read as it is
    assert [r.after for r in reader.records()] == ["EU"]
    reader.close()
    assert (
        not sqlite3.connect(path)
        .execute("SELECT name FROM sqlite_master WHERE name = 'schema_version'")
        .fetchall()
    )
    journal = SqliteJournal.open(path)
    with journal.writing() as writer:
        writer.append(record(), after=1)
    journal.close()
    connection = sqlite3.connect(path)
    versions = connection.execute("SELECT version, summary FROM schema_version").fetchall()
    assert versions == [(1, "recorded: the journal was made before schema_version")]
    assert connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == (
        "1",
    )  # older drafters
    connection.close()


def test_a_new_journal_records_its_schema_version(tmp_path: Path) -> None:
    SqliteJournal.create(tmp_path / "j.sqlite", b"x", "x.txt").close()
    connection = sqlite3.connect(tmp_path / "j.sqlite")
    assert [v for (v,) in connection.execute("SELECT version FROM schema_version")] == [1]
    connection.close()
