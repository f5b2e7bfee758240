"""Edits to a text, and where its characters and bracket spans go after them."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from drafter.text.model import Bracket

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace `old` (which starts at `start` in the text before the edit) by `new`."""

    start: int
    old: str
    new: str

    @property
    def end(self) -> int:
        return self.start + len(self.old)

    @property
    def delta(self) -> int:
        return len(self.new) - len(self.old)


class EditError(ValueError):
    """Edits that do not fit the text they are applied to."""


class OffsetMap:
    """Where a character of the text before some edits sits after them (None: it was replaced)."""

    def __init__(self, edits: Sequence[Edit]) -> None:
        self._edits = edits
        self._ends = [e.end for e in edits]
        shifts, total = [], 0
        for edit in edits:
            total += edit.delta
            shifts.append(total)
        self._shifts = shifts

    def char(self, pos: int) -> int | None:
        """The new offset of the character at `pos`. Text inserted at `pos` goes before it."""
        # Edits ending at or before pos shift it; an edit with start <= pos < end replaces it.
        i = bisect.bisect_right(self._ends, pos)
        if i < len(self._edits) and self._edits[i].start <= pos < self._edits[i].end:
            return None
        return pos + (self._shifts[i - 1] if i else 0)

    def span(self, start: int, end: int) -> Span | None:
        """A bracket-like span `[start, end)` whose first and last characters both survive."""
        new_start = self.char(start)
        new_last = self.char(end - 1)
        if new_start is None or new_last is None:
            return None
        return new_start, new_last + 1


def moved_spans(spans: Iterable[Span], edits: Sequence[Edit]) -> list[Span | None]:
    """Each bracket-like span after `edits` (sorted): None when its first or last character was replaced.

    The hot loop of every edit (every bracket of the draft goes through it), so spans wholly
    before or after the edits take a short path.
    """
    if not edits:
        return list(spans)
    first_start, last_end = edits[0].start, edits[-1].end
    total = sum(e.delta for e in edits)
    bounds = [(e.start, e.end, e.delta) for e in edits]
    moved: list[Span | None] = []
    append = moved.append
    for start, end in spans:
        if end <= first_start:
            append((start, end))
        elif start >= last_end:
            append((start + total, end + total))
        else:
            last = end - 1
            start_shift = last_shift = 0
            for edit_start, edit_end, delta in bounds:
                if edit_start <= start < edit_end or edit_start <= last < edit_end:
                    append(None)
                    break
                if edit_end <= start:
                    start_shift += delta
                if edit_end <= last:
                    last_shift += delta
            else:
                append((start + start_shift, last + last_shift + 1))
    return moved


def apply_text(text: str, edits: Sequence[Edit]) -> str:
    """The text after `edits` (sorted, not overlapping, offsets in `text`), each checked against it."""
    pieces: list[str] = []
    position = 0
    for edit in edits:
        if edit.start < position:
            raise EditError(f"edits overlap at offset {edit.start}")
        if text[edit.start : edit.end] != edit.old:
            raise EditError(
                f"offset {edit.start}: expected {edit.old[:40]!r}, found {text[edit.start : edit.end][:40]!r}"
            )
        pieces.append(text[position : edit.start])
        pieces.append(edit.new)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


def carried_ids(
    brackets: Sequence[Bracket], moved: Sequence[Span | None], forced: Mapping[Span, str]
) -> dict[Span, str]:
    """New span -> id of every bracket whose `[` and `]` survived, and of those an undo brings back."""
    carried = {span: b.id for b, span in zip(brackets, moved, strict=True) if span is not None}
    if forced:
        forced_ids = set(forced.values())
        carried = {span: i for span, i in carried.items() if i not in forced_ids}
        carried.update(forced)
    return carried
