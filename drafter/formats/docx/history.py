"""The journal's text changes laid over the base text, as a word processor's tracked changes see them.

Every character ever in the text is kept once, in document order: the base text's and every
change's inserted text, each marked with the change that inserted it and the one that deleted it,
if any. Accepting every change gives the consolidated text; rejecting every change, the base text.
An undo (and a reopen of a change whose text is untouched since) takes its change out instead of
adding a counter-change, so what was undone leaves no trace.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from drafter.journal import RecordKind
from drafter.negotiation.session import Event
from drafter.text.model import AlternativeGroup, Bracket, Draft, OptionGroup

REVERTING = frozenset({RecordKind.UNDO, RecordKind.REOPEN})
Identity = tuple[int, int]  # (origin, offset in it): one character, wherever it went


@dataclass(slots=True)
class Piece:
    """A stretch of characters that came into the text together and share one fate."""

    text: str
    origin: int  # 0: the base text; else the journal number of the change that inserted it
    offset: int  # where `text` starts in its origin (the base text, or the change's inserted text)
    deleted_by: int | None = None  # journal number of the change that deleted it

    @property
    def alive(self) -> bool:
        return self.deleted_by is None

    def identity(self, index: int) -> Identity:
        return self.origin, self.offset + index

    def split(self, at: int) -> Piece:
        """Cuts this piece at `at` (0 < at < len); returns the part after the cut."""
        rest = Piece(self.text[at:], self.origin, self.offset + at, self.deleted_by)
        self.text = self.text[:at]
        return rest


@dataclass(slots=True)
class History:
    """Pieces in document order, and the changes that made them (by journal number)."""

    pieces: list[Piece]
    events: dict[int, Event] = field(default_factory=dict)  # the changes in the text, by journal number
    positions: dict[int, Event] = field(default_factory=dict)
    anchors: dict[int, tuple[Identity, Identity]] = field(
        default_factory=dict
    )  # position -> its element's span

    def span_of_change(self, seq: int) -> tuple[Identity, Identity] | None:
        """The first and last character a change inserted (or else deleted)."""
        inserted = [p for p in self.pieces if p.origin == seq and p.text]
        deleted = [p for p in self.pieces if p.deleted_by == seq and p.text]
        for chosen in (inserted, deleted):
            if chosen:
                return chosen[0].identity(0), chosen[-1].identity(len(chosen[-1].text) - 1)
        return None

    def identities(self, start: int, end: int) -> tuple[Identity, Identity] | None:
        """The first and last character of `[start, end)` of the alive text (None if empty)."""
        if end <= start:
            return None
        first = last = None
        seen = 0
        for piece in self.pieces:
            if not piece.alive:
                continue
            size = len(piece.text)
            if first is None and seen <= start < seen + size:
                first = piece.identity(start - seen)
            if seen <= end - 1 < seen + size:
                last = piece.identity(end - 1 - seen)
                break
            seen += size
        return (first, last) if first is not None and last is not None else None

    @property
    def current(self) -> str:
        return "".join(p.text for p in self.pieces if p.alive)

    @property
    def original(self) -> str:
        return "".join(p.text for p in self.pieces if p.origin == 0)


def tracked_history(base: str, events: Iterable[Event], final: Draft) -> History:
    """Lays every text change of `events` (journal order) over `base` (`final`: the draft they lead to). Each position is anchored on its element's characters as the element stood
    when it was taken: for an element still in the text, its brackets now; for one resolved since, the
    span the resolution replaced (no draft is rebuilt for it)."""
    history = History([Piece(base, 0, 0)] if base else [])
    applied: list[int] = []
    waiting: dict[str, list[Event]] = {}  # element -> positions on it, until a change removes it
    for event in events:
        change = event.change
        if change is None:
            if event.kind is RecordKind.POSITION and event.target is not None:
                waiting.setdefault(event.target, []).append(event)
            continue
        for target in [t for t in change.removed_ids if t in waiting and _element(final, t) is None]:
            span = next(((s, e) for s, e, i in change.removed if i == target), None)
            if span is None and change.edits:
                span = (change.edits[0].start, change.edits[-1].end)
            _anchor(history, waiting.pop(target), span)
        if (
            change.kind in REVERTING
            and change.refers in history.events
            and _revert(history, change.refers, applied)
        ):
            continue
        history.events[event.seq] = event
        for edit in reversed(change.edits):
            _replace(history.pieces, edit.start, len(edit.old), edit.new, event.seq)
        applied.append(event.seq)
    for target, positions in waiting.items():
        element = _element(final, target)
        if element is not None:
            _anchor(history, positions, (element.start, element.end))
    return history


def _element(draft: Draft, element_id: str) -> Bracket | AlternativeGroup | OptionGroup | None:
    return draft.bracket_by_id.get(element_id) or draft.group_by_id.get(element_id)


def _anchor(history: History, positions: list[Event], span: tuple[int, int] | None) -> None:
    """Anchors positions on the characters of `span` (alive offsets in the text as it stands now)."""
    found = history.identities(*span) if span is not None else None
    if found is None:
        return
    for event in positions:
        history.positions[event.seq] = event
        history.anchors[event.seq] = found


def _replace(pieces: list[Piece], start: int, length: int, new: str, seq: int) -> None:
    """Marks `length` alive characters from alive offset `start` deleted by `seq`, and puts `new` after them."""
    first = _cut(pieces, start)
    last = _cut(pieces, start + length) if length else first
    for piece in pieces[first:last]:
        if piece.alive:
            piece.deleted_by = seq
    if new:
        pieces.insert(last, Piece(new, seq, 0))


def _cut(pieces: list[Piece], offset: int) -> int:
    """The index of the piece that starts at alive offset `offset` (splitting one if needed); pieces
    deleted before that point stay before it."""
    seen = 0
    for index, piece in enumerate(pieces):
        if not piece.alive:
            continue
        if seen == offset:
            return index
        if seen < offset < seen + len(piece.text):
            pieces.insert(index + 1, piece.split(offset - seen))
            return index + 1
        seen += len(piece.text)
    if seen != offset:
        raise ValueError(f"offset {offset} is past the end of the text ({seen} characters)")
    return len(pieces)


def _revert(history: History, seq: int, applied: list[int]) -> bool:
    """Takes change `seq` out as if it had never been made, when nothing since touched its text."""
    if seq not in applied or any(p.origin == seq and not p.alive for p in history.pieces):
        return False
    history.pieces = [p for p in history.pieces if p.origin != seq]
    for piece in history.pieces:
        if piece.deleted_by == seq:
            piece.deleted_by = None
    applied.remove(seq)
    del history.events[seq]
    return True
