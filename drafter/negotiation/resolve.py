"""Resolutions: pure functions from a `Draft` to a new `Draft` and the `Change` that made it.

A `Change` holds its edits (offsets in the text before it) and which brackets
and option groups it removed and added, with their ids, so it can be inverted
exactly (undo brings back the same bytes and the same ids) and replayed on the
text alone (`replay`).

Deleting text (`delete`, the zero option, deleting a group) follows one spacing rule:

1. Before closing punctuation (, ; : . ) ] ? !) or at the end of a line, the spaces
   before the deleted span go with it (`text [foo], more` -> `text, more`), and at the
   end of a line the spaces after it too; unless the span starts its line, where only
   the span and the spaces after it go.
2. Otherwise, when the span has a space (or the start of its line, or an opening
   `(`) before it and a space after it, the spaces after it go (`a [b] c` -> `a c`).
3. Otherwise the span touches a word and only the span goes
   (`Article[s 5.2 and] 6.4` -> `Article 6.4`, `check[s]` -> `check`).

So a deletion never leaves a double space or a space before punctuation that the
text did not already have.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from drafter.incremental.edit import apply_edits_tracked, with_option_ids
from drafter.incremental.offsets import Edit, OffsetMap, apply_text
from drafter.text.build import build_draft
from drafter.text.lines import LineTable, lex_lines
from drafter.text.model import AlternativeGroup, Bracket, Draft, OptionGroup

HORIZONTAL_SPACE = " \t\u00a0"
LINE_BREAKS = "\r\n\f"
CLOSING_PUNCTUATION = ",;:.)]?!"
OPENING = "(["

BracketId = tuple[int, int, str]  # start, end, id
OptionId = tuple[int, str]  # start of the first label, id


class ChangeKind(StrEnum):
    KEEP = "keep"
    DELETE = "delete"
    CHOOSE = "choose"
    AMEND = "amend"
    BRACKET = "bracket"
    PROPOSE = "propose"
    REOPEN = "reopen"
    UNDO = "undo"
    REDO = "redo"


class ResolveError(ValueError):
    """A resolution that cannot be made: stale id, wrong kind of element, span gone."""


@dataclass(frozen=True, slots=True)
class Change:
    """One change to the text, invertible: edits plus the ids it removed and added."""

    kind: ChangeKind
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

    @property
    def start(self) -> int:
        return self.edits[0].start if self.edits else 0

    def describe(self) -> str:
        """One line: what was done to which element, the text before and after."""
        what = self.kind.value
        if self.choice is not None:
            what += f" {self.choice}"
        if self.refers is not None:
            what += f" of #{self.refers}"
        removed = f"; removed {', '.join(self.removed_ids)}" if self.removed_ids else ""
        return f"{what} {self.target}: {preview(self.before)!r} -> {preview(self.after)!r}{removed}"

    def inverse(self, kind: ChangeKind, refers: int | None = None) -> Change:
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
        )


def preview(text: str, width: int = 48) -> str:
    """`text` on one line of at most `width` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


# --- finding elements --------------------------------------------------------


def find_bracket(draft: Draft, element_id: str) -> Bracket:
    bracket = draft.bracket_by_id.get(element_id)
    if bracket is None:
        raise ResolveError(stale_message(element_id, "bracket"))
    return bracket


def find_element(draft: Draft, element_id: str) -> Bracket | AlternativeGroup | OptionGroup:
    found = draft.bracket_by_id.get(element_id) or draft.group_by_id.get(element_id)
    if found is None:
        raise ResolveError(stale_message(element_id, "element"))
    return found


def stale_message(element_id: str, what: str) -> str:
    return (
        f"no {what} {element_id!r} in the current text: it was resolved or changed since "
        "(see `drafter status` for the current ids)"
    )


# --- resolutions -------------------------------------------------------------


def keep(draft: Draft, element_id: str) -> tuple[Draft, Change]:
    """Keeps a bracket's text and drops its brackets; brackets inside it stay open."""
    element = find_element(draft, element_id)
    if not isinstance(element, Bracket):
        raise ResolveError(f"{element_id} is a group of choices: choose one (or delete the group)")
    edits = (Edit(element.start, "[", ""), Edit(element.end - 1, "]", ""))
    return finish(draft, ChangeKind.KEEP, element_id, edits)


def delete(draft: Draft, element_id: str) -> tuple[Draft, Change]:
    """Deletes a bracket (or a whole group) with its content; the change lists the brackets inside."""
    element = find_element(draft, element_id)
    return finish(draft, ChangeKind.DELETE, element_id, (deletion(draft.text, element.start, element.end),))


def choose(draft: Draft, element_id: str, k: int) -> tuple[Draft, Change]:
    """Keeps alternative or option `k` (1-based) of a group and removes the others.

    A chosen alternative loses its brackets; a chosen option loses its label. A zero
    option ("No text") or an empty alternative removes the whole group.
    """
    group = find_element(draft, element_id)
    text = draft.text
    if isinstance(group, Bracket):
        raise ResolveError(f"{element_id} is a single bracket: keep or delete it")
    count = len(group.alternatives) if isinstance(group, AlternativeGroup) else len(group.options)
    if not 1 <= k <= count:
        raise ResolveError(f"{element_id} has {count} choices; {k} is not one of them")
    if isinstance(group, AlternativeGroup):
        chosen = group.alternatives[k - 1]
        if not text[chosen.inner_start : chosen.inner_end].strip():
            edits: tuple[Edit, ...] = (deletion(text, group.start, group.end),)
        else:
            edits = (
                Edit(group.start, text[group.start : chosen.inner_start], ""),
                Edit(chosen.inner_end, text[chosen.inner_end : group.end], ""),
            )
    else:
        option = group.options[k - 1]
        body = _body_start(text, option.label_end, option.end)
        if option.zero or body >= option.end:
            edits = (deletion(text, group.start, group.end),)
        else:
            edits = tuple(
                e
                for e in (
                    Edit(group.start, text[group.start : body], ""),
                    Edit(option.end, text[option.end : group.end], ""),
                )
                if e.old
            )
    return finish(draft, ChangeKind.CHOOSE, element_id, edits, choice=k)


