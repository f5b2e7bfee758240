"""Changes to the text: what a resolution did, exactly enough to invert it and to apply it again.

A `Change` holds its edits (offsets in the text before it) and which brackets and option groups it
removed and added, with their ids, so it can be inverted exactly (undo brings back the same bytes and
the same ids), applied again (redo, another process's change) and replayed on the text alone
(`drafter.negotiation.replay`). `finish` makes one from a draft and edits; `revert` undoes one, also
out of order (reopen) when the changes since left its text alone. A correction of the reading (split,
join) is a change with no edits and the readings it sets (`reread`), undone by the readings it replaced.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from drafter.incremental.edit import apply_edits_tracked
from drafter.incremental.offsets import Edit, OffsetMap
from drafter.journal.store import RecordKind
from drafter.text.alternatives import with_readings
from drafter.text.model import Bracket, Draft, Reading

BracketId = tuple[int, int, str]  # start, end, id
OptionId = tuple[int, str]  # start of the first label, id

PREVIEW_READ = 4096  # characters of a long text read for its preview: enough for any width shown


# The record kinds that are changes to the text.
CHANGE_KINDS = frozenset(
    {
        RecordKind.KEEP,
        RecordKind.DELETE,
        RecordKind.CHOOSE,
        RecordKind.AMEND,
        RecordKind.BRACKET,
        RecordKind.PROPOSE,
        RecordKind.REOPEN,
        RecordKind.UNDO,
        RecordKind.REDO,
        RecordKind.SPLIT,
        RecordKind.JOIN,
    }
)


class ResolveError(ValueError):
    """A resolution that cannot be made: stale id, wrong kind of element, span gone."""


@dataclass(frozen=True, slots=True)
class Change:
    """One change to the text, invertible: edits plus the ids it removed and added."""

    kind: RecordKind  # one of CHANGE_KINDS
    target: str  # the element resolved (or the new bracket's id)
    edits: tuple[Edit, ...]  # sorted; offsets in the text before the change
    removed: tuple[BracketId, ...] = ()  # brackets gone, spans in the text before
    added: tuple[BracketId, ...] = ()  # brackets new or renamed, spans in the text after
    removed_options: tuple[OptionId, ...] = ()
    added_options: tuple[OptionId, ...] = ()
    removed_ids: tuple[str, ...] = ()  # every element id (brackets, groups) the change removed
    choice: int | None = None
    text: str | None = None  # the amendment or proposal
    refers: int | None = None  # reopen, undo, redo: the journal seq of the change they act on
    before: str = field(default="", compare=False)  # text of the changed span, before
    after: str = field(default="", compare=False)  # and after
    readings: tuple[Reading, ...] = ()  # split, join: the readings it sets
    readings_before: tuple[Reading, ...] = ()  # and what those pairs were read as before it

    @property
    def start(self) -> int:
        return self.edits[0].start if self.edits else 0

    def describe(self, where: str = "") -> str:
        """One line: what was done to which element (`where`: its paragraph reference), the text before and
        after."""
        what = self.kind.value
        if self.choice is not None:
            what += f" {self.choice}"
        if self.refers is not None:
            what += f" of #{self.refers}"
        place = f" in {where}" if where else ""
        removed = f"; removed {', '.join(self.removed_ids)}" if self.removed_ids else ""
        if self.readings:
            read = ", ".join(f"{r.left}{' + ' if r.alternatives else ' | '}{r.right}" for r in self.readings)
            return f"{what} {self.target}{place}: {read}{removed}"
        return f"{what} {self.target}{place}: {preview(self.before)!r} -> {preview(self.after)!r}{removed}"

    def inverse(self, kind: RecordKind, refers: int | None = None) -> Change:
        """The change that takes the text after this one back to the text before it."""
        edits, shift = [], 0
        for edit in self.edits:
            edits.append(Edit(edit.start + shift, edit.new, edit.old))
            shift += edit.delta
        return Change(
            kind=kind,
            target=self.target,
            edits=tuple(edits),
            removed=self.added,
            added=self.removed,
            removed_options=self.added_options,
            added_options=self.removed_options,
            refers=refers,
            before=self.after,
            after=self.before,
            readings=self.readings_before,
            readings_before=self.readings,
        )


def preview(text: str, width: int = 48, start: int = 0, end: int | None = None) -> str:
    """`text[start:end]` on one line (white space runs as one space) of at most `width` characters.

    Reads about 4 × width characters of it, more only while they are mostly white space (up to
    PREVIEW_READ): previews of n nested brackets cost O(n × width), not O(n × depth). A text whose first
    PREVIEW_READ characters are almost all white space ends in "…" after what they hold.
    """
    end = len(text) if end is None else end
    read = 4 * width + 16
    most = max(PREVIEW_READ, read)
    while True:
        stop = min(end, start + read)
        # A prefix of the whole text flattened (a word cut at `stop` is a prefix of that word).
        flat = " ".join(text[start:stop].split())
        if len(flat) > width:
            return flat[: width - 1] + "…"
        if stop == end:
            return flat
        if read >= most:
            return flat[: width - 1] + "…"
        read = min(4 * read, most)


def finish(
    draft: Draft,
    kind: RecordKind,
    target: str,
    edits: Iterable[Edit],
    *,
    choice: int | None = None,
    text: str | None = None,
    refers: int | None = None,
    bracket_ids: Sequence[BracketId] = (),
    option_ids: Sequence[OptionId] = (),
) -> tuple[Draft, Change]:
    """Applies `edits` and records what they removed and added."""
    ordered = tuple(sorted(edits, key=lambda e: e.start))
    new, moved_brackets, region = apply_edits_tracked(
        draft, ordered, bracket_ids=bracket_ids, option_ids=option_ids
    )
    old_brackets: Sequence[Bracket] = draft.brackets
    new_bracket_list: Sequence[Bracket] = new.brackets
    if region is not None:  # only the rebuilt window can differ (beyond offsets); `moved_brackets` is its
        old_brackets = draft.brackets[_within(draft.brackets, region.old_start, region.old_end)]
        new_bracket_list = new.brackets[_within(new.brackets, region.new_start, region.new_end)]
    offsets = OffsetMap(ordered)
    new_brackets = {(b.start, b.end, b.id) for b in new_bracket_list}
    removed, survivors = [], set()
    for b, span in zip(old_brackets, moved_brackets, strict=True):
        moved = None if span is None else (*span, b.id)
        if moved is not None and moved in new_brackets:
            survivors.add(moved)
        else:
            removed.append((b.start, b.end, b.id))
    new_options = {(g.start, g.id) for g in new.option_groups}
    removed_options, surviving_options = [], set()
    for g in draft.option_groups:
        start = offsets.char(g.start)
        if start is not None and (start, g.id) in new_options:
            surviving_options.add((start, g.id))
        else:
            removed_options.append((g.start, g.id))
    if region is None:
        old_ids = [b.id for b in draft.brackets] + list(draft.group_by_id)
        present = {b.id for b in new.brackets} | set(new.group_by_id)
    else:
        groups = [i for i, g in draft.group_by_id.items() if region.old_start <= g.start < region.old_end]
        old_ids = [b.id for b in old_brackets] + groups
        present = {b.id for b in new_bracket_list} | {
            i for i, g in new.group_by_id.items() if region.new_start <= g.start < region.new_end
        }
    span_start = ordered[0].start if ordered else 0
    span_end = ordered[-1].end if ordered else 0
    change = Change(
        kind=kind,
        target=target,
        edits=ordered,
        removed=tuple(removed),
        added=tuple(sorted(new_brackets - survivors)),
        removed_options=tuple(removed_options),
        added_options=tuple(sorted(new_options - surviving_options)),
        removed_ids=tuple(i for i in old_ids if i not in present),
        choice=choice,
        text=text,
        refers=refers,
        before=draft.text[span_start:span_end],
        after=new.text[span_start : span_end + sum(e.delta for e in ordered)],
    )
    return new, change


def _within(brackets: Sequence[Bracket], start: int, end: int) -> slice:
    """The brackets (sorted by start) that start in [start, end): all of a window's brackets."""
    starts = [b.start for b in brackets]
    return slice(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end))


