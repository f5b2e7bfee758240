"""The PostgreSQL database of drafter's journals: connecting (commits always durable), its schema and
migrations, and its URL as messages show it (without the password).

`postgres.py` keeps the journals in it (`PostgresStore`, `PostgresJournal`); this module knows only the
database as a whole.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg

from drafter.journal.migrations import Migration, pending, statements
from drafter.journal.store import JournalError

CONNECT_TIMEOUT = 10  # seconds, unless the URL says otherwise
SCHEMA_V1 = """
CREATE TABLE drafts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    sha256 text NOT NULL,
    base bytea NOT NULL,
    channel text NOT NULL UNIQUE,
    last_seq bigint NOT NULL DEFAULT 0,
    created timestamptz NOT NULL DEFAULT now(),
    UNIQUE (name, sha256)
);
CREATE TABLE events (
    draft bigint NOT NULL REFERENCES drafts (id),
    seq bigint NOT NULL CHECK (seq > 0),
    time text NOT NULL,
    actor text NOT NULL,
    kind text NOT NULL,
    party text,
    meeting text,
    target text,
    before bytea,
    after bytea,
    stance text,
    choice integer,
    note bytea,
    refers bigint,
    data text,
    PRIMARY KEY (draft, seq)
);
CREATE INDEX events_by_target ON events (draft, target);
CREATE INDEX events_not_positions ON events (draft, seq) WHERE kind <> 'position';
CREATE TABLE positions_now (
    draft bigint NOT NULL,
    target text NOT NULL,
    party text NOT NULL,
    seq bigint NOT NULL,
    stance text NOT NULL,
    choice integer,
    PRIMARY KEY (draft, target, party),
    FOREIGN KEY (draft, seq) REFERENCES events (draft, seq)
);
CREATE INDEX positions_by_stance ON positions_now (draft, target, stance, choice, party)
"""
VERSION_TABLE = """CREATE TABLE IF NOT EXISTS schema_version (
    version integer PRIMARY KEY,
    applied timestamptz NOT NULL DEFAULT now(),
    summary text NOT NULL
)"""
MIGRATIONS = (
    Migration(
        1,
        "drafts by name and base hash, events, latest position per Party and element",
        statements(SCHEMA_V1),
    ),
)


def display_url(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        user, _, host = netloc.rpartition("@")
        netloc = f"{user.partition(':')[0]}@{host}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k != "password"], safe="/")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def connect(url: str, location: str) -> psycopg.Connection[Any]:
    options: dict[str, Any] = {"autocommit": True, "application_name": "drafter"}
    if "connect_timeout" not in url:
        options["connect_timeout"] = CONNECT_TIMEOUT
    try:
        connection = psycopg.connect(url, **options)
        # "Nothing acknowledged is lost": a commit must be on disk before drafter reports it done.
        row = connection.execute("SHOW synchronous_commit").fetchone()
        if row is not None and row[0] == "off":
            connection.execute("SET synchronous_commit = on")
    except psycopg.Error as error:
        raise JournalError(
            f"{location}: cannot connect to the journal database: {first_line(error)}"
        ) from None
    return connection


def schema_version(connection: psycopg.Connection[Any], location: str) -> int:
    row = connection.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
    if row is None or not row[0]:
        row = connection.execute("SELECT to_regclass('drafts') IS NOT NULL").fetchone()
        if row is not None and row[0]:
            raise JournalError(f"{location}: a `drafts` table that drafter did not make is in the way")
        return 0
    row = connection.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    return 0 if row is None else int(row[0])


def migrate(connection: psycopg.Connection[Any], location: str) -> None:
    """Brings the schema up to date, one process at a time (the others wait, then find nothing to do)."""
    with connection.transaction():
        connection.execute("SELECT pg_advisory_xact_lock(hashtext('drafter schema ' || current_schema()))")
        connection.execute(VERSION_TABLE)
        for migration in pending(MIGRATIONS, schema_version(connection, location), location):
            for statement in migration.statements:
                connection.execute(statement)
            connection.execute(
                "INSERT INTO schema_version (version, summary) VALUES (%s, %s)",
                (migration.version, migration.summary),
            )


def first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
