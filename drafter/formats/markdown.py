"""Markdown export: the consolidated text as Markdown, then the table of open elements (not with --clean).

A Markdown draft's text goes out as it is. A plain or PDF-extracted text becomes Markdown: one
paragraph per line (the PDF's wrapped lines and justified spaces joined), headings as `##`, page
furniture left out, a paragraph a page break cut joined again, a footnote with its number
(`drafter.formats.blocks`, as the Word export), and every character Markdown would read as markup escaped, so a renderer shows
`[shall][should]` as brackets, never as a link, and `1.` as the paragraph number, never a list.
"""

from __future__ import annotations

import re

from drafter.formats.blocks import block_text, paragraph_blocks
from drafter.formats.elements import (
    ElementRow,
    choices_text,
    element_rows,
    position_text,
)
from drafter.formats.export import Exported, ExportOptions
from drafter.formats.html_page import CONTROLS
from drafter.negotiation.reading import SessionView
from drafter.text.model import Draft, ParagraphKind, SourceFormat

MARKUP = re.compile(r"([\\`*_\[\]<>#|~&!{}])")
LINE_START = re.compile(r"^(?:(\d+)([.)])|([-+=]))")


def export_markdown(session: SessionView, options: ExportOptions) -> Exported:
    draft = session.draft
    text = draft.text if draft.source_format is SourceFormat.MARKDOWN else as_markdown(draft)
    if not options.clean:
        text = text.rstrip("\n") + "\n\n" + elements_table(element_rows(session, positions=options.positions))
    return Exported(text.encode("utf-8"))


def as_markdown(draft: Draft) -> str:
    lines = []
    for block in paragraph_blocks(draft)[0]:
        line = escape_line(" ".join(block_text(draft.text, block).split()))
        if block.kind is ParagraphKind.HEADING:
            line = "#" * min(block.level + 1, 6) + " " + line
        lines.append(line)
    return "\n\n".join(lines) + "\n"


def escape_line(text: str) -> str:
    """One paragraph's text as Markdown that renders as exactly that text."""
    text = MARKUP.sub(r"\\\1", CONTROLS.sub("", text))
    return LINE_START.sub(_escape_start, text, count=1)


def _escape_start(match: re.Match[str]) -> str:
    """`1.` would start a list, `-` a list or a rule, `=` a heading's underline."""
    number, punctuation, sign = match.groups()
    return f"\\{sign}" if sign else f"{number}\\{punctuation}"


def elements_table(rows: list[ElementRow]) -> str:
    lines = [
        f"## Open elements ({len(rows)})",
        "",
        "| # | Paragraph | Element | State | Positions |",
        "| ---: | --- | --- | --- | --- |",
    ]
    for row in rows:
        cells = (
            str(row.number),
            row.ref,
            f"{row.element.kind} {row.element.id}: {choices_text(row.element, 80)}",
            row.state_words,
            "; ".join(position_text(p) for p in row.positions),
        )
        lines.append("| " + " | ".join(escape_line(cell) if cell else " " for cell in cells) + " |")
    return "\n".join(lines) + "\n"
