"""Writing files: every file drafter writes goes through here, and none of them can destroy a draft.

`write_output(target, data, force=..., protect=...)` is the one way to write an output:
- it refuses every path in `protect` (the drafts and journals at hand), the journal of each (found
  by its real path) and the files SQLite keeps beside a journal (`-wal`, `-shm`, `-journal`), compared
  by real path (through symlinks and `..`), and any file named like a drafter journal;
- `-` is standard output; a character device, a FIFO or a socket is written straight, never replaced;
- a regular file is written atomically (temporary file beside it, fsync, rename); one that exists is
  replaced only with `force=True` (the command line's `--force`, the TUI's confirmation);
- a symlink is followed: the file it points to is replaced, the link stays;
- a missing directory, a directory as target, or a refused write raises `OutputError`, whose message
  names the target; the command line prints it and exits 2.
`check_target` runs the same checks before any work is done, so a long export fails at once.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

StrPath = str | os.PathLike[str]
JOURNAL_SUFFIX = ".drafter.sqlite"  # a draft's journal is the draft's real name plus this (drafter.journal)
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")  # the files SQLite keeps beside a database
STDOUT = "-"  # the target name that means standard output


class OutputError(Exception):
    """An output drafter will not or cannot write; the message names the target and says why."""


class OutputExists(OutputError):
    """The target is an existing file and overwriting was not asked for (`--force`, a confirmation)."""


@dataclass(frozen=True, slots=True)
class Target:
    """Where an output goes: standard output, a file written straight (device, FIFO), or atomically."""

    name: str  # as the user gave it, for messages
    path: Path | None  # the real path; None for standard output
    straight: bool  # write in place (devices, FIFOs): never replaced by a regular file


def add_output_arguments(parser: argparse.ArgumentParser, *, required: bool = True, what: str = "") -> None:
    """`-o/--output OUT` (`-` for standard output) and `--force`, as every writing command has them."""
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        required=required,
        help=f"where to write {what}('-' for standard output)".replace("  ", " "),
    )
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")


def protected_paths(protect: Iterable[StrPath]) -> set[Path]:
    """Real paths no output may replace: each path given, the side files SQLite keeps beside it, and
    (a path being a draft) its journal and the journal's side files."""
    protected: set[Path] = set()
    for path in protect:
        real = _real(path)
        for protected_path in (real, real.with_name(real.name + JOURNAL_SUFFIX)):
            protected.update(_real(f"{protected_path}{suffix}") for suffix in ("", *SIDE_SUFFIXES))
    return protected


def check_target(target: StrPath, *, force: bool = False, protect: Iterable[StrPath] = ()) -> Target:
    """Where `target` would be written, or an `OutputError` saying why it will not be."""
    name = os.fspath(target)
    if name == STDOUT:
        return Target(name, None, straight=True)
    if not name:
        raise OutputError("an empty output name: give a file name, or '-' for standard output")
    real = _real(name)
    if real in protected_paths(protect) or _named_like_a_journal(real):
        raise OutputError(f"{name}: is the draft or its journal; drafter never writes over them")
    try:
        status = os.stat(real)
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise OutputError(f"{name}: cannot write ({error.strerror})") from None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise OutputError(f"{name}: is a directory")
    if status is not None and not stat.S_ISREG(status.st_mode):
        return Target(name, real, straight=True)  # a device, FIFO or socket: written in place
    if not real.parent.is_dir():
        raise OutputError(f"{name}: no such directory {real.parent}")
    if status is not None and not force:
        raise OutputExists(f"{name}: exists; not replaced (use --force to replace it)")
    return Target(name, real, straight=False)


def write_output(
    target: StrPath,
    data: bytes,
    *,
    force: bool = False,
    protect: Iterable[StrPath] = (),
) -> None:
    """Writes `data` to `target` under the rules in this module's docstring."""
    where = check_target(target, force=force, protect=protect)
    try:
        if where.path is None:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        elif where.straight:
            with open(where.path, "wb") as out:
                out.write(data)
        else:
            write_atomic(where.path, data)
    except OSError as error:
        raise OutputError(f"{where.name}: cannot write ({error.strerror or error})") from None


def write_atomic(path: Path, data: bytes) -> None:
    """Writes `data` to a temporary file beside `path`, syncs it, then renames it over `path`.

    The file keeps the mode of the one it replaces (a new one gets the usual 0o666 less the umask),
    since `mkstemp` would otherwise leave it readable by its owner only. Use `write_output`, which
    checks the target first; this is its last step.
    """
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp", dir=path.parent
    )
    try:
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
        _sync_directory(path.parent)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _remove_stale_temporaries(path)


def process_alive(pid: int) -> bool:
    """Whether process `pid` still runs (another user's counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _remove_stale_temporaries(path: Path) -> None:
    """Temporaries of `path` left by writers killed before their rename (their pid is in the name)."""
    prefix = f".{path.name}."
    try:
        entries = list(path.parent.iterdir())
    except OSError:
        return
    for entry in entries:
        pid, dash, rest = entry.name.removeprefix(prefix).partition("-")
        ours = entry.name.startswith(prefix) and dash and rest.endswith(".tmp") and pid.isdigit()
        if ours and not process_alive(int(pid)):
            entry.unlink(missing_ok=True)


def _real(path: StrPath) -> Path:
    return Path(os.path.realpath(os.fspath(path)))


def _named_like_a_journal(path: Path) -> bool:
    return any(path.name.endswith(JOURNAL_SUFFIX + suffix) for suffix in ("", *SIDE_SUFFIXES))


def _sync_directory(directory: Path) -> None:
    """Makes the rename durable (where the platform lets a directory be opened)."""
    try:
        handle = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
