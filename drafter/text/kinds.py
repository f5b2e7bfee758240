"""The vocabularies of the document model: source formats, paragraph, note, marker, markup and
diagnostic kinds, severities."""

from __future__ import annotations

from enum import StrEnum


class SourceFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"


class ParagraphKind(StrEnum):
    HEADING = "heading"
    PREAMBULAR = "preambular"
    OPERATIVE = "operative"
    SUBPARAGRAPH = "subparagraph"
    OPTION = "option"
    NOTE = "note"
    TEXT = "text"
    PAGE_HEADER = "page-header"
    FOOTNOTE = "footnote"
    FRONT_MATTER = "front-matter"
    LINK_DEFINITION = "link-definition"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class DiagnosticKind(StrEnum):
    STRAY_CLOSING_BRACKET = "stray-closing-bracket"
    UNCLOSED_BRACKET = "unclosed-bracket"
    STRAY_CLOSING_BRACE = "stray-closing-brace"
    UNCLOSED_BRACE = "unclosed-brace"
    BRACKET_CROSSES_STRUCTURE = "bracket-crosses-structure"


class NoteKind(StrEnum):
    NOTE = "note"
    PLACEMENT = "placement"
    OPTION_END = "option-end"
    PLACEHOLDER = "placeholder"
    NO_TEXT = "no-text"
    SUBHEADING = "subheading"
    LINKED = "linked"


class MarkerKind(StrEnum):
    FOOTNOTE_REFERENCE = "footnote-reference"
    FOOTNOTE_DEFINITION = "footnote-definition"
    ASTERISK = "asterisk"


class MarkupKind(StrEnum):
    """Markdown constructs that use brackets but are not negotiating brackets."""

    FOOTNOTE_REFERENCE = "footnote-reference"
    FOOTNOTE_DEFINITION = "footnote-definition"
    LINK_DEFINITION = "link-definition"
    INLINE_LINK = "inline-link"
    REFERENCE_LINK = "reference-link"
    ATTRIBUTES = "attributes"
    ESCAPE = "escape"
    FRONT_MATTER = "front-matter"
