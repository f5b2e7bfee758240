"""The bracket-aware summary: what became of each bracket, alternative group and option group.

A bracket survives when its `[` (or its `]`) is kept by the diff and a bracket
of the new draft opens (or closes) exactly there. A bracket that did not survive
was resolved: its text kept when the diff kept at least half of it, deleted
otherwise; in an alternative group, the one member whose text was kept was
chosen and the others dropped. A bracket that went with whole paragraphs
deleted around it was not resolved but removed in restructuring, unless a
bracket holding those paragraphs whole, or an option, went with them. Counts come from the same `Draft` objects as
`drafter check`, so both agree: every old bracket has one fate, and every new
bracket either survived or was added.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence

from drafter.diff.align import section_at
from drafter.diff.model import (
    BracketChange,
    BracketFate,
    Change,
    ChangeKind,
    DiffSummary,
    GroupChange,
    GroupFate,
    SectionSummary,
)
from drafter.diff.offsets import OffsetMap
from drafter.diff.units import Unit
from drafter.text.model import Bracket, Draft, OptionGroup
from drafter.text.report import summary as draft_summary

KEPT_SHARE = 0.5  # a resolved bracket whose text the new draft kept at least this much of was "kept"
# What may stand around a bracket that holds a whole paragraph: its number, Markdown marks, punctuation.
PARAGRAPH_LEAD = " \t\r\n\f#*_>"
PARAGRAPH_TAIL = " \t\r\n\f*_.,;:"
LEAD_RUN = re.compile(f"[{re.escape(PARAGRAPH_LEAD)}]*")
TAIL_RUN = re.compile(f"[{re.escape(PARAGRAPH_TAIL)}]*")


class _Sides:
    """Both drafts, the offset map between them, and section lookup on each side."""

    def __init__(
        self, old: Draft, new: Draft, old_units: list[Unit], new_units: list[Unit], changes: list[Change]
    ):
        self.old, self.new = old, new
        self.map = OffsetMap(changes)
        self._old_units, self._new_units = old_units, new_units
        self._old_starts = [u.start for u in old_units]
        self._new_starts = [u.start for u in new_units]
        # Runs of whole paragraphs deleted (not moved elsewhere): old start, old end.
        self._deleted = sorted((c.old_start, c.old_end) for c in changes if c.kind is ChangeKind.DELETE)
        self._deleted_starts = [start for start, _ in self._deleted]
        self._held: dict[
            str, bool
        ] = {}  # bracket id -> it or one around it in its deleted run holds paragraphs
        # Options deleted whole: a dropped option, however many paragraphs it holds, is an outcome.
        self._dropped_options = sorted(
            (option.start, option.end)
            for group in old.option_groups
            for option in group.options
            if self._within_deleted(option.start, option.end) is not None
        )

    def old_section(self, offset: int) -> str:
        return section_at(self._old_units, self._old_starts, offset)

    def new_section(self, offset: int) -> str:
        return section_at(self._new_units, self._new_starts, offset)

    def kept_share(self, start: int, end: int) -> float:
        return self.map.kept(start, end) / (end - start) if end > start else 0.0

    def removed_in_restructuring(self, bracket: Bracket) -> bool:
        """Whether the bracket went with whole paragraphs deleted around it, none of them bracketed whole.

        Deleting a paragraph that is bracketed as a whole resolves that bracket (and the brackets inside
        it go with it); deleting a paragraph that merely holds brackets is restructuring.
        """
        run = self._within_deleted(bracket.start, bracket.end)
        if run is None or self._in_dropped_option(bracket):
            return False
        return not self._held_in_run(bracket, *run)

    def _held_in_run(self, bracket: Bracket, low: int, high: int) -> bool:
        """Whether the bracket or one around it inside the deleted run [low, high] holds its paragraphs.

        Remembered per bracket (all brackets around one in a run share the run), so n brackets nested in
        deleted paragraphs cost O(n), not O(n × depth)."""
        walked: list[Bracket] = []
        outer: Bracket | None = bracket
        held = False
        while outer is not None:
            known = self._held.get(outer.id)
            if known is not None:
                held = known
                break
            walked.append(outer)
            if self._holds_its_paragraphs(outer):
                held = True
                break
            parent = self.old.bracket_by_id.get(outer.parent) if outer.parent else None
            outer = parent if parent is not None and low <= parent.start and parent.end <= high else None
        for inner in walked:
            self._held[inner.id] = held
        return held

    def _within_deleted(self, start: int, end: int) -> tuple[int, int] | None:
        index = bisect.bisect_right(self._deleted_starts, start) - 1
        return self._deleted[index] if index >= 0 and end <= self._deleted[index][1] else None

    def _in_dropped_option(self, bracket: Bracket) -> bool:
        index = bisect.bisect_right(self._dropped_options, (bracket.start, len(self.old.text)))
        return any(
            start <= bracket.start and bracket.end <= end for start, end in self._dropped_options[:index]
        )

    def _holds_its_paragraphs(self, bracket: Bracket) -> bool:
        """The bracket runs from its first paragraph's start to its last paragraph's end (numbers aside)."""
        first = self._old_units[bisect.bisect_right(self._old_starts, bracket.start) - 1]
        last = self._old_units[bisect.bisect_right(self._old_starts, bracket.end - 1) - 1]
        # Read with anchored runs that stop at the first other character: a slice of the paragraph per
        # bracket would make a long paragraph of n brackets cost O(n × its length).
        text = self.old.text
        at = _run_end(LEAD_RUN, text, first.start, bracket.start)
        if first.number and text.startswith(first.number, at, bracket.start):
            at = _run_end(LEAD_RUN, text, at + len(first.number), bracket.start)
        return at == bracket.start and _run_end(TAIL_RUN, text, bracket.end, last.end) == max(
            bracket.end, last.end
        )


def _run_end(run: re.Pattern[str], text: str, start: int, end: int) -> int:
    """Where the run of `run`'s characters from `start` stops (at most `end`)."""
    found = run.match(text, start, max(start, end))
    return found.end() if found is not None else start


