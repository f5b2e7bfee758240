"""The journal in a SQLite file beside the draft (`FILE.drafter.sqlite`).

WAL mode with `synchronous=FULL`: a committed append is on disk before
`writing()` returns. Writers take the lock with `BEGIN IMMEDIATE` and wait
`busy_timeout` seconds for another process to finish; then they give up with
`JournalBusyError` rather than corrupt or lose anything. Records are never
updated or deleted.

The schema is versioned (`schema_version`, see `drafter.journal.migrations`); journals made before
that table existed carry only `meta.schema = '1'`, read as version 1 and recorded on their next write.

Besides the events, the file keeps `positions_now`, the number of the latest
position event of each Party on each element, updated in the same transaction
as the event: an index, so opening a journal with hundreds of thousands of
positions reads their counts per stance instead of every row.
"""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from drafter.journal.migrations import Migration, pending, statements
from drafter.journal.sql import COLUMNS, JOINED_COLUMNS, records_filter
from drafter.journal.sqlite_files import (
    can_create_in,
    connect_read_only,
    fsync_file,
    publish,
    remove_files,
    remove_stale_temporaries,
    schema_less,
    temporary_for,
    writable,
)
from drafter.journal.store import (
    JournalBusyError,
    JournalError,
    JournalReadOnlyError,
    NewRecord,
    Record,
    RecordKind,
)
from drafter.output import JOURNAL_SUFFIX

