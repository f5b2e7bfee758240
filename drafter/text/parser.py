"""Reading drafts: `parse` a string into an immutable `Draft`; `read_text` a text file (every format is
read through `drafter.formats.source.read_source`, which `drafter.load` uses)."""

from __future__ import annotations

import contextlib
import gc
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from drafter.text.build import build_draft
from drafter.text.decoding import Decoded, DecodeError, decode_draft
from drafter.text.lines import LineTable, lex_lines
from drafter.text.model import Draft, SourceFormat

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown"})


class ReadError(Exception):
    """A file that cannot be read as a draft; the message names the file and says why."""


def format_for(path: str | os.PathLike[str]) -> SourceFormat:
    return SourceFormat.MARKDOWN if Path(path).suffix.lower() in MARKDOWN_SUFFIXES else SourceFormat.TEXT


def parse(text: str, source_format: SourceFormat | str = SourceFormat.TEXT) -> Draft:
    """Parses `text` (any string: unbalanced brackets are diagnostics, never a refusal)."""
    fmt = SourceFormat(source_format)
    with _no_cycle_collection():
        return build_draft(text, LineTable.from_lines(lex_lines(text, fmt.value)), fmt)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """A parse makes millions of objects that all live on and form no cycles; the cyclic collector's
    passes over them are wasted, and grow with the draft (13% of a 5 MB parse)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def unreadable(path: Path, error: OSError) -> ReadError:
    """The `ReadError` for a file the system would not let us read."""
    if isinstance(error, FileNotFoundError):
        return ReadError(f"{path}: no such file")
    if isinstance(error, IsADirectoryError):
        return ReadError(f"{path}: is a directory, not a draft")
    if isinstance(error, PermissionError):
        return ReadError(f"{path}: permission denied")
    return ReadError(f"{path}: cannot read ({error.strerror})")


def require_regular_file(path: Path) -> None:
    """Refuses a FIFO, a socket or a device (a terminal, /dev/zero, /dev/stdin): reading one may block
    for ever or never end, so its text is not bounded. A missing or unreadable file is left to the read."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        raise ReadError(f"{path}: is {kind}, not a file: drafter reads a draft from a regular file")


def read_text(path: str | os.PathLike[str]) -> str:
    """The file's exact text (newlines untranslated), or a `ReadError` that says what is wrong."""
    return read_decoded(path).text


def read_decoded(path: str | os.PathLike[str]) -> Decoded:
    """The file's text and the encoding it was read in (`drafter.text.decoding`), or a `ReadError`
    naming the file, and the line and column where it is known."""
    p = Path(path)
    require_regular_file(p)
    try:
        data = p.read_bytes()
    except OSError as error:
        raise unreadable(p, error) from None
    try:
        return decode_draft(data, p)
    except DecodeError as error:
        raise ReadError(str(error)) from None
