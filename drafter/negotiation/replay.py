"""Replaying a journal: the base text with every change applied to the text alone, then parsed once.

Opening a journal of a thousand changes does not build a model per change: the changes' edits are
applied to the text, their brackets' `[` and `]` moved along as plain offsets, and the model is built
once at the end with the ids the changes recorded, and read with the readings they set (split, join).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from drafter.incremental.edit import with_option_ids
from drafter.incremental.offsets import OffsetMap, apply_text
from drafter.negotiation.changes import BracketId, Change
from drafter.text.alternatives import with_readings
from drafter.text.build import build_draft
from drafter.text.lines import LineTable, lex_lines
from drafter.text.model import Draft, Reading


def replay(base: Draft, changes: Iterable[Change]) -> Draft:
    """The draft after `changes`, applied to the text alone, then parsed once with the ids they recorded."""
    text = base.text
    brackets = _BracketChars(base)
    options = {g.start: g.id for g in base.option_groups}
    readings: list[Reading] = []
    for change in changes:
        readings.extend(change.readings)
        text = apply_text(text, change.edits)
        brackets.apply(change)
        if options and change.edits:
            offsets = OffsetMap(change.edits)
            removed_options = set(change.removed_options)
            moved_options: dict[int, str] = {}
            for start, group_id in options.items():
                new_start = offsets.char(start)
                if new_start is not None and (start, group_id) not in removed_options:
                    moved_options[new_start] = group_id
            options = moved_options
        options.update(change.added_options)
    carried = brackets.spans()
    if text == base.text and carried == {(b.start, b.end): b.id for b in base.brackets}:
        draft = base
    else:
        fmt = base.source_format
        draft = build_draft(text, LineTable.from_lines(lex_lines(text, fmt.value)), fmt, carried)
    draft = with_option_ids(draft, options)
    return with_readings(draft, readings) if readings else draft


class _BracketChars:
    """Every bracket's `[` and `]` as sorted positions, moved change by change during a replay.

    A change touches a small region: characters before it stay, characters after it
    shift by one amount (a list comprehension over ints), only those inside are looked at.
    """

    def __init__(self, base: Draft) -> None:
        chars = sorted(
            [(b.start, b.id, True) for b in base.brackets] + [(b.end - 1, b.id, False) for b in base.brackets]
        )
        self.positions = [c[0] for c in chars]
        self.ids = [c[1] for c in chars]
        self.opening = [c[2] for c in chars]

    def apply(self, change: Change) -> None:
        if not change.edits:
            self._add(change.added)
            return
        removed = {i for _, _, i in change.removed}
        first = bisect.bisect_left(self.positions, change.edits[0].start)
        last = bisect.bisect_left(self.positions, change.edits[-1].end)
        offsets = OffsetMap(change.edits)
        middle = [
            (moved, bracket_id, opening)
            for position, bracket_id, opening in zip(
                self.positions[first:last], self.ids[first:last], self.opening[first:last], strict=True
            )
            if bracket_id not in removed and (moved := offsets.char(position)) is not None
        ]
        dropped = sum(1 for i in self.ids[first:last] if i in removed)
        total = sum(e.delta for e in change.edits)
        self.positions[first:] = [m[0] for m in middle] + [p + total for p in self.positions[last:]]
        self.ids[first:] = [m[1] for m in middle] + self.ids[last:]
        self.opening[first:] = [m[2] for m in middle] + self.opening[last:]
        if dropped < 2 * len(removed):  # re-paired brackets away from the edits
            keep = [k for k, i in enumerate(self.ids) if i not in removed]
            self.positions = [self.positions[k] for k in keep]
            self.ids = [self.ids[k] for k in keep]
            self.opening = [self.opening[k] for k in keep]
        self._add(change.added)

    def _add(self, added: Iterable[BracketId]) -> None:
        for start, end, bracket_id in added:
            for position, opening in ((start, True), (end - 1, False)):
                k = bisect.bisect_left(self.positions, position)
                self.positions.insert(k, position)
                self.ids.insert(k, bracket_id)
                self.opening.insert(k, opening)

    def spans(self) -> dict[tuple[int, int], str]:
        starts: dict[str, int] = {}
        spans: dict[tuple[int, int], str] = {}
        for position, bracket_id, opening in zip(self.positions, self.ids, self.opening, strict=True):
            if opening:
                starts[bracket_id] = position
            else:
                spans[(starts[bracket_id], position + 1)] = bracket_id
        return spans
