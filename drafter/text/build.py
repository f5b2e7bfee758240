"""Builds the document model from tokenised lines: meaning is decided here, not in the grammar.

Square brackets are matched with a stack of our own because they cross
paragraphs, headings and pages, and real drafts leave some unbalanced: every
`[` and `]` ends up in a matched pair, in Markdown markup or in a diagnostic.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from drafter.text.error_labels import label_malformation
from drafter.text.ids import IdAllocator, span_digest
from drafter.text.lines import LineTable
from drafter.text.model import (
    AlternativeGroup,
    Bracket,
    Diagnostic,
    DiagnosticKind,
    Draft,
    Marker,
    MarkerKind,
    Markup,
    MarkupKind,
    Note,
    NoteKind,
    Paragraph,
    ParagraphKind,
    Placeholder,
    Severity,
    SourceFormat,
)
from drafter.text.options import group_options

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
HORIZONTAL_SPACE = re.compile(r"[ \t\u00a0\u2009\u202f]*")
SLASH = re.compile(r"\s/\s")
LONE_NUMBER = re.compile(r"\s*\d{1,3}\s*")
PAGE_NUMBER = re.compile(r"\s*(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?\s*", re.IGNORECASE)
PLACEHOLDER_BRACKET = re.compile(
    r"\s*(?:-?\s*[XYZ](?:\.[XYZ])*|[XYZ]\s*-\s*[XYZ]|year\s+[xX]|\d*X{1,2}|placeholder\b.*)\s*",
    re.IGNORECASE | re.DOTALL,
)
PLACEHOLDER_TEXT = re.compile(
    r"USD\s+X(?:\.X)*(?:\s+(?:million|billion|trillion))?|(?<![\w.\-])(?:(?:19|20)XX|[XYZ](?:\.[XYZ])*)(?![\w\-])"
)
PREAMBULAR_START = re.compile(
    r"[\[\s*_]*(?:(?:Also|Further|Further also|Noting also)\s+)?[A-Za-z][a-z]+ing\b"
)
CLAUSE_END = re.compile(r"[.,;:]['’”\")\]\s*]*$")
NEW_CLAUSE_START = re.compile(r"\s*[\[{(“\"*]*\s*[A-Z]")
# Labelling costs a small parse per error: past this many, a file is not a draft
# worth labelling (a minified JSON, say), and the plain diagnostics suffice.
MAX_LABELLED_ERRORS = 500
PAGE_TOP_LINES = 8  # the lines of a page where running headers are looked for
SEPARATOR_WIDTH = 20  # a blank line this wide opens the footnotes at the foot of a PDF page
NOTE_KINDS = (
    (re.compile(r"\s*note\b", re.IGNORECASE), NoteKind.NOTE),
    (re.compile(r"\s*placement", re.IGNORECASE), NoteKind.PLACEMENT),
    (re.compile(r"\s*end of option", re.IGNORECASE), NoteKind.OPTION_END),
    (re.compile(r"\s*placeholder", re.IGNORECASE), NoteKind.PLACEHOLDER),
    (re.compile(r"\s*no text", re.IGNORECASE), NoteKind.NO_TEXT),
    (re.compile(r".*\b(?:linked|in tandem)\b", re.IGNORECASE | re.DOTALL), NoteKind.LINKED),
)


@dataclass(slots=True)
class _Line:
    index: int
    start: int
    end: int  # excludes the line break
    break_value: str
    head: tuple[str, str] | None  # first head token: (type, value)
    content_type: str | None  # type of the first non-indent token
    text: str


@dataclass(slots=True)
class _Scan:
    """What one pass over the tokens collects."""

    openers: list[int] = field(default_factory=list)
    pairs: list[tuple[int, int]] = field(default_factory=list)
    stray_closers: list[int] = field(default_factory=list)
    brace_pairs: list[tuple[int, int]] = field(default_factory=list)
    brace_strays: list[int] = field(default_factory=list)
    brace_open: list[int] = field(default_factory=list)
    option_labels: list[tuple[int, str, int | None]] = field(default_factory=list)  # start, value, opener
    markup: list[Markup] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    link_labels: set[str] = field(default_factory=set)
    lines: list[_Line] = field(default_factory=list)
    page_breaks: list[int] = field(default_factory=list)


def _scan(text: str, table: LineTable, source_format: SourceFormat) -> _Scan:
    scan = _Scan()
    previous_value = ""
    for index, (line_tokens, line_start) in enumerate(zip(table.tokens, table.starts, strict=True)):
        pos = line_start
        head: tuple[str, str] | None = None
        content_type: str | None = None
        break_value = ""
        for kind, value in line_tokens:
            if kind == "LSQB":
                scan.openers.append(pos)
            elif kind == "RSQB":
                if scan.openers:
                    scan.pairs.append((scan.openers.pop(), pos + 1))
                else:
                    scan.stray_closers.append(pos)
            elif kind == "LBRACE":
                scan.brace_open.append(pos)
            elif kind == "RBRACE":
                if scan.brace_open:
                    scan.brace_pairs.append((scan.brace_open.pop(), pos + 1))
                else:
                    scan.brace_strays.append(pos)
            elif kind == "OPTION_LABEL":
                scan.option_labels.append((pos, value, scan.openers[-1] if scan.openers else None))
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
        scan.lines.append(
            _Line(index, line_start, end, break_value, head, content_type, text[line_start:end])
        )
    return scan


def _reference_links(text: str, pairs: list[tuple[int, int]], labels: set[str]) -> set[tuple[int, int]]:
    """Markdown `[text][ref]` (and `[ref][]`) where `ref` is a defined link label: not negotiating brackets."""
    if not labels:
        return set()
    by_start = {start: end for start, end in pairs}
    links: set[tuple[int, int]] = set()
    for start, end in pairs:
        after = by_start.get(end)
        if after is None:
            continue
        label = text[end + 1 : after - 1].strip().lower() or text[start + 1 : end - 1].strip().lower()
        if label in labels and "[" not in text[start + 1 : after - 1].replace("][", "", 1):
            links.update({(start, end), (end, after)})
    return links


def slash_candidates(
    text: str, start: int, end: int, children: list[tuple[int, int]]
) -> tuple[tuple[int, int], ...]:
    """Pieces of a bracket's own text split at spaced slashes (" / "), nested brackets left whole."""
    inner_start, inner_end = start + 1, end - 1
    if SLASH.search(text, inner_start, inner_end) is None:
        return ()
    own = list(text[inner_start:inner_end])
    for child_start, child_end in children:
        own[child_start - inner_start : child_end - inner_start] = ["\0"] * (child_end - child_start)
    cuts = [m.start() + inner_start for m in SLASH.finditer("".join(own))]
    if not cuts:
        return ()
    pieces, piece_start = [], inner_start
    for cut in cuts:
        pieces.append((piece_start, cut))
        piece_start = cut + 3
    pieces.append((piece_start, inner_end))
    return tuple(pieces)


