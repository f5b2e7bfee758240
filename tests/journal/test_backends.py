"""Both journal backends, SQLite and PostgreSQL, through the one storage interface: the same behaviour."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.journal import JournalError, JournalStore, NewRecord
from drafter.journal.locate import journal_store
from tests.conftest import RawJournal


def record(kind: str = "setting", **fields: object) -> NewRecord:
    return NewRecord(time="2026-11-23T10:00:00.000+00:00", actor="tester", kind=kind, **fields)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path, journal_backend: str) -> Iterator[JournalStore]:
    """Where `draft.txt`'s journal goes: beside it, or in the test's PostgreSQL schema."""
    yield journal_store(None, tmp_path / "draft.txt", busy_timeout=0.2)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_no_journal_until_created_then_found_by_name_and_base(store: JournalStore) -> None:
    assert store.open("draft.txt", sha(b"base"), read_only=True) is None
    assert store.open("draft.txt", sha(b"base"), read_only=False) is None
    journal = store.create(b"base \x00 text\r\n", "draft.txt")
    assert journal.base_text == b"base \x00 text\r\n" and journal.base_sha256 == sha(b"base \x00 text\r\n")
    assert journal.last_seq() == 0 and list(journal.records()) == []
    again = store.create(b"another base", "draft.txt")  # never replaces a base
    found = store.open("draft.txt", sha(b"base \x00 text\r\n"), read_only=True)
    assert found is not None and found.base_text == b"base \x00 text\r\n"
    for opened in (journal, again, found):
        opened.close()


def test_records_round_trip_every_field_and_byte(store: JournalStore) -> None:
    journal = store.create(b"x", "draft.txt")
    odd = "«[shall]»\x00\r\n\u2028 \U0001f600 '\"\\"
    written = [
        record(
            "position",
            party="G77/China",
            meeting="IC 6 Nov",
            target="g1",
            stance="supports",
            choice=2,
            note=odd,
        ),
        record("keep", target="b1", before=odd, after="", data='{"edits":[[0,"\\u0000",""]]}'),
        record("undo", target="b1", refers=2, data="{}"),
    ]
    with journal.writing() as writer:
        stored = [writer.append(r, after=n) for n, r in enumerate(written)]
    assert [r.seq for r in stored] == [1, 2, 3]
    journal.close()
    reopened = store.open("draft.txt", sha(b"x"), read_only=True)
    assert reopened is not None
    assert list(reopened.records()) == stored
    assert [r.seq for r in reopened.records(after=1)] == [2, 3]
    assert [r.seq for r in reopened.records(positions=False)] == [2, 3]
    assert [r.seq for r in reopened.records(target="g1")] == [1]
    reopened.close()


def test_an_append_that_missed_another_writer_is_refused(store: JournalStore) -> None:
    journal = store.create(b"x", "draft.txt")
    other = store.open("draft.txt", sha(b"x"), read_only=False)
    assert other is not None
    with other.writing() as writer:
        writer.append(record(), after=0)
    with pytest.raises(JournalError, match="moved on to event 1"), journal.writing() as writer:
        writer.append(record(), after=0)
    with journal.writing() as writer:
        assert [r.seq for r in writer.records_after(0)] == [1]
        writer.append(record(), after=1)
    assert [r.seq for r in other.records()] == [1, 2]
    journal.close()
    other.close()


def test_a_failed_transaction_leaves_nothing(store: JournalStore) -> None:
    journal = store.create(b"x", "draft.txt")
    with pytest.raises(RuntimeError), journal.writing() as writer:
        writer.append(record("position", party="EU", target="b1", stance="delete"), after=0)
        raise RuntimeError("crash before commit")
    assert list(journal.records()) == [] and journal.last_seq() == 0
    assert list(journal.position_groups()) == []
    with journal.writing() as writer:
        assert writer.append(record(), after=0).seq == 1
    journal.close()


def test_a_held_journal_is_reported_as_in_use(
    store: JournalStore, raw_journal: RawJournal, tmp_path: Path
) -> None:
    journal = store.create(b"x", "draft.txt")
    with raw_journal.write_lock_held(tmp_path / "draft.txt"):
        started = time.monotonic()
        with pytest.raises(JournalError, match="in use by another drafter process"), journal.writing():
            pass
        assert time.monotonic() - started < 5
    with journal.writing() as writer:  # free again
        writer.append(record(), after=0)
    journal.close()


def test_read_only_cannot_write(store: JournalStore) -> None:
    store.create(b"x", "draft.txt").close()
    journal = store.open("draft.txt", sha(b"x"), read_only=True)
    assert journal is not None
    with pytest.raises(JournalError), journal.writing() as writer:
        writer.append(record(), after=0)
    assert journal.last_seq() == 0
    journal.close()


def test_latest_positions_are_indexed_per_element_and_party(store: JournalStore) -> None:
    journal = store.create(b"x", "draft.txt")
    with journal.writing() as writer:
        writer.append(record("position", party="EU", target="g1", stance="supports", choice=1), after=0)
        writer.append(record("position", party="US", target="g1", stance="supports", choice=1), after=1)
        writer.append(
            record("position", party="EU", target="g1", stance="opposes", choice=1, note="changed"), after=2
        )
        writer.append(record("position", party="EU", target="b2", stance="delete"), after=3)
        writer.append(record("position", party="AOSIS", target="g1", stance="supports", choice=1), after=4)
        writer.append(record("keep", target="g1"), after=5)
    assert sorted(journal.position_groups()) == [
        ("b2", "delete", None, ("EU",)),
        ("g1", "opposes", 1, ("EU",)),
        ("g1", "supports", 1, ("AOSIS", "US")),
    ]
    latest = journal.latest_positions("g1")
    assert [(r.party, r.stance, r.note) for r in latest] == [
        ("US", "supports", None),
        ("EU", "opposes", "changed"),
        ("AOSIS", "supports", None),
    ]
    assert [r.seq for r in journal.records(target="b2")] == [4]
    with journal.reading():
        assert journal.last_seq() == 6
        assert [r.seq for r in journal.records(positions=False)] == [6]
    journal.close()


def test_another_processs_write_is_noticed_at_once(store: JournalStore) -> None:
    watcher = store.create(b"x", "draft.txt")
    writer_side = store.open("draft.txt", sha(b"x"), read_only=False)
    assert writer_side is not None
    assert not watcher.changed_since(0)
    assert not watcher.wait_for_change(0, 0.05)
    with writer_side.writing() as writer:
        writer.append(record(), after=0)
    assert watcher.wait_for_change(0, 2.0)
    assert watcher.changed_since(0) and not watcher.changed_since(1)

    def write_later() -> None:
        time.sleep(0.2)
        with writer_side.writing() as writer:
            writer.append(record(), after=1)

    thread = threading.Thread(target=write_later)
    thread.start()
    started = time.monotonic()
    assert watcher.wait_for_change(1, 5.0)
    assert time.monotonic() - started < 2.0  # woken by the write, not by the timeout
    thread.join()
    assert [r.seq for r in watcher.records(after=1)] == [2]
    watcher.close()
    writer_side.close()


def test_a_first_wait_on_a_journal_with_news_returns_at_once(store: JournalStore) -> None:
    """The first wait connects the listener (PostgreSQL) and finds the records already there: it must
    not sit out its timeout waiting for a notification that was sent before it listened."""
    store.create(b"x", "draft.txt").close()
    writer_side = store.open("draft.txt", sha(b"x"), read_only=False)
    assert writer_side is not None
    with writer_side.writing() as writer:
        writer.append(record(), after=0)
    watcher = store.open("draft.txt", sha(b"x"), read_only=True)
    assert watcher is not None
    started = time.monotonic()
    assert watcher.wait_for_change(0, 60.0)
    assert time.monotonic() - started < 30.0  # not the timeout
    watcher.close()
    writer_side.close()


def test_a_journal_newer_than_drafter_is_refused(
    store: JournalStore, raw_journal: RawJournal, tmp_path: Path
) -> None:
    store.create(b"x", "draft.txt").close()
    raw_journal.execute(
        tmp_path / "draft.txt",
        "INSERT INTO schema_version (version, applied, summary) VALUES (99, '2030-01-01', 'from the future')",
    )
    for read_only in (True, False):
        with pytest.raises(JournalError, match="schema version 99 is newer than this drafter"):
            store.open("draft.txt", sha(b"x"), read_only=read_only)
