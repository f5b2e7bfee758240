"""Builds the document model from tokenised lines: meaning is decided here, not in the grammar.

The pipeline: one scan over the tokens (`drafter.text.scan`), the running headers and footnotes of PDF
pages (`drafter.text.pages`), paragraphs (`drafter.text.paragraphs`), square brackets matched by the
structure (`drafter.text.matching`) into a tree (`drafter.text.brackets`), notes and placeholders
(`drafter.text.notes`), labelled options (`drafter.text.options`), alternatives
(`drafter.text.alternatives`), and a diagnostic for each bracket or brace left unmatched and each pair
opened mid-paragraph that crosses structure.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from drafter.text.alternatives import alternative_groups
from drafter.text.brackets import bracket_tree, reference_links
from drafter.text.error_labels import MAX_LABELLED_ERRORS, label_malformation
from drafter.text.lines import LineTable
from drafter.text.matching import Matching, match_brackets
from drafter.text.model import (
    Diagnostic,
    DiagnosticKind,
    Draft,
    Markup,
    MarkupKind,
    Reading,
    Severity,
    SourceFormat,
)
from drafter.text.notes import notes_of, placeholders_of
from drafter.text.options import group_options, label_containers
from drafter.text.pages import footnote_lines, header_lines
from drafter.text.paragraphs import paragraphs_of
from drafter.text.scan import Scan, scan_lines


@dataclass(frozen=True, slots=True)
class WindowContext:
    """What the rest of a draft tells the build of a window of it (`drafter.incremental.window`).

    `link_labels`: Markdown link labels defined outside the window; `page_headers`: the window's lines
    (indexes in its table) that are running headers, which recur across all of the draft's pages;
    `taken_ids`: the ids of the draft's other brackets, which a new id must not collide with.
    """

    link_labels: Iterable[str] = ()
    page_headers: Iterable[int] | None = None
    taken_ids: Collection[str] = ()


def _diagnostics(text: str, table: LineTable, scan: Scan, matching: Matching) -> tuple[Diagnostic, ...]:
    found: list[Diagnostic] = []
    labels_left = MAX_LABELLED_ERRORS

    def add(
        kind: DiagnosticKind, severity: Severity, offset: int, message: str, related: int | None = None
    ) -> None:
        line, column = table.line_column(offset)
        line_text = scan.lines[line - 1].text
        nonlocal labels_left
        hint = ""
        if severity is Severity.ERROR and labels_left > 0:
            labels_left -= 1
            hint = label_malformation(text, offset, kind)
        found.append(Diagnostic(kind, severity, offset, line, column, message, line_text, hint, related))

    for offset in matching.stray:
        add(DiagnosticKind.STRAY_CLOSING_BRACKET, Severity.ERROR, offset, "']' closes no open bracket")
    inline = set(matching.inline_unclosed)
    for offset in matching.unclosed:
        message = "'[' opened mid-paragraph is not closed in its paragraph" if offset in inline else None
        add(DiagnosticKind.UNCLOSED_BRACKET, Severity.ERROR, offset, message or "'[' is never closed")
    for start, end, crossed in matching.crossing:
        message = f"'[' opened mid-paragraph closes across {crossed}"
        add(DiagnosticKind.BRACKET_CROSSES_STRUCTURE, Severity.WARNING, start, message, end - 1)
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
    window: WindowContext | None = None,
    readings: tuple[Reading, ...] = (),
) -> Draft:
    """The model of `text`, whose tokenised lines are `table`.

    `carried_ids` maps (start, end) spans to ids that brackets at those spans keep from an earlier
    version of the draft (see `drafter.incremental.edit`); `window` is given when `text` is a window
    of a draft whose rest stays as it was; `readings` are the user's corrections of which adjacent
    brackets are alternatives (`drafter.text.alternatives`), kept by bracket id through edits.
    """
    window = window or WindowContext()
    scan = scan_lines(text, table, source_format)
    scan.link_labels.update(window.link_labels)
    headers: set[int] = set()
    footnotes: set[int] = set()
    if window.page_headers is not None:
        headers = set(window.page_headers)
    elif source_format is SourceFormat.TEXT:
        headers = header_lines(scan.lines, scan.page_breaks)
    if source_format is SourceFormat.TEXT:
        footnotes = footnote_lines(scan.lines, headers)
    paragraphs, line_markers = paragraphs_of(text, scan.lines, headers, footnotes, source_format)
    label_spans = [(start, start + len(value)) for start, value in scan.option_labels]
    matching = match_brackets(text, scan.bracket_marks, paragraphs, label_spans)
    links = reference_links(text, matching.pairs, scan.link_labels)
    pairs = [pair for pair in matching.pairs if pair not in links]
    scan.markup.extend(Markup(MarkupKind.REFERENCE_LINK, s, e) for s, e in sorted(links))
    brackets = bracket_tree(text, pairs, carried_ids or {}, window.taken_ids)
    notes = notes_of(text, scan.brace_pairs, scan.lines)
    option_labels = label_containers(text, scan.option_labels, brackets)
    option_groups = group_options(text, option_labels, brackets, paragraphs, notes)
    markers = sorted([*scan.markers, *line_markers], key=lambda m: m.start)
    return Draft(
        text=text,
        source_format=source_format,
        brackets=brackets,
        alternative_groups=alternative_groups(text, brackets, readings),
        option_groups=option_groups,
        paragraphs=paragraphs,
        notes=notes,
        placeholders=placeholders_of(text, brackets, notes),
        markers=tuple(markers),
        markup=tuple(sorted(scan.markup, key=lambda m: m.start)),
        diagnostics=_diagnostics(text, table, scan, matching),
        page_breaks=tuple(scan.page_breaks),
        lines=table,
        option_labels=option_labels,
        readings=readings,
    )