def _survivors(sides: _Sides) -> dict[str, Bracket]:
    """Old bracket id -> the new bracket it became, one to one.

    A bracket found where the old one's opening or closing went is taken first when it holds the same
    text, then for any text: with '[shall][should][may]' -> '[shall][may]', the opening of '[should]'
    lands on '[may]', which is the old '[may]' unchanged, not '[should]' amended."""
    by_start = {b.start: b for b in sides.new.brackets}
    by_end = {b.end: b for b in sides.new.brackets}
    old_text, new_text = sides.old.text, sides.new.text
    candidates: dict[str, tuple[Bracket, ...]] = {}
    for bracket in sides.old.brackets:
        opening = sides.map.new_offset(bracket.start)
        closing = sides.map.new_offset(bracket.end - 1)
        found = (
            by_start.get(opening) if opening is not None else None,
            by_end.get(closing + 1) if closing is not None else None,
        )
        candidates[bracket.id] = tuple(c for c in found if c is not None)
    claimed: set[str] = set()
    survivors: dict[str, Bracket] = {}
    for same_text in (True, False):
        for bracket in sides.old.brackets:
            if bracket.id in survivors:
                continue
            old = old_text[bracket.start : bracket.end]
            for candidate in candidates[bracket.id]:
                if candidate.id in claimed:
                    continue
                if same_text and new_text[candidate.start : candidate.end] != old:
                    continue
                claimed.add(candidate.id)
                survivors[bracket.id] = candidate
                break
    return survivors


