"""An element's choices: spans of the draft's text, read only when asked for.

A bracket's choice is its inner text, so brackets nested n deep would hold n copies of almost the whole
nest: O(n × depth) characters (100,000 brackets nested in a 200 KB file: about 10 GB). `Choices` keeps
the draft's text (shared, not copied) and one span per choice, so the elements of a draft take memory
linear in its number of brackets and options; a choice's text is sliced when read, and `preview` reads
only the little it shows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import overload

from drafter.negotiation.changes import preview


class Choices(Sequence[str]):
    """The texts of an element's choices, in order; equal to the tuple of those texts."""

    __slots__ = ("_spans", "_text")

    def __init__(self, text: str, spans: tuple[tuple[int, int], ...]) -> None:
        self._text = text
        self._spans = spans

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """Each choice's [start, end) in the draft's text."""
        return self._spans

    def moved(self, text: str, by: int) -> Choices:
        """The same choices in `text`, where they stand `by` characters further on."""
        return Choices(text, tuple((start + by, end + by) for start, end in self._spans))

    def preview(self, k: int, width: int = 48) -> str:
        """Choice `k` (0-based) on one line of at most `width` characters, reading only its beginning."""
        start, end = self._spans[k]
        return preview(self._text, width, start, end)

    def __len__(self) -> int:
        return len(self._spans)

    @overload
    def __getitem__(self, k: int) -> str: ...

    @overload
    def __getitem__(self, k: slice) -> tuple[str, ...]: ...

    def __getitem__(self, k: int | slice) -> str | tuple[str, ...]:
        if isinstance(k, slice):
            return tuple(self._text[start:end] for start, end in self._spans[k])
        start, end = self._spans[k]
        return self._text[start:end]

    def __iter__(self) -> Iterator[str]:
        text = self._text
        return (text[start:end] for start, end in self._spans)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Choices):
            if other._text is self._text and other._spans == self._spans:
                return True
            return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=True))
        if isinstance(other, tuple):
            return tuple(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Choices({tuple(self.preview(k) for k in range(len(self)))!r})"

    def lengths(self) -> Sequence[int]:
        """Each choice's length, without reading it."""
        return [end - start for start, end in self._spans]
