"""`read_docx(path)`: a Word document as a draft's `Source` (see `body` for how the text is laid out)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from drafter.formats.docx.body import DocxText, Story, read_text
from drafter.formats.docx.numbering import Numbering
from drafter.formats.docx.package import Package, open_package
from drafter.formats.docx.runs import View
from drafter.formats.docx.styles import Styles
from drafter.formats.source import Origin, Source
from drafter.text.model import SourceFormat


@dataclass(frozen=True, slots=True)
class DocxOrigin:
    """A `Source.mapping` for a .docx: the opened package and where each stretch of text came from."""

    package: Package
    layout: DocxText


def read_package(package: Package, view: View = View.CURRENT) -> DocxText:
    """The text of an opened package in `view` (a fresh count of numbers and notes each time)."""
    styles = Styles(package.related(RT.STYLES))
    numbering = Numbering(package.related(RT.NUMBERING), styles)
    notes = {Story.FOOTNOTE: package.related(RT.FOOTNOTES), Story.ENDNOTE: package.related(RT.ENDNOTES)}
    return read_text(package.document.element.body, styles, numbering, notes, view)


def read_docx(path: Path) -> Source:
    """Reads a .docx as it stands (tracked insertions in, deletions out); `ReadError` if it cannot."""
    package = open_package(path)
    layout = read_package(package)
    return Source(
        path,
        layout.text,
        SourceFormat.TEXT,
        Origin.DOCX,
        DocxOrigin(package, layout),
        remarks=revision_remarks(layout.revisions),
        details={"tracked_changes": revision_details(layout.revisions)},
    )


def revision_details(revisions: Counter[tuple[str, str]]) -> dict[str, object]:
    by_author: dict[str, dict[str, int]] = {}
    for (kind, author), count in sorted(revisions.items()):
        by_author.setdefault(author, {})[kind] = count
    return {"total": sum(revisions.values()), "by_author": by_author}


def revision_remarks(revisions: Counter[tuple[str, str]]) -> tuple[str, ...]:
    """One sentence on the tracked changes the document carried, by kind and by author."""
    if not revisions:
        return ()
    kinds: Counter[str] = Counter()
    authors: Counter[str] = Counter()
    for (kind, author), count in revisions.items():
        kinds[kind] += count
        authors[author] += count
    what = ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in sorted(kinds.items()))
    who = ", ".join(f"{author} ({n})" for author, n in authors.most_common())
    total = sum(kinds.values())
    return (
        f"{total} tracked change{'s' if total != 1 else ''} ({what}) by {who}; read as the document stands "
        "(insertions in, deletions out)",
    )