def _bracket_changes(
    sides: _Sides, survivors: dict[str, Bracket]
) -> tuple[list[BracketChange], list[GroupChange]]:
    old, new = sides.old, sides.new
    fates: dict[str, tuple[BracketFate, str | None, int | None]] = {}  # id -> fate, group, alternative
    group_changes: list[GroupChange] = []
    new_group_of = {b.id: g for g in new.alternative_groups for b in g.alternatives}
    for group in old.alternative_groups:
        members = group.alternatives
        alive = [survivors[b.id] for b in members if b.id in survivors]
        shares = [sides.kept_share(b.inner_start, b.inner_end) for b in members]
        kept = [k for k, share in enumerate(shares) if share >= KEPT_SHARE and members[k].id not in survivors]
        chosen: str | None = None
        for k, bracket in enumerate(members):
            if bracket.id in survivors:
                fate = _surviving_fate(sides, bracket, survivors[bracket.id])
            elif not alive and len(kept) == 1 and k in kept:
                fate, chosen = BracketFate.CHOSEN, str(k + 1)
            elif k in kept:
                fate = BracketFate.KEPT
            else:
                fate = BracketFate.DROPPED if alive or kept else _deleted_fate(sides, bracket)
            fates[bracket.id] = (fate, group.id, k + 1)
        new_group = next((new_group_of[b.id] for b in alive if b.id in new_group_of), None)
        new_size = len(new_group.alternatives) if new_group else len(alive)
        if not alive:
            group_fate = GroupFate.RESOLVED if kept else GroupFate.REMOVED
        elif len(alive) < len(members):
            group_fate = GroupFate.NARROWED
        elif (
            new_group is not None
            and [b.id for b in new_group.alternatives] == [b.id for b in alive]
            and all(fates[b.id][0] is BracketFate.UNCHANGED for b in members)
        ):
            # Unchanged only when the same brackets are the same group's alternatives: a bracket now
            # nested inside a new alternative (regrouped) has changed the choice even with its text kept.
            group_fate = GroupFate.UNCHANGED
        else:
            group_fate = GroupFate.AMENDED
        group_changes.append(
            GroupChange(
                group_fate,
                group.id,
                new_group.id if new_group else None,
                len(members),
                new_size,
                chosen,
                sides.old_section(group.start),
            )
        )
    changes: list[BracketChange] = []
    for bracket in old.brackets:
        target = survivors.get(bracket.id)
        if bracket.id in fates:
            fate, group_id, alternative = fates[bracket.id]
        else:
            group_id = alternative = None
            if target is not None:
                fate = _surviving_fate(sides, bracket, target)
            elif sides.kept_share(bracket.inner_start, bracket.inner_end) >= KEPT_SHARE:
                fate = BracketFate.KEPT
            else:
                fate = _deleted_fate(sides, bracket)
        changes.append(
            BracketChange(
                fate,
                bracket.id,
                target.id if target else None,
                bracket.start,
                bracket.end,
                target.start if target else None,
                target.end if target else None,
                sides.old_section(bracket.start),
                group_id,
                alternative,
            )
        )
    arrived = {b.id for b in survivors.values()}
    for bracket in new.brackets:
        if bracket.id not in arrived:
            changes.append(
                BracketChange(
                    BracketFate.ADDED,
                    None,
                    bracket.id,
                    None,
                    None,
                    bracket.start,
                    bracket.end,
                    sides.new_section(bracket.start),
                )
            )
    for group in new.alternative_groups:
        if not any(b.id in arrived for b in group.alternatives):
            size = len(group.alternatives)
            group_changes.append(
                GroupChange(GroupFate.ADDED, None, group.id, 0, size, None, sides.new_section(group.start))
            )
    return changes, group_changes


def _deleted_fate(sides: _Sides, bracket: Bracket) -> BracketFate:
    return BracketFate.REMOVED if sides.removed_in_restructuring(bracket) else BracketFate.DELETED


def _surviving_fate(sides: _Sides, old: Bracket, new: Bracket) -> BracketFate:
    same = sides.old.text[old.start : old.end] == sides.new.text[new.start : new.end]
    return BracketFate.UNCHANGED if same else BracketFate.AMENDED


