"""Where a journal event happened, said as a paragraph reference of the text the journal began with.

The room holds the base text (the one circulated): "the position on II 12" means its paragraph 12 of
section II, even after resolutions removed paragraphs around it or the paragraph itself. So an event's
place is its element's place in the base text; an element made since (a new bracket, a proposal) is placed
where its text was written, its offset followed back through the changes before it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple, Protocol

from drafter.negotiation.changes import Change
from drafter.text.model import Draft


class Placed(Protocol):
    """What placing an event needs (a `records.Event` has it)."""

    @property
    def seq(self) -> int: ...

    @property
    def target(self) -> str | None: ...

    @property
    def change(self) -> Change | None: ...


class ChangeEvent(NamedTuple):
    """A change just made, as an event to place."""

    seq: int
    target: str | None
    change: Change | None


def base_offset(offset: int, earlier: Sequence[Change]) -> int:
    """Where `offset` in the text after the changes `earlier` (oldest first) stands in the text before them;
    inside text a change wrote: where it wrote it."""
    for change in reversed(earlier):
        offset = _before(change, offset)
    return offset


def _before(change: Change, offset: int) -> int:
    shift = 0  # how far the edits before `offset` moved it
    for edit in change.edits:
        start = edit.start + shift  # where the edit's new text starts after the change
        if offset < start:
            break
        if offset < start + len(edit.new):
            return edit.start
        shift += edit.delta
    return offset - shift


def event_places(
    base: Draft,
    base_starts: Mapping[str, int],
    changes: Sequence[tuple[int, Change]],
    events: Sequence[Placed],
    now: Mapping[str, int],
) -> list[str]:
    """Each event's reference in `base`: `base_starts` are the base elements' starts by id, `changes` every
    change of the journal (event number, change; in order) and `now` the current elements' starts by id
    (an element made since the base and still open). "" where an event has no place (a setting, a roster)."""
    index = {seq: i for i, (seq, _) in enumerate(changes)}
    every = [change for _, change in changes]
    places = []
    for event in events:
        offset: int | None = None
        if event.target is not None and event.target in base_starts:
            offset = base_starts[event.target]
        elif event.change is not None and event.seq in index:
            offset = base_offset(event.change.start, every[: index[event.seq]])
        elif event.target is not None and event.target in now:
            offset = base_offset(now[event.target], every)
        places.append("" if offset is None else base.reference_at(offset))
    return places
