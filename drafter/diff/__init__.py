"""Comparing versions of a draft: paragraphs aligned, words diffed inside them, brackets accounted for.

`compare(old, new)` takes two parsed drafts and returns a `DraftDiff`; the
renderers turn one into terminal text, a unified diff, a self-contained HTML
page or JSON, and `apply` replays a JSON diff on the old text. Nothing here
imports Textual: the TUI's diff screen calls this API.
"""

from __future__ import annotations

from drafter.diff.align import align, paragraph_counts
from drafter.diff.html import render_html
from drafter.diff.jsonio import DiffMismatch, apply, from_dict, from_json, to_dict, to_json
from drafter.diff.marks import marks
from drafter.diff.model import (
    BracketChange,
    BracketFate,
    Change,
    ChangeKind,
    DiffSummary,
    DraftDiff,
    GroupChange,
    GroupFate,
    Mark,
    MarkKind,
    Piece,
    PieceTag,
    SectionSummary,
)
from drafter.diff.summary import summarize
from drafter.diff.terminal import render_terminal
from drafter.diff.unified import render_unified
from drafter.diff.units import units
from drafter.diff.words import too_long_for_words
from drafter.text.model import Draft

__all__ = [
    "BracketChange",
    "BracketFate",
    "Change",
    "ChangeKind",
    "DiffMismatch",
    "DiffSummary",
    "DraftDiff",
    "GroupChange",
    "GroupFate",
    "Mark",
    "MarkKind",
    "Piece",
    "PieceTag",
    "SectionSummary",
    "apply",
    "compare",
    "from_dict",
    "from_json",
    "render_html",
    "render_terminal",
    "render_unified",
    "to_dict",
    "to_json",
]


def compare(old: Draft, new: Draft, old_name: str = "old", new_name: str = "new") -> DraftDiff:
    """Every change from `old` to `new` in the new text's order, and the bracket-aware summary."""
    old_units, new_units = units(old), units(new)
    changes = align(old, new, old_units, new_units)
    summary = summarize(old, new, old_units, new_units, changes, paragraph_counts(changes))
    coarse = sum(
        1 for change in changes if change.pieces and too_long_for_words(change.old_text, change.new_text)
    )
    return DraftDiff(
        old_name,
        new_name,
        len(old.text),
        len(new.text),
        tuple(changes),
        summary,
        marks(old),
        marks(new),
        coarse,
    )
