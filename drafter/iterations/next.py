"""The next iteration of a draft: the consolidated text cleaned, numbered again, and its version line updated.

The consolidated text already has every resolved bracket gone. What resolutions
leave behind is cleaned up: a paragraph whose whole text was deleted leaves its
number on an empty line, and goes. Then the paragraphs are numbered again
(`drafter.iterations.renumber`; not with `keep_numbers`), the references to them
follow, and the version line ("Version of 4 December 2015@10.00") says the new
version when one is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.iterations.renumber import ORDINALS, Numbering, Renumbered
from drafter.stats.dates import VERSION_LINE, VERSION_LINE_REACH
from drafter.stats.sections import sections
from drafter.text.model import Draft, ParagraphKind
from drafter.text.parser import parse

EMPTY_MARKS = " \t\r\n\f\u00a0.,;:*_"  # what a paragraph whose text was deleted may still hold
# A paragraph number left alone on its line ('1.', '12 bis.', '(a)'): the parser reads it as text.
LONE_NUMBER = re.compile(
    rf"\s*(?:\d{{1,4}}(?:\s*(?:{ORDINALS}))?\.|\(?[a-z]{{1,2}}(?:\s*(?:{ORDINALS}))?[).])\s*"
)
CONTENT_KINDS = (
    ParagraphKind.OPERATIVE,
    ParagraphKind.SUBPARAGRAPH,
    ParagraphKind.PREAMBULAR,
    ParagraphKind.TEXT,
)

Edit = tuple[int, int, str]  # start, end, replacement


@dataclass(frozen=True, slots=True)
class Removed:
    number: str | None
    line: int  # in the consolidated text


@dataclass(frozen=True, slots=True)
class NextIteration:
    text: str
    draft: Draft
    numbers: tuple[Renumbered, ...]  # every number that changed (positions in the consolidated text)
    references: int  # references to paragraphs updated
    removed: tuple[Removed, ...]  # paragraphs left empty by resolutions
    version: tuple[str | None, str] | None  # the version line before (None: added) and after


def apply_edits(text: str, edits: list[Edit]) -> str:
    parts, at = [], 0
    for start, end, new in sorted(edits):
        parts += [text[at:start], new]
        at = end
    parts.append(text[at:])
    return "".join(parts)


def _empty_paragraphs(draft: Draft) -> tuple[list[Edit], list[Removed]]:
    text = draft.text
    edits: list[Edit] = []
    removed: list[Removed] = []
    paragraphs = draft.paragraphs
    for k, paragraph in enumerate(paragraphs):
        if paragraph.kind not in CONTENT_KINDS:
            continue
        body = text[paragraph.start : paragraph.end]
        number = paragraph.number
        if number is None and LONE_NUMBER.fullmatch(body):  # '1.' with nothing after reads as text
            number = body.strip()
        if number:
            body = body.replace(number, "", 1)
        if body.strip(EMPTY_MARKS):
            continue
        end = paragraphs[k + 1].start if k + 1 < len(paragraphs) else len(text)
        edits.append((paragraph.start, end, ""))
        removed.append(Removed(number, paragraph.line))
    return edits, removed


TITLE_LENGTH = 160  # a first paragraph longer than this, or over several lines, is no title


def _version_line(draft: Draft, version: str) -> tuple[Edit, str | None]:
    """The edit that puts `version` in place of the draft's version line, or adds it on the line after the
    title (a first paragraph of one short line), else as a paragraph of its own before the first."""
    match = VERSION_LINE.search(draft.text, 0, VERSION_LINE_REACH)
    if match is not None:
        start = match.start()
        while start > 0 and draft.text[start - 1].isalpha():  # "Edited version of …": the whole phrase
            start -= 1
        return (start, match.end(), version), draft.text[start : match.end()]
    title = next(
        (
            p
            for p in draft.paragraphs
            if p.kind not in (ParagraphKind.FRONT_MATTER, ParagraphKind.PAGE_HEADER)
        ),
        None,
    )
    newline = "\r\n" if "\r\n" in draft.text else "\n"
    if title is None:
        return (0, 0, f"{version}{newline}"), None
    written = draft.text[title.start : title.end]
    if "\n" in written or len(written) > TITLE_LENGTH:  # prose, not a title: the line goes before it
        return (title.start, title.start, f"{version}{newline}{newline}"), None
    at = title.end + len(newline) if draft.text.startswith(newline, title.end) else title.end
    return (at, at, f"{version}{newline}" if at > title.end else f"{newline}{version}"), None


def next_iteration(draft: Draft, *, version: str | None = None, keep_numbers: bool = False) -> NextIteration:
    """The next iteration of the consolidated text `draft`."""
    edits, removed = _empty_paragraphs(draft)
    gone = [(start, end) for start, end, _ in edits]
    numbers: list[Renumbered] = []
    references = 0
    if not keep_numbers:
        titles = [(s.start, s.title) for s in sections(draft)]
        numbered = {start: r.number for (start, _), r in zip(gone, removed, strict=True) if r.number}
        numbering = Numbering(draft, titles, numbered)
        numbers = [n for n in numbering.renumbered if n.new != n.old]
        edits += [(n.start, n.end, n.new) for n in numbers]
        # A reference inside a paragraph that goes goes with it.
        referenced = [e for e in numbering.references() if not any(s <= e[0] < end for s, end in gone)]
        references = len(referenced)
        edits += referenced
    version_change = None
    if version is not None:
        edit, old_line = _version_line(draft, version)
        edits.append(edit)
        version_change = (old_line, version)
    text = apply_edits(draft.text, edits)
    return NextIteration(
        text, parse(text, draft.source_format), tuple(numbers), references, tuple(removed), version_change
    )
