"""A SQLite journal's file: born whole, told apart from an empty leftover, opened read-only where it must.

- A new journal is written under a temporary name in its directory (schema, base text, committed and
  checkpointed), synced, and only then linked into place: a kill at any moment leaves no journal or a
  whole one, never a file every command refuses. Temporaries of processes that died are removed by the
  next creation. If another process published its journal first, that one is used.
- A file with no schema at all (zero bytes, or a database without tables: what an interrupted start
  of an older drafter left) is no journal: it is treated as absent, with a note, and replaced by the
  next creation (under a lock, so two creators do not both replace it).
- Reading needs no write access: where SQLite cannot keep its `-shm` beside the journal (a directory
  this process may not write), the journal is opened `immutable`, and a note says what that hides.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from drafter.output import process_alive

try:
    import fcntl
except ImportError:  # Windows: creation still links into place; the empty-leftover replacement is unlocked
    fcntl = None  # type: ignore[assignment]

TEMPORARY = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)-[0-9a-f]+\.creating(-wal|-shm|-journal)?")


def writable(path: Path) -> bool:
    """Whether this process may write `path` (an existing file or directory), by its effective ids."""
    return os.access(path, os.W_OK, effective_ids=os.access in os.supports_effective_ids)


def can_create_in(directory: Path) -> bool:
    return directory.is_dir() and writable(directory)


def temporary_for(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.creating")


def remove_files(path: Path) -> None:
    """A database and the files SQLite keeps beside it."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def remove_stale_temporaries(path: Path) -> None:
    """Temporaries of `path` left by creating processes that are gone (killed mid-creation)."""
    with contextlib.suppress(OSError):
        for entry in path.parent.iterdir():
            found = TEMPORARY.fullmatch(entry.name)
            if found and found["name"] == path.name and not process_alive(int(found["pid"])):
                entry.unlink(missing_ok=True)


def publish(temporary: Path, path: Path) -> bool:
    """Puts the finished `temporary` at `path` unless a journal is there already; True if it did."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        return _replace_if_schema_less(temporary, path)
    except OSError:  # a file system without hard links: rename, checking first (a narrow race)
        if path.exists():
            return _replace_if_schema_less(temporary, path)
        os.replace(temporary, path)
    sync_directory(path.parent)
    return True


def schema_less(path: Path) -> bool:
    """No drafter could have written anything here: an empty file, or a database without tables."""
    try:
        if path.stat().st_size == 0 and _size(Path(f"{path}-wal")) == 0:
            return True
        with contextlib.closing(connect_read_only(path, busy_timeout=1.0)[0]) as connection:
            (tables,) = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except (OSError, sqlite3.Error):
        return False  # unreadable or not a database: the journal's own open says what is wrong
    return int(tables) == 0


def connect_read_only(path: Path, *, busy_timeout: float) -> tuple[sqlite3.Connection, str | None]:
    """A read-only connection, and a note when it had to be `immutable` (no `-shm` can be made beside
    the journal): then another process's writes are not seen, nor writes still only in the `-wal`."""
    uri = path.resolve().as_uri()
    connection = _connect_uri(f"{uri}?mode=ro", busy_timeout)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection, None
    except sqlite3.OperationalError:
        connection.close()
        if can_create_in(path.parent):
            raise
    connection = _connect_uri(f"{uri}?mode=ro&immutable=1", busy_timeout)
    note = f"{path}: read as it is on disk (drafter may not write in {path.parent})"
    if _size(Path(f"{path}-wal")):
        note += f"; its latest writes, still in {path.name}-wal, are not shown until someone who may opens it"
    return connection, note


def sync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):
        handle = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def fsync_file(path: Path) -> None:
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _replace_if_schema_less(temporary: Path, path: Path) -> bool:
    with _locked(path) as same_file:
        if same_file and schema_less(path):
            os.replace(temporary, path)
            sync_directory(path.parent)
            return True
    return False


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[bool]:
    """An exclusive lock on the file at `path`; yields whether `path` is still that file once locked."""
    try:
        handle = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        yield False
        return
    try:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            same = os.fstat(handle).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        yield same
    finally:
        os.close(handle)  # releases the lock


def _connect_uri(uri: str, busy_timeout: float) -> sqlite3.Connection:
    return sqlite3.connect(uri, uri=True, timeout=busy_timeout, isolation_level=None, check_same_thread=False)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
