"""PDFs built for the tests with fpdf2: every line placed where a UN document would have it.

A page has a running header at the top, body lines, footnotes under a short rule at the foot, and a
page number at the bottom. `^1` in a body line is a superscript footnote mark. Core PDF fonts only
(Latin-1 text), so nothing depends on the fonts installed.
"""

from __future__ import annotations

from dataclasses import dataclass

from fpdf import FPDF

A4_HEIGHT_MM = 297.0


@dataclass(frozen=True)
class PageSpec:
    body: tuple[str, ...]
    footnotes: tuple[str, ...] = ()
    header: str | None = "FCCC/ADP/2015/L.6"
    number: str | None = "{n}"  # the page number at the foot ({n}: this page's number)
    rule: bool = True  # a rule above the footnotes


def make_pdf(pages: list[PageSpec], *, body_size: float = 12, footnote_size: float = 9) -> bytes:
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.set_margins(25, 20, 25)
    for n, spec in enumerate(pages, 1):
        pdf.add_page()
        if spec.header:
            pdf.set_font("Helvetica", size=9)
            pdf.set_xy(25, 12)
            pdf.cell(160, 5, spec.header, align="R")
        pdf.set_font("Times", size=body_size)
        y = 30.0
        for line in spec.body:
            _line(pdf, 25, y, line, body_size)
            y += body_size * 0.5
        if spec.footnotes:
            top = 262.0 - 4.5 * len(spec.footnotes)
            if spec.rule:
                pdf.set_line_width(0.2)
                pdf.line(25, top - 3, 75, top - 3)
            pdf.set_font("Times", size=footnote_size)
            for k, note in enumerate(spec.footnotes):
                pdf.set_xy(25, top + 4.5 * k)
                pdf.cell(160, 4, note)
        if spec.number:
            pdf.set_font("Helvetica", size=9)
            pdf.set_xy(25, 280)
            pdf.cell(160, 5, spec.number.format(n=n), align="C")
    return bytes(pdf.output())


def _line(pdf: FPDF, x: float, y: float, text: str, size: float) -> None:
    """One body line at baseline-ish `y`; `^N` pieces are set as superscripts."""
    pdf.set_xy(x, y)
    for k, piece in enumerate(text.split("^")):
        if k > 0:
            mark, piece = piece[:1], piece[1:]
            pdf.set_font("Times", size=size * 0.6)
            pdf.set_xy(pdf.get_x(), y - size * 0.12)
            pdf.cell(pdf.get_string_width(mark), 4, mark)
            pdf.set_font("Times", size=size)
            pdf.set_xy(pdf.get_x(), y)
        if piece:
            pdf.cell(pdf.get_string_width(piece), 6, piece)
