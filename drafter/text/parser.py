"""Reading drafts: `parse` a string into an immutable `Draft`; `read_text` a text file (every format is
read through `drafter.formats.source.read_source`, which `drafter.load` uses)."""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator
from pathlib import Path

from drafter.text.build import build_draft
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


def read_text(path: str | os.PathLike[str]) -> str:
    """The file's exact text (newlines untranslated), or a `ReadError` that says what is wrong."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as error:
        raise unreadable(p, error) from None
    if b"\0" in data[:8192]:
        raise ReadError(f"{p}: looks like a binary file, not a text draft")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise ReadError(
            f"{p}:{line}:{column}: not UTF-8 (byte 0x{data[error.start]:02x}); {_guess_encoding(data)}"
        ) from None


def _guess_encoding(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "it looks like UTF-16: convert it with `iconv -f UTF-16 -t UTF-8`"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "it may be Latin-1: convert it with `iconv -f LATIN1 -t UTF-8`"
    return "it looks like Windows-1252 (cp1252): convert it with `iconv -f CP1252 -t UTF-8`"
