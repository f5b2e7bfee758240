"""Soft-wrapping a draft into screen rows, kept apart from the widget so it can be tested and timed alone.

A row is a span of the text (`start`, `end`), never a copy, so a click or a
highlight maps between rows and offsets by bisection. Wrapping is cached per
source line: after a resolution only the lines whose text changed are wrapped again.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass


def wrap_points(line: str, width: int) -> tuple[int, ...]:
    """Where each row of `line` starts when wrapped greedily at spaces to `width` cells."""
    starts = [0]
    position = 0
    while len(line) - position > width:
        space = line.rfind(" ", position, position + width + 1)
        cut = space + 1 if space > position else position + width
        starts.append(cut)
        position = cut
    return tuple(starts)


class RowWrapper:
    """Wraps texts to one width, remembering each distinct source line it has wrapped."""

    def __init__(self, width: int) -> None:
        self.width = max(width, 8)
        self._cache: dict[str, tuple[int, ...]] = {}

    def rows(self, text: str) -> Rows:
        starts: list[int] = []
        ends: list[int] = []
        line_start = 0
        cache = self._cache
        for line in text.split("\n"):
            content = line[:-1] if line.endswith("\r") else line
            points = cache.get(content)
            if points is None:
                points = cache[content] = wrap_points(content, self.width)
            for i, point in enumerate(points):
                starts.append(line_start + point)
                ends.append(line_start + (points[i + 1] if i + 1 < len(points) else len(content)))
            line_start += len(line) + 1
        return Rows(tuple(starts), tuple(ends))

    def rewrap(self, rows: Rows, old: str, new: str) -> Rows:
        """The rows of `new`, given the rows of `old`: only the lines between the first and the last
        difference are wrapped again, the rows after them move."""
        prefix = common_prefix(old, new)
        suffix = common_suffix(old, new, min(len(old), len(new)) - prefix)
        line_start = new.rfind("\n", 0, prefix) + 1
        line_break = old.find("\n", len(old) - suffix)
        old_end = len(old) if line_break < 0 else line_break + 1  # the changed lines end here in `old`
        delta = len(new) - len(old)
        middle = self.rows(new[line_start : old_end + delta])
        if line_break >= 0:  # the rows after the last line break belong to the lines after
            middle = Rows(middle.starts[:-1], middle.ends[:-1])
        head = bisect.bisect_left(rows.starts, line_start)
        tail = bisect.bisect_left(rows.starts, old_end) if line_break >= 0 else len(rows)
        return Rows(
            (
                *rows.starts[:head],
                *(s + line_start for s in middle.starts),
                *(s + delta for s in rows.starts[tail:]),
            ),
            (
                *rows.ends[:head],
                *(e + line_start for e in middle.ends),
                *(e + delta for e in rows.ends[tail:]),
            ),
        )


def common_prefix(a: str, b: str) -> int:
    """The length of the longest common prefix (bisection: each character is compared about once)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a.startswith(b[low:middle], low):
            low = middle
        else:
            high = middle - 1
    return low


def common_suffix(a: str, b: str, limit: int) -> int:
    """The length of the longest common suffix, at most `limit`."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if a.endswith(b[len(b) - middle : len(b) - low], 0, len(a) - low):
            low = middle
        else:
            high = middle - 1
    return low


@dataclass(frozen=True, slots=True)
class Rows:
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.starts)

    def row_of(self, offset: int) -> int:
        """The row showing `offset` (a line break belongs to the row it ends)."""
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def offset_at(self, row: int, column: int) -> int:
        """The text offset under a cell; past the end of a row, the row's end."""
        row = min(max(row, 0), len(self.starts) - 1)
        return min(self.starts[row] + max(column, 0), self.ends[row])