def _brackets(
    text: str,
    pairs: list[tuple[int, int]],
    carried_ids: Mapping[tuple[int, int], str],
    taken_ids: Collection[str],
) -> tuple[Bracket, ...]:
    pairs = sorted(pairs)
    parents: list[int | None] = []
    children: list[list[int]] = [[] for _ in pairs]
    depths: list[int] = []
    stack: list[int] = []
    for i, (start, _end) in enumerate(pairs):
        while stack and pairs[stack[-1]][1] <= start:
            stack.pop()
        parent = stack[-1] if stack else None
        parents.append(parent)
        if parent is not None:
            children[parent].append(i)
        depths.append(len(stack) + 1)
        stack.append(i)
    allocator = IdAllocator(carried_ids.values(), taken_ids)
    ids = [carried_ids.get(pair) or allocator.allocate("b" + span_digest(text, *pair)) for pair in pairs]
    result = []
    for i, (start, end) in enumerate(pairs):
        parent = parents[i]
        child_spans = [pairs[c] for c in children[i]]
        result.append(
            Bracket(
                id=ids[i],
                start=start,
                end=end,
                depth=depths[i],
                parent=None if parent is None else ids[parent],
                children=tuple(ids[c] for c in children[i]),
                slash_candidates=slash_candidates(text, start, end, child_spans),
            )
        )
    return tuple(result)