def _option_changes(sides: _Sides) -> list[GroupChange]:
    old, new = sides.old, sides.new
    new_option_at: dict[int, tuple[OptionGroup, int]] = {
        option.start: (group, k) for group in new.option_groups for k, option in enumerate(group.options)
    }
    claimed: set[str] = set()
    changes: list[GroupChange] = []
    for group in old.option_groups:
        arrivals = [new_option_at.get(_mapped(sides, option.start)) for option in group.options]
        alive = [a for a in arrivals if a is not None]
        new_group = alive[0][0] if alive else None
        size = len(group.options)
        chosen: str | None = None
        if new_group is None:
            shares = [sides.kept_share(o.label_end, o.end) for o in group.options]
            best = max(range(size), key=shares.__getitem__)
            fate = GroupFate.RESOLVED if shares[best] >= KEPT_SHARE else GroupFate.REMOVED
            chosen = group.options[best].label if fate is GroupFate.RESOLVED else None
        else:
            claimed.add(new_group.id)
            if len(new_group.options) < size:
                fate = GroupFate.REDUCED
            elif len(new_group.options) == size and _same_text(sides, group, new_group):
                fate = GroupFate.UNCHANGED
            else:
                fate = GroupFate.AMENDED
        changes.append(
            GroupChange(
                fate,
                group.id,
                new_group.id if new_group else None,
                size,
                len(new_group.options) if new_group else 0,
                chosen,
                sides.old_section(group.start),
            )
        )
    for group in new.option_groups:
        if group.id not in claimed:
            changes.append(
                GroupChange(
                    GroupFate.ADDED,
                    None,
                    group.id,
                    0,
                    len(group.options),
                    None,
                    sides.new_section(group.start),
                )
            )
    return changes


def _mapped(sides: _Sides, offset: int) -> int:
    target = sides.map.new_offset(offset)
    return -1 if target is None else target


def _same_text(sides: _Sides, old: OptionGroup, new: OptionGroup) -> bool:
    return sides.old.text[old.start : old.end] == sides.new.text[new.start : new.end]


def _counts(fates: Sequence[str], kinds: Sequence[str]) -> dict[str, int]:
    counted = Counter(fates)
    return {kind: counted[kind] for kind in kinds}


_Counters = tuple[Counter[str], Counter[str], Counter[str]]


def _counters(by_title: dict[str, _Counters], title: str) -> _Counters:
    if title not in by_title:
        by_title[title] = (Counter(), Counter(), Counter())
    return by_title[title]


def _sections(
    old_units: list[Unit],
    new_units: list[Unit],
    brackets: list[BracketChange],
    groups: list[GroupChange],
    options: list[GroupChange],
) -> tuple[SectionSummary, ...]:
    titles = list(dict.fromkeys([u.section for u in old_units] + [u.section for u in new_units]))
    by_title: dict[str, _Counters] = {title: (Counter(), Counter(), Counter()) for title in titles}
    for change in brackets:
        _counters(by_title, change.section)[0][change.fate.value] += 1
    for group in groups:
        _counters(by_title, group.section)[1][group.fate.value] += 1
    for group in options:
        _counters(by_title, group.section)[2][group.fate.value] += 1
    return tuple(
        SectionSummary(title, dict(b), dict(g), dict(o))
        for title, (b, g, o) in by_title.items()
        if b or g or o
    )


def summarize(
    old: Draft,
    new: Draft,
    old_units: list[Unit],
    new_units: list[Unit],
    changes: list[Change],
    paragraphs: dict[str, int],
) -> DiffSummary:
    sides = _Sides(old, new, old_units, new_units, changes)
    brackets, groups = _bracket_changes(sides, _survivors(sides))
    options = _option_changes(sides)
    return DiffSummary(
        paragraphs=paragraphs,
        old_counts=draft_summary(old),
        new_counts=draft_summary(new),
        brackets=_counts([c.fate.value for c in brackets], [f.value for f in BracketFate]),
        alternative_groups=_counts([g.fate.value for g in groups], [f.value for f in GroupFate]),
        option_groups=_counts([g.fate.value for g in options], [f.value for f in GroupFate]),
        bracket_changes=tuple(brackets),
        alternative_group_changes=tuple(groups),
        option_group_changes=tuple(options),
        sections=_sections(old_units, new_units, brackets, groups, options),
    )
