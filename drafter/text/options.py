"""Labelled options (`Option 1:` ... `Option 2:`): which labels form a group, and where each option ends.

A label is `Option 3:`, `Option 3: {title}`, `Option 3 {title}` (a brace note as its title) or
`[Option 3:` (a bracket of its own). Labels of one style (1, 2, 3 / I, II / (a), (b) / A, B) in the same
container and the same section form a group: the container is the innermost bracket around the label
that the label does not open (so `[Option 1: ...] [Option 2: ...]` are one group), the section is the
heading it stands under (options of different sections are different groups, whatever their numbers).
A label numbered 1 (or I, (a), A) starts a new group, so options nest (Option A/B inside Option 1). A
lone label is a group of one (its siblings lie outside an excerpt, or it is a zero option).
An option runs to the next label of its group. The last one ends where its container closes, at an
`{end of Option}` note, at the end of its paragraph when the label is inline, or at the next heading when
the label stands on a line of its own (it then covers paragraphs); no option runs past a heading.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from drafter.text.ids import IdAllocator, span_digest
from drafter.text.model import Bracket, Note, NoteKind, Option, OptionGroup, Paragraph, ParagraphKind
from drafter.text.references import heading_ranks

LABEL = re.compile(r"Option\s+(\d+|[IVX]+|\([a-z]{1,3}\)|[A-Z])(.*?)\s*:?\s*$", re.DOTALL)
ROMAN = {"I": 1, "V": 5, "X": 10}
PARAGRAPH_RANGE = re.compile(r"\(paragraphs?\s+([^)\s–-]+)(?:\s*(?:[–-]|and|to)\s*([^)\s]+))?\)")
LONE_NUMBER_LINE = re.compile(r"(?:\r\n|\r|\n)[ \t]*\d{1,3}[ \t]*$")
RANGE_ENDERS = frozenset(
    {ParagraphKind.OPERATIVE, ParagraphKind.HEADING, ParagraphKind.OPTION, ParagraphKind.TEXT}
)
TITLE_NOTE = re.compile(r"\{[^{}\r\n]*\}")
LABEL_LEAD = " \t\u00a0*"  # what may stand between a "[" and the label that opens its bracket
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
    section: int | None  # start of the heading it stands under


@dataclass(slots=True)
class _Group:
    style: str
    container: int | None
    section: int | None
    labels: list[_Label] = field(default_factory=list)
    closed_at: int | None = None


def _parse_label(
    text: str, start: int, value: str, container: int | None, section: int | None
) -> _Label | None:
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
        section=section,
    )


def label_stands_alone(text: str, label_start: int, label_end: int) -> bool:
    """Whether an option label has a line of its own (its option then runs to the next heading)."""
    line_end = text.find("\n", label_end)
    rest = TITLE_NOTE.sub("", text[label_end : len(text) if line_end < 0 else line_end])
    before = text[text.rfind("\n", 0, label_start) + 1 : label_start]
    return not rest.strip(" \t\u00a0*[]\r\f") and not before.strip(" \t\u00a0*[")


def group_options(
    text: str,
    labels: Sequence[tuple[int, str, int | None]],
    brackets: tuple[Bracket, ...],
    paragraphs: tuple[Paragraph, ...],
    notes: tuple[Note, ...],
) -> tuple[OptionGroup, ...]:
    bracket_end = {b.start: b.end for b in brackets}
    headings = sorted(heading_ranks(text, paragraphs))
    groups: list[_Group] = []
    open_groups: list[_Group] = []
    for start, value, container in labels:
        i = bisect.bisect_right(headings, start) - 1
        label = _parse_label(text, start, value, container, headings[i] if i >= 0 else None)
        if label is None:
            continue
        # Groups whose bracket closed before this label, or of another section, are over.
        open_groups = [
            g
            for g in open_groups
            if (g.container is None or bracket_end.get(g.container, len(text)) > label.start)
            and g.section == label.section
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
        group = _Group(label.style, label.container, label.section, [label])
        groups.append(group)
        open_groups.append(group)
    return _finish(text, groups, brackets, paragraphs, notes)


def _finish(
    text: str,
    groups: list[_Group],
    brackets: Sequence[Bracket],
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
    if not groups:
        return ()
    inside = _InnermostBracket(text, brackets)
    for group in groups:
        last = group.labels[-1]
        limit = inside.end(last.start)
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
            end = min(end, inside.end(label.start))  # "[Option 1: x] [Option 2: y]": its own bracket
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


class _InnermostBracket:
    """Where the innermost bracket around an offset closes (its "]"), or the text's end."""

    def __init__(self, text: str, brackets: Sequence[Bracket]) -> None:
        self.text_end = len(text)
        self.brackets = brackets
        self.starts = [b.start for b in brackets]
        self.by_id = {b.id: b for b in brackets}

    def end(self, offset: int) -> int:
        i = bisect.bisect_left(self.starts, offset) - 1
        bracket = self.brackets[i] if i >= 0 else None
        while bracket is not None and bracket.end <= offset:
            bracket = self.by_id[bracket.parent] if bracket.parent is not None else None
        return self.text_end if bracket is None else bracket.end - 1


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


def label_containers(
    text: str, labels: Sequence[tuple[int, str]], brackets: Sequence[Bracket]
) -> tuple[tuple[int, str, int | None], ...]:
    """Each option label (token start, value) with the start of its container: the innermost bracket
    around it that no label opens (`[Option 3: ...` is the option's own bracket, not its group's)."""
    starts = [b.start for b in brackets]
    by_id = {b.id: b for b in brackets} if labels else {}
    label_starts = {start + len(value) - len(value.lstrip()) for start, value in labels}
    found: list[tuple[int, str, int | None]] = []
    for start, value in labels:
        i = bisect.bisect_left(starts, start) - 1
        bracket = brackets[i] if i >= 0 else None
        while bracket is not None and (bracket.end <= start or _opened_by_label(text, bracket, label_starts)):
            bracket = by_id[bracket.parent] if bracket.parent is not None else None
        found.append((start, value, bracket.start if bracket is not None else None))
    return tuple(found)


def _opened_by_label(text: str, bracket: Bracket, label_starts: set[int]) -> bool:
    at = bracket.start + 1
    while at < bracket.end and text[at] in LABEL_LEAD:
        at += 1
    return at in label_starts
