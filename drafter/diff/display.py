"""What every renderer says the same way: a change's label, the summary sentences, where moves left."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

from drafter.diff.model import Change, ChangeKind, DiffSummary, DraftDiff, Piece, PieceTag
from drafter.diff.units import same_number
from drafter.text.report import plural as plural  # the diff's renderers take it from here

KIND_LABELS = {
    ChangeKind.EQUAL: "unchanged",
    ChangeKind.INSERT: "inserted",
    ChangeKind.DELETE: "deleted",
    ChangeKind.REPLACE: "changed",
    ChangeKind.MOVED: "moved",
    ChangeKind.RENUMBERED: "renumbered",
}


@dataclass(frozen=True, slots=True)
class Departure:
    """The place in the old text a moved paragraph left (the move itself is shown where it arrives)."""

    move: Change


def in_reading_order(diff: DraftDiff) -> Iterator[Change | Departure]:
    """The changes, with a `Departure` where each moved paragraph used to be."""
    departures = sorted(
        (c for c in diff.changes if c.kind is ChangeKind.MOVED), key=lambda c: c.old_start, reverse=True
    )
    for change in diff.changes:
        if change.kind is not ChangeKind.MOVED:
            while (
                departures
                and departures[-1].old_end <= change.old_start
                and change.old_end > change.old_start
            ):
                yield Departure(departures.pop())
        yield change
    while departures:
        yield Departure(departures.pop())


class Role(Enum):
    SAME = "same"
    DELETED = "deleted"
    INSERTED = "inserted"


class Placed(NamedTuple):
    """A run of text to show, and where it sits: at `offset` of the new text (`on_new`) or the old one."""

    text: str
    role: Role
    offset: int
    on_new: bool


def placed_pieces(
    pieces: tuple[Piece, ...], side: str = "both", old_start: int = 0, new_start: int = 0
) -> Iterator[Placed]:
    """The word diff as runs of text to show, one `side` ("old", "new") or both, each with its place.

    White space at the edges of an edit is shown as unchanged, and an edit of
    white space alone (a blank line added after a paragraph) not at all: marking
    it would only draw attention to nothing. `old_start` and `new_start` are where
    the pieces begin in each text.
    """
    old_at, new_at = old_start, new_start
    for piece in pieces:
        if piece.tag is PieceTag.EQUAL:
            yield (
                Placed(piece.old_text, Role.SAME, old_at, False)
                if side == "old"
                else Placed(piece.new_text, Role.SAME, new_at, True)
            )
        else:
            yield from _placed_edit(piece, side, old_at, new_at)
        old_at += len(piece.old_text)
        new_at += len(piece.new_text)


def _placed_edit(piece: Piece, side: str, old_at: int, new_at: int) -> Iterator[Placed]:
    old = piece.old_text if side != "new" else ""
    new = piece.new_text if side != "old" else ""
    if not old.strip() and not new.strip():
        yield (
            Placed(piece.new_text, Role.SAME, new_at, True)
            if side != "old"
            else Placed(piece.old_text, Role.SAME, old_at, False)
        )
        return
    spacing, spacing_at, on_new = (new, new_at, True) if new else (old, old_at, False)
    lead = len(spacing) - len(spacing.lstrip())
    yield Placed(spacing[:lead], Role.SAME, spacing_at, on_new)
    yield Placed(old.strip(), Role.DELETED, old_at + len(old) - len(old.lstrip()), False)
    yield Placed(new.strip(), Role.INSERTED, new_at + len(new) - len(new.lstrip()), True)
    tail = len(spacing.rstrip())
    yield Placed(spacing[tail:], Role.SAME, spacing_at + tail, on_new)


def shown_pieces(pieces: tuple[Piece, ...], side: str = "both") -> Iterator[tuple[str, Role]]:
    """`placed_pieces` without the places: runs of text and what happened to them."""
    for run in placed_pieces(pieces, side):
        yield run.text, run.role


def describe(change: Change) -> str:
    """`changed, renumbered 16. → 25.`, `moved from old line 80 (Article 3)`, `3 paragraphs deleted`."""
    label = KIND_LABELS[change.kind]
    if change.kind is ChangeKind.EQUAL or change.paragraphs > 1:  # only these kinds join up
        return f"{plural(change.paragraphs, 'paragraph')} {label}"
    if change.kind in (ChangeKind.INSERT, ChangeKind.DELETE):
        return label
    if change.kind is ChangeKind.REPLACE and change.old_text.split() == change.new_text.split():
        label = "white space changed"
    if change.kind is ChangeKind.MOVED:
        elsewhere = change.old_section and change.old_section != change.new_section
        label = f"moved from old line {change.old_line}" + (f" ({change.old_section})" if elsewhere else "")
        if _words_of(change.old_text, change.old_number) != _words_of(change.new_text, change.new_number):
            label += ", and changed"
    numbering = _numbering(change.old_number, change.new_number)
    if not numbering:
        return label
    if change.kind is ChangeKind.RENUMBERED:
        return (
            f"{label} {numbering.removeprefix('renumbered ')}"
            if numbering.startswith("renumbered")
            else numbering
        )
    return f"{label}, {numbering}"


def _words_of(text: str, number: str | None) -> list[str]:
    """The text's words without its paragraph number: what a move may change besides the number."""
    return (text.replace(number, "", 1) if number else text).split()


