"""Where each disputed element of one version went in the next: the same element, the one it became, or none.

The diff of the two versions already says what became of every bracket
(unchanged, amended, resolved, removed in restructuring) and of every group of
alternatives or options (unchanged, amended, narrowed, reduced, resolved,
removed). Re-targeting reads that, element by element:

- an element whose text survived is the same element, wherever it went
  (renumbered or moved paragraphs included);
- one whose text was amended, or a group that lost members, is carried to the
  element it became, with its choices renumbered (alternative 3 may now be 2);
- one that was resolved or removed has no successor, and says why.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import StrEnum

from drafter.diff import BracketChange, BracketFate, DraftDiff, GroupChange, GroupFate
from drafter.diff.offsets import OffsetMap
from drafter.iterations.places import PlaceChanges, Places
from drafter.negotiation.elements import ElementKind
from drafter.text.model import AlternativeGroup, Bracket, Draft, OptionGroup


class Fate(StrEnum):
    SAME = "same"  # the text survived: the same element (perhaps renumbered or moved)
    AMENDED = "amended"  # carried to an amended element
    NARROWED = "narrowed"  # carried to a group with fewer choices
    RESOLVED = "resolved"  # not carried: the element was resolved
    REMOVED = "removed"  # not carried: its text went in restructuring


CARRIED = (Fate.SAME, Fate.AMENDED, Fate.NARROWED)


@dataclass(frozen=True, slots=True)
class Retarget:
    """What became of one element of the old version."""

    old_id: str
    old_kind: ElementKind
    fate: Fate
    reason: str  # what happened, in words ("renumbered 16. → 17.", "alternative 2 chosen")
    old_place: str
    new_id: str | None = None
    new_kind: ElementKind | None = None
    new_place: str | None = None
    # Old choice number -> new choice number, for groups; None: the choice is gone. For a bracket that
    # joined a group, choice 0 stands for the bracket itself.
    choices: dict[int, int | None] = field(default_factory=dict)
    # Why a choice mapped to None is no choice any more, when its text survived elsewhere
    # ("is now inside alternative 1"); a choice missing here was dropped with its text.
    regrouped: dict[int, str] = field(default_factory=dict)

    @property
    def carried(self) -> bool:
        return self.fate in CARRIED


@dataclass(slots=True)
class _Sides:
    old: Draft
    new: Draft
    old_places: Places
    new_places: Places
    places: PlaceChanges
    offsets: OffsetMap

    def moved(self, old_start: int, new_start: int) -> str:
        """ "moved from … to …", "renumbered …", or "" when the element sits in the same place."""
        return self.places.describe(old_start, new_start)


def _bracket_fates(diff: DraftDiff) -> dict[str, BracketChange]:
    return {c.old_id: c for c in diff.summary.bracket_changes if c.old_id is not None}


def _group_fates(changes: tuple[GroupChange, ...]) -> dict[str, GroupChange]:
    return {c.old_id: c for c in changes if c.old_id is not None}


RESOLVED_WORDS = {
    BracketFate.KEPT: "resolved: brackets lifted, text kept",
    BracketFate.DELETED: "resolved: deleted",
    BracketFate.CHOSEN: "resolved: chosen from its group",
    BracketFate.DROPPED: "resolved: an alternative that was dropped",
    BracketFate.REMOVED: "removed in restructuring (its paragraph went whole)",
}


class Retargeter:
    """Re-targets the elements of `old` to `new` through their diff."""

    def __init__(self, old: Draft, new: Draft, diff: DraftDiff) -> None:
        self.old, self.new = old, new
        old_places, new_places = Places(old), Places(new)
        changes = PlaceChanges(old_places, new_places, diff)
        self._sides = _Sides(old, new, old_places, new_places, changes, OffsetMap(diff.changes))
        self._brackets = _bracket_fates(diff)
        self._groups = _group_fates(diff.summary.alternative_group_changes)
        self._options = _group_fates(diff.summary.option_group_changes)
        self._new_group_of = {b.id: g for g in new.alternative_groups for b in g.alternatives}
        self._cache: dict[str, Retarget] = {}

    def element(self, element_id: str) -> Retarget | None:
        """What became of the old element (a bracket, even one inside a group, or a group); None if unknown."""
        found = self._cache.get(element_id)
        if found is None:
            old = self._sides.old
            bracket = old.bracket_by_id.get(element_id)
            group = old.group_by_id.get(element_id)
            if bracket is not None:
                found = self._bracket(bracket)
            elif isinstance(group, AlternativeGroup):
                found = self._alternatives(group)
            elif isinstance(group, OptionGroup):
                found = self._option_group(group)
            else:
                return None
            self._cache[element_id] = found
        return found

    # --- brackets -------------------------------------------------------------------

    def _bracket(self, bracket: Bracket) -> Retarget:
        sides = self._sides
        change = self._brackets[bracket.id]
        place = sides.old_places.at(bracket.start)
        if change.new_id is None or change.new_start is None:
            fate = Fate.REMOVED if change.fate is BracketFate.REMOVED else Fate.RESOLVED
            return Retarget(bracket.id, ElementKind.BRACKET, fate, RESOLVED_WORDS[change.fate], place)
        new_place = sides.new_places.at(change.new_start)
        moved = sides.moved(bracket.start, change.new_start)
        group = self._new_group_of.get(change.new_id)
        if group is not None:
            k = next(i for i, b in enumerate(group.alternatives, 1) if b.id == change.new_id)
            reason = f"now alternative {k} of {len(group.alternatives)} of a group" + (
                f"; {moved}" if moved else ""
            )
            return Retarget(
                bracket.id,
                ElementKind.BRACKET,
                Fate.AMENDED,
                reason,
                place,
                group.id,
                ElementKind.ALTERNATIVES,
                new_place,
                {0: k},
            )
        amended = change.fate is BracketFate.AMENDED
        reason = "; ".join(part for part in ("text amended" if amended else "", moved) if part) or "unchanged"
        return Retarget(
            bracket.id,
            ElementKind.BRACKET,
            Fate.AMENDED if amended else Fate.SAME,
            reason,
            place,
            change.new_id,
            ElementKind.BRACKET,
            new_place,
        )

    # --- alternative groups ---------------------------------------------------------

    def _alternatives(self, group: AlternativeGroup) -> Retarget:
        sides = self._sides
        change = self._groups[group.id]
        place = sides.old_places.at(group.start)
        members = [self._brackets[b.id] for b in group.alternatives]
        alive = {k: m.new_id for k, m in enumerate(members, 1) if m.new_id is not None}
        if not alive:
            restructured = all(m.fate is BracketFate.REMOVED for m in members)
            if restructured:
                return Retarget(
                    group.id,
                    ElementKind.ALTERNATIVES,
                    Fate.REMOVED,
                    RESOLVED_WORDS[BracketFate.REMOVED],
                    place,
                )
            reason = f"resolved: alternative {change.chosen} chosen" if change.chosen else "resolved: deleted"
            return Retarget(group.id, ElementKind.ALTERNATIVES, Fate.RESOLVED, reason, place)
        new_group = sides.new.group_by_id.get(change.new_id) if change.new_id else None
        first_new = min(sides.new.bracket_by_id[i].start for i in alive.values())
        moved = sides.moved(group.start, first_new)
        new_place = sides.new_places.at(first_new)
        if isinstance(new_group, AlternativeGroup):
            index = {b.id: k for k, b in enumerate(new_group.alternatives, 1)}
            choices: dict[int, int | None] = {
                k: index.get(alive[k]) if k in alive else None for k in range(1, len(members) + 1)
            }
            regrouped = {
                k: _where_now(new_group, sides.new.bracket_by_id[bracket_id])
                for k, bracket_id in alive.items()
                if choices[k] is None
            }
            fate, reason = _surviving_group(
                change.fate,
                GroupFate.NARROWED,
                len(members),
                len(new_group.alternatives),
                "alternatives",
                moved,
            )
            return Retarget(
                group.id,
                ElementKind.ALTERNATIVES,
                fate,
                reason,
                place,
                new_group.id,
                ElementKind.ALTERNATIVES,
                new_place,
                choices,
                regrouped,
            )
        # One alternative left, standing alone: the group became that bracket.
        (k, bracket_id), *_ = sorted(alive.items())
        choices = {j: (0 if j == k else None) for j in range(1, len(members) + 1)}
        reason = "; ".join(part for part in (f"narrowed to alternative {k} alone", moved) if part)
        return Retarget(
            group.id,
            ElementKind.ALTERNATIVES,
            Fate.NARROWED,
            reason,
            place,
            bracket_id,
            ElementKind.BRACKET,
            new_place,
            choices,
        )

    # --- option groups --------------------------------------------------------------

    def _option_group(self, group: OptionGroup) -> Retarget:
        sides = self._sides
        change = self._options[group.id]
        place = sides.old_places.at(group.start)
        new_group = sides.new.group_by_id.get(change.new_id) if change.new_id else None
        if not isinstance(new_group, OptionGroup):
            if change.fate is GroupFate.RESOLVED:
                return Retarget(
                    group.id, ElementKind.OPTIONS, Fate.RESOLVED, f"resolved: {change.chosen} chosen", place
                )
            return Retarget(
                group.id,
                ElementKind.OPTIONS,
                Fate.REMOVED,
                "removed: the options and their text are gone",
                place,
            )
        starts = [o.start for o in new_group.options]
        choices: dict[int, int | None] = {}
        for k, option in enumerate(group.options, 1):
            arrived = sides.offsets.new_offset(option.start)
            at = bisect.bisect_left(starts, arrived) if arrived is not None else len(starts)
            choices[k] = at + 1 if at < len(starts) and starts[at] == arrived else None
        moved = sides.moved(group.start, new_group.start)
        fate, reason = _surviving_group(
            change.fate, GroupFate.REDUCED, len(group.options), len(new_group.options), "options", moved
        )
        return Retarget(
            group.id,
            ElementKind.OPTIONS,
            fate,
            reason,
            place,
            new_group.id,
            ElementKind.OPTIONS,
            sides.new_places.at(new_group.start),
            choices,
        )


def _surviving_group(
    fate: GroupFate, fewer: GroupFate, before: int, after: int, members: str, moved: str
) -> tuple[Fate, str]:
    """A group that is still a group in the new version: its fate and the words of its reason (`fewer` is
    the diff's fate for a group that lost members: narrowed alternatives, reduced options)."""
    if fate is fewer:
        carried, what = Fate.NARROWED, f"{fewer.value} from {before} to {after} {members}"
    elif fate is GroupFate.UNCHANGED:
        carried, what = Fate.SAME, ""
    else:
        carried, what = Fate.AMENDED, f"{members} amended"
    return carried, "; ".join(part for part in (what, moved) if part) or "unchanged"


def _where_now(group: AlternativeGroup, bracket: Bracket) -> str:
    """Where a surviving alternative went when it is no alternative of `group` any more."""
    for k, alternative in enumerate(group.alternatives, 1):
        if alternative.start < bracket.start and bracket.end <= alternative.end:
            return f"is now a bracket inside alternative {k}"
    return "is now a bracket of its own, outside the group"


def choice_count(draft: Draft, element_id: str) -> int:
    """How many choices an element offers (a bracket one): proposals are numbered after them."""
    group = draft.group_by_id.get(element_id)
    if isinstance(group, AlternativeGroup):
        return len(group.alternatives)
    if isinstance(group, OptionGroup):
        return len(group.options)
    return 1
