"""Benchmark of .docx in and out: reading a ~150 KB Word draft, its comments, and the tracked-changes export.

The draft is synthetic (bench/synthetic.py) laid into Word the way UN drafts are: paragraphs and
sub-paragraphs as Word lists ("1." / "(a)"), headings, a comment with a Party position every few
brackets, a few tracked changes. Then 60 resolutions and 60 positions are journaled and exported; the
last row is what an export adds where numbered paragraphs were deleted (it reads its result as Word will).

    .venv/bin/python bench/bench_docx.py [--quick] [--characters N]

The default (314 K characters, a 71 KB .docx) holds about what a real 150 KB UN .docx does;
`--characters 1000000` makes a 143 KB .docx of this denser synthetic text (issue 12's "150 KB .docx").

Prints one table: median and range over the runs, seconds; and the peak memory of the process.
"""

from __future__ import annotations

import re
import resource
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import synthetic_draft
from timing import timed

from drafter.formats.docx.package import open_package
from drafter.formats.docx.proposals import imported_comments
from drafter.formats.docx.reader import read_package
from drafter.formats.docx.renumbering import numbering_differences
from drafter.formats.docx.writer import write_docx
from drafter.formats.source import read_source
from drafter.negotiation.positions import Stance
from drafter.workspace import open_session
from tests.formats.docx_fixtures import UN_LEVELS, Commented, Del, DraftDocument, Ins

# A real 150 KB UN .docx holds about 300 K characters; the synthetic text, drawn from a small vocabulary,
# packs far more into the same bytes, so the draft is sized by its text, and both sizes are printed.
TEXT_CHARACTERS = 300_000
NUMBERED = re.compile(r"(\d+(?: ?(?:bis|ter|quater|quinquies))?)\. (.*)")
SUB = re.compile(r"\(([a-z]{1,2})\) (.*)")
BRACKETED = re.compile(r"\[[^\[\]]{3,40}\]")
SPELLINGS = ("LMDC: Delete", "US: Clarifies not decides", "UK, CFRN – “shall” | US – “should”", "EU: support")


def word_draft(text: str, path: Path) -> Path:
    doc = DraftDocument()
    doc.abstract(10, UN_LEVELS)
    doc.num(1, 10)
    brackets = 0
    for line in text.split("\n"):
        if not line.strip():
            continue
        numbered, sub = NUMBERED.fullmatch(line), SUB.fullmatch(line)
        body = numbered.group(2) if numbered else sub.group(2) if sub else line
        parts: list[object] = []
        last = 0
        for match in BRACKETED.finditer(body):
            brackets += 1
            parts.append(body[last : match.start()])
            if brackets % 7 == 0:
                parts.append(Commented(match.group(), SPELLINGS[brackets % len(SPELLINGS)]))
            elif brackets % 97 == 0:
                parts.extend([Del(match.group()), Ins(match.group())])
            else:
                parts.append(match.group())
            last = match.end()
        parts.append(body[last:])
        parts = [p for p in parts if p != ""]
        if numbered:
            doc.paragraph(*parts, num=(1, 0))  # type: ignore[arg-type]
        elif sub:
            doc.paragraph(*parts, num=(1, 1))  # type: ignore[arg-type]
        elif re.match(r"[IVX]+\. |Article ", line):
            doc.paragraph(*parts, style="Heading2")  # type: ignore[arg-type]
        else:
            doc.paragraph(*parts)  # type: ignore[arg-type]
    return doc.save(path)


def sized_draft(folder: Path, characters: int = TEXT_CHARACTERS) -> Path:
    return word_draft(synthetic_draft(characters, seed=12), folder / "draft.docx")


def journal(path: Path, resolutions: int) -> None:
    with open_session(path, actor="Facilitator") as session:
        for count, element in enumerate(list(session.elements())[: resolutions * 2]):
            if element.id not in {e.id for e in session.elements()}:
                continue
            if count % 2:
                session.record_position(element.id, "EU", Stance.ACCEPTS)
            elif element.kind == "bracket":
                session.keep(element.id)
            else:
                session.choose(element.id, 1)


def main(argv: list[str]) -> int:
    runs = 3 if "--quick" in argv else 7
    characters = int(argv[argv.index("--characters") + 1]) if "--characters" in argv else TEXT_CHARACTERS
    with tempfile.TemporaryDirectory() as folder:
        path = sized_draft(Path(folder), characters)
        source = read_source(path)
        print(f"draft: {path.stat().st_size / 1000:.0f} KB .docx, {len(source.text) / 1000:.0f} K characters of text, "
              f"{source.text.count('[')} brackets")  # fmt: skip
        rows = [("read (open + numbering + text)", timed(lambda: read_source(path), runs))]
        rows.append(("read + parse", timed(lambda: read_source(path).parse(), runs)))
        with open_session(path, read_only=True) as session:
            rows.append(("comments -> proposals", timed(lambda: imported_comments(session), runs)))
        journal(path, 60)
        with open_session(path, read_only=True) as session:
            events = len(session.history())
            rows.append(
                (f"export, tracked ({events} journal events)", timed(lambda: write_docx(session), runs))
            )
            rows.append(("export --clean", timed(lambda: write_docx(session, clean=True), runs)))
            exported = Path(folder) / "exported.docx"
            exported.write_bytes(write_docx(session)[0])
            size = exported.stat().st_size
            current = session.draft.text
            package = open_package(exported)
            rows.append(
                (
                    "+ Word's numbers re-read (numbered ¶ deleted)",
                    timed(lambda: numbering_differences(read_package(package).text, current), runs),
                )
            )
        print(f"exported: {size / 1000:.0f} KB")
        print(f"{'step':44} {'median':>8} {'range':>16}")
        for name, times in rows:
            print(f"{name:44} {statistics.median(times):8.3f} {min(times):7.3f}–{max(times):.3f}")
        print(f"peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