def _alternative_groups(text: str, brackets: tuple[Bracket, ...]) -> tuple[AlternativeGroup, ...]:
    """Runs of sibling brackets separated only by horizontal space: `[a][b]`, `[a] [b]`."""
    by_parent: dict[str | None, list[Bracket]] = {}
    for bracket in brackets:
        by_parent.setdefault(bracket.parent, []).append(bracket)
    groups: list[AlternativeGroup] = []
    for siblings in by_parent.values():
        run = [siblings[0]]
        for bracket in siblings[1:]:
            previous = run[-1]
            gap = HORIZONTAL_SPACE.match(text, previous.end)
            if gap is not None and gap.end() == bracket.start:
                run.append(bracket)
                continue
            if len(run) > 1:
                groups.append(_group(run))
            run = [bracket]
        if len(run) > 1:
            groups.append(_group(run))
    groups.sort(key=lambda g: g.start)
    return tuple(groups)


def _group(run: list[Bracket]) -> AlternativeGroup:
    return AlternativeGroup(
        id="g" + run[0].id[1:], start=run[0].start, end=run[-1].end, alternatives=tuple(run)
    )


def _notes(text: str, brace_pairs: list[tuple[int, int]], lines: list[_Line]) -> tuple[Note, ...]:
    notes = []
    line_text = {line.start: line.text for line in lines}
    for start, end in sorted(brace_pairs):
        inner = text[start + 1 : end - 1]
        kind = next((k for pattern, k in NOTE_KINDS if pattern.match(inner)), None)
        if kind is None:
            alone = (
                text[start - 1 : start] in ("", "\n", "\r", "\f")
                and line_text.get(start, "").strip() == text[start:end]
            )
            kind = NoteKind.SUBHEADING if alone else NoteKind.NOTE
        notes.append(Note(kind, start, end, inner))
    return tuple(notes)


def _placeholders(
    text: str, brackets: tuple[Bracket, ...], notes: tuple[Note, ...]
) -> tuple[Placeholder, ...]:
    found: list[Placeholder] = []
    covered: list[tuple[int, int]] = []
    for bracket in brackets:
        if not bracket.children and PLACEHOLDER_BRACKET.fullmatch(text, bracket.start + 1, bracket.end - 1):
            found.append(Placeholder(bracket.start, bracket.end, text[bracket.start : bracket.end]))
            covered.append((bracket.start, bracket.end))
    for note in notes:
        if note.kind is NoteKind.PLACEHOLDER:
            found.append(Placeholder(note.start, note.end, text[note.start : note.end]))
            covered.append((note.start, note.end))
    covered.sort()
    covered_starts = [s for s, _ in covered]
    for match in PLACEHOLDER_TEXT.finditer(text):
        i = bisect.bisect_right(covered_starts, match.start()) - 1
        if i < 0 or match.start() >= covered[i][1]:
            found.append(Placeholder(match.start(), match.end(), match.group()))
    found.sort(key=lambda p: p.start)
    return tuple(found)


def _page_header_lines(lines: list[_Line], page_breaks: list[int]) -> set[int]:
    """Running headers and page numbers: the lines that open each page and recur across pages."""
    if not page_breaks:
        return set()
    page_firsts = [i for i in range(len(lines)) if i == 0 or lines[i - 1].break_value == "\f"]
    return _running_headers(
        [[(ln.index, ln.text) for ln in lines[i : i + PAGE_TOP_LINES]] for i in page_firsts]
    )


