"""What a comparison of two drafts finds: changes in document order, and a bracket-aware summary.

Plain frozen data (no references to the drafts), so a diff survives a trip
through JSON unchanged and the TUI can hold one without holding two texts twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class ChangeKind(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"
    REPLACE = "replace"  # the same paragraph, its words changed
    MOVED = "moved"  # the same (or nearly the same) paragraph, somewhere else
    RENUMBERED = "renumbered"  # the same text under another number


class PieceTag(StrEnum):
    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"
    REPLACE = "replace"


@dataclass(frozen=True, slots=True)
class Piece:
    """One step of a word diff: `old_text` became `new_text` (both equal for EQUAL)."""

    tag: PieceTag
    old_text: str
    new_text: str


@dataclass(frozen=True, slots=True)
class Change:
    """A run of paragraphs: `old_text` is `old[old_start:old_end]`, `new_text` is `new[new_start:new_end]`.

    An insertion has an empty old span at the place it goes in the old text, a
    deletion an empty new span. A paragraph's span runs to the next paragraph's
    start, so the spans of all changes tile both texts exactly.
    """

    kind: ChangeKind
    old_start: int
    old_end: int
    new_start: int
    new_end: int
    old_text: str
    new_text: str
    old_line: int  # 1-based line of old_start
    new_line: int
    paragraphs: int  # how many paragraphs the change covers (the larger side)
    old_number: str | None = None  # paragraph numbers as written, when they differ or matter
    new_number: str | None = None
    old_section: str = ""  # the heading the change sits under
    new_section: str = ""
    pieces: tuple[Piece, ...] = ()  # the word diff, for REPLACE, MOVED and RENUMBERED
    # The paragraph references ("III.B 24(n)", `Draft.reference_at`) of the first paragraph on each side.
    old_reference: str = ""
    new_reference: str = ""
    # Where each paragraph after the first starts, in a run of several (old and new offsets).
    old_breaks: tuple[int, ...] = ()
    new_breaks: tuple[int, ...] = ()


class BracketFate(StrEnum):
    UNCHANGED = "unchanged"  # still bracketed, same text
    AMENDED = "amended"  # still bracketed, its text changed
    KEPT = "kept"  # resolved: brackets lifted, text kept
    DELETED = "deleted"  # resolved: bracket and text gone
    CHOSEN = "chosen"  # resolved: the alternative chosen from its group
    DROPPED = "dropped"  # an alternative that lost (its group was resolved or narrowed)
    # Gone with a whole paragraph that was deleted, not bracketed as a whole: the text was restructured,
    # no bracket was resolved.
    REMOVED = "removed"
    ADDED = "added"  # a bracket only the new text has


RESOLVED_FATES = (BracketFate.KEPT, BracketFate.DELETED, BracketFate.CHOSEN, BracketFate.DROPPED)


class GroupFate(StrEnum):
    UNCHANGED = "unchanged"
    AMENDED = "amended"  # same members, text changed (or members added)
    NARROWED = "narrowed"  # lost members, still a choice (alternative groups)
    REDUCED = "reduced"  # lost options, still a choice (option groups)
    RESOLVED = "resolved"  # one member or option chosen, the choice gone
    REMOVED = "removed"  # the whole choice and its text gone
    ADDED = "added"


@dataclass(frozen=True, slots=True)
class BracketChange:
    fate: BracketFate
    old_id: str | None
    new_id: str | None
    old_start: int | None
    old_end: int | None
    new_start: int | None
    new_end: int | None
    section: str
    group: str | None = None  # the old alternative group it belonged to
    alternative: int | None = None  # its 1-based place in that group


@dataclass(frozen=True, slots=True)
class GroupChange:
    """What became of an alternative group (`g…`) or an option group (`o…`)."""

    fate: GroupFate
    old_id: str | None
    new_id: str | None
    old_size: int
    new_size: int
    chosen: str | None  # the alternative number ("2") or option label chosen, when resolved
    section: str


@dataclass(frozen=True, slots=True)
class SectionSummary:
    title: str
    brackets: dict[str, int]  # BracketFate value -> count
    alternative_groups: dict[str, int]  # GroupFate value -> count
    option_groups: dict[str, int]


@dataclass(frozen=True, slots=True)
class DiffSummary:
    paragraphs: dict[str, int]  # ChangeKind value -> paragraphs
    old_counts: dict[str, Any]  # `drafter.text.report.summary` of each side: what `drafter check` says
    new_counts: dict[str, Any]
    brackets: dict[str, int]  # BracketFate value -> count
    alternative_groups: dict[str, int]  # GroupFate value -> count
    option_groups: dict[str, int]
    bracket_changes: tuple[BracketChange, ...]
    alternative_group_changes: tuple[GroupChange, ...]
    option_group_changes: tuple[GroupChange, ...]
    sections: tuple[SectionSummary, ...]

    @property
    def resolved(self) -> int:
        return sum(self.brackets.get(fate.value, 0) for fate in RESOLVED_FATES)

    @property
    def gone(self) -> int:
        """Brackets of the old text the new one no longer has: resolved, or removed in restructuring."""
        return self.resolved + self.brackets.get(BracketFate.REMOVED.value, 0)


class MarkKind(StrEnum):
    """How a stretch of a draft looks (`drafter.diff.marks` finds them in Markdown drafts)."""

    LINK = "link"  # a Markdown link or footnote, written with brackets: not negotiating brackets
    LITERAL = "literal"  # other Markdown syntax shown as written (front matter, escapes): no brackets either
    EMPHASIS = "emphasis"
    STRONG = "strong"
    HEADING = "heading"  # a heading's line
    SYNTAX = "syntax"  # emphasis delimiters and a heading's "#"s


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: MarkKind


@dataclass(frozen=True, slots=True)
class DraftDiff:
    old_name: str
    new_name: str
    old_length: int
    new_length: int
    changes: tuple[Change, ...]  # in the new text's order; a move sits where it arrives
    summary: DiffSummary
    old_marks: tuple[Mark, ...] = ()  # how each text looks, for renderers that show it
    new_marks: tuple[Mark, ...] = ()
    # Changed paragraphs too long to compare word by word (drafter.diff.words.MAX_WORD_PAIRS): their
    # pieces are the words they begin and end with, and the rest replaced.
    coarse: int = 0

    @property
    def identical(self) -> bool:
        return all(change.kind is ChangeKind.EQUAL for change in self.changes)

    @property
    def differences(self) -> tuple[Change, ...]:
        """The changes that are not EQUAL: what next/previous change walks through."""
        return tuple(change for change in self.changes if change.kind is not ChangeKind.EQUAL)
