"""Disputed elements: what a facilitator walks through and Parties take positions on.

An element is a bracket on its own, a group of adjacent alternatives (`[shall][should]`, one element,
not one per bracket) or a group of labelled options. They are derived from the draft's model; after a
change, the elements the change's edits did not reach are taken over, moved, instead of made again.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from drafter.incremental.offsets import Edit
from drafter.negotiation.choices import Choices
from drafter.text.model import Bracket, Draft, ParagraphKind


class ElementKind(StrEnum):
    BRACKET = "bracket"
    ALTERNATIVES = "alternatives"
    OPTIONS = "options"


@dataclass(frozen=True, slots=True)
class Element:
    """A disputed element: a bracket, a group of adjacent alternatives or of labelled options."""

    id: str
    kind: ElementKind
    start: int
    end: int
    choices: Choices  # the bracket's text; each alternative's text; each option's text (spans, read lazily)
    depth: int  # brackets around it, itself included for a bracket
    zero: tuple[int, ...] = ()  # 1-based numbers of zero options ("No text")

    @property
    def is_group(self) -> bool:
        """A group of alternatives or options: resolved by choosing one, not by keeping it."""
        return self.kind is not ElementKind.BRACKET


class ElementIndex:
    """The elements of the draft now, kept until the draft changes; found again cheaply after a change."""

    def __init__(self) -> None:
        self._draft: Draft | None = None
        self._elements: tuple[Element, ...] = ()
        self._by_id: dict[str, Element] = {}
        # The draft before the last change and that change's edits: most elements carry over from it.
        self._edited_from: tuple[Draft, tuple[Edit, ...]] | None = None

    def changed(self, before: Draft, edits: tuple[Edit, ...]) -> None:
        """The draft is about to become `before` with `edits` applied: its elements may carry over."""
        self._edited_from = (before, edits) if edits else None

    def of(self, draft: Draft) -> tuple[tuple[Element, ...], dict[str, Element]]:
        """Every element of `draft` in document order, and the same by id."""
        if self._draft is not draft:
            edited = self._edited_from
            carried = None
            if self._draft is not None and edited is not None and edited[0] is self._draft:
                carried = _Carried(self._by_id, edited[1], draft.text)
            self._elements = derive_elements(draft, carried)
            self._by_id = {e.id: e for e in self._elements}
            self._draft = draft
        return self._elements, self._by_id


def bracket_element(text: str, bracket: Bracket) -> Element:
    return Element(
        bracket.id,
        ElementKind.BRACKET,
        bracket.start,
        bracket.end,
        Choices(text, ((bracket.inner_start, bracket.inner_end),)),
        bracket.depth,
    )


class _Carried:
    """The elements of the draft before some edits, to take over where the edits left them as they were:
    an element the edits do not reach, whose bracket or group came out the same, only moved."""

    def __init__(self, elements: Mapping[str, Element], edits: Sequence[Edit], text: str) -> None:
        self._elements = elements
        self._text = text  # the draft's text after the edits
        self._low, self._high = edits[0].start, edits[-1].end
        self._delta = sum(e.delta for e in edits)

    def take(self, element_id: str, start: int, end: int, depth: int, parts: int) -> Element | None:
        """The old element `element_id` moved to [start, end), if it can stand for the new one."""
        old = self._elements.get(element_id)
        if old is None or old.depth != depth or len(old.choices) != parts:
            return None
        if old.end <= self._low:
            by = 0
        elif old.start >= self._high:
            by = self._delta
        else:
            return None  # the edits reach into it: its text changed
        if old.start + by != start or old.end + by != end:
            return None
        # Moved even when `by` is 0: its choices must read the new text, or every edit would keep the
        # text before it alive.
        return _moved_element(old, by, self._text)


def _moved_element(e: Element, by: int, text: str) -> Element:
    moved: Element = _new_object(Element)
    _set_id(moved, e.id)
    _set_kind(moved, e.kind)
    _set_start(moved, e.start + by)
    _set_end(moved, e.end + by)
    _set_choices(moved, e.choices.moved(text, by))
    _set_depth(moved, e.depth)
    _set_zero(moved, e.zero)
    return moved


# Elements after an edit are moved by the thousand: setting a new element's slots directly is twice as
# fast as the frozen dataclass's __init__.
_new_object = object.__new__
_set_id, _set_kind, _set_start, _set_end, _set_choices, _set_depth, _set_zero = (
    getattr(Element, name).__set__ for name in ("id", "kind", "start", "end", "choices", "depth", "zero")
)
assert len(dataclasses.fields(Element)) == 7  # a new field must be set in _moved_element too


def derive_elements(draft: Draft, carried: _Carried | None = None) -> tuple[Element, ...]:
    """Every element of `draft` in document order (brackets inside an alternative group are the group).

    `carried`: elements of the draft before the last edits, taken over where they stayed the same.
    """
    text = draft.text
    grouped = {b.id for g in draft.alternative_groups for b in g.alternatives}
    found = []
    for bracket in draft.brackets:
        if bracket.id in grouped:
            continue
        element = carried.take(bracket.id, bracket.start, bracket.end, bracket.depth, 1) if carried else None
        found.append(element or bracket_element(text, bracket))
    for group in draft.alternative_groups:
        depth = group.alternatives[0].depth
        element = (
            carried.take(group.id, group.start, group.end, depth, len(group.alternatives))
            if carried
            else None
        )
        if element is None:
            choices = Choices(text, tuple((b.inner_start, b.inner_end) for b in group.alternatives))
            element = Element(group.id, ElementKind.ALTERNATIVES, group.start, group.end, choices, depth)
        found.append(element)
    depths = _depths_at(draft.brackets, [options.start for options in draft.option_groups])
    for options, depth in zip(draft.option_groups, depths, strict=True):
        found.append(
            Element(
                options.id,
                ElementKind.OPTIONS,
                options.start,
                options.end,
                Choices(text, tuple((o.start, o.end) for o in options.options)),
                depth,
                tuple(k for k, o in enumerate(options.options, 1) if o.zero),
            )
        )
    found.sort(key=lambda e: (e.start, -e.end))
    return tuple(found)


def _depths_at(brackets: Sequence[Bracket], offsets: Sequence[int]) -> list[int]:
    """How many brackets (in document order) enclose each of `offsets`: one sweep over both, so
    O(brackets + offsets) however deep the nesting (a walk up from the bracket before each offset was
    O(depth) per offset)."""
    depths = [0] * len(offsets)
    open_ends: list[int] = []  # ends of the brackets around the place swept to, innermost last
    b = 0
    for i in sorted(range(len(offsets)), key=offsets.__getitem__):
        offset = offsets[i]
        while b < len(brackets) and brackets[b].start < offset:
            while open_ends and open_ends[-1] <= brackets[b].start:
                open_ends.pop()
            open_ends.append(brackets[b].end)
            b += 1
        while open_ends and open_ends[-1] <= offset:
            open_ends.pop()
        depths[i] = len(open_ends)
    return depths


def amendable_wording(draft: Draft, element: Element) -> str:
    """The wording an amendment starts from: a bracket's text, a group's alternatives joined, or the
    options' whole text (a group becomes one bracketed wording when amended)."""
    if element.kind is ElementKind.BRACKET:
        return element.choices[0]
    if element.kind is ElementKind.ALTERNATIVES:
        return " / ".join(element.choices)
    return draft.text[element.start : element.end]


