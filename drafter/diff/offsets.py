"""Where each character of the old text went: the equal stretches of a diff, as an offset map."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from drafter.diff.model import Change, ChangeKind, PieceTag


class OffsetMap:
    """Old offsets to new offsets, for characters the diff kept; removed characters map to None."""

    def __init__(self, changes: Iterable[Change]) -> None:
        blocks: list[tuple[int, int, int]] = []  # old start, new start, length
        for change in changes:
            if change.kind is ChangeKind.EQUAL:
                blocks.append((change.old_start, change.new_start, change.old_end - change.old_start))
                continue
            old_at, new_at = change.old_start, change.new_start
            for piece in change.pieces:
                if piece.tag is PieceTag.EQUAL and piece.old_text:
                    blocks.append((old_at, new_at, len(piece.old_text)))
                old_at += len(piece.old_text)
                new_at += len(piece.new_text)
        blocks.sort()
        self._blocks = blocks
        self._starts = [block[0] for block in blocks]
        self._before: list[int] = []  # characters kept before each block
        total = 0
        for _, _, length in blocks:
            self._before.append(total)
            total += length

    def new_offset(self, old_offset: int) -> int | None:
        index = bisect.bisect_right(self._starts, old_offset) - 1
        if index < 0:
            return None
        old_start, new_start, length = self._blocks[index]
        return new_start + old_offset - old_start if old_offset < old_start + length else None

    def _kept_before(self, old_offset: int) -> int:
        index = bisect.bisect_right(self._starts, old_offset) - 1
        if index < 0:
            return 0
        old_start, _, length = self._blocks[index]
        return self._before[index] + min(length, old_offset - old_start)

    def kept(self, start: int, end: int) -> int:
        """How many characters of `old[start:end]` the new text kept."""
        return self._kept_before(end) - self._kept_before(start)
