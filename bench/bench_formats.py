"""Export to .txt / .md / .html, and PDF import, on synthetic drafts.

Run: `.venv/bin/python bench/bench_formats.py` (add `--quick` for fewer sizes and runs).
Export: a session on a synthetic draft of each size with positions recorded on every tenth element,
timed from the session to the bytes of the file (median and range over runs), with the output size.
PDF import: the same drafts laid out as A4 pages by fpdf2 (running header, page numbers, body in
12 pt Times), timed from the file to the text with its page furniture (`read_pdf_text`), and the parse
of that text.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fpdf import FPDF
from synthetic import synthetic_draft
from timing import describe, timed

import drafter
from drafter.formats.export import ExportFormat, export
from drafter.formats.pdf.reader import read_pdf_text
from drafter.negotiation.session import Session, Stance
from drafter.workspace import open_session

SIZES = (20_000, 150_000, 300_000, 1_000_000)
PARTIES = ("EU", "USA", "AOSIS", "LMDC", "G77/China")


def with_positions(session: Session) -> int:
    recorded = 0
    for k, element in enumerate(session.elements()):
        if k % 10 == 0:
            party = PARTIES[k % len(PARTIES)]
            stance = Stance.SUPPORTS if element.kind != "bracket" else Stance.ACCEPTS
            session.record_position(
                element.id, party, stance, choice=1 if element.kind != "bracket" else None
            )
            recorded += 1
    return recorded


class _UnDocument(FPDF):
    """A4 pages with a running header and the page number at the foot."""

    def header(self) -> None:
        self.set_font("Helvetica", size=9)
        self.cell(0, 5, "FCCC/ADP/2015/L.6", align="R", new_x="LMARGIN", new_y="NEXT")
        self.ln(6)
        self.set_font("Times", size=12)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=9)
        self.cell(0, 5, str(self.page_no()), align="C")
        self.set_font("Times", size=12)


def as_pdf(text: str, path: Path) -> int:
    """Lays the draft out on A4 pages the way a UN document is; the number of pages."""
    pdf = _UnDocument(format="A4", unit="mm")
    pdf.set_auto_page_break(True, margin=25)
    pdf.set_margins(25, 12, 25)
    pdf.add_page()
    for block in text.split("\n\n"):
        plain = " ".join(block.split()).encode("latin-1", "replace").decode("latin-1")
        pdf.multi_cell(160, 6, plain, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.output(str(path))
    return pdf.page_no()


def main() -> None:
    quick = "--quick" in sys.argv
    sizes = SIZES[:3] if quick else SIZES
    runs = 3 if quick else 5
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        print("export (session -> bytes), positions on every tenth element")
        for size in sizes:
            path = folder / f"draft-{size}.txt"
            path.write_text(synthetic_draft(size, seed=12), encoding="utf-8")
            with open_session(path) as session:
                recorded = with_positions(session)
                elements = len(session.elements())
                for fmt in ExportFormat:
                    length = len(export(session, fmt))
                    times = timed(lambda fmt=fmt: export(session, fmt), runs)  # type: ignore[misc]
                    print(
                        f"  {size // 1000:>5} KB  {fmt.value:<4} {describe(times)}  -> {length // 1000:>6} KB"
                        f"  ({elements} elements, {recorded} with positions)"
                    )
        print("PDF import (file -> text with page furniture), then parse")
        for size in sizes:
            text = synthetic_draft(size, seed=12)
            pdf = folder / f"draft-{size}.pdf"
            pages = as_pdf(text, pdf)
            read = timed(lambda pdf=pdf: read_pdf_text(pdf), max(1, runs - 2))  # type: ignore[misc]
            extracted = read_pdf_text(pdf).layout
            parse = timed(lambda text=extracted.text: drafter.parse(text), runs)  # type: ignore[misc]
            print(
                f"  {size // 1000:>5} KB  {pages:>4} pages  read {describe(read)}  parse {describe(parse)}"
                f"  ({pdf.stat().st_size // 1000} KB PDF, {extracted.furniture} furniture lines)"
            )


if __name__ == "__main__":
    main()
