"""A text draft's bytes as text, or a `ReadError` naming the file, line and column.

What is read (documented in docs/reading.md):
- UTF-8, the default. A UTF-8 byte order mark stays the text's first character (U+FEFF, invisible), so
  journals made before this module keep matching their drafts.
- UTF-16 and UTF-32 with a byte order mark (what Windows Notepad saves as "Unicode"): decoded, the mark
  dropped; the `Source` then remarks that it was.
Refused, with the line and column (in characters) of the first offending byte and what to do:
- bytes that are not UTF-8 (cp1252 "smart quotes", Latin-1): the likely encoding, the fix in Notepad (or
  the Word document itself), and an `iconv` line;
- a NUL character: a binary file, or UTF-16 without a byte order mark (said so when it looks like it);
- UTF-16/32 cut short or with a lone surrogate.
An empty file is an empty draft (no elements), not an error.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

# UTF-32 first: its little-endian mark begins with UTF-16's.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
UTF8 = "utf-8"


class DecodeError(ValueError):
    """Why the bytes are no text draft; `drafter.text.parser` makes it a `ReadError` naming the file."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # the codec used: "utf-8", "utf-16-le", ...
    label: str  # how to name it to a user: "UTF-8", "UTF-16", ...


def decode_draft(data: bytes, path: Path) -> Decoded:
    """`data` as text; `DecodeError` with "PATH:LINE:COLUMN: why; what to do" when it is none."""
    encoding, label, body = UTF8, "UTF-8", data
    for mark, codec, name in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            encoding, label, body = codec, name, data[len(mark) :]
            break
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        nul = body.find(b"\0", 0, error.start)
        if encoding == UTF8 and nul >= 0:  # a NUL before the first bad byte: binary, or UTF-16
            _refuse_nul(path, body, body[:nul].decode(encoding))
        line, column = _place(body[: error.start].decode(encoding))
        if encoding == UTF8:
            why = f"not UTF-8 (byte 0x{body[error.start]:02x}); {_guess_encoding(body)}"
        else:
            why = f"not valid {label} ({error.reason}) although it starts with a {label} byte order mark"
        raise DecodeError(f"{path}:{line}:{column}: {why}") from None
    nul = text.find("\0")
    if nul >= 0:
        _refuse_nul(path, body if encoding == UTF8 else b"", text[:nul])
    return Decoded(text, encoding, label)


def _refuse_nul(path: Path, utf8_body: bytes, before: str) -> NoReturn:
    line, column = _place(before)
    if _looks_like_utf16(utf8_body):
        order = "LE" if utf8_body[1::2].count(0) > utf8_body[0::2].count(0) else "BE"
        why = f"looks like UTF-16 without a byte order mark. {_fix(f'UTF-16{order}')}"
    else:
        why = "looks like a binary file, not a text draft (a NUL character here)"
    raise DecodeError(f"{path}:{line}:{column}: {why}")


def _place(before: str) -> tuple[int, int]:
    """Line and column (1-based, in characters) just after `before`."""
    line_start = before.rfind("\n") + 1
    return before.count("\n") + 1, len(before) - line_start + 1


def _looks_like_utf16(data: bytes) -> bool:
    """Text in UTF-16 has a NUL in every other byte (for Latin-script text): most of one half is NUL."""
    sample = data[:4096]
    half = len(sample) // 2
    return half >= 2 and max(sample[0::2].count(0), sample[1::2].count(0)) > half * 0.6


def _guess_encoding(data: bytes) -> str:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return f"it may be Latin-1. {_fix('LATIN1')}"
    return f"it looks like Windows-1252 (cp1252). {_fix('CP1252')}"


def _fix(encoding: str) -> str:
    """How to make it UTF-8: in words an officer on Windows can follow, then the command line's way."""
    return (
        "In Notepad: File > Save As, Encoding: UTF-8, Save; or give drafter the Word document itself (.docx). "
        f"On a command line: `iconv -f {encoding} -t UTF-8`"
    )
