"""Friendly labels for bracket errors: what a stray `]` or an unclosed `[` probably means.

A strict grammar (`grammars/balanced.lark`: every `[` closed on its line) is run
over the line of the error; where it fails, Lark's `match_examples` finds the
labelled example malformation that fails in the same parser state.
"""

from __future__ import annotations

from functools import cache

from lark import Lark, UnexpectedInput

from drafter.text.grammar import lalr_parser
from drafter.text.model import DiagnosticKind

EXAMPLES: dict[str, list[str]] = {
    "it ends its line: perhaps meant to run on, or a typing slip": [
        "a [",
        "[",
    ],
    "a ']' may be missing after the nested bracket (as in '[shall[should]')": [
        "[shall[should]",
        "[[a]",
    ],
    "the ']' may be missing at the end of this paragraph or section": [
        "[a",
        "[a [b] c",
    ],
    "it starts its line: it may close a bracket opened on an earlier page or before this excerpt": [
        "]",
        "]]",
    ],
    "a '[' may be missing earlier in the sentence": [
        "a]",
        "[a] b]",
    ],
    "doubled ']': one too many": [
        "[a]]",
        "a [b]]",
    ],
}


# Labelling costs a small parse per error: past this many, a file is not a draft
# worth labelling (a minified JSON, say), and the plain diagnostics suffice.
MAX_LABELLED_ERRORS = 500
WINDOW = 300  # characters each side: enough for a sentence, and bounded on a one-line file


@cache
def _strict_parser() -> Lark:
    return lalr_parser("balanced")


def _window(text: str, offset: int, kind: DiagnosticKind) -> str:
    """The error's line (at most `WINDOW` characters each side), cut so the strict parser fails at the error.

    A stray `]` is parsed from the line start up to and including it; an
    unclosed `[` from itself to the line end. Other brackets in the window that
    are not closed inside it become plain text, so only this error counts.
    """
    reach = max(0, offset - WINDOW)
    line_start = max(reach, *(text.rfind(c, reach, offset) + 1 for c in "\n\r\f"))
    ends = [i for i in (text.find(c, offset, offset + WINDOW) for c in "\n\r\f") if i >= 0]
    line_end = min(ends) if ends else min(len(text), offset + WINDOW)
    if kind is DiagnosticKind.STRAY_CLOSING_BRACKET:
        chars = list(text[line_start : offset + 1])
        last = len(chars) - 1
    else:
        chars = list(text[offset:line_end])
        last = 0
    stack: list[int] = []
    for i, char in enumerate(chars):
        if i == last:
            continue
        if char == "[":
            stack.append(i)
        elif char == "]":
            if stack:
                stack.pop()
            else:
                chars[i] = "x"
    for i in stack:
        chars[i] = "x"
    return "".join(chars)


def label_malformation(text: str, offset: int, kind: DiagnosticKind) -> str:
    """A short label for the bracket error at `offset`, or "" when no example fits."""
    parser = _strict_parser()
    try:
        parser.parse(_window(text, offset, kind))
    except UnexpectedInput as error:
        label = error.match_examples(parser.parse, EXAMPLES, use_accepts=True)
        return label or ""
    return ""
