"""Labels for the usual ways a bracket goes wrong, so a diagnostic says what was probably meant."""

from __future__ import annotations

from drafter.model import DiagnosticKind

# Lark's `match_examples` picks a label by the parser state an error occurs in;
# bracket errors are found by our own stack, so their labels come from the
# neighbourhood of the stray character instead.


def label_malformation(text: str, offset: int, kind: DiagnosticKind) -> str:
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    after = text[offset + 1 : len(text) if line_end < 0 else line_end]
    before = text[line_start:offset]
    if kind is DiagnosticKind.UNCLOSED_BRACKET:
        next_open, next_close = after.find("["), after.find("]")
        if (
            next_open >= 0
            and next_close >= 0
            and next_open < next_close
            and "]" not in after[next_close + 1 :]
        ):
            return "a ']' may be missing before the next '[' (adjacent alternatives?)"
        if not after.strip():
            return "bracket opened at the end of a line: it may close on a later page"
        return "opened here and never closed: check the end of this paragraph or section"
    if before.rstrip().endswith("]"):
        return "doubled ']'"
    if not after.strip():
        return "closes a paragraph whose '[' is missing (or opened before this excerpt)"
    return "no '[' before it: a '[' may be missing earlier in this sentence"
