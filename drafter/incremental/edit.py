"""Editing a draft without re-parsing all of it.

`apply_edits` replaces spans of a `Draft`'s text and returns the new `Draft`:
only the lines an edit touches are lexed again (their token tuples are spliced
into the line table), then the model is rebuilt from the table. A bracket whose
`[` and `]` both lie outside every replaced span keeps its id, and so does a
labelled option group whose first label lies outside them, so positions and
history recorded against an id survive edits elsewhere, even inside the bracket.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence

from drafter.incremental.offsets import Edit, OffsetMap, Span, apply_text, carried_ids, moved_spans
from drafter.incremental.window import Region, build_window
from drafter.text.build import build_draft
from drafter.text.lines import LineTable, LineTokens, lex_lines
from drafter.text.model import Draft, OptionGroup, SourceFormat

LINE_BREAK_CHARS = "\r\n\f"


def replace(draft: Draft, start: int, end: int, new_text: str) -> Draft:
    """`draft` with `text[start:end]` replaced by `new_text`."""
    return apply_edits(draft, (Edit(start, draft.text[start:end], new_text),))


def apply_edits(
    draft: Draft,
    edits: Sequence[Edit],
    *,
    bracket_ids: Iterable[tuple[int, int, str]] = (),
    option_ids: Iterable[tuple[int, str]] = (),
) -> Draft:
    """`draft` after `edits` (sorted by start, not overlapping, offsets in `draft.text`).

    `bracket_ids` ((start, end, id), in the new text) and `option_ids` ((first
    label start, id)) name brackets and option groups that an edit brings back,
    as undo does, so they get their old ids again.
    """
    return apply_edits_tracked(draft, edits, bracket_ids=bracket_ids, option_ids=option_ids)[0]


def apply_edits_tracked(
    draft: Draft,
    edits: Sequence[Edit],
    *,
    bracket_ids: Iterable[tuple[int, int, str]] = (),
    option_ids: Iterable[tuple[int, str]] = (),
) -> tuple[Draft, list[Span | None], Region | None]:
    """`apply_edits`, also giving where brackets went (None: an edit replaced their `[` or `]`) and the
    rebuilt window, if only a window was rebuilt: then only the window's brackets are listed, since
    nothing outside it changed but its offsets; otherwise every bracket of `draft` is.
    """
    edits = sorted(edits, key=lambda e: e.start)
    if not edits:
        return draft, [(b.start, b.end) for b in draft.brackets], None
    text = apply_text(draft.text, edits)
    offsets = OffsetMap(edits)
    table = _relex(draft, text, edits)
    forced = {(start, end): bracket_id for start, end, bracket_id in bracket_ids}
    windowed = build_window(draft, text, table, edits, forced)
    if windowed is not None:
        new, moved, region = windowed
    else:
        moved = moved_spans(((b.start, b.end) for b in draft.brackets), edits)
        carried = carried_ids(draft.brackets, moved, forced)
        new, region = build_draft(text, table, draft.source_format, carried, readings=draft.readings), None
    carried_options = {
        new_start: group.id
        for group in draft.option_groups
        if (new_start := offsets.char(group.start)) is not None
    }
    carried_options.update(option_ids)
    return with_option_ids(new, carried_options), moved, region


def with_option_ids(draft: Draft, ids: Mapping[int, str]) -> Draft:
    """`draft` with option groups renamed by the start of their first label (unnamed ones stay unique)."""
    if not draft.option_groups or not ids:
        return draft
    groups: list[OptionGroup] = []
    changed = False
    for group in draft.option_groups:
        wanted = ids.get(group.start)
        if wanted is not None and wanted != group.id:
            group = dataclasses.replace(group, id=wanted)
            changed = True
        groups.append(group)
    if not changed:
        return draft
    taken = {g.id for g in groups if ids.get(g.start) == g.id}
    unique: list[OptionGroup] = []
    for group in groups:
        if ids.get(group.start) != group.id:
            base, n, candidate = group.id.split("-")[0], 1, group.id
            while candidate in taken:
                n += 1
                candidate = f"{base}-{n}"
            group = dataclasses.replace(group, id=candidate)
        taken.add(group.id)
        unique.append(group)
    return dataclasses.replace(draft, option_groups=tuple(unique))


def _relex(draft: Draft, text: str, edits: Sequence[Edit]) -> LineTable:
    """The line table of `text`: the lines the edits touch are lexed again, the rest is reused."""
    old = draft.lines
    fmt = draft.source_format
    if fmt is SourceFormat.MARKDOWN and _front_matter_at_stake(draft, text, edits):
        return LineTable.from_lines(lex_lines(text, fmt.value))
    delta = sum(e.delta for e in edits)
    first = old.line_index(edits[0].start)
    last = old.line_index(edits[-1].end)
    count = len(old.starts)
    while True:
        old_start = old.starts[first]
        old_end = old.starts[last + 1] if last + 1 < count else len(draft.text)
        new_start, new_end = old_start, old_end + delta
        chunk = text[new_start:new_end]
        # Grow the chunk until it is whole lines that lex as they would in the whole text: it ends with
        # a line break (or the text), and never splits a "\r\n".
        at_text_end = new_end == len(text)
        if at_text_end:
            last = count - 1
        elif not chunk or chunk[-1] not in LINE_BREAK_CHARS or text[new_end - 1 : new_end + 1] == "\r\n":
            last += 1
            continue
        if first > 0 and text[new_start - 1 : new_start + 1] == "\r\n":
            first -= 1
            continue
        break
    lines = _lex_chunk(chunk, fmt, first > 0)
    if not at_text_end:
        lines.pop()  # the empty line after the chunk's final line break belongs to the next line
    starts: list[int] = []
    position = new_start
    for line in lines:
        starts.append(position)
        position += sum(len(v) for _, v in line)
    tail_starts = old.starts[last + 1 :]
    return LineTable(
        (*old.tokens[:first], *lines, *old.tokens[last + 1 :]),
        (*old.starts[:first], *starts, *(s + delta for s in tail_starts)),
    )


def _lex_chunk(chunk: str, fmt: SourceFormat, after_start: bool) -> list[LineTokens]:
    if fmt is SourceFormat.MARKDOWN and after_start:
        # Front matter exists only at the start of a document: lex behind an empty line.
        return lex_lines("\n" + chunk, fmt.value)[1:]
    return lex_lines(chunk, fmt.value)


def _front_matter_at_stake(draft: Draft, text: str, edits: Sequence[Edit]) -> bool:
    """A Markdown edit in (or just after) the front matter, or one that may close an unclosed one."""
    front = draft.lines.front_matter_lines()
    if draft.lines.line_index(edits[0].start) <= front:
        return True
    return front == 0 and text.startswith("---")
