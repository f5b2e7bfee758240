"""The document model: an immutable view of a negotiating text.

A `Draft` keeps the exact input text and what the parser found in it. Square
brackets and paragraphs are two overlapping hierarchies, so both are kept as
flat tuples of spans into `Draft.text`, never as one tree.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from drafter.text.kinds import (
    DiagnosticKind,
    MarkerKind,
    MarkupKind,
    NoteKind,
    ParagraphKind,
    Severity,
    SourceFormat,
)
from drafter.text.references import Reference, matching, paragraph_references

if TYPE_CHECKING:
    from drafter.text.lines import LineTable

# The vocabularies live in drafter.text.kinds (drafter.text.references reads them without the model).
__all__ = [
    "AlternativeGroup",
    "Bracket",
    "Diagnostic",
    "DiagnosticKind",
    "Draft",
    "Marker",
    "MarkerKind",
    "Markup",
    "MarkupKind",
    "Note",
    "NoteKind",
    "Option",
    "OptionGroup",
    "Paragraph",
    "ParagraphKind",
    "Placeholder",
    "Reading",
    "Reference",
    "Severity",
    "SourceFormat",
]


@dataclass(frozen=True, slots=True)
class Bracket:
    """A matched pair: `text[start:end]` runs from its `[` to its `]`."""

    id: str
    start: int
    end: int
    depth: int  # 1 for an outermost bracket
    parent: str | None
    children: tuple[str, ...]
    # Spans of slash-separated pieces (" / ") of the bracket's own text:
    # possible alternatives, for the user to confirm; empty when there are none.
    slash_candidates: tuple[tuple[int, int], ...] = ()

    @property
    def inner_start(self) -> int:
        return self.start + 1

    @property
    def inner_end(self) -> int:
        return self.end - 1


@dataclass(frozen=True, slots=True)
class AlternativeGroup:
    """Adjacent sibling brackets (`[a][b]`, `[a] [b]`): competing wordings."""

    id: str
    start: int
    end: int
    alternatives: tuple[Bracket, ...]


@dataclass(frozen=True, slots=True)
class Reading:
    """A user's correction of the reading: whether bracket `left` and the sibling `right` just after it are
    alternatives (`drafter.text.alternatives`). It changes no text."""

    left: str
    right: str
    alternatives: bool


@dataclass(frozen=True, slots=True)
class Option:
    label: str  # as written, without surrounding space: "Option 1 bis:"
    number: str  # "1 bis", "I", "(a)", "A"
    start: int  # start of the label
    label_end: int
    end: int
    zero: bool  # "No text": choosing it removes the text


@dataclass(frozen=True, slots=True)
class OptionGroup:
    id: str
    start: int
    end: int
    options: tuple[Option, ...]


@dataclass(frozen=True, slots=True)
class Paragraph:
    kind: ParagraphKind
    number: str | None  # as written, stripped: "15 bis.", "(a)", "Pp1", "A."
    start: int
    end: int  # excludes the final line break
    line: int  # 1-based line of `start`
    level: int  # heading level or list/indent depth, for the outline


@dataclass(frozen=True, slots=True)
class Note:
    """A curly-brace note: the facilitators' voice, never an alternative."""

    kind: NoteKind
    start: int
    end: int
    text: str  # without the braces


@dataclass(frozen=True, slots=True)
class Placeholder:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Marker:
    kind: MarkerKind
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Markup:
    kind: MarkupKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Diagnostic:
    kind: DiagnosticKind
    severity: Severity
    offset: int
    line: int  # 1-based
    column: int  # 1-based, in characters
    message: str
    context: str  # the source line, without its line break
    hint: str = ""  # a label for the likely malformation, when one fits
    related: int | None = None  # the other end: the "]" of a pair that crosses structure

    def caret(self) -> str:
        """The context line and a caret under the column (tabs kept, so it aligns)."""
        pad = "".join(c if c == "\t" else " " for c in self.context[: self.column - 1])
        return f"{self.context}\n{pad}^"


@dataclass(frozen=True)
class Draft:
    """An immutable parsed negotiating text; `render()` gives back `text` exactly."""

    text: str
    source_format: SourceFormat
    brackets: tuple[Bracket, ...]
    alternative_groups: tuple[AlternativeGroup, ...]
    option_groups: tuple[OptionGroup, ...]
    paragraphs: tuple[Paragraph, ...]
    notes: tuple[Note, ...]
    placeholders: tuple[Placeholder, ...]
    markers: tuple[Marker, ...]
    markup: tuple[Markup, ...]
    diagnostics: tuple[Diagnostic, ...]
    page_breaks: tuple[int, ...]  # offsets of form feeds
    lines: LineTable = field(repr=False, compare=False)
    # Every option label as a build scans it, grouped or not: (start, label, start of the innermost
    # bracket open there). Grouping them anew checks a partial rebuild (`drafter.incremental.window`).
    option_labels: tuple[tuple[int, str, int | None], ...] = field(default=(), repr=False, compare=False)
    # The user's corrections of which adjacent brackets are alternatives, kept through edits.
    readings: tuple[Reading, ...] = ()

    def render(self) -> str:
        return "".join(self.lines.token_values())

    @cached_property
    def bracket_by_id(self) -> dict[str, Bracket]:
        return {b.id: b for b in self.brackets}

    @cached_property
    def group_by_id(self) -> dict[str, AlternativeGroup | OptionGroup]:
        groups: dict[str, AlternativeGroup | OptionGroup] = {g.id: g for g in self.alternative_groups}
        groups.update((g.id, g) for g in self.option_groups)
        return groups

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def max_depth(self) -> int:
        return max((b.depth for b in self.brackets), default=0)

    @cached_property
    def references(self) -> tuple[Reference, ...]:
        """Each paragraph's reference as a negotiator says it (`drafter.text.references`), made when first
        asked for: parsing does not pay for it."""
        return paragraph_references(self.text, self.paragraphs, self.option_groups, self.markers)

    def reference_at(self, offset: int) -> str:
        """The reference of the paragraph holding `offset` ("III.B 24(n)"); between paragraphs, of the one
        before; "" before the first."""
        i = bisect.bisect_right(self.paragraphs, offset, key=_start) - 1
        return str(self.references[i]) if i >= 0 else ""

    def find_paragraphs(self, query: str) -> tuple[Paragraph, ...]:
        """The paragraphs a reference names, in document order: `28(b)`, `28 (b)`, `III.B 24(n)`,
        `para 12`, `Option 2 > 3(b)`, `134 (2 of 3)`."""
        return tuple(self.paragraphs[i] for i in matching(self.references, query))

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset."""
        return self.lines.line_column(offset)


def _start(paragraph: Paragraph) -> int:
    return paragraph.start