def reread(
    draft: Draft, kind: RecordKind, target: str, readings: Sequence[Reading], refers: int | None = None
) -> tuple[Draft, Change]:
    """Reads `draft` with `readings` (a split, a join, or undoing one): no text changes, groups may."""
    if not readings:
        raise ResolveError(f"{target}: there is nothing to read differently")
    read_now = {
        (left.id, right.id)
        for group in draft.alternative_groups
        for left, right in zip(group.alternatives, group.alternatives[1:], strict=False)
    }
    before = tuple(Reading(r.left, r.right, (r.left, r.right) in read_now) for r in readings)
    new = with_readings(draft, readings)
    present = set(new.group_by_id)
    change = Change(
        kind=kind,
        target=target,
        edits=(),
        removed_ids=tuple(i for i in draft.group_by_id if i not in present),
        refers=refers,
        readings=tuple(readings),
        readings_before=before,
    )
    return new, change


def apply_change(
    draft: Draft, change: Change, kind: RecordKind | None = None, refers: int | None = None
) -> tuple[Draft, Change]:
    """Applies a recorded change again (redo, another process's change), giving its ids back."""
    if change.readings:
        again = change.refers if refers is None else refers
        return reread(draft, kind or change.kind, change.target, change.readings, again)
    try:
        return finish(
            draft,
            kind or change.kind,
            change.target,
            change.edits,
            choice=change.choice,
            text=change.text,
            refers=change.refers if refers is None else refers,
            bracket_ids=change.added,
            option_ids=change.added_options,
        )
    except ValueError as error:
        raise ResolveError(f"the change no longer fits the text: {error}") from None