def page_header_lines(text: str, table: LineTable, page_breaks: Iterable[int]) -> set[int]:
    """What `build_draft` finds as running headers (line indexes), from the first lines of each page only."""
    tokens, starts = table.tokens, table.starts
    page_firsts = [0] + [table.line_index(offset) + 1 for offset in page_breaks]
    if len(page_firsts) == 1:
        return set()

    def line_text(i: int) -> str:
        line = tokens[i]
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        return text[starts[i] : end - len(line[-1][1]) if line and line[-1][0] == "EOL" else end]

    return _running_headers(
        [
            [(j, line_text(j)) for j in range(i, min(i + PAGE_TOP_LINES, len(starts)))]
            for i in page_firsts
            if i < len(starts)
        ]
    )


def _running_headers(pages: list[list[tuple[int, str]]]) -> set[int]:
    """`pages`: the first eight lines (index, text) of each page; a header recurs on other pages."""
    blocks = [[(index, line) for index, line in page if line.strip()][:6] for page in pages]
    seen: dict[str, int] = {}
    for block in blocks:
        for key in {re.sub(r"\d+", "#", line.strip()) for _, line in block}:
            seen[key] = seen.get(key, 0) + 1
    headers: set[int] = set()
    for block in blocks:
        for index, line in block:
            key = re.sub(r"\d+", "#", line.strip())
            if seen.get(key, 0) >= 2 or PAGE_NUMBER.fullmatch(line):
                headers.add(index)
            else:
                break
    return headers


def _footnote_lines(lines: list[_Line], header_lines: set[int]) -> set[int]:
    """PDF footnotes: from a long blank separator line to the end of its page."""
    footnotes: set[int] = set()
    in_footnotes = False
    for line in lines:
        if line.index in header_lines:
            in_footnotes = False
            continue
        if in_footnotes:
            footnotes.add(line.index)
        elif len(line.text) >= SEPARATOR_WIDTH and not line.text.strip():
            in_footnotes = True
        if line.break_value == "\f":
            in_footnotes = False
    return footnotes


def _paragraph_kind(line: _Line, source_format: SourceFormat) -> tuple[ParagraphKind, str | None, int]:
    indent = len(line.text) - len(line.text.lstrip(" \t\u00a0"))
    if line.head is not None:
        kind, value = line.head
        number = value.strip()
        if kind == "MD_HEADING":
            return ParagraphKind.HEADING, None, len(number)
        if kind in HEADING_TYPES:
            return (
                ParagraphKind.HEADING,
                number,
                1 if kind == "CHAPTER" or (number.rstrip(".") in "IVXLC" * 3 and len(number) > 2) else 2,
            )
        if kind == "PREAMBULAR":
            return ParagraphKind.PREAMBULAR, number, 0
        level = indent // 4 if source_format is SourceFormat.MARKDOWN else 0
        if kind == "SUBPARAGRAPH" or level > 0:
            return ParagraphKind.SUBPARAGRAPH, number, max(level, 1)
        return ParagraphKind.OPERATIVE, number, number.count(".", 0, len(number) - 1)
    if line.content_type == "OPTION_LABEL" or re.match(r"[\s\[*]*Option\s", line.text):
        return ParagraphKind.OPTION, None, indent // 4
    stripped = line.text.strip()
    if stripped.startswith("{") and stripped.endswith("}"):
        return ParagraphKind.NOTE, None, 0
    if line.content_type == "FRONT_MATTER":
        return ParagraphKind.FRONT_MATTER, None, 0
    if line.content_type in ("MD_LINK_DEF", "MD_FOOTNOTE_DEF"):
        return ParagraphKind.LINK_DEFINITION, None, 0
    return ParagraphKind.TEXT, None, 0


def _starts_alone(line: _Line, kind: ParagraphKind) -> bool:
    return line.head is not None or kind in (
        ParagraphKind.OPTION,
        ParagraphKind.NOTE,
        ParagraphKind.LINK_DEFINITION,
    )


