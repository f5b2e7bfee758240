"""Human output made inert: text from a draft, a journal or a file name can never drive the terminal.

A draft, a Party's name or a file name may hold escape sequences (`ESC ] 0 ; title BEL` retitles the
window, `ESC [ ? 1049 h` switches to the alternate screen, a C1 `CSI` does the same in one byte) or bidi
overrides (U+202E shows text in an order other than it is stored). `inert(text)` shows every such
character as a visible escape (`\\x1b`, `\\x9b`, `\\u202e`) and keeps tab, newline and a carriage return
before a newline; it is the one function every terminal-facing output goes through:
`drafter.commands.cli.main` wraps standard output and standard error in `InertStream` for every
command (so `check`, `status`, `log`, `party`, `diff` and every error message are covered), and
renderers that write their own escapes (the coloured terminal diff) call `inert` on the text first.
Data outputs (`--json`, `--format html|json`, `export -o -`) write to `data_stdout()`, which is not
touched. Undecodable bytes in a file name (surrogate escapes) show as `\\xNN`.
"""

from __future__ import annotations

import io
import re
import sys
from typing import TextIO

# C0 controls but tab and newline (a carriage return only when no newline follows), DEL, C1 controls,
# bidi embeddings/overrides/isolates (U+202A-U+202E, U+2066-U+2069), and lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]|\r(?!\n)")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that did not decode, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str) -> str:
    """`text` with every character that could drive a terminal shown as a visible escape.

    Idempotent (its output holds no such character), and the identity on ordinary text."""
    return _UNSAFE.sub(_escape, text)


class InertStream(io.TextIOBase):
    """A text stream that passes everything written to it through `inert`."""

    def __init__(self, stream: TextIO) -> None:
        self.raw_stream = stream

    def write(self, text: str) -> int:
        self.raw_stream.write(inert(text))
        return len(text)

    def flush(self) -> None:
        self.raw_stream.flush()

    def isatty(self) -> bool:
        return self.raw_stream.isatty()

    def fileno(self) -> int:
        return self.raw_stream.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.raw_stream.encoding

    @property
    def buffer(self) -> io.BufferedIOBase:
        """The bytes underneath, for data (an exported text written to `-`)."""
        return self.raw_stream.buffer  # type: ignore[return-value]


def data_stdout() -> TextIO:
    """Standard output for data (JSON, HTML), which must reach its reader unchanged."""
    stream = sys.stdout
    return stream.raw_stream if isinstance(stream, InertStream) else stream
