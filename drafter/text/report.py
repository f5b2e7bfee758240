"""Counts and summaries of a draft, shared by `check`, `stats` and the TUI."""

from __future__ import annotations

from collections import Counter
from typing import Any

from drafter.text.model import Diagnostic, Draft, Severity


def paragraph_counts(draft: Draft) -> dict[str, int]:
    return dict(Counter(p.kind.value for p in draft.paragraphs))


def summary(draft: Draft) -> dict[str, Any]:
    """The numbers `drafter check` reports, as plain data."""
    return {
        "characters": len(draft.text),
        "lines": len(draft.lines.starts),
        "paragraphs": paragraph_counts(draft),
        "opening_brackets": draft.text.count("["),
        "closing_brackets": draft.text.count("]"),
        "bracket_pairs": len(draft.brackets),
        "max_depth": draft.max_depth,
        "alternative_groups": len(draft.alternative_groups),
        "option_groups": len(draft.option_groups),
        "notes": len(draft.notes),
        "placeholders": len(draft.placeholders),
        "errors": sum(d.severity is Severity.ERROR for d in draft.diagnostics),
        "warnings": sum(d.severity is Severity.WARNING for d in draft.diagnostics),
    }


CONTEXT_WIDTH = 80  # characters of a diagnostic's line shown around its column


def context_window(line: str, column: int, width: int = CONTEXT_WIDTH) -> tuple[str, int]:
    """At most `width` characters of `line` around the 1-based `column` ('…' where it is cut), and the
    column's 1-based place in that window: a diagnostic on a line of 100,000 stray brackets stays one
    short line, so reporting every diagnostic is linear in their number, not in number × line length."""
    if len(line) <= width:
        return line, column
    start = max(0, min(column - 1 - width // 2, len(line) - width))
    end = start + width
    prefix = "…" if start else ""
    return prefix + line[start:end] + ("…" if end < len(line) else ""), column - start + len(prefix)


def diagnostic_dict(draft: Draft, diagnostic: Diagnostic) -> dict[str, Any]:
    """A diagnostic as data; `ref` is its paragraph's reference (`III.B 24(n)`), `context` a window of its
    line (`context_column` the column in it)."""
    context, context_column = context_window(diagnostic.context, diagnostic.column)
    return {
        "kind": diagnostic.kind.value,
        "severity": diagnostic.severity.value,
        "line": diagnostic.line,
        "column": diagnostic.column,
        "offset": diagnostic.offset,
        "ref": draft.reference_at(diagnostic.offset),
        "message": diagnostic.message,
        "hint": diagnostic.hint,
        "context": context,
        "context_column": context_column,
    }


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
