"""The journal in PostgreSQL (psycopg 3): many drafts in one database, several facilitators on each.

A draft is found by its identity, the file name and the SHA-256 of its base text (`drafts`). Writers of
one draft queue on its row (`SELECT … FOR UPDATE`, waiting at most `busy_timeout` seconds), then check
and advance its `last_seq`, so events are numbered from 1 without gaps whoever writes them; drafts do not
wait for each other. A commit returns once PostgreSQL has made it durable (`synchronous_commit` is never
left off). Records are never updated or deleted.

Draft text (`before`, `after`, `note`) is stored as UTF-8 `bytea`: PostgreSQL's `text` cannot hold NUL,
and a replay must give back every byte. Each commit sends a NOTIFY on the draft's own channel with the
new last number; a second connection LISTENs for it, so other processes learn of a write at once. NOTIFY
is only a nudge: what was sent while nobody listened is lost, so readers always re-read the records
after the last number they have (`changed_since`, `wait_for_change`).
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import errors, sql

from drafter.journal.migrations import pending
from drafter.journal.postgres_database import (
    MIGRATIONS,
    connect,
    display_url,
    first_line,
    migrate,
    schema_version,
)
from drafter.journal.sql import COLUMNS, JOINED_COLUMNS, records_filter
from drafter.journal.store import (
    JournalBusyError,
    JournalError,
    JournalReadOnlyError,
    NewRecord,
    Record,
    RecordKind,
)

BYTE_FIELDS = frozenset({"before", "after", "note"})


class _Writer:
    def __init__(self, journal: PostgresJournal, connection: psycopg.Connection[Any], last: int) -> None:
        self._journal = journal
        self._connection = connection
        self.last = last

    def records_after(self, seq: int) -> Sequence[Record]:
        return self._journal._select(self._connection, "seq > %s", (seq,))

    def append(self, record: NewRecord, *, after: int) -> Record:
        if after != self.last:
            raise JournalError(f"journal moved on to event {self.last} while this process expected {after}")
        values = self._journal._values(record)
        draft = self._journal._draft
        self._connection.execute(
            f"INSERT INTO events (draft, {COLUMNS}) VALUES (%s, %s, {', '.join(['%s'] * 13)})",
            (draft, after + 1, *values),
        )
        if record.kind == RecordKind.POSITION:
            self._connection.execute(
                "INSERT INTO positions_now VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (draft, target, party) "
                "DO UPDATE SET seq = excluded.seq, stance = excluded.stance, choice = excluded.choice",
                (draft, record.target, record.party, after + 1, record.stance, record.choice),
            )
        self.last = after + 1
        return Record(after + 1, *record)


class PostgresJournal:
    """The journal of one draft in a PostgreSQL database."""

    def __init__(
        self,
        url: str,
        connection: psycopg.Connection[Any],
        row: tuple[Any, ...],
        *,
        read_only: bool,
        busy_timeout: float,
    ) -> None:
        self._url = url
        self._connection: psycopg.Connection[Any] | None = connection
        self._draft: int = row[0]
        self.name: str = row[1]
        self._sha256: str = row[2]
        self._channel: str = row[3]
        self.location = f"{display_url(url)} (draft {self.name})"
        self._read_only = read_only
        self._busy_timeout = busy_timeout
        self._base: bytes | None = None
        self._listener: psycopg.Connection[Any] | None = None
        self._notified = 0  # the highest last number a NOTIFY (or a re-read) has told of

    # --- reading -------------------------------------------------------------------

    @property
    def base_text(self) -> bytes:
        if self._base is None:
            row = self._execute("SELECT base FROM drafts WHERE id = %s", (self._draft,)).fetchone()
            assert row is not None
            self._base = bytes(row[0])
        return self._base

    @property
    def base_sha256(self) -> str:
        return self._sha256

    def records(
        self, after: int = 0, *, positions: bool = True, target: str | None = None
    ) -> Iterator[Record]:
        where, values = records_filter(after, positions=positions, target=target, placeholder="%s")
        return iter(self._select(self._live(), where, values))

    def last_seq(self) -> int:
        row = self._execute("SELECT last_seq FROM drafts WHERE id = %s", (self._draft,)).fetchone()
        assert row is not None
        return int(row[0])

    def position_groups(self) -> Iterator[tuple[str, str, int | None, tuple[str, ...]]]:
        cursor = self._execute(
            'SELECT target, stance, choice, array_agg(party ORDER BY party COLLATE "C") FROM positions_now '
            "WHERE draft = %s GROUP BY target, stance, choice",
            (self._draft,),
        )
        return iter([(target, stance, choice, tuple(parties)) for target, stance, choice, parties in cursor])

    def latest_positions(self, target: str) -> list[Record]:
        cursor = self._execute(
            f"SELECT {JOINED_COLUMNS} FROM positions_now p JOIN events e ON e.draft = p.draft AND e.seq = p.seq "
            "WHERE p.draft = %s AND p.target = %s ORDER BY e.seq",
            (self._draft, target),
        )
        return [_record(row) for row in cursor]

    def speakers(self) -> Iterator[tuple[str | None, str]]:
        cursor = self._execute(
            f"SELECT DISTINCT meeting, party FROM events WHERE draft = %s AND kind = '{RecordKind.POSITION.value}'",
            (self._draft,),
        )
        return ((meeting, party) for meeting, party in cursor.fetchall())

    @contextmanager
    def reading(self) -> Iterator[None]:
        """One snapshot (REPEATABLE READ) for several reads; other processes may append meanwhile."""
        connection = self._live()
        try:
            with connection.transaction():
                connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                yield
        except psycopg.Error as error:
            raise self._failed(error, "reading") from None

    # --- writing -------------------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[_Writer]:
        if self._read_only:
            raise JournalError(f"{self.location}: opened read-only")
        connection = self._live()
        try:
            with connection.transaction():
                connection.execute(
                    sql.SQL("SET LOCAL lock_timeout = {}").format(f"{int(self._busy_timeout * 1000)}ms")
                )
                row = connection.execute(
                    "SELECT last_seq FROM drafts WHERE id = %s FOR UPDATE", (self._draft,)
                ).fetchone()
                assert row is not None
                writer = _Writer(self, connection, int(row[0]))
                yield writer
                if writer.last != row[0]:
                    connection.execute(
                        "UPDATE drafts SET last_seq = %s WHERE id = %s", (writer.last, self._draft)
                    )
                    connection.execute("SELECT pg_notify(%s, %s)", (self._channel, str(writer.last)))
        except errors.LockNotAvailable:
            raise JournalBusyError(
                f"{self.location}: the journal is in use by another drafter process (another facilitator's "
                f"write has held it for {self._busy_timeout:g} s); try again when it has finished"
            ) from None
        except psycopg.Error as error:
            raise self._failed(error, "writing") from None

    # --- other processes' writes --------------------------------------------------

    def changed_since(self, seq: int) -> bool:
        self._receive(0)
        return self._notified > seq

    def wait_for_change(self, seq: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        self._receive(0)  # the first look connects and reads the last number: it may be news already
        while self._notified <= seq:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            self._receive(left)
        return True

    def _receive(self, timeout: float) -> None:
        """Takes in the NOTIFYs that arrive within `timeout` seconds (at least one look)."""
        try:
            listener = self._listening()
            for notify in listener.notifies(timeout=timeout, stop_after=1):
                self._notified = max(self._notified, int(notify.payload))
        except psycopg.Error as error:
            if self._listener is not None:
                self._listener.close()
                self._listener = None
            raise self._failed(error, "listening") from None

    def _listening(self) -> psycopg.Connection[Any]:
        listener = self._listener
        if listener is None or listener.closed or listener.broken:
            listener = self._listener = connect(self._url, display_url(self._url))
            listener.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self._channel)))
            # What was committed before LISTEN took effect sent its NOTIFY to nobody: read it instead.
            row = listener.execute("SELECT last_seq FROM drafts WHERE id = %s", (self._draft,)).fetchone()
            assert row is not None
            self._notified = max(self._notified, int(row[0]))
        return listener

    def close(self) -> None:
        for connection in (self._connection, self._listener):
            if connection is not None:
                connection.close()
        self._connection = self._listener = None

    # --- internals -----------------------------------------------------------------

    def _live(self) -> psycopg.Connection[Any]:
        """The connection, made again if it was lost (the failed operation has already been reported)."""
        connection = self._connection
        if connection is None or connection.closed or connection.broken:
            if connection is not None:
                connection.close()
            connection = self._connection = connect(self._url, display_url(self._url))
        return connection

    def _execute(self, query: str, values: Sequence[object]) -> psycopg.Cursor[Any]:
        try:
            return self._live().execute(query, values)
        except psycopg.Error as error:
            raise self._failed(error, "reading") from None

    def _select(
        self, connection: psycopg.Connection[Any], where: str, values: Sequence[object]
    ) -> list[Record]:
        try:
            cursor = connection.execute(
                f"SELECT {COLUMNS} FROM events WHERE draft = %s AND {where} ORDER BY seq",
                (self._draft, *values),
            )
            return [_record(row) for row in cursor]
        except psycopg.Error as error:
            raise self._failed(error, "reading") from None

    def _values(self, record: NewRecord) -> list[object]:
        values: list[object] = []
        for field, value in zip(NewRecord._fields, record, strict=True):
            if isinstance(value, str) and field in BYTE_FIELDS:
                values.append(value.encode("utf-8"))
                continue
            if isinstance(value, str) and "\x00" in value:
                raise JournalError(
                    f"{self.location}: the {field} contains a NUL character, which PostgreSQL cannot store"
                )
            values.append(value)
        return values

    def _failed(self, error: psycopg.Error, doing: str) -> JournalError:
        lost = (
            self._connection is None or self._connection.broken or isinstance(error, psycopg.OperationalError)
        )
        reason = first_line(error)
        if isinstance(error, (errors.InsufficientPrivilege, errors.ReadOnlySqlTransaction)):
            return JournalReadOnlyError(f"{self.location}: drafter may not write the journal ({reason})")
        if lost and doing == "writing":
            return JournalError(
                f"{self.location}: the connection failed while writing ({reason}); the last change may or may "
                "not have been saved: drafter shows it after reconnecting if it was"
            )
        return JournalError(f"{self.location}: {reason}")


class PostgresStore:
    """Journals of many drafts in one PostgreSQL database (tables in the URL's `search_path`)."""

    def __init__(self, url: str, *, busy_timeout: float = 5.0) -> None:
        self.url = url
        self.location = display_url(url)
        self.notes: list[str] = []
        self._busy_timeout = busy_timeout

    def set_aside(self, name: str, sha256: str) -> str:
        """Nothing to move: a database keeps each version's journal by its base text, side by side, and
        `open` finds the draft's own first."""
        return self.location

    def open(self, name: str, sha256: str, *, read_only: bool) -> PostgresJournal | None:
        connection = connect(self.url, self.location)
        try:
            version = schema_version(connection, self.location)
            if version == 0:
                connection.close()
                return None
            if pending(MIGRATIONS, version, self.location):
                if read_only:
                    raise JournalError(
                        f"{self.location}: journal schema version {version} predates this drafter's; "
                        "open a draft in it once for writing to bring it up to date"
                    )
                migrate(connection, self.location)
            # The draft's own journal, else the latest of another version of it (which the caller refuses).
            row = connection.execute(
                "SELECT id, name, sha256, channel FROM drafts WHERE name = %s "
                "ORDER BY sha256 = %s DESC, created DESC, id DESC LIMIT 1",
                (name, sha256),
            ).fetchone()
        except psycopg.Error as error:
            connection.close()
            raise JournalError(f"{self.location}: {first_line(error)}") from None
        except BaseException:
            connection.close()
            raise
        if row is None:
            connection.close()
            return None
        return PostgresJournal(
            self.url, connection, row, read_only=read_only, busy_timeout=self._busy_timeout
        )

    def create(self, base: bytes, name: str) -> PostgresJournal:
        connection = connect(self.url, self.location)
        sha256 = hashlib.sha256(base).hexdigest()
        try:
            migrate(connection, self.location)
            with connection.transaction():
                connection.execute(
                    "INSERT INTO drafts (name, sha256, base, channel) VALUES (%s, %s, %s, %s) "
                    "ON CONFLICT (name, sha256) DO NOTHING",
                    (name, sha256, base, f"drafter_{uuid.uuid4().hex}"),
                )
            row = connection.execute(
                "SELECT id, name, sha256, channel FROM drafts WHERE name = %s AND sha256 = %s", (name, sha256)
            ).fetchone()
        except psycopg.Error as error:
            connection.close()
            raise JournalError(f"{self.location}: {first_line(error)}") from None
        assert row is not None
        return PostgresJournal(self.url, connection, row, read_only=False, busy_timeout=self._busy_timeout)

    def drafts(self) -> list[tuple[str, str, int, str]]:
        """(name, base SHA-256, number of events, created) of every draft in the database."""
        connection = connect(self.url, self.location)
        try:
            if schema_version(connection, self.location) == 0:
                return []
            rows = connection.execute(
                "SELECT name, sha256, last_seq, created::text FROM drafts ORDER BY name, created"
            ).fetchall()
            return [(name, sha, int(last), created) for name, sha, last, created in rows]
        except psycopg.Error as error:
            raise JournalError(f"{self.location}: {first_line(error)}") from None
        finally:
            connection.close()


def _record(row: tuple[Any, ...]) -> Record:
    seq, time_, actor, kind, party, meeting, target, before, after, stance, choice, note, refers, data = row
    return Record(
        seq,
        time_,
        actor,
        kind,
        party,
        meeting,
        target,
        _text(before),
        _text(after),
        stance,
        choice,
        _text(note),
        refers,
        data,
    )


def _text(value: bytes | None) -> str | None:
    return None if value is None else bytes(value).decode("utf-8")
