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


def diagnostic_dict(diagnostic: Diagnostic) -> dict[str, Any]:
    return {
        "kind": diagnostic.kind.value,
        "severity": diagnostic.severity.value,
        "line": diagnostic.line,
        "column": diagnostic.column,
        "offset": diagnostic.offset,
        "message": diagnostic.message,
        "hint": diagnostic.hint,
        "context": diagnostic.context,
    }


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