def starts_paragraph_alone(text: str, table: LineTable, index: int, source_format: SourceFormat) -> bool:
    """Whether line `index` starts a paragraph whatever the line before it says (a numbered or labelled
    line, a note), unless it is a page's running header, a footnote or a footnote number."""
    line = _scan(text, LineTable((table.tokens[index],), (table.starts[index],)), source_format).lines[0]
    if source_format is SourceFormat.TEXT and LONE_NUMBER.fullmatch(line.text):
        return False
    return bool(line.text.strip()) and _starts_alone(line, _paragraph_kind(line, source_format)[0])


def _is_preambular(paragraph: str) -> bool:
    """An unnumbered "Recalling ...," paragraph: a participle first, a comma last."""
    return bool(PREAMBULAR_START.match(paragraph)) and paragraph.rstrip(" \t\u00a0]*_").endswith(",")


def _starts_paragraph(previous: _Line, line: _Line, kind: ParagraphKind, source_format: SourceFormat) -> bool:
    if _starts_alone(line, kind):
        return True
    if previous.head is not None and previous.head[0] in HEADING_TYPES:
        return True
    if source_format is SourceFormat.MARKDOWN:
        return False
    # Wrapped PDF lines continue a paragraph; a finished clause followed by a new one starts another.
    return bool(CLAUSE_END.search(previous.text.rstrip()) and NEW_CLAUSE_START.match(line.text))


@dataclass(slots=True)
class _OpenParagraph:
    kind: ParagraphKind
    number: str | None
    start: int
    end: int
    line: int
    level: int

    def close(self, text: str) -> Paragraph:
        kind = self.kind
        if kind is ParagraphKind.TEXT and _is_preambular(text[self.start : self.end]):
            kind = ParagraphKind.PREAMBULAR
        return Paragraph(kind, self.number, self.start, self.end, self.line, self.level)


def _paragraphs(
    text: str,
    lines: list[_Line],
    header_lines: set[int],
    footnote_lines: set[int],
    source_format: SourceFormat,
) -> tuple[tuple[Paragraph, ...], list[Marker]]:
    paragraphs: list[Paragraph] = []
    markers: list[Marker] = []
    current: _OpenParagraph | None = None
    last_line: _Line | None = None  # the previous line of the current paragraph

    def close() -> None:
        nonlocal current
        if current is not None:
            paragraphs.append(current.close(text))
        current = None

    for line in lines:
        if line.index in header_lines:
            close()
            paragraphs.append(
                Paragraph(ParagraphKind.PAGE_HEADER, None, line.start, line.end, line.index + 1, 0)
            )
            last_line = None
        elif not line.text.strip():
            close()
            last_line = None
        elif source_format is SourceFormat.TEXT and LONE_NUMBER.fullmatch(line.text):
            # A footnote number on a line of its own (PDF text): a reference, or a footnote's own number.
            offset = line.start + len(line.text) - len(line.text.lstrip())
            in_footnotes = line.index in footnote_lines
            marker = MarkerKind.FOOTNOTE_DEFINITION if in_footnotes else MarkerKind.FOOTNOTE_REFERENCE
            markers.append(Marker(marker, offset, offset + len(line.text.strip()), line.text.strip()))
            if in_footnotes:
                close()
        elif line.index in footnote_lines:
            if current is not None and current.kind is ParagraphKind.FOOTNOTE:
                current.end = line.end
            else:
                close()
                current = _OpenParagraph(
                    ParagraphKind.FOOTNOTE, None, line.start, line.end, line.index + 1, 0
                )
        else:
            kind, number, level = _paragraph_kind(line, source_format)
            if (
                current is None
                or last_line is None
                or _starts_paragraph(last_line, line, kind, source_format)
            ):
                close()
                current = _OpenParagraph(kind, number, line.start, line.end, line.index + 1, level)
            else:
                current.end = line.end
            last_line = line
    close()
    return tuple(paragraphs), markers