def amend(
    draft: Draft, element_id: str, new_text: str, *, keep_brackets: bool = True
) -> tuple[Draft, Change]:
    """Replaces a bracket's wording (a group's: the whole group) with `new_text`, bracketed or not."""
    element = find_element(draft, element_id)
    text = draft.text
    if isinstance(element, Bracket) and keep_brackets:
        edit = Edit(element.inner_start, text[element.inner_start : element.inner_end], new_text)
    elif isinstance(element, Bracket) or not keep_brackets:
        if not new_text:
            edit = deletion(text, element.start, element.end)
        else:
            edit = Edit(element.start, text[element.start : element.end], new_text)
    else:
        edit = Edit(element.start, text[element.start : element.end], f"[{new_text}]")
    return finish(draft, ChangeKind.AMEND, element_id, (edit,), text=new_text)


def bracket(draft: Draft, start: int, end: int) -> tuple[Draft, Change]:
    """Puts new brackets around `text[start:end]`, which must not cut through another bracket."""
    _check_span(draft, start, end)
    edits = (Edit(start, "", "["), Edit(end, "", "]"))
    new, change = finish(draft, ChangeKind.BRACKET, "", edits)
    return _named_by_new_bracket(draft, new, change, start, end + 2)


def propose(draft: Draft, at: int, text: str) -> tuple[Draft, Change]:
    """Inserts a new bracketed proposal `[text]` at offset `at`."""
    if not text or "[" in text or "]" in text:
        raise ResolveError("a proposal is some text without square brackets of its own")
    _check_span(draft, at, at)
    new, change = finish(draft, ChangeKind.PROPOSE, "", (Edit(at, "", f"[{text}]"),), text=text)
    return _named_by_new_bracket(draft, new, change, at, at + len(text) + 2)


def _named_by_new_bracket(
    draft: Draft, new: Draft, change: Change, start: int, end: int
) -> tuple[Draft, Change]:
    created = next((b for b in new.brackets if (b.start, b.end) == (start, end)), None)
    if created is None:
        raise ResolveError(f"offsets {start}-{end - 2}: the new brackets would not pair with each other here")
    return new, replace(change, target=created.id)


def _check_span(draft: Draft, start: int, end: int) -> None:
    if not 0 <= start <= end <= len(draft.text):
        raise ResolveError(f"span {start}-{end} is outside the text (0-{len(draft.text)})")
    for b in draft.brackets:
        if (start <= b.start < end) != (start < b.end <= end) and b.start < end and b.end > start:
            line, column = draft.line_column(b.start)
            raise ResolveError(
                f"span {start}-{end} cuts through bracket {b.id} (line {line}, column {column})"
            )
    for d in draft.errors:
        if start <= d.offset < end:
            raise ResolveError(
                f"span {start}-{end} holds an unbalanced bracket (line {d.line}, column {d.column})"
            )


def _body_start(text: str, label_end: int, end: int) -> int:
    """Where an option's text starts: after its label, its spaces and, for a label on its own line, the break."""
    position = label_end
    while position < end and text[position] in HORIZONTAL_SPACE:
        position += 1
    if text.startswith("\r\n", position):
        position += 2
    elif position < end and text[position] in LINE_BREAKS:
        position += 1
    return position


def deletion(text: str, start: int, end: int) -> Edit:
    """The edit that deletes `text[start:end]` by the spacing rule of this module's docstring."""
    before = start
    while before > 0 and text[before - 1] in HORIZONTAL_SPACE:
        before -= 1
    after = end
    while after < len(text) and text[after] in HORIZONTAL_SPACE:
        after += 1
    following = text[after : after + 1]
    preceding = text[before - 1 : before] if before > 0 else ""
    starts_line = preceding in ("", *LINE_BREAKS)
    line_end = following in ("", *LINE_BREAKS)
    if line_end or following in CLOSING_PUNCTUATION:
        cut_start = start if starts_line else before
        cut_end = after if line_end else end
    elif (start > before or starts_line or preceding in OPENING) and after > end:
        cut_start, cut_end = start, after
    else:
        cut_start, cut_end = start, end
    return Edit(cut_start, text[cut_start:cut_end], "")


# --- making and applying changes -----------------------------------------------


def finish(
    draft: Draft,
    kind: ChangeKind,
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


def apply_change(
    draft: Draft, change: Change, kind: ChangeKind | None = None, refers: int | None = None
) -> tuple[Draft, Change]:
    """Applies a recorded change again (redo, another process's change), giving its ids back."""
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
    draft: Draft, change: Change, later: Sequence[Change], kind: ChangeKind, refers: int | None
) -> tuple[Draft, Change]:
    """Undoes `change` in `draft`, which has had the `later` changes since (none for a plain undo).

    Refused when a later change touched the text `change` produced: its span no longer exists.
    """
    inverse = change.inverse(kind, refers)
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


def replay(base: Draft, changes: Iterable[Change]) -> Draft:
    """The draft after `changes`, applied to the text alone, then parsed once with the ids they recorded."""
    text = base.text
    brackets = _BracketChars(base)
    options = {g.start: g.id for g in base.option_groups}
    for change in changes:
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
        return with_option_ids(base, options)
    fmt = base.source_format
    draft = build_draft(text, LineTable.from_lines(lex_lines(text, fmt.value)), fmt, carried)
    return with_option_ids(draft, options)


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