def revert(
    draft: Draft, change: Change, later: Sequence[Change], kind: RecordKind, refers: int | None
) -> tuple[Draft, Change]:
    """Undoes `change` in `draft`, which has had the `later` changes since (none for a plain undo).

    Refused when a later change touched the text `change` produced: its span no longer exists.
    """
    inverse = change.inverse(kind, refers)
    if change.readings:
        return reread(draft, kind, change.target, inverse.readings, refers)
    maps = [OffsetMap(c.edits) for c in later]
    edits = []
    for edit in inverse.edits:
        start = transport(edit.start, len(edit.old), maps)
        if start is None:
            raise ResolveError(
                f"the text that change {refers} produced has been changed since; it cannot be undone"
            )
        edits.append(Edit(start, edit.old, edit.new))
    reverted_starts, shift = [], 0
    for edit in edits:
        reverted_starts.append(edit.start + shift)
        shift += edit.delta
    forward = OffsetMap(change.edits)
    reverting = OffsetMap(edits)

    def place(position: int) -> int | None:
        """Where a character of the text before `change` is once it is undone."""
        for original, reverted_start in zip(change.edits, reverted_starts, strict=True):
            if original.start <= position < original.end:
                return reverted_start + position - original.start
        moved: int | None = forward.char(position)
        for offset_map in maps:
            moved = None if moved is None else offset_map.char(moved)
        return None if moved is None else reverting.char(moved)

    bracket_ids = []
    for start, end, bracket_id in change.removed:
        first, last = place(start), place(end - 1)
        if first is not None and last is not None:
            bracket_ids.append((first, last + 1, bracket_id))
    option_ids = [(s, i) for start, i in change.removed_options if (s := place(start)) is not None]
    return finish(
        draft, kind, change.target, edits, refers=refers, bracket_ids=bracket_ids, option_ids=option_ids
    )


def transport(start: int, length: int, maps: Sequence[OffsetMap]) -> int | None:
    """Where the span `[start, start + length)` is after later edits; None if they touched it."""
    for offset_map in maps:
        first = offset_map.char(start)
        if first is None:
            return None
        if length:
            last = offset_map.char(start + length - 1)
            if last is None or last - first != length - 1:
                return None
        elif start > 0:
            previous = offset_map.char(start - 1)
            if previous is None or first != previous + 1:
                return None  # text was inserted at the point, or the character before it replaced
        elif first != 0:
            return None
        start = first
    return start
