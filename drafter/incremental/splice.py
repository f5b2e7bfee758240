"""Putting a window's rebuilt model into the draft: the model before the window stays, the window's
model is placed at its offset, and the model after it moves by the length difference."""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Mapping, Sequence
from typing import Protocol, TypeVar

from drafter.text.brackets import slash_candidates
from drafter.text.lines import LineTable
from drafter.text.model import (
    AlternativeGroup,
    Bracket,
    Diagnostic,
    Draft,
    Marker,
    Markup,
    Note,
    Option,
    OptionGroup,
    Paragraph,
    Placeholder,
)
from drafter.text.options import LABEL_LEAD


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def start_of(item: _Spanned) -> int:
    """The sort key of the model's lists (for bisection)."""
    return item.start


def splice(
    draft: Draft,
    part: Draft,
    text: str,
    table: LineTable,
    start: int,
    old_end: int,
    delta: int,
    first_line: int,
    line_delta: int,
    enclosing: Sequence[Bracket],
) -> Draft:
    """`draft` with the model of [start, old_end) replaced by `part` (built at offset 0), the rest moved,
    and the brackets `enclosing` the window (outermost first) stretched over its new text. Everything
    else lies wholly before or after the window, so sorted lists split where it starts and ends."""

    def before(items: Sequence[_T]) -> Sequence[_T]:
        return items[: bisect.bisect_left(items, start, key=start_of)]

    def after(items: Sequence[_T]) -> Sequence[_T]:
        return items[bisect.bisect_left(items, old_end, key=start_of) :]

    parent = enclosing[-1].id if enclosing else None
    window_brackets = [_placed_bracket(b, start, len(enclosing), parent) for b in part.brackets]
    head = before(draft.brackets)
    if enclosing:
        stretched = _stretched(draft, enclosing, window_brackets, text, start, old_end, delta)
        head = [stretched.get(b.id, b) for b in head]
    brackets = (*head, *window_brackets, *(_moved_bracket(b, delta) for b in after(draft.brackets)))
    by_id = {b.id: b for b in brackets}
    groups = (
        *(
            g if g.end <= start else AlternativeGroup(g.id, g.start, g.end + delta, _current(g, by_id))
            for g in before(draft.alternative_groups)
        ),
        *(_moved_group(g, start, by_id) for g in part.alternative_groups),
        *(_moved_group(g, delta, by_id) for g in after(draft.alternative_groups)),
    )
    option_groups = (
        *before(draft.option_groups),
        *(_moved_options(g, start) for g in part.option_groups),
        *(_moved_options(g, delta) for g in after(draft.option_groups)),
    )
    window_lines = first_line  # part's line 1 is the window's first line
    diagnostic_offsets = [d.offset for d in draft.diagnostics]
    return Draft(
        text=text,
        source_format=draft.source_format,
        brackets=brackets,
        alternative_groups=groups,
        option_groups=option_groups,
        paragraphs=(
            *before(draft.paragraphs),
            *(_moved_paragraph(p, start, window_lines) for p in part.paragraphs),
            *(_moved_paragraph(p, delta, line_delta) for p in after(draft.paragraphs)),
        ),
        notes=_spliced(before(draft.notes), part.notes, after(draft.notes), start, delta),
        placeholders=_spliced(
            before(draft.placeholders), part.placeholders, after(draft.placeholders), start, delta
        ),
        markers=_spliced(before(draft.markers), part.markers, after(draft.markers), start, delta),
        markup=_spliced(before(draft.markup), part.markup, after(draft.markup), start, delta),
        diagnostics=(
            *(
                _moved_related(d, old_end, delta)
                for d in draft.diagnostics[: bisect.bisect_left(diagnostic_offsets, start)]
            ),
            *(_moved_diagnostic(d, start, window_lines) for d in part.diagnostics),
            *(
                _moved_diagnostic(d, delta, line_delta)
                for d in draft.diagnostics[bisect.bisect_left(diagnostic_offsets, old_end) :]
            ),
        ),
        page_breaks=(
            *[p for p in draft.page_breaks if p < start],
            *[p + start for p in part.page_breaks],
            *[p + delta for p in draft.page_breaks if p >= old_end],
        ),
        lines=table,
        option_labels=_spliced_labels(draft, part, text, start, old_end, delta, enclosing),
        readings=draft.readings,
    )


def _spliced_labels(
    draft: Draft,
    part: Draft,
    text: str,
    start: int,
    old_end: int,
    delta: int,
    enclosing: Sequence[Bracket],
) -> tuple[tuple[int, str, int | None], ...]:
    """The option labels of the spliced draft: the window's top-level labels sit in its innermost
    enclosing bracket that no label opens (`drafter.text.options.label_containers`)."""
    labels = draft.option_labels
    label_starts = [p + len(v) - len(v.lstrip()) for p, v, _ in labels]
    outer = next(
        (b.start for b in reversed(enclosing) if not _opened_by_label(text, b.start, label_starts)), None
    )
    return (
        *labels[: bisect.bisect_left(labels, (start,))],
        *((p + start, value, outer if c is None else c + start) for p, value, c in part.option_labels),
        *(
            (p + delta, value, c if c is None or c < old_end else c + delta)
            for p, value, c in labels[bisect.bisect_left(labels, (old_end,)) :]
        ),
    )


def _opened_by_label(text: str, bracket_start: int, label_starts: Sequence[int]) -> bool:
    """Whether an option label opens the bracket at `bracket_start` (before the window: its labels there
    did not move)."""
    at = bracket_start + 1
    while at < len(text) and text[at] in LABEL_LEAD:
        at += 1
    i = bisect.bisect_left(label_starts, at)
    return i < len(label_starts) and label_starts[i] == at


