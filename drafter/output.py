"""Writing files: every file drafter writes goes through here."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

STDOUT = "-"  # the target name that means standard output


class OutputError(Exception):
    """A write that cannot or may not happen; the message names the target and says why."""


class OutputExists(OutputError):
    """The target is an existing file and replacing it was not asked for."""


def write_output(
    target: str | os.PathLike[str],
    data: bytes,
    *,
    force: bool = False,
    protect: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Writes `data` to `target` (`-`: standard output), atomically.

    An existing regular file is replaced only with `force` (the command line's `--force`; the TUI asks
    the user first); the files in `protect` (a draft, its journal) never are, by their real paths.
    Errors come as `OutputError` naming the target, never as a bare `OSError`.
    """
    if os.fspath(target) == STDOUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    path = Path(target)
    if path.is_dir():
        raise OutputError(f"{path}: is a directory")
    if any(path.resolve() == Path(kept).resolve() for kept in protect):
        raise OutputError(f"{path}: is the draft or its journal; drafter never writes over them")
    if not force and path.is_file():
        raise OutputExists(f"{path}: exists; not replaced")
    try:
        write_atomic(path, data)
    except OSError as error:
        raise OutputError(f"{path}: cannot write ({error.strerror or error})") from None


def write_atomic(path: Path, data: bytes) -> None:
    """Writes `data` to a temporary file beside `path`, syncs it, then renames it over `path`.

    The file keeps the mode of the one it replaces (a new one gets the usual 0o666 less the umask),
    since `mkstemp` would otherwise leave it readable by its owner only.
    """
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