class Likeness(StrEnum):
    """Where to look for elements of the same wording: the element's section, or the whole text."""

    SECTION = "section"
    TEXT = "text"


def elements_like(
    draft: Draft, elements: Sequence[Element], element: Element, scope: Likeness
) -> tuple[Element, ...]:
    """The other elements of the same kind and wording (white space aside) as `element`, in `scope`.

    `[Decides][Requests]` occurs many times in one section: a Party's stance is the same at each.
    """

    def wording(e: Element) -> tuple[str, ...]:
        return tuple(" ".join(c.split()) for c in e.choices)

    same = wording(element)
    wanted = [len(c) for c in same]

    def could_be_same(e: Element) -> bool:
        # Collapsing white space never lengthens a text: a shorter choice cannot have the same wording.
        # This spares reading most elements (each nested bracket's choice is most of the nest).
        lengths = e.choices.lengths()
        return len(lengths) == len(wanted) and all(n >= w for n, w in zip(lengths, wanted, strict=True))

    low, high = 0, len(draft.text)
    if scope is Likeness.SECTION:
        headings = [p.start for p in draft.paragraphs if p.kind is ParagraphKind.HEADING]
        at = bisect.bisect_right(headings, element.start)
        low = headings[at - 1] if at else 0
        high = headings[at] if at < len(headings) else len(draft.text)
    return tuple(
        e
        for e in elements
        if e.id != element.id
        and e.kind is element.kind
        and low <= e.start < high
        and could_be_same(e)
        and wording(e) == same
    )


def reference(draft: Draft, element: Element) -> str:
    """Where the element is, as a negotiator says it: its paragraph's reference (`III.B 24(n)`), else its line."""
    return draft.reference_at(element.start) or f"line {draft.line_column(element.start)[0]}"