def _diagnostics(text: str, table: LineTable, scan: _Scan) -> tuple[Diagnostic, ...]:
    found: list[Diagnostic] = []
    labels_left = MAX_LABELLED_ERRORS

    def add(kind: DiagnosticKind, severity: Severity, offset: int, message: str) -> None:
        line, column = table.line_column(offset)
        line_text = scan.lines[line - 1].text
        nonlocal labels_left
        hint = ""
        if severity is Severity.ERROR and labels_left > 0:
            labels_left -= 1
            hint = label_malformation(text, offset, kind)
        found.append(Diagnostic(kind, severity, offset, line, column, message, line_text, hint))

    for offset in scan.stray_closers:
        add(DiagnosticKind.STRAY_CLOSING_BRACKET, Severity.ERROR, offset, "']' closes no open bracket")
    for offset in scan.openers:
        add(DiagnosticKind.UNCLOSED_BRACKET, Severity.ERROR, offset, "'[' is never closed")
    for offset in scan.brace_strays:
        add(DiagnosticKind.STRAY_CLOSING_BRACE, Severity.WARNING, offset, "'}' closes no open note")
    for offset in scan.brace_open:
        add(DiagnosticKind.UNCLOSED_BRACE, Severity.WARNING, offset, "'{' is never closed")
    found.sort(key=lambda d: d.offset)
    return tuple(found)


def build_draft(
    text: str,
    table: LineTable,
    source_format: SourceFormat,
    carried_ids: Mapping[tuple[int, int], str] | None = None,
    link_labels: Iterable[str] = (),
    page_headers: Iterable[int] | None = None,
    taken_ids: Collection[str] = (),
) -> Draft:
    """The model of `text`, whose tokenised lines are `table`.

    `carried_ids` maps (start, end) spans to ids that brackets at those spans
    keep from an earlier version of the draft (see `drafter.incremental.edit`); `link_labels`
    are Markdown link labels defined outside `text`, `page_headers` the lines
    (indexes in `table`) that are running headers, and `taken_ids` the ids of the
    draft's other brackets, when `text` is part of a draft (running headers recur
    across all of its pages; a new id must not collide with any).
    """
    scan = _scan(text, table, source_format)
    scan.link_labels.update(link_labels)
    links = _reference_links(text, scan.pairs, scan.link_labels)
    pairs = [pair for pair in scan.pairs if pair not in links]
    scan.markup.extend(Markup(MarkupKind.REFERENCE_LINK, s, e) for s, e in sorted(links))
    brackets = _brackets(text, pairs, carried_ids or {}, taken_ids)
    notes = _notes(text, scan.brace_pairs, scan.lines)
    if page_headers is not None:
        header_lines = set(page_headers)
    elif source_format is SourceFormat.TEXT:
        header_lines = _page_header_lines(scan.lines, scan.page_breaks)
    else:
        header_lines = set()
    footnote_lines = (
        _footnote_lines(scan.lines, header_lines) if source_format is SourceFormat.TEXT else set()
    )
    paragraphs, line_markers = _paragraphs(text, scan.lines, header_lines, footnote_lines, source_format)
    option_groups = group_options(text, scan.option_labels, brackets, paragraphs, notes)
    markers = sorted([*scan.markers, *line_markers], key=lambda m: m.start)
    return Draft(
        text=text,
        source_format=source_format,
        brackets=brackets,
        alternative_groups=_alternative_groups(text, brackets),
        option_groups=option_groups,
        paragraphs=paragraphs,
        notes=notes,
        placeholders=_placeholders(text, brackets, notes),
        markers=tuple(markers),
        markup=tuple(sorted(scan.markup, key=lambda m: m.start)),
        diagnostics=_diagnostics(text, table, scan),
        page_breaks=tuple(scan.page_breaks),
        lines=table,
        option_labels=tuple(scan.option_labels),
    )
