"""Where the text that resolutions left now sits, to mark it in the document view.

The session's changes carry their edits (offsets in the text before each change),
so following them in journal order maps every earlier span into the current text.
An undo takes its change's mark away; a later change that overwrites a mark does too.
"""

from __future__ import annotations

from collections.abc import Iterable

from drafter.edit import OffsetMap
from drafter.resolve import Change, ChangeKind

Span = tuple[int, int]
RESOLVING = frozenset({ChangeKind.KEEP, ChangeKind.DELETE, ChangeKind.CHOOSE, ChangeKind.AMEND})


def after_span(change: Change) -> Span:
    """The span, in the text after `change`, from its first edit to the end of its last."""
    first, last = change.edits[0], change.edits[-1]
    shift = sum(edit.delta for edit in change.edits[:-1])
    return first.start, last.start + shift + len(last.new)


class ResolvedSpans:
    """Spans of the current text produced by resolutions, by the journal seq of their change."""

    def __init__(self) -> None:
        self._spans: dict[int, Span] = {}
        self._kinds: dict[int, ChangeKind] = {}

    @property
    def spans(self) -> list[Span]:
        return sorted(self._spans.values())

    def follow(self, changes: Iterable[tuple[int, Change]]) -> None:
        """Takes (seq, change) pairs in journal order."""
        for seq, change in changes:
            kind = change.kind
            if kind is ChangeKind.REDO:  # a redo marks what its original change marked
                kind = self._kinds.get(change.refers or 0, kind)
            self._kinds[seq] = kind
            if kind is ChangeKind.UNDO and change.refers is not None:
                self._spans.pop(change.refers, None)
            self._move(change)
            if kind in RESOLVING and change.edits:
                self._spans[seq] = after_span(change)

    def _move(self, change: Change) -> None:
        if not change.edits:
            return
        moved = OffsetMap(change.edits)
        for seq, (start, end) in list(self._spans.items()):
            new_start = moved.char(start)
            new_last = moved.char(end - 1) if end > start else new_start
            if new_start is None or new_last is None:
                del self._spans[seq]
            else:
                self._spans[seq] = (new_start, new_last + 1 if end > start else new_start)
