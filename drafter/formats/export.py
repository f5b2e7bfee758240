"""The export formats and how each is chosen: `drafter export`, the TUI's export, and the room's view.

An exporter turns a session's reading view (the consolidated text, or a Party's text; its elements,
states and the journal) into the bytes of one file, with notes for the user where the file will not show exactly drafter's text (Word
renumbering its lists). Exporters are looked up by dotted path and imported when used, so a format's
library (python-docx, say) loads only for that format. A new format is one member of
`ExportFormat`, its suffixes in `SUFFIXES` and its exporter in `EXPORTERS`.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from drafter.negotiation.reading import SessionView


class ExportFormat(StrEnum):
    TEXT = "txt"
    MARKDOWN = "md"
    HTML = "html"
    DOCX = "docx"


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


@dataclass(frozen=True, slots=True)
class ExportOptions:
    clean: bool = False  # the text alone: no bracket colours, marks or table of open elements
    paper: Paper = Paper.A4  # the page size printed HTML asks for
    positions: bool = True  # show the Parties' positions (the room's chair may hide them)


@dataclass(frozen=True, slots=True)
class Exported:
    data: bytes
    notes: tuple[str, ...] = ()  # where the file, as its program shows it, differs from drafter's text


Exporter = Callable[["SessionView", ExportOptions], Exported]

EXPORTERS: dict[ExportFormat, str] = {
    ExportFormat.TEXT: "drafter.formats.plain:export_text",
    ExportFormat.MARKDOWN: "drafter.formats.markdown:export_markdown",
    ExportFormat.HTML: "drafter.formats.html:export_html",
    ExportFormat.DOCX: "drafter.formats.docx.writer:export_docx",
}
SUFFIXES: dict[str, ExportFormat] = {
    ".txt": ExportFormat.TEXT,
    ".text": ExportFormat.TEXT,
    ".md": ExportFormat.MARKDOWN,
    ".markdown": ExportFormat.MARKDOWN,
    ".html": ExportFormat.HTML,
    ".htm": ExportFormat.HTML,
    ".docx": ExportFormat.DOCX,
}
# Document formats drafter cannot write: a name ending so is a mistake, not a plain-text file.
UNWRITABLE = {
    ".pdf": "print the .html export to PDF",
    ".doc": "export to .docx",
    ".odt": "export to .html or .txt",
    ".rtf": "export to .html or .txt",
}
DESCRIPTIONS = {
    ExportFormat.TEXT: "plain text, exactly the consolidated text",
    ExportFormat.MARKDOWN: "Markdown, with the table of open elements",
    ExportFormat.HTML: "web page to print, brackets coloured, open elements and positions",
    ExportFormat.DOCX: "Word, resolutions as tracked changes, positions as comments",
}


# Formats whose --clean export differs, and what it leaves out.
CLEAN_DESCRIPTIONS = {
    ExportFormat.MARKDOWN: "Markdown, the text alone",
    ExportFormat.HTML: "web page to print, the text alone",
    ExportFormat.DOCX: "Word, every change accepted, no comments (the next iteration)",
}


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """One entry of the TUI's export menu."""

    label: str
    format: ExportFormat
    options: ExportOptions
    ending: str  # of the file name offered: ".consolidated.html"


def export_choices() -> list[ExportChoice]:
    """Every format, and its --clean variant where that differs, as the TUI offers them."""
    choices = []
    for fmt in EXPORTERS:
        choices.append(ExportChoice(DESCRIPTIONS[fmt], fmt, ExportOptions(), f".consolidated.{fmt.value}"))
        if fmt in CLEAN_DESCRIPTIONS:
            choices.append(
                ExportChoice(CLEAN_DESCRIPTIONS[fmt], fmt, ExportOptions(clean=True), f".clean.{fmt.value}")
            )
    return choices


class ExportError(Exception):
    """An export that cannot be made; the message says why and what to do instead."""


def format_for_output(target: str | os.PathLike[str], override: str | None = None) -> ExportFormat:
    """The format `--format` names, else the one `target`'s suffix says; other suffixes get plain text."""
    if override is not None:
        try:
            return ExportFormat(override.lower().lstrip("."))
        except ValueError:
            raise ExportError(f"unknown format {override!r} (known: {known_formats()})") from None
    suffix = Path(os.fspath(target)).suffix.lower()
    if suffix in SUFFIXES and SUFFIXES[suffix] in EXPORTERS:
        return SUFFIXES[suffix]
    if suffix in UNWRITABLE:
        raise ExportError(f"{target}: drafter cannot write {suffix} files; {UNWRITABLE[suffix]}")
    return ExportFormat.TEXT


def known_formats() -> str:
    return ", ".join(fmt.value for fmt in EXPORTERS)


def exporter(fmt: ExportFormat) -> Exporter:
    module, _, name = EXPORTERS[fmt].partition(":")
    return cast(Exporter, getattr(importlib.import_module(module), name))


def export(session: SessionView, fmt: ExportFormat, options: ExportOptions | None = None) -> bytes:
    """The bytes of the export of `session` in `fmt`."""
    return export_noting(session, fmt, options).data


def export_noting(session: SessionView, fmt: ExportFormat, options: ExportOptions | None = None) -> Exported:
    """The export of `session` in `fmt` and the notes to show with it."""
    return exporter(fmt)(session, options or ExportOptions())
