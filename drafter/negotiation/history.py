"""Undo and redo over the journal's changes to the text (Textual's `document/_history.py` is the model).

The journal never forgets: an undo is a change of its own (the inverse of the one it undoes) and a redo
applies an undone change again. `History` keeps, in memory, every change by its event number and two
stacks: changes in effect that `undo` can take back, newest last, and undone changes that `redo` can bring
back. A new change of the user's own clears the redo stack, as in every editor.
"""

from __future__ import annotations

import bisect

from drafter.incremental.offsets import OffsetMap
from drafter.journal import RecordKind
from drafter.negotiation.changes import Change, transport


class HistoryError(ValueError):
    """A change that cannot be reopened (or found), with the reason for the user."""


class History:
    """Every change to the text by event number, and what undo and redo would act on."""

    def __init__(self) -> None:
        self._changes: dict[int, Change] = {}
        self._seq_of: dict[int, int] = {}  # id(change) -> its event number
        self._order: list[int] = []  # event numbers of the changes, in order
        self._undo_stack: list[int] = []  # changes in effect, the last one first to undo
        self._redo_stack: list[int] = []  # changes undone, the last one first to redo
        self._undone_by: dict[int, int] = {}  # change -> the undo event that undid it
        self._redone_as: dict[int, int] = {}  # undone change -> the redo event that brought it back

    def record(self, seq: int, change: Change) -> None:
        """Takes in change event `seq`; called exactly once per change, in journal order."""
        self._changes[seq] = change
        self._seq_of[id(change)] = seq
        self._order.append(seq)
        if change.kind is RecordKind.UNDO:
            assert change.refers is not None
            self._undo_stack.pop()
            self._redo_stack.append(change.refers)
            self._undone_by[change.refers] = seq
        elif change.kind is RecordKind.REDO:
            assert change.refers is not None
            self._redo_stack.pop()
            self._undone_by.pop(change.refers, None)
            self._redone_as[change.refers] = seq
            self._undo_stack.append(seq)
        else:
            self._undo_stack.append(seq)
            self._redo_stack.clear()

    @property
    def can_undo(self) -> bool:
        return bool(self._undo_stack)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo_stack)

    def to_undo(self) -> tuple[int, Change] | None:
        """The change `undo` would take back (event number and change), if any."""
        if not self._undo_stack:
            return None
        seq = self._undo_stack[-1]
        return seq, self._changes[seq]

    def to_redo(self) -> tuple[int, Change] | None:
        """The undone change `redo` would bring back, if any."""
        if not self._redo_stack:
            return None
        seq = self._redo_stack[-1]
        return seq, self._changes[seq]

    def to_reopen(self, seq: int) -> tuple[Change, list[Change]]:
        """Change `seq` and the changes made since, to undo it out of order; refused with the reason."""
        original = self.change(seq)
        if original.kind is RecordKind.UNDO:
            raise HistoryError(f"event {seq} is an undo; use `redo` to bring its change back")
        if seq in self._redone_as and seq not in self._undone_by:
            raise HistoryError(
                f"change {seq} was undone and redone as event {self._redone_as[seq]}: reopen that one"
            )
        if seq in self._undone_by:
            raise HistoryError(f"change {seq} is not in effect: event {self._undone_by[seq]} undid it")
        later = [self._changes[s] for s in self._order[bisect.bisect_right(self._order, seq) :]]
        return original, later

    def change(self, seq: int) -> Change:
        found = self._changes.get(seq)
        if found is None:
            raise HistoryError(f"event {seq} is not a change to the text (see `drafter log`)")
        return found

    def in_order(self) -> list[tuple[int, Change]]:
        """Every change with its event number, oldest first."""
        return [(seq, self._changes[seq]) for seq in self._order]

    def get(self, seq: int) -> Change | None:
        return self._changes.get(seq)

    def seq_of(self, change: Change) -> int:
        """The event number of a change this history holds."""
        seq = self._seq_of.get(id(change))
        if seq is None or self._changes.get(seq) is not change:
            raise HistoryError("that change is not in this session's journal")
        return seq

    def in_effect(self, seq: int) -> bool:
        """Whether change `seq` is still on the undo stack (made or redone, and not undone since)."""
        return seq in self._undo_stack

    def removing(self, element_id: str) -> set[int]:
        """The event numbers of the changes that removed `element_id`."""
        return {seq for seq, change in self._changes.items() if element_id in change.removed_ids}

    def resolved_spans(self) -> tuple[tuple[int, int], ...]:
        """Where the changes in effect left their text in the consolidated text (empty spans: deletions).

        A span is dropped once a later change touches it. One pass over the changes: spans before a
        change's edits stay, spans after it move by one amount, only those around it are looked at.
        """
        in_effect = set(self._undo_stack)
        starts: list[int] = []
        ends: list[int] = []
        for seq in self._order:
            change = self._changes[seq]
            if change.edits:
                low = bisect.bisect_left(ends, change.edits[0].start)
                high = bisect.bisect_right(starts, change.edits[-1].end)
                maps = [OffsetMap(change.edits)]
                middle = [
                    (moved, moved + e - s)
                    for s, e in zip(starts[low:high], ends[low:high], strict=True)
                    if (moved := transport(s, e - s, maps)) is not None
                ]
                total = sum(e.delta for e in change.edits)
                starts[low:] = [m[0] for m in middle] + [s + total for s in starts[high:]]
                ends[low:] = [m[1] for m in middle] + [e + total for e in ends[high:]]
            if seq in in_effect:
                at = bisect.bisect_left(starts, change.start)
                starts.insert(at, change.start)
                ends.insert(at, change.start + len(change.after))
        return tuple(zip(starts, ends, strict=True))
