"""Labelled options (`Option 1:` ... `Option 2:`): which labels form a group, and where each option ends.

Labels of one style (1, 2, 3 / I, II / (a), (b) / A, B) inside the same
bracket form a group; a label numbered 1 (or I, (a), A) starts a new group,
so options nest (Option A/B inside Option 1). An option runs to the next label
of its group. The last one ends where its bracket closes, at an `{end of Option}`
note, at the end of its paragraph when the label is inline, or at the next
heading when the label stands on a line of its own (it then covers paragraphs).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from drafter.text.ids import IdAllocator, span_digest
from drafter.text.model import Bracket, Note, NoteKind, Option, OptionGroup, Paragraph, ParagraphKind

LABEL = re.compile(r"Option\s+(\d+|[IVX]+|\([a-z]{1,3}\)|[A-Z])(.*?)\s*:?\s*$", re.DOTALL)
ROMAN = {"I": 1, "V": 5, "X": 10}
PARAGRAPH_RANGE = re.compile(r"\(paragraphs?\s+([^)\s–-]+)(?:\s*(?:[–-]|and|to)\s*([^)\s]+))?\)")
LONE_NUMBER_LINE = re.compile(r"(?:\r\n|\r|\n)[ \t]*\d{1,3}[ \t]*$")
RANGE_ENDERS = frozenset(
    {ParagraphKind.OPERATIVE, ParagraphKind.HEADING, ParagraphKind.OPTION, ParagraphKind.TEXT}
)
ZERO_OPTION = re.compile(r"[\s\[{*]*no\s+(?:text|provision)\b", re.IGNORECASE)


def _style_and_value(number: str) -> tuple[str, int]:
    if number.isdigit():
        return "arabic", int(number)
    if number.startswith("("):
        return "parenthesised", ord(number[1]) - ord("a") + 1
    if set(number) <= set(ROMAN):
        total, previous = 0, 0
        for char in reversed(number):
            value = ROMAN[char]
            total += -value if value < previous else value
            previous = max(previous, value)
        return "roman", total
    return "letter", ord(number) - ord("A") + 1


@dataclass(slots=True)
class _Label:
    start: int
    label_end: int
    label: str
    number: str
    style: str
    first: bool
    container: int | None  # start of the enclosing bracket's "["
    standalone: bool


@dataclass(slots=True)
class _Group:
    style: str
    container: int | None
    labels: list[_Label] = field(default_factory=list)
    closed_at: int | None = None


def _parse_label(text: str, start: int, value: str, container: int | None) -> _Label | None:
    stripped = value.strip()
    match = LABEL.match(stripped)
    if match is None:
        return None
    style, ordinal = _style_and_value(match.group(1))
    suffix = re.sub(r"\(paragraphs?[^)]*\)|[*:]", " ", match.group(2))
    suffix = " ".join(suffix.split())
    label_start = start + len(value) - len(value.lstrip())
    label_end = start + len(value.rstrip())
    return _Label(
        start=label_start,
        label_end=label_end,
        label=stripped,
        number=f"{match.group(1)} {suffix}".strip(),
        style=style,
        first=ordinal == 1 and not suffix,
        container=container,
        standalone=label_stands_alone(text, label_start, label_end),
    )


def label_stands_alone(text: str, label_start: int, label_end: int) -> bool:
    """Whether an option label has a line of its own (its option then runs to the next heading)."""
    line_end = text.find("\n", label_end)
    rest = text[label_end : len(text) if line_end < 0 else line_end]
    before = text[text.rfind("\n", 0, label_start) + 1 : label_start]
    return not rest.strip(" \t\u00a0*[]\r\f") and not before.strip(" \t\u00a0*[")


def group_options(
    text: str,
    labels: list[tuple[int, str, int | None]],
    brackets: tuple[Bracket, ...],
    paragraphs: tuple[Paragraph, ...],
    notes: tuple[Note, ...],
) -> tuple[OptionGroup, ...]:
    bracket_end = {b.start: b.end for b in brackets}
    groups: list[_Group] = []
    open_groups: list[_Group] = []
    for start, value, container in labels:
        label = _parse_label(text, start, value, container)
        if label is None:
            continue
        # Groups whose bracket closed before this label are over.
        open_groups = [
            g
            for g in open_groups
            if g.container is None or bracket_end.get(g.container, len(text)) > label.start
        ]
        match = next(
            (
                i
                for i in range(len(open_groups) - 1, -1, -1)
                if open_groups[i].style == label.style and open_groups[i].container == label.container
            ),
            None,
        )
        if match is not None and not label.first:
            for nested in open_groups[match + 1 :]:
                nested.closed_at = label.start
            open_groups = open_groups[: match + 1]
            open_groups[match].labels.append(label)
            continue
        if match is not None:  # a new "Option 1" of the same style ends the earlier group
            open_groups[match].closed_at = label.start
            for nested in open_groups[match + 1 :]:
                nested.closed_at = label.start
            open_groups = open_groups[:match]
        group = _Group(label.style, label.container, [label])
        groups.append(group)
        open_groups.append(group)
    return _finish(text, groups, bracket_end, paragraphs, notes)


def _finish(
    text: str,
    groups: list[_Group],
    bracket_end: dict[int, int],
    paragraphs: tuple[Paragraph, ...],
    notes: tuple[Note, ...],
) -> tuple[OptionGroup, ...]:
    heading_starts = [p.start for p in paragraphs if p.kind is ParagraphKind.HEADING]
    paragraph_starts = [p.start for p in paragraphs]
    page_furniture = [
        (p.start, p.end) for p in paragraphs if p.kind in (ParagraphKind.PAGE_HEADER, ParagraphKind.FOOTNOTE)
    ]
    end_notes = sorted(n.start for n in notes if n.kind is NoteKind.OPTION_END)
    result: list[OptionGroup] = []
    allocator = IdAllocator()
    for group in groups:
        if len(group.labels) < 2 and not _is_zero(text, group.labels[0], len(text)):
            # A lone label is not a choice unless it is the zero option of a longer list.
            continue
        last = group.labels[-1]
        limit = len(text) if group.container is None else bracket_end.get(group.container, len(text)) - 1
        if group.closed_at is not None:
            limit = min(limit, group.closed_at)
        if last.standalone:
            nxt = bisect.bisect_right(heading_starts, last.label_end)
            if nxt < len(heading_starts):
                limit = min(limit, heading_starts[nxt])
        else:
            nxt = bisect.bisect_right(paragraph_starts, last.label_end)
            if nxt < len(paragraph_starts):
                limit = min(limit, paragraph_starts[nxt])
        nxt_note = bisect.bisect_right(end_notes, last.label_end)
        if nxt_note < len(end_notes):
            limit = min(limit, end_notes[nxt_note])
        options = []
        for i, label in enumerate(group.labels):
            end = group.labels[i + 1].start if i + 1 < len(group.labels) else limit
            end = min(end, _range_end(label, paragraphs, end))
            end = max(label.label_end, _trim(text, label.label_end, end, page_furniture))
            options.append(
                Option(
                    label.label, label.number, label.start, label.label_end, end, _is_zero(text, label, end)
                )
            )
        start, end = options[0].start, options[-1].end
        group_id = allocator.allocate("o" + span_digest(text, start, end))
        result.append(OptionGroup(group_id, start, end, tuple(options)))
    result.sort(key=lambda g: g.start)
    return tuple(result)


def _range_end(label: _Label, paragraphs: tuple[Paragraph, ...], default: int) -> int:
    """Where "Option 2: (paragraphs 134-134quater)" ends: after paragraph 134quater and its sub-paragraphs."""
    match = PARAGRAPH_RANGE.search(label.label)
    if match is None:
        return default
    last = _paragraph_key(match.group(2) or match.group(1))
    inside = False
    for paragraph in paragraphs:
        if paragraph.start < label.label_end or paragraph.start >= default:
            continue
        if inside and paragraph.kind in RANGE_ENDERS:
            return paragraph.start
        if paragraph.number is not None and _paragraph_key(paragraph.number) == last:
            inside = True
    return default


def _paragraph_key(number: str) -> str:
    return re.sub(r"[\s.]", "", number).lower()


def _trim(text: str, start: int, end: int, page_furniture: list[tuple[int, int]]) -> int:
    """Moves `end` back over trailing white space, page headers, footnotes and footnote numbers.

    They belong to the page, not to the option: choosing another option must not delete them.
    """
    furniture_starts = [furniture_start for furniture_start, _ in page_furniture]
    while end > start:
        if text[end - 1] in " \t\u00a0\r\n\f":
            end -= 1
            continue
        i = bisect.bisect_right(furniture_starts, end - 1) - 1
        if i >= 0 and page_furniture[i][0] >= start and end <= page_furniture[i][1]:
            end = page_furniture[i][0]
            continue
        number = LONE_NUMBER_LINE.search(text, start, end)
        if number is not None:
            end = number.start()
            continue
        break
    return end


def _is_zero(text: str, label: _Label, end: int) -> bool:
    return ZERO_OPTION.match(text, label.label_end, max(label.label_end, end)) is not None