def _numbering(old: str | None, new: str | None) -> str:
    if same_number(old, new):
        return ""
    if old and new:
        return f"renumbered {old} → {new}"
    return f"number {old} dropped" if old else f"numbered {new}"


def _at(reference: str, side: str, line: int) -> str:
    return f"{side} {reference} (line {line})" if reference else f"{side} line {line}"


def location(change: Change) -> str:
    """Where the change is, by paragraph reference and line: `II 12 → II 13 (lines 40 → 44)`, `new II 12 bis
    (line 40)` for an insertion, `old II 12 (line 40)` for a deletion; by lines alone without references."""
    if change.kind is ChangeKind.INSERT:
        return _at(change.new_reference, "new", change.new_line)
    if change.kind is ChangeKind.DELETE:
        return _at(change.old_reference, "old", change.old_line)
    return between(change.old_reference, change.old_line, change.new_reference, change.new_line)


def between(old: str, old_line: int, new: str, new_line: int) -> str:
    """`II 12 → II 13 (lines 40 → 44)`, `II 12 (lines 40 → 44)` when the reference stayed."""
    if not (old or new):
        return f"old line {old_line} → new line {new_line}"
    places = old if old == new else f"{old or '(none)'} → {new or '(none)'}"
    return f"{places} (lines {old_line} → {new_line})"


def _join(parts: list[tuple[str, int]]) -> str:
    return ", ".join(f"{label} {n}" for label, n in parts if n)


def summary_lines(summary: DiffSummary) -> list[str]:
    """The summary as short sentences: paragraphs, brackets, alternative groups, option groups."""
    p, b = summary.paragraphs, summary.brackets
    old, new = summary.old_counts, summary.new_counts
    paragraphs = _join(
        [
            ("unchanged", p["equal"]),
            ("changed", p["replace"]),
            ("renumbered", p["renumbered"]),
            ("moved", p["moved"]),
            ("inserted", p["insert"]),
            ("deleted", p["delete"]),
        ]
    )
    resolved = _join(
        [
            ("text kept", b["kept"]),
            ("text deleted", b["deleted"]),
            ("alternative chosen", b["chosen"]),
            ("alternative dropped", b["dropped"]),
        ]
    )
    rest = _join([("added", b["added"]), ("amended", b["amended"]), ("unchanged", b["unchanged"])])
    removed = b.get("removed", 0)
    groups, options = summary.alternative_groups, summary.option_groups
    return [
        f"paragraphs: {paragraphs or 'none'}",
        f"brackets: {old['bracket_pairs']} → {new['bracket_pairs']} pairs ('[' {old['opening_brackets']} → "
        f"{new['opening_brackets']}); resolved {summary.resolved}"
        + (f" ({resolved})" if resolved else "")
        + (f"; removed in restructuring {removed}" if removed else "")
        + (f"; {rest}" if rest else ""),
        f"alternative groups: {old['alternative_groups']} → {new['alternative_groups']}; "
        + (_join([(fate, n) for fate, n in groups.items()]) or "none"),
        f"option groups: {old['option_groups']} → {new['option_groups']}; "
        + (_join([(fate, n) for fate, n in options.items()]) or "none"),
    ]


SECTION_COLUMNS = (
    ("resolved", ("kept", "deleted", "chosen", "dropped")),
    ("removed", ("removed",)),  # in restructuring
    ("added", ("added",)),
    ("amended", ("amended",)),
    ("open", ("unchanged", "amended", "added")),
)
# Group columns: "before → after" counts of the section's alternative groups and option groups.
GROUP_COLUMNS = ("alt. groups", "option groups")
GROUPS_AFTER = (("unchanged", "amended", "narrowed", "added"), ("unchanged", "amended", "reduced", "added"))
SECTIONS_TITLE = "Brackets by section (removed: in restructuring, with whole paragraphs)"


@dataclass(frozen=True, slots=True)
class SectionRow:
    title: str
    counts: tuple[int, ...]  # bracket counts, one per SECTION_COLUMNS
    groups: tuple[str, ...]  # "16 → 3", one per GROUP_COLUMNS


def _before_after(fates: dict[str, int], after: tuple[str, ...]) -> str:
    before = sum(n for fate, n in fates.items() if fate != "added")
    now = sum(fates.get(fate, 0) for fate in after)
    return f"{before} → {now}" if before or now else ""


def section_rows(summary: DiffSummary) -> list[SectionRow]:
    """Per section: bracket counts for SECTION_COLUMNS and its groups before and after; changed sections only."""
    rows = []
    for section in summary.sections:
        counts = tuple(sum(section.brackets.get(f, 0) for f in fates) for _, fates in SECTION_COLUMNS)
        groups = tuple(
            _before_after(fates, after)
            for fates, after in zip(
                (section.alternative_groups, section.option_groups), GROUPS_AFTER, strict=True
            )
        )
        changed_groups = any(
            fates.get(fate)
            for fates in (section.alternative_groups, section.option_groups)
            for fate in ("resolved", "narrowed", "reduced", "removed", "added")
        )
        if any(counts[:-1]) or changed_groups:
            rows.append(SectionRow(section.title or "(before the first heading)", counts, groups))
    return rows
