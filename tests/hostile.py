"""The hostile-input catalogue: what careless tools, broken exports and attackers hand to drafter, each
with the outcome drafter promises for it. Made on the fly at the size asked for (never committed).

Encodings other than UTF-8 (UTF-16/32, Latin-1, truncated UTF-16) are the reader's: their outcomes are tested in
tests/commands/test_encodings.py; cp1252, invalid UTF-8 and NUL bytes are here for their memory.

tests/test_hostile_inputs.py runs every entry at CI sizes in a subprocess and bounds its peak memory;
bench/bench_hostile.py runs them at the big sizes (100,000-deep nesting, 50 MB) for the notes' table.

The memory bound every entry is held to (measured as the subprocess's peak resident set, `ru_maxrss`):
peak − baseline ≤ BYTES_PER_INPUT_BYTE × input bytes + SLACK_BYTES, where baseline is the same command
on a one-line draft: memory linear in the input, whatever its shape.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Measured on the worst shapes (brackets nested or stray on every other byte: each byte a token, a
# bracket and an element): about 400 bytes per input byte for `status`. Ordinary drafts use ~40.
BYTES_PER_INPUT_BYTE = 600
SLACK_BYTES = 24 * 1024 * 1024


class Outcome(StrEnum):
    READ = "read"  # exit 0: read; nothing wrong with it as a draft
    DIAGNOSED = "diagnosed"  # exit 1: read, with diagnostics at line:column (check); status still works
    REFUSED = "refused"  # exit 2: one line naming the file and why; no traceback, nothing written


@dataclass(frozen=True)
class HostileInput:
    name: str
    make: Callable[[int], bytes]  # about this many bytes -> the file's content
    outcome: Outcome
    says: str  # what `drafter check` prints about it (a fragment)
    filename: str = "draft.txt"
    scales: bool = True  # its size follows the size asked for

    def write(self, folder: Path, size: int) -> Path:
        path = folder / self.filename
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.make(size))
        return path


def _deep(size: int) -> bytes:
    depth = max(1, size // 5)
    return b"1. Decides " + b"[a " * depth + b"b" + b" ]" * depth + b".\n"


def _repeat(unit: bytes, head: bytes = b"1. ", tail: bytes = b"\n") -> Callable[[int], bytes]:
    def make(size: int) -> bytes:
        return head + unit * max(1, size // len(unit)) + tail

    return make


def _lines(line: bytes) -> Callable[[int], bytes]:
    def make(size: int) -> bytes:
        return line * max(1, size // len(line))

    return make


def _fixed(data: bytes) -> Callable[[int], bytes]:
    return lambda size: data


def _paragraph_with_escapes(size: int) -> bytes:
    unit = "1. The \x1b]0;pwned\x07Parties [shall\x1b[2J] act \u009b31m now \u202eesrever\u202c [x].\r\n"
    return unit.encode() * max(1, size // len(unit.encode()))


HOSTILE_INPUTS: tuple[HostileInput, ...] = (
    HostileInput("deep nesting", _deep, Outcome.READ, "maximum depth"),
    HostileInput("deep nesting, never closed", _repeat(b"[a "), Outcome.DIAGNOSED, "'[' is never closed"),
    HostileInput("stray ']' run", _repeat(b"]"), Outcome.DIAGNOSED, "']' closes no open bracket"),
    HostileInput("stray '[' run", _repeat(b"["), Outcome.DIAGNOSED, "'[' is never closed"),
    HostileInput("'][' run", _repeat(b"]["), Outcome.DIAGNOSED, "closes no open bracket"),
    # A "[" before a line's label is read with a lookahead: a run of them must not rescan the run.
    HostileInput("'[' run before a label", _repeat(b"[", b"", b"(a) x\n"), Outcome.DIAGNOSED, "never closed"),
    HostileInput(
        "'[ ' run before a label", _repeat(b"[ ", b"", b"(a) x\n"), Outcome.DIAGNOSED, "never closed"
    ),
    HostileInput("brace runs", _repeat(b"{{}"), Outcome.READ, "'{' is never closed"),
    HostileInput("huge line", _repeat(b"word [x] "), Outcome.READ, "maximum depth 1"),
    HostileInput("huge line, no spaces", _repeat(b"x"), Outcome.READ, "2 lines"),
    HostileInput("many empty lines", _lines(b"\n"), Outcome.READ, "0 errors"),
    HostileInput("many paragraphs", _lines(b"1. a [b] c\n"), Outcome.READ, "0 errors"),
    HostileInput("option labels only", _lines(b"Option 1:\n"), Outcome.READ, "option groups"),
    HostileInput("bare CR line ends", _lines(b"1. a [b]\r"), Outcome.READ, "0 errors"),
    HostileInput("control characters", _paragraph_with_escapes, Outcome.DIAGNOSED, "\\x1b"),
    HostileInput(
        "cp1252", _fixed("1. Parties “shall” act – café.\n".encode("cp1252")), Outcome.REFUSED, "cp1252"
    ),
    HostileInput(
        "invalid UTF-8",
        _repeat(b"ab\xc3\x28 "),
        Outcome.REFUSED,
        "not UTF-8",
    ),
    HostileInput("lone surrogate in UTF-8", _fixed(b"1. a \xed\xa0\x80 [b]\n"), Outcome.REFUSED, "not UTF-8"),
    # a NUL every third byte: with one every other byte the text reads as UTF-16 without a byte order mark
    HostileInput("NUL bytes", _repeat(b"ab\x00"), Outcome.REFUSED, "binary"),
    HostileInput("empty file", _fixed(b""), Outcome.READ, "0 characters", scales=False),
    HostileInput("a byte-order mark only", _fixed(b"\xef\xbb\xbf"), Outcome.READ, "0 errors", scales=False),
    HostileInput(
        "path with spaces and non-Latin characters",
        _fixed(b"1. a [b]\n"),
        Outcome.READ,
        "文書 д",
        filename="Projet de texte/文書 д ا 12 (rev).txt",
        scales=False,
    ),
    HostileInput("Markdown deep nesting", _deep, Outcome.READ, "maximum depth", filename="draft.md"),
    HostileInput(
        "not a Word file",
        _fixed(b"PK\x03\x04" + b"\x00" * 64),
        Outcome.REFUSED,
        "draft.docx",
        filename="draft.docx",
        scales=False,
    ),
    HostileInput(
        "not a PDF",
        _fixed(b"%PDF-1.7\n" + b"garbage" * 20),
        Outcome.REFUSED,
        "draft.pdf",
        filename="draft.pdf",
        scales=False,
    ),
)


@dataclass(frozen=True)
class Measured:
    exit: int
    peak_bytes: int  # the subprocess's peak resident set
    cpu_seconds: float
    wall_seconds: float
    output: str  # stdout then stderr (for the big ones: their first 64 KB)


PROBE = """
import json, resource, sys, time
start = time.perf_counter()
{body}
usage = resource.getrusage(resource.RUSAGE_SELF)
with open(sys.argv[1], "w") as report:
    json.dump({{"exit": code, "peak_kb": usage.ru_maxrss, "cpu": usage.ru_utime + usage.ru_stime,
               "wall": time.perf_counter() - start}}, report)
