"""A draft cut into the units the diff aligns: its own paragraphs, each with the gap that follows it.

A unit runs from a paragraph's start to the next paragraph's start (text
before the first paragraph is a unit of its own), so the units tile the text and
joining them gives it back exactly. Units are compared by a key: the paragraph's
text without its number and with white space collapsed, so `16.` that became
`25.` with the same words has the same key.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from drafter.text.model import Draft, ParagraphKind

WHITESPACE = re.compile(r"\s+")
# Headings carry their number in the text ("## Article 3bis *(x)*", "A. [Preamble]").
HEADING_NUMBER = re.compile(
    r"[#\s\[*]*(Article\s+\d+(?:\s?(?:bis|ter|quater|quinquies|sexies|septies|octies))?|[A-Z]\.|[IVXLC]{1,6}\.)",
)
NUMBER_NOISE = re.compile(r"[\s.]")
TITLE_MARKS = re.compile(r"^[#\s]+|[*_]+")


@dataclass(frozen=True, slots=True)
class Unit:
    start: int
    end: int  # the next unit's start
    key: str
    number: str | None
    section: str  # the title of the heading this unit is under (its own, for a heading)
    line: int
    heading: bool = False


def same_number(old: str | None, new: str | None) -> bool:
    """`3bis` and `3bis.`, `15 bis.` and `15bis.` are the same number written two ways."""
    return NUMBER_NOISE.sub("", old or "") == NUMBER_NOISE.sub("", new or "")


def _strip_number(body: str, number: str | None) -> str:
    if not number:
        return body
    at = body.find(number)
    if at >= 0 and not body[:at].strip(" \t\u00a0#*[>"):
        return body[:at] + body[at + len(number) :]
    return body


def _heading_number(body: str) -> str | None:
    match = HEADING_NUMBER.match(body)
    return match.group(1) if match else None


def section_title(body: str) -> str:
    title = TITLE_MARKS.sub("", body.split("\n", 1)[0])
    title = WHITESPACE.sub(" ", title).strip()
    return title if len(title) <= 80 else title[:79] + "…"


def _without(text: str, start: int, end: int, furniture: list[tuple[int, int]], starts: list[int]) -> str:
    """`text[start:end]` without the page furniture (running headers, page numbers) inside it."""
    parts, at = [], start
    index = max(bisect.bisect_right(starts, start) - 1, 0)
    while index < len(furniture) and furniture[index][0] < end:
        low, high = furniture[index]
        if high > at:
            parts.append(text[at : max(low, at)])
            at = high
        index += 1
    parts.append(text[at:end] if at < end else "")
    return "".join(parts)


def units(draft: Draft) -> list[Unit]:
    """The draft's units. Page furniture is no unit of its own: it joins the gap of the unit before it
    and stays out of its key, so a text paginated anew (other running headers, page numbers) aligns."""
    text = draft.text
    furniture = [(p.start, p.end) for p in draft.paragraphs if p.kind is ParagraphKind.PAGE_HEADER]
    starts = [low for low, _ in furniture]
    paragraphs = [p for p in draft.paragraphs if p.kind is not ParagraphKind.PAGE_HEADER]
    found: list[Unit] = []
    if not paragraphs or paragraphs[0].start > 0:
        end = paragraphs[0].start if paragraphs else len(text)
        if end > 0:
            found.append(
                Unit(
                    0,
                    end,
                    WHITESPACE.sub(" ", _without(text, 0, end, furniture, starts)).strip(),
                    None,
                    "",
                    1,
                )
            )
    section = ""
    for i, paragraph in enumerate(paragraphs):
        end = paragraphs[i + 1].start if i + 1 < len(paragraphs) else len(text)
        body = text[paragraph.start : paragraph.end]
        number = paragraph.number
        if paragraph.kind is ParagraphKind.HEADING:
            number = number or _heading_number(body)
            section = section_title(body)
        # What lies in the gap (a footnote number on a line of its own) belongs to the key too.
        gap = _without(text, paragraph.end, end, furniture, starts)
        key = WHITESPACE.sub(" ", _strip_number(body, number) + " " + gap).strip()
        heading = paragraph.kind is ParagraphKind.HEADING
        found.append(Unit(paragraph.start, end, key, number, section, paragraph.line, heading))
    return found
