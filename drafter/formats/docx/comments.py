"""The comments of a .docx: who wrote what when, and the stretch of the text each is anchored to."""

from __future__ import annotations

from dataclasses import dataclass

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from drafter.formats.docx.body import DocxText
from drafter.formats.docx.ooxml import attr, children, local, w
from drafter.formats.docx.package import Package


@dataclass(frozen=True, slots=True)
class WordComment:
    """One comment: its anchor is `[start, end)` in the document's text (None when it has no place)."""

    id: str
    author: str
    date: str  # as Word wrote it (ISO 8601), or ""
    text: str
    start: int | None
    end: int | None


def word_comments(package: Package, layout: DocxText) -> list[WordComment]:
    """Every comment, in the order of their anchors in the text (unanchored ones last)."""
    found = []
    for comment in children(package.related(RT.COMMENTS), "comment"):
        comment_id = attr(comment, "id") or ""
        marks = layout.comment_marks.get(comment_id, {})
        start = marks.get("commentRangeStart", marks.get("commentReference"))
        end = marks.get("commentRangeEnd", marks.get("commentReference"))
        if start is not None and end is not None and end < start:
            start, end = end, start
        found.append(
            WordComment(
                comment_id,
                attr(comment, "author") or "",
                attr(comment, "date") or "",
                _text(comment),
                start,
                end,
            )
        )
    return sorted(found, key=lambda c: (c.start is None, c.start or 0, c.end or 0))


def _text(comment: object) -> str:
    """The comment's paragraphs, one line each (its runs' text, tabs and breaks as spaces)."""
    lines = []
    for paragraph in comment.iter(w("p")):  # type: ignore[attr-defined]
        parts = []
        for element in paragraph.iter():
            name = local(element)
            if name == "t":
                parts.append(element.text or "")
            elif name in ("tab", "br", "cr"):
                parts.append(" ")
        lines.append("".join(parts))
    return "\n".join(line for line in lines if line.strip())
