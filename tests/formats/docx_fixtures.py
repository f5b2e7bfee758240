"""Builds .docx fixtures the way Word writes them: lists, tracked changes, comments, footnotes.

python-docx writes the package; the WordprocessingML it has no API for (numbering definitions,
w:ins/w:del, comment ranges, footnotes) goes in as XML, so each test can say exactly what it holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.oxml.parser import OxmlElement

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DATE = "2024-11-18T10:00:00Z"


def w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


@dataclass(frozen=True)
class Ins:
    text: str
    author: str = "Secretariat"
    date: str = DATE


@dataclass(frozen=True)
class Del:
    text: str
    author: str = "Co-facilitator"
    date: str = DATE


@dataclass(frozen=True)
class Commented:
    """`text` with a Word comment anchored on it."""

    text: str
    note: str
    author: str = "Secretariat"
    date: datetime = datetime(2024, 11, 18, 10, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Footnote:
    text: str


def level(ilvl: int, fmt: str, text: str, *, start: int = 1, restart: int | None = None, legal: bool = False,
          suffix: str | None = None, style: str | None = None) -> str:  # fmt: skip
    extra = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
    extra += f'<w:pStyle w:val="{style}"/>' if style else ""
    extra += "<w:isLgl/>" if legal else ""
    extra += f'<w:suff w:val="{suffix}"/>' if suffix else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
    )


UN_LEVELS = level(0, "decimal", "%1.") + level(1, "lowerLetter", "(%2)") + level(2, "lowerRoman", "(%3)")


class DraftDocument:
    """A document under construction; `save` writes it."""

    def __init__(self) -> None:
        self.doc: Any = docx.Document()
        self.body = self.doc.element.body
        for paragraph in list(self.body.iterfind(w("p"))):
            self.body.remove(paragraph)
        numbering = self.doc.part.numbering_part.element  # the template's own lists: each test says its own
        for definition in [*numbering.iterfind(w("abstractNum")), *numbering.iterfind(w("num"))]:
            numbering.remove(definition)
        self.footnotes: list[Any] = []

    # --- numbering -------------------------------------------------------------

    def abstract(self, abstract_id: int, levels: str, extra: str = "") -> None:
        element = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{extra}{levels}</w:abstractNum>'
        )
        numbering = self.doc.part.numbering_part.element
        first_num = numbering.find(w("num"))
        if first_num is None:
            numbering.append(element)
        else:
            first_num.addprevious(element)

    def num(self, num_id: int, abstract_id: int, overrides: str = "") -> None:
        self.doc.part.numbering_part.element.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                f"{overrides}</w:num>"
            )
        )

    def style(self, xml: str) -> None:
        self.doc.styles.element.append(parse_xml(xml.replace("<w:style ", f"<w:style {nsdecls('w')} ", 1)))

    # --- content ---------------------------------------------------------------

    def paragraph(
        self,
        *content: str | Ins | Del | Commented | Footnote,
        style: str | None = None,
        num: tuple[int, int] | None = None,
        mark: Ins | Del | None = None,
    ) -> Any:
        p = OxmlElement("w:p")
        p_pr = OxmlElement("w:pPr")
        if style:
            p_pr.append(parse_xml(f'<w:pStyle {nsdecls("w")} w:val="{style}"/>'))
        if num:
            p_pr.append(
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
                )
            )
        if mark is not None:
            kind = "ins" if isinstance(mark, Ins) else "del"
            p_pr.append(
                parse_xml(
                    f'<w:rPr {nsdecls("w")}><w:{kind} w:id="{self._next_id()}" w:author="{mark.author}" '
                    f'w:date="{mark.date}"/></w:rPr>'
                )
            )
        if len(p_pr):
            p.append(p_pr)
        for item in content:
            self._inline(p, item)
        self._append(p)
        return p

    def table(self, rows: list[list[str]]) -> None:
        table = self.doc.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text

    def _inline(self, p: Any, item: str | Ins | Del | Commented | Footnote) -> None:
        if isinstance(item, str):
            p.append(run(item))
        elif isinstance(item, Ins):
            ins = parse_xml(
                f'<w:ins {nsdecls("w")} w:id="{self._next_id()}" w:author="{item.author}" w:date="{item.date}"/>'
            )
            ins.append(run(item.text))
            p.append(ins)
        elif isinstance(item, Del):
            deleted = parse_xml(
                f'<w:del {nsdecls("w")} w:id="{self._next_id()}" w:author="{item.author}" w:date="{item.date}"/>'
            )
            deleted.append(run(item.text, deleted=True))
            p.append(deleted)
        elif isinstance(item, Footnote):
            p.append(self._footnote(item.text))
        else:
            comment = self.doc.comments.add_comment(item.note, author=item.author, initials="")
            comment._comment_elm.date = item.date
            cid = comment.comment_id
            p.append(parse_xml(f'<w:commentRangeStart {nsdecls("w")} w:id="{cid}"/>'))
            p.append(run(item.text))
            p.append(parse_xml(f'<w:commentRangeEnd {nsdecls("w")} w:id="{cid}"/>'))
            p.append(
                parse_xml(
                    f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
                    f'<w:commentReference w:id="{cid}"/></w:r>'
                )
            )

    def _footnote(self, text: str) -> Any:
        note_id = len(self.footnotes) + 1
        self.footnotes.append(
            f'<w:footnote w:id="{note_id}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
        )
        return parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteReference w:id="{note_id}"/></w:r>'
        )

    def _append(self, element: Any) -> None:
        section = self.body.find(w("sectPr"))
        if section is None:
            self.body.append(element)
        else:
            section.addprevious(element)

    _ids = 100

    def _next_id(self) -> int:
        DraftDocument._ids += 1
        return DraftDocument._ids

    def save(self, path: Path) -> Path:
        if self.footnotes:
            blob = (
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {nsdecls("w")}>'
                '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
                "</w:r></w:p></w:footnote>" + "".join(self.footnotes) + "</w:footnotes>"
            ).encode()
            part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, self.doc.part.package)
            self.doc.part.relate_to(part, RT.FOOTNOTES)
        self.doc.save(path)
        return path


def run(text: str, *, deleted: bool = False) -> Any:
    tag = "w:delText" if deleted else "w:t"
    r = OxmlElement("w:r")
    t = OxmlElement(tag)
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    return r