LEGACY_SCHEMA = (
    "1"  # `meta.schema` of every journal at version 1, which drafters before `schema_version` read
)
POLL_INTERVAL = 0.1  # seconds between looks at `data_version` while waiting for another process's write
VERSION_TABLE = """CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    applied TEXT NOT NULL,
    summary TEXT NOT NULL
)"""
SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS base (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    bytes BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    party TEXT,
    meeting TEXT,
    target TEXT,
    before TEXT,
    after TEXT,
    stance TEXT,
    choice INTEGER,
    note TEXT,
    refers INTEGER,
    data TEXT
);
CREATE INDEX IF NOT EXISTS events_by_target ON events (target);
CREATE INDEX IF NOT EXISTS events_not_positions ON events (seq) WHERE kind != 'position';
CREATE TABLE IF NOT EXISTS positions_now (
    target TEXT NOT NULL,
    party TEXT NOT NULL,
    seq INTEGER NOT NULL REFERENCES events (seq),
    stance TEXT NOT NULL,
    choice INTEGER,
    PRIMARY KEY (target, party)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS positions_by_stance ON positions_now (target, stance, choice, party);
INSERT OR IGNORE INTO meta VALUES ('schema', '1')
"""
MIGRATIONS = (
    Migration(1, "base text, events, latest position per Party and element", statements(SCHEMA_V1)),
)
PARTY_SEPARATOR = "\x1f"
NOT_PERMITTED = (errno.EACCES, errno.EPERM, errno.EROFS)  # creation failures that mean: read-only here


def journal_path_for(draft_path: Path) -> Path:
    """The journal beside the draft's real file: a symlinked draft shares the journal of what it points to."""
    real = Path(os.path.realpath(draft_path))
    return real.with_name(real.name + JOURNAL_SUFFIX)


class _Writer:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def records_after(self, seq: int) -> Sequence[Record]:
        cursor = self._connection.execute(f"SELECT {COLUMNS} FROM events WHERE seq > ? ORDER BY seq", (seq,))
        return [Record._make(row) for row in cursor]

    def append(self, record: NewRecord, *, after: int) -> Record:
        (last,) = self._connection.execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()
        if last != after:
            raise JournalError(f"journal moved on to event {last} while this process expected {after}")
        self._connection.execute(
            f"INSERT INTO events ({COLUMNS}) VALUES ({', '.join('?' * 14)})", (after + 1, *record)
        )
        if record.kind == RecordKind.POSITION:
            self._connection.execute(
                "INSERT OR REPLACE INTO positions_now VALUES (?, ?, ?, ?, ?)",
                (record.target, record.party, after + 1, record.stance, record.choice),
            )
        return Record(after + 1, *record)


class SqliteJournal:
    """A journal in one SQLite file."""

    def __init__(self, connection: sqlite3.Connection, location: str) -> None:
        self._connection = connection
        self.location = location
        self._data_version: int | None = None  # as last seen by `changed_since`
        self._seen_last = 0  # the last record number when `_data_version` was read
        row = connection.execute("SELECT sha256, bytes FROM base WHERE id = 1").fetchone()
        if row is None:
            raise JournalError(f"{location}: journal has no base text (not a drafter journal?)")
        self._sha256: str = row[0]
        self._base: bytes = row[1]

    @classmethod
    def open(
        cls, path: Path, *, read_only: bool = False, busy_timeout: float = 5.0, notes: list[str] | None = None
    ) -> SqliteJournal:
        """Opens an existing journal (and brings its schema up to date unless `read_only`). Read-only, it
        needs no write access to the directory (`sqlite_files.connect_read_only`); its note, if any, is
        added to `notes`."""
        if not path.is_file():
            raise JournalError(f"{path}: no such journal")
        if read_only:
            try:
                connection, note = connect_read_only(path, busy_timeout=busy_timeout)
            except sqlite3.Error as error:
                raise JournalError(f"{path}: not a drafter journal ({error})") from None
            if note and notes is not None:
                notes.append(note)
        else:
            connection = _connect(path, busy_timeout=busy_timeout)
        try:
            version, recorded = _schema_version(connection, str(path))
            if version == 0:
                raise JournalError(f"{path}: not a drafter journal (it has no drafter schema)")
            behind = bool(pending(MIGRATIONS, version, str(path)))
            if (behind or not recorded) and not read_only:
                with _transaction(connection, str(path)):
                    _migrate(connection, str(path))
            elif behind:
                raise JournalError(
                    f"{path}: journal schema version {version} predates this drafter's; "
                    "open it once for writing to bring it up to date"
                )
        except BaseException:
            connection.close()
            raise
        return cls(connection, str(path))

    @classmethod
    def create(cls, path: Path, base: bytes, name: str, *, busy_timeout: float = 5.0) -> SqliteJournal:
        """Creates the journal whole (see `sqlite_files`): schema and base text are written under a
        temporary name and linked into place; if another process published one first, opens that."""
        remove_stale_temporaries(path)
        temporary = temporary_for(path)
        try:
            try:
                connection = _connect(temporary, busy_timeout=busy_timeout)
                try:
                    with _transaction(connection, str(path)):
                        _migrate(connection, str(path))
                        connection.execute(
                            "INSERT INTO base VALUES (1, ?, ?, ?)",
                            (name, hashlib.sha256(base).hexdigest(), base),
                        )
                finally:
                    connection.close()  # the last connection: checkpoints the WAL into the file
                fsync_file(temporary)
                publish(temporary, path)
            except OSError as error:
                kind = JournalReadOnlyError if error.errno in NOT_PERMITTED else JournalError
                raise kind(f"{path}: cannot create the journal ({error.strerror or error})") from None
        finally:
            remove_files(temporary)
        return cls.open(path, busy_timeout=busy_timeout)

    @property
    def base_text(self) -> bytes:
        return self._base

    @property
    def base_sha256(self) -> str:
        return self._sha256

    def records(
        self, after: int = 0, *, positions: bool = True, target: str | None = None
    ) -> Iterator[Record]:
        where, values = records_filter(after, positions=positions, target=target, placeholder="?")
        cursor = self._connection.execute(f"SELECT {COLUMNS} FROM events WHERE {where} ORDER BY seq", values)
        return map(Record._make, cursor)

    def last_seq(self) -> int:
        (last,) = self._connection.execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()
        return int(last)

    def position_groups(self) -> Iterator[tuple[str, str, int | None, tuple[str, ...]]]:
        cursor = self._connection.execute(
            "SELECT target, stance, choice, group_concat(party, ?) FROM positions_now GROUP BY target, stance, choice",
            (PARTY_SEPARATOR,),
        )
        for target, stance, choice, parties in cursor:
            yield target, stance, choice, tuple(parties.split(PARTY_SEPARATOR))

    def latest_positions(self, target: str) -> list[Record]:
        cursor = self._connection.execute(
            f"SELECT {JOINED_COLUMNS} FROM positions_now p JOIN events e ON e.seq = p.seq WHERE p.target = ? ORDER BY e.seq",
            (target,),
        )
        return [Record._make(row) for row in cursor]

    def speakers(self) -> Iterator[tuple[str | None, str]]:
        cursor = self._connection.execute(
            f"SELECT DISTINCT meeting, party FROM events WHERE kind = '{RecordKind.POSITION.value}'"
        )
        return ((meeting, party) for meeting, party in cursor)

    @contextmanager
    def reading(self) -> Iterator[None]:
        """One consistent snapshot for several reads (other processes may append meanwhile)."""
        self._connection.execute("BEGIN")
        try:
            yield
        finally:
            self._connection.execute("COMMIT")

    @contextmanager
    def writing(self) -> Iterator[_Writer]:
        with _transaction(self._connection, self.location):
            yield _Writer(self._connection)

    def changed_since(self, seq: int) -> bool:
        # data_version changes when another connection commits: cheaper than reading the events.
        (version,) = self._connection.execute("PRAGMA data_version").fetchone()
        if version != self._data_version:
            self._data_version = version
            self._seen_last = self.last_seq()
        return self._seen_last > seq

    def wait_for_change(self, seq: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while not self.changed_since(seq):
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            time.sleep(min(POLL_INTERVAL, left))
        return True

    def close(self) -> None:
        self._connection.close()


class SqliteStore:
    """One draft's journal in one SQLite file."""

    def __init__(self, path: Path, *, busy_timeout: float = 5.0) -> None:
        self.path = path
        self.location = str(path)
        self.notes: list[str] = []
        self._busy_timeout = busy_timeout

    def open(self, name: str, sha256: str, *, read_only: bool) -> SqliteJournal | None:
        """The journal, or None when there is none yet (an empty leftover counts as none, with a note).

        For writing, `JournalReadOnlyError` when this process may not write the journal, or may not
        create one in its directory: the caller opens it read-only instead."""
        path = self.path
        exists = path.exists()
        if exists and schema_less(path):
            self.notes.append(
                f"{path}: an empty journal (left by an interrupted start) is treated as absent; "
                "the first write replaces it"
            )
            exists = False
        if not read_only:
            remove_stale_temporaries(path)  # a creator killed after publishing left its hard link
            if not can_create_in(path.parent):
                raise JournalReadOnlyError(f"{path}: drafter may not write in {path.parent}")
            if exists and not writable(path):
                raise JournalReadOnlyError(f"{path}: drafter may not write the journal file")
        if not exists:
            return None
        return SqliteJournal.open(
            path, read_only=read_only, busy_timeout=self._busy_timeout, notes=self.notes
        )

    def create(self, base: bytes, name: str) -> SqliteJournal:
        return SqliteJournal.create(self.path, base, name, busy_timeout=self._busy_timeout)

    def set_aside(self, name: str, sha256: str) -> str:
        """Moves the draft's journal (of base `sha256`) out of the way, its contents unchanged, so a journal
        for the draft's new text can take its place: `FILE.<sha256[:12]>.drafter.sqlite`. Refused while
        another process has it open (its write-ahead log would be left behind)."""
        # FILE.<sha>.drafter.sqlite: still a journal beside the draft, where earlier settlements are looked up.
        stem = self.path.name.removesuffix(".drafter.sqlite")
        target = self.path.with_name(f"{stem}.{sha256[:12]}.drafter.sqlite")
        connection = _connect(self.path, busy_timeout=self._busy_timeout)
        try:
            busy = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        finally:
            connection.close()  # the last connection to close removes the (empty) write-ahead log
        wal = self.path.with_name(self.path.name + "-wal")
        if busy or wal.exists():
            raise JournalBusyError(f"{self.path}: in use by another drafter process; close it and try again")
        try:
            os.link(self.path, target)  # never over another file: a link refuses an existing name
        except FileExistsError:
            raise JournalError(f"{target}: exists; the journal {self.path} is not moved over it") from None
        except OSError as error:
            raise JournalError(f"{self.path}: cannot be set aside ({error.strerror})") from None
        self.path.unlink()
        return str(target)


def _schema_version(connection: sqlite3.Connection, location: str) -> tuple[int, bool]:
    """The journal's schema version (0 for an empty file, 1 for a journal from before `schema_version`),
    and whether `schema_version` records it."""
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "schema_version" in tables:
            (version,) = connection.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
            return int(version), True
        if "meta" in tables:
            row = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is not None and row[0] == LEGACY_SCHEMA:
                return 1, False
            raise JournalError(f"{location}: journal schema {row and row[0]!r}; this drafter reads version 1")
    except sqlite3.DatabaseError as error:
        raise JournalError(f"{location}: not a drafter journal ({error})") from None
    if tables:
        raise JournalError(f"{location}: not a drafter journal (no drafter tables)")
    return 0, False


def _migrate(connection: sqlite3.Connection, location: str) -> None:
    """Brings the schema up to date; inside the caller's write transaction."""
    version = _schema_version(connection, location)[0]
    connection.execute(VERSION_TABLE)
    if version and not connection.execute("SELECT 1 FROM schema_version").fetchone():
        connection.execute(
            "INSERT INTO schema_version VALUES (?, ?, ?)",
            (version, _now(), "recorded: the journal was made before schema_version"),
        )
    for migration in pending(MIGRATIONS, version, location):
        for statement in migration.statements:
            connection.execute(statement)
        connection.execute(
            "INSERT INTO schema_version VALUES (?, ?, ?)", (migration.version, _now(), migration.summary)
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _connect(path: Path, *, busy_timeout: float) -> sqlite3.Connection:
    # The TUI opens a session in a worker thread and then uses it from the UI thread (never both
    # at once), so the connection may not be tied to the thread that made it.
    try:
        connection = sqlite3.connect(
            path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
        )
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
    except sqlite3.OperationalError as error:
        raise _translated(error, str(path)) from None
    except sqlite3.DatabaseError as error:
        raise JournalError(f"{path}: not a drafter journal ({error})") from None
    return connection


@contextmanager
def _transaction(connection: sqlite3.Connection, location: str) -> Iterator[None]:
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        raise _translated(error, location) from None
    try:
        yield
    except sqlite3.OperationalError as error:
        connection.execute("ROLLBACK")
        raise _translated(error, location) from None
    except sqlite3.Error as error:
        connection.execute("ROLLBACK")
        raise JournalError(f"{location}: {error}") from None
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    try:
        connection.execute("COMMIT")
    except sqlite3.OperationalError as error:
        connection.execute("ROLLBACK")
        raise _translated(error, location) from None


def _translated(error: sqlite3.OperationalError, location: str) -> JournalError:
    message = str(error)
    if "locked" in message or "busy" in message:
        return JournalBusyError(
            f"{location}: the journal is in use by another drafter process; try again when it has finished"
        )
    if "readonly" in message:  # the file, its folder or its file system turned read-only
        return JournalReadOnlyError(f"{location}: drafter may not write the journal now ({message})")
    return JournalError(f"{location}: {message}")