"""

COMMAND_BODY = """
from drafter.commands.cli import main
try:
    code = main(sys.argv[2:])
except SystemExit as stop:
    code = stop.code if isinstance(stop.code, int) else 1
"""

# Opens the TUI headless on the file, waits for the document, moves to the next element, pages down and
# reads the screen: exit 0 when the document was drawn.
TUI_BODY = """
import asyncio
from drafter.tui.app import make_app
from drafter.tui.screen import MainScreen

async def drive():
    app = make_app(sys.argv[2])
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        for _ in range(200):
            if isinstance(app.screen, MainScreen):
                break
            await pilot.pause(0.05)
        else:
            return 3
        for key in ("n", "n", "pagedown", "end"):
            await pilot.press(key)
        await pilot.pause()
        return 0

code = asyncio.run(drive())
"""


def measure(body: str, args: list[str], cwd: Path, timeout: float = 600) -> Measured:
    """Runs the probe `body` in a fresh interpreter and reads back its exit, peak memory and CPU time."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        out = Path(tmp) / "out"
        env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "100"}
        env.pop("DRAFTER_JOURNAL", None)
        with out.open("wb") as sink:
            subprocess.run(
                [sys.executable, "-c", PROBE.format(body=body), str(report), *args],
                cwd=cwd,
                stdout=sink,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=env,
                timeout=timeout,
                check=False,
            )
        with out.open("rb") as produced:
            output = produced.read(65536).decode("utf-8", "replace")
        if not report.exists():
            raise AssertionError(f"the probe died before reporting:\n{output}")
        found = json.loads(report.read_text())
    return Measured(found["exit"], found["peak_kb"] * 1024, found["cpu"], found["wall"], output)


def run_command(args: list[str], cwd: Path, timeout: float = 600) -> Measured:
    """`drafter ARGS` in a subprocess."""
    return measure(COMMAND_BODY, args, cwd, timeout)


def run_tui(path: Path, timeout: float = 600) -> Measured:
    """The TUI on `path`, headless, in a subprocess."""
    return measure(TUI_BODY, [str(path)], path.parent, timeout)


def memory_bound(baseline: int, input_bytes: int) -> int:
    """The most a run on `input_bytes` of any shape may take, given the command's baseline."""
    return baseline + BYTES_PER_INPUT_BYTE * input_bytes + SLACK_BYTES
