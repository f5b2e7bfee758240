"""Reading a PDF draft: its text as drafter works on it, or a `ReadError` naming the file and saying why.

PDF text is lossy: a PDF records where glyphs are drawn, not paragraphs, so line breaks, tables,
superscripts and the order of multi-column text are reconstructions; the reader says so with
every PDF it reads. Work is bounded: files over `MAX_BYTES`, documents over `MAX_PAGES` pages or
`MAX_CHARS` characters are refused before their text is laid out.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c

from drafter.formats.pdf.extract import TooMuchText, read_pages
from drafter.formats.pdf.layout import Layout, lay_out
from drafter.formats.source import Origin, Source
from drafter.text.model import SourceFormat
from drafter.text.parser import ReadError

MAX_BYTES = 100 * 1024 * 1024
MAX_PAGES = 3000
MAX_CHARS = 10_000_000
LOSSY = (
    "PDF text is lossy: line breaks, tables, superscripts and the order of columns are reconstructed "
    "from where the glyphs stand; check the text against the PDF"
)
OPEN_ERRORS = {
    pdfium_c.FPDF_ERR_PASSWORD: "is password-protected; save an unprotected copy (or export the text) first",
    pdfium_c.FPDF_ERR_SECURITY: "uses an encryption drafter cannot read; save an unprotected copy first",
    pdfium_c.FPDF_ERR_FORMAT: "is not a PDF drafter can read (damaged or not a PDF)",
    pdfium_c.FPDF_ERR_FILE: "cannot be opened as a PDF",
}


def read_pdf(path: Path) -> Source:
    """A PDF as drafter reads it (`drafter.formats.source.read_source` calls this for a PDF)."""
    pdf = read_pdf_text(path)
    layout = pdf.layout
    details = {
        "pages": layout.pages,
        "furniture_lines": layout.furniture,
        "footnote_lines": layout.footnotes,
        "words_joined": layout.joined,
    }
    return Source(path, layout.text, SourceFormat.TEXT, Origin.PDF, remarks=pdf.remarks, details=details)


@dataclass(frozen=True, slots=True)
class PdfText:
    """A PDF's text and what the reader did to get it, in words for the user."""

    layout: Layout

    @property
    def remarks(self) -> tuple[str, ...]:
        layout = self.layout
        found = (
            f"{layout.pages} pages; page furniture recognised by its place on the page: "
            f"{layout.furniture} lines of running headers and page numbers, {layout.footnotes} lines of footnotes; "
            f"{layout.joined} words broken at line ends joined"
        )
        return (LOSSY, found)


def read_pdf_text(path: str | os.PathLike[str]) -> PdfText:
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise ReadError(f"{p}: no such file") from None
    except OSError as error:
        raise ReadError(f"{p}: cannot read ({error.strerror})") from None
    if size > MAX_BYTES:
        raise ReadError(f"{p}: a {size // 2**20} MB PDF is more than drafter reads ({MAX_BYTES // 2**20} MB)")
    try:
        document = pypdfium2.PdfDocument(p)
    except pypdfium2.PdfiumError as error:
        why = OPEN_ERRORS.get(getattr(error, "err_code", None), f"cannot be read as a PDF ({error})")
        raise ReadError(f"{p}: {why}") from None
    except OSError as error:
        raise ReadError(f"{p}: cannot read ({error.strerror or error})") from None
    try:
        if len(document) > MAX_PAGES:
            raise ReadError(f"{p}: {len(document)} pages is more than drafter reads ({MAX_PAGES})")
        pages = list(read_pages(document, MAX_CHARS))
    except TooMuchText:
        raise ReadError(
            f"{p}: more than {MAX_CHARS:,} characters of text is more than drafter reads"
        ) from None
    except pypdfium2.PdfiumError as error:
        raise ReadError(f"{p}: a page cannot be read ({error})") from None
    finally:
        document.close()
    if not any(page.chars for page in pages):
        raise ReadError(f"{p}: the PDF has no text to read (a scan? run it through OCR first)")
    return PdfText(lay_out(pages))
