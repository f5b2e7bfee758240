"""Where Word's own list numbers will differ from drafter's text after an export.

Word counts list numbers itself: once a numbered paragraph is deleted, the paragraphs after it in the
same list move up ("4." becomes "3."), while drafter's text keeps the numbers the Parties negotiated
on until the secretariat renumbers the next iteration. The export reads its own result as Word will
show it (every change accepted) and names the paragraphs whose numbers differ.
"""

from __future__ import annotations

import difflib
import re

SHOWN = 5  # differences named one by one; the rest are counted


def numbering_differences(word_text: str, drafter_text: str) -> list[str]:
    """Sentences naming the paragraphs `word_text` (the export as Word shows it) numbers differently."""
    word, ours = _paragraphs(word_text), _paragraphs(drafter_text)
    pairs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=word, b=ours, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace":
            pairs += [(a, b) for a, b in zip(word[i1:i2], ours[j1:j2], strict=False) if _body(a) == _body(b)]
    found = [
        f"Word numbers {_cite(b)} as {_label(a) or 'no number'}: it renumbers lists where numbered "
        "paragraphs were deleted; drafter's text keeps the numbers"
        for a, b in pairs[:SHOWN]
    ]
    if len(pairs) > SHOWN:
        found.append(f"… and {len(pairs) - SHOWN} more paragraphs Word numbers differently")
    return found


def _paragraphs(text: str) -> list[str]:
    """Word has no empty paragraphs between paragraphs: compare the paragraphs with text."""
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _label(paragraph: str) -> str:
    """The number in front of a paragraph (before its tab), or ''."""
    head, tab, _ = paragraph.partition("\t")
    return head if tab and len(head) <= 12 else ""


def _body(paragraph: str) -> str:
    label = _label(paragraph)
    return paragraph[len(label) + 1 :] if label else paragraph


def _cite(paragraph: str) -> str:
    shown = paragraph.replace("\t", " ")
    return f"“{shown[:40]}…”" if len(shown) > 40 else f"“{shown}”"