_T = TypeVar("_T", bound=_Spanned)
_Located = TypeVar("_Located", Note, Placeholder, Marker, Markup)


def _spliced(
    head: Sequence[_Located], part: Sequence[_Located], tail: Sequence[_Located], start: int, delta: int
) -> tuple[_Located, ...]:
    spliced = list(head)
    spliced.extend(_moved_item(x, start) for x in part)
    spliced.extend(_moved_item(x, delta) for x in tail)
    return tuple(spliced)


def _moved_item(item: _Located, by: int) -> _Located:
    """The same note, placeholder, marker or markup `by` characters further (constructors are the fast way)."""
    if isinstance(item, Note):
        return Note(item.kind, item.start + by, item.end + by, item.text)
    if isinstance(item, Placeholder):
        return Placeholder(item.start + by, item.end + by, item.text)
    if isinstance(item, Marker):
        return Marker(item.kind, item.start + by, item.end + by, item.text)
    return Markup(item.kind, item.start + by, item.end + by)


def _moved_options(group: OptionGroup, by: int) -> OptionGroup:
    return OptionGroup(
        group.id,
        group.start + by,
        group.end + by,
        tuple(
            Option(o.label, o.number, o.start + by, o.label_end + by, o.end + by, o.zero)
            for o in group.options
        ),
    )


# Moving the brackets after a window is most of a splice: setting a new bracket's slots directly takes half
# the time of the frozen dataclass's __init__ (which sets each field through object.__setattr__ by name).
_new_object = object.__new__
_set_id, _set_start, _set_end, _set_depth, _set_parent, _set_children, _set_slash_candidates = (
    getattr(Bracket, name).__set__
    for name in ("id", "start", "end", "depth", "parent", "children", "slash_candidates")
)
assert len(dataclasses.fields(Bracket)) == 7  # a new field must be set in _moved_bracket too


def _moved_bracket(b: Bracket, by: int) -> Bracket:
    moved: Bracket = _new_object(Bracket)
    _set_id(moved, b.id)
    _set_start(moved, b.start + by)
    _set_end(moved, b.end + by)
    _set_depth(moved, b.depth)
    _set_parent(moved, b.parent)
    _set_children(moved, b.children)
    _set_slash_candidates(
        moved, tuple((s + by, e + by) for s, e in b.slash_candidates) if b.slash_candidates else ()
    )
    return moved


def _placed_bracket(b: Bracket, by: int, depth: int, parent: str | None) -> Bracket:
    """A bracket of the window's build in the draft: `by` further, inside `depth` more brackets, the
    top ones in `parent`."""
    if not depth:
        return _moved_bracket(b, by)
    moved = _moved_bracket(b, by)
    _set_depth(moved, b.depth + depth)
    if b.parent is None:
        _set_parent(moved, parent)
    return moved


def _stretched(
    draft: Draft,
    enclosing: Sequence[Bracket],
    window_brackets: Sequence[Bracket],
    text: str,
    start: int,
    old_end: int,
    delta: int,
) -> dict[str, Bracket]:
    """The brackets enclosing the window after the edits: their "]" moved, and the innermost one's
    children and slash-separated pieces taken anew (the outer ones' pieces only move)."""
    by_id = draft.bracket_by_id
    stretched = {}
    for bracket in enclosing[:-1]:
        pieces = tuple(
            (s if s < start else s + delta, e if e <= start else e + delta)
            for s, e in bracket.slash_candidates
        )
        stretched[bracket.id] = dataclasses.replace(bracket, end=bracket.end + delta, slash_candidates=pieces)
    innermost = enclosing[-1]
    before = [c for c in innermost.children if by_id[c].start < start]
    after = [by_id[c] for c in innermost.children if by_id[c].start >= old_end]
    tops = [b for b in window_brackets if b.parent == innermost.id]
    spans = [(by_id[c].start, by_id[c].end) for c in before]
    spans += [(b.start, b.end) for b in tops] + [(b.start + delta, b.end + delta) for b in after]
    end = innermost.end + delta
    stretched[innermost.id] = dataclasses.replace(
        innermost,
        end=end,
        children=(*before, *(b.id for b in tops), *(b.id for b in after)),
        slash_candidates=slash_candidates(text, innermost.start, end, spans),
    )
    return stretched


def _current(group: AlternativeGroup, brackets: Mapping[str, Bracket]) -> tuple[Bracket, ...]:
    return tuple(brackets[b.id] for b in group.alternatives)


def _moved_group(group: AlternativeGroup, by: int, brackets: Mapping[str, Bracket]) -> AlternativeGroup:
    return AlternativeGroup(
        group.id, group.start + by, group.end + by, tuple(brackets[b.id] for b in group.alternatives)
    )


def _moved_paragraph(p: Paragraph, by: int, lines: int) -> Paragraph:
    return Paragraph(p.kind, p.number, p.start + by, p.end + by, p.line + lines, p.level)


def _moved_diagnostic(d: Diagnostic, by: int, lines: int) -> Diagnostic:
    related = None if d.related is None else d.related + by
    return dataclasses.replace(d, offset=d.offset + by, line=d.line + lines, related=related)


def _moved_related(d: Diagnostic, old_end: int, delta: int) -> Diagnostic:
    """A diagnostic before the window whose other end lies after it (a pair enclosing the window)."""
    if d.related is None or d.related < old_end:
        return d
    return dataclasses.replace(d, related=d.related + delta)
