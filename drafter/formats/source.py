"""Reading any draft file: one dispatch from a path to the text the grammar parses.

`read_source(path)` looks at the file's first bytes (and then its suffix) and hands it to the reader of
its format: Word (.docx), PDF, or plain text / Markdown. Every reader returns a `Source`: the text, how
the grammar reads it, the format it came from, and the reader's own way back to the original file (for
a .docx, the paragraphs and runs each stretch of text came from, so an export can write into a copy of
it). Readers of binary formats load lazily: reading a text draft never imports python-docx.

A file that cannot be read raises `ReadError` (from the text layer), whose message names the file.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from drafter.text.decoding import UTF8
from drafter.text.model import Draft, SourceFormat
from drafter.text.parser import ReadError, format_for, parse, read_decoded, require_regular_file

__all__ = ["Origin", "ReadError", "Source", "load", "read_source"]


class Origin(StrEnum):
    """The format a draft file is in."""

    TEXT = "text"
    MARKDOWN = "markdown"
    DOCX = "docx"
    PDF = "pdf"


@dataclass(frozen=True, slots=True)
class Source:
    """A draft file as drafter reads it.

    `text` is what the grammar parses (for a .docx: paragraphs in order with their Word numbers written
    out); `mapping` is the reader's own record of where that text came from (None for plain text);
    `remarks` are sentences the user should see (tracked changes carried, lossy PDF text), and
    `details` the same facts for `--json`.
    """

    path: Path
    text: str
    source_format: SourceFormat
    origin: Origin
    mapping: object | None = None
    remarks: tuple[str, ...] = ()
    details: Mapping[str, object] = field(default_factory=dict)

    def parse(self) -> Draft:
        return parse(self.text, self.source_format)


@dataclass(frozen=True, slots=True)
class _Reader:
    """A binary format: recognised by its first bytes or its suffix, read by `target` (module:function)."""

    origin: Origin
    signatures: tuple[bytes, ...]
    suffixes: frozenset[str]
    target: str

    def load(self) -> Callable[[Path], Source]:
        module, _, function = self.target.partition(":")
        reader: Callable[[Path], Source] = getattr(importlib.import_module(module), function)
        return reader


# Word 2007+ files are zip archives; an OLE compound file is an encrypted (password-protected) .docx or
# an old binary .doc, which the .docx reader explains.
ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF_SIGNATURE = b"%PDF-"
READERS: tuple[_Reader, ...] = (
    _Reader(
        Origin.DOCX,
        (ZIP_SIGNATURE, OLE_SIGNATURE),
        frozenset({".docx", ".docm", ".dotx", ".dotm", ".doc"}),
        "drafter.formats.docx.reader:read_docx",
    ),
    _Reader(Origin.PDF, (PDF_SIGNATURE,), frozenset({".pdf"}), "drafter.formats.pdf.reader:read_pdf"),
)
SIGNATURE_BYTES = 8
# The longest negotiating texts are a few MB; parsing costs ~17 bytes of memory a byte of text (50 MB:
# 841 MB, 30 s of CPU), so a far larger file is refused before it is read: it is no draft.
MAX_TEXT_BYTES = 64 * 2**20


def read_source(path: str | os.PathLike[str]) -> Source:
    """Reads a draft file of any supported format; `ReadError` says why one cannot be read."""
    p = Path(path)
    require_regular_file(p)  # before its first bytes are read: opening a FIFO waits for a writer
    head = _head(p)
    reader = next((r for r in READERS if head.startswith(r.signatures)), None)
    if reader is None:
        reader = next((r for r in READERS if p.suffix.lower() in r.suffixes), None)
    if reader is not None:
        return reader.load()(p)
    _refuse_if_too_large(p)
    source_format = format_for(p)
    origin = Origin.MARKDOWN if source_format is SourceFormat.MARKDOWN else Origin.TEXT
    decoded = read_decoded(p)
    if decoded.encoding == UTF8:
        return Source(p, decoded.text, source_format, origin)
    remark = f"read as {decoded.label} (it starts with a {decoded.label} byte order mark)"
    return Source(
        p, decoded.text, source_format, origin, remarks=(remark,), details={"encoding": decoded.label}
    )


def load(path: str | os.PathLike[str]) -> Draft:
    """Reads and parses a draft file of any supported format."""
    return read_source(path).parse()


def _refuse_if_too_large(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError:
        return  # the read says why
    if size > MAX_TEXT_BYTES:
        raise not_readable(
            path,
            f"a {size // 2**20} MB file is more than drafter reads as a text draft "
            f"({MAX_TEXT_BYTES // 2**20} MB at most; a negotiating text is rarely over a few MB)",
        )


def _head(path: Path) -> bytes:
    """The file's first bytes; a file that cannot be opened is left to the reader to report."""
    try:
        with path.open("rb") as handle:
            return handle.read(SIGNATURE_BYTES)
    except OSError:
        return b""


def not_readable(path: Path, why: str) -> ReadError:
    """The error every reader raises: the file, then why."""
    return ReadError(f"{path}: {why}")
