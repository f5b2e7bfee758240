"""One pass over a draft's tokenised lines: where its brackets, braces, option labels, markup and
markers are, and each line's text and first label. Meaning is decided later (`drafter.text.build`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.text.lines import LineTable
from drafter.text.model import Marker, MarkerKind, Markup, MarkupKind, SourceFormat

HEAD_TYPES = frozenset(
    {"SECTION", "CHAPTER", "ARTICLE", "PREAMBULAR", "PARAGRAPH_NUMBER", "SUBPARAGRAPH", "MD_HEADING"}
)
HEADING_TYPES = frozenset({"SECTION", "CHAPTER", "ARTICLE", "MD_HEADING"})
MARKUP_TOKENS = {
    "MD_FOOTNOTE_REF": MarkupKind.FOOTNOTE_REFERENCE,
    "MD_FOOTNOTE_DEF": MarkupKind.FOOTNOTE_DEFINITION,
    "MD_LINK_DEF": MarkupKind.LINK_DEFINITION,
    "MD_INLINE_LINK": MarkupKind.INLINE_LINK,
    "MD_ATTRIBUTES": MarkupKind.ATTRIBUTES,
    "MD_ESCAPE": MarkupKind.ESCAPE,
    "FRONT_MATTER": MarkupKind.FRONT_MATTER,
}


@dataclass(slots=True)
class Line:
    index: int
    start: int
    end: int  # excludes the line break
    break_value: str
    head: tuple[str, str] | None  # first head token: (type, value)
    content_type: str | None  # type of the first non-indent token
    text: str


@dataclass(slots=True)
class Scan:
    """What one pass over the tokens collects."""

    # Every "[" and "]" in order: a "[" at offset p as p, a "]" as -(p + 1) (`drafter.text.matching`).
    bracket_marks: list[int] = field(default_factory=list)
    brace_pairs: list[tuple[int, int]] = field(default_factory=list)
    brace_strays: list[int] = field(default_factory=list)
    brace_open: list[int] = field(default_factory=list)
    option_labels: list[tuple[int, str]] = field(default_factory=list)  # start, value
    markup: list[Markup] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    link_labels: set[str] = field(default_factory=set)
    lines: list[Line] = field(default_factory=list)
    page_breaks: list[int] = field(default_factory=list)


def scan_lines(text: str, table: LineTable, source_format: SourceFormat) -> Scan:
    scan = Scan()
    previous_value = ""
    for index, (line_tokens, line_start) in enumerate(zip(table.tokens, table.starts, strict=True)):
        pos = line_start
        head: tuple[str, str] | None = None
        content_type: str | None = None
        break_value = ""
        for kind, value in line_tokens:
            if kind == "LSQB" or kind == "LABEL_LSQB":
                scan.bracket_marks.append(pos)
            elif kind == "RSQB":
                scan.bracket_marks.append(-pos - 1)
            elif kind == "LBRACE":
                scan.brace_open.append(pos)
            elif kind == "RBRACE":
                if scan.brace_open:
                    scan.brace_pairs.append((scan.brace_open.pop(), pos + 1))
                else:
                    scan.brace_strays.append(pos)
            elif kind == "OPTION_LABEL":
                scan.option_labels.append((pos, value))
            elif kind == "EOL":
                break_value = value
                if value == "\f":
                    scan.page_breaks.append(pos)
            elif kind == "ASTERISK":
                # "[NDMC*]": an asterisk glued to a term marks it (Markdown uses * for emphasis).
                if source_format is SourceFormat.TEXT and previous_value[-1:].isalnum():
                    scan.markers.append(Marker(MarkerKind.ASTERISK, pos, pos + len(value), value))
            elif kind in MARKUP_TOKENS:
                markup_kind = MARKUP_TOKENS[kind]
                scan.markup.append(Markup(markup_kind, pos, pos + len(value)))
                if kind == "MD_LINK_DEF":
                    scan.link_labels.add(value[1 : value.index("]:")].strip().lower())
                elif kind in ("MD_FOOTNOTE_REF", "MD_FOOTNOTE_DEF"):
                    marker = (
                        MarkerKind.FOOTNOTE_REFERENCE
                        if kind == "MD_FOOTNOTE_REF"
                        else MarkerKind.FOOTNOTE_DEFINITION
                    )
                    scan.markers.append(Marker(marker, pos, pos + len(value), value))
            if kind in HEAD_TYPES and head is None:
                head = (kind, value)
            if content_type is None and kind != "INDENT":
                content_type = kind
            previous_value = value
            pos += len(value)
        end = pos - len(break_value)
        scan.lines.append(Line(index, line_start, end, break_value, head, content_type, text[line_start:end]))
    return scan
