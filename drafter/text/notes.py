"""Curly-brace notes (the facilitators' voice) and placeholders (`[X] per cent`, `20XX`, `USD X.X million`)."""

from __future__ import annotations

import bisect
import re

from drafter.text.model import Bracket, Note, NoteKind, Placeholder
from drafter.text.scan import Line

PLACEHOLDER_BRACKET = re.compile(
    r"\s*(?:-?\s*[XYZ](?:\.[XYZ])*|[XYZ]\s*-\s*[XYZ]|year\s+[xX]|\d*X{1,2}|placeholder\b.*)\s*",
    re.IGNORECASE | re.DOTALL,
)
PLACEHOLDER_TEXT = re.compile(
    r"USD\s+X(?:\.X)*(?:\s+(?:million|billion|trillion))?|(?<![\w.\-])(?:(?:19|20)XX|[XYZ](?:\.[XYZ])*)(?![\w\-])"
)
NOTE_KINDS = (
    (re.compile(r"\s*note\b", re.IGNORECASE), NoteKind.NOTE),
    (re.compile(r"\s*placement", re.IGNORECASE), NoteKind.PLACEMENT),
    (re.compile(r"\s*end of option", re.IGNORECASE), NoteKind.OPTION_END),
    (re.compile(r"\s*placeholder", re.IGNORECASE), NoteKind.PLACEHOLDER),
    (re.compile(r"\s*no text", re.IGNORECASE), NoteKind.NO_TEXT),
    (re.compile(r".*\b(?:linked|in tandem)\b", re.IGNORECASE | re.DOTALL), NoteKind.LINKED),
)


def notes_of(text: str, brace_pairs: list[tuple[int, int]], lines: list[Line]) -> tuple[Note, ...]:
    notes = []
    line_text = {line.start: line.text for line in lines}
    for start, end in sorted(brace_pairs):
        inner = text[start + 1 : end - 1]
        kind = next((k for pattern, k in NOTE_KINDS if pattern.match(inner)), None)
        if kind is None:
            alone = (
                text[start - 1 : start] in ("", "\n", "\r", "\f")
                and line_text.get(start, "").strip() == text[start:end]
            )
            kind = NoteKind.SUBHEADING if alone else NoteKind.NOTE
        notes.append(Note(kind, start, end, inner))
    return tuple(notes)


def placeholders_of(
    text: str, brackets: tuple[Bracket, ...], notes: tuple[Note, ...]
) -> tuple[Placeholder, ...]:
    found: list[Placeholder] = []
    covered: list[tuple[int, int]] = []
    for bracket in brackets:
        if not bracket.children and PLACEHOLDER_BRACKET.fullmatch(text, bracket.start + 1, bracket.end - 1):
            found.append(Placeholder(bracket.start, bracket.end, text[bracket.start : bracket.end]))
            covered.append((bracket.start, bracket.end))
    for note in notes:
        if note.kind is NoteKind.PLACEHOLDER:
            found.append(Placeholder(note.start, note.end, text[note.start : note.end]))
            covered.append((note.start, note.end))
    covered.sort()
    covered_starts = [s for s, _ in covered]
    for match in PLACEHOLDER_TEXT.finditer(text):
        i = bisect.bisect_right(covered_starts, match.start()) - 1
        if i < 0 or match.start() >= covered[i][1]:
            found.append(Placeholder(match.start(), match.end(), match.group()))
    found.sort(key=lambda p: p.start)
    return tuple(found)
