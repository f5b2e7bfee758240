"""Tokenised lines: the grammar's output, kept so a draft can be edited without re-lexing all of it.

The Lark grammar (`grammars/drafter.lark`) is loaded from the installed package
and built once per source format (and kept across runs: `drafter.text.grammar`).
Each line is a tuple of `(type, value)` tokens, its line break included, so
joining the values rebuilds the input.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from typing import Any

from lark import Lark, Token, Transformer

from drafter.text.grammar import lalr_parser

Tok = tuple[str, str]
LineTokens = tuple[Tok, ...]

LINE_BREAK = re.compile(r"(\r\n|\r|\n)")
START_RULES = {"text": "text_document", "markdown": "markdown_document"}


class _Flatten(Transformer[Token, list[LineTokens]]):
    """Turns the parse into a list of lines of (type, value) tokens, without building a tree."""

    def line(self, children: list[Token]) -> LineTokens:
        return tuple((t.type, t.value) for t in children)

    md_line = line

    def text_document(self, children: list[Any]) -> list[LineTokens]:
        lines: list[LineTokens] = []
        current: LineTokens = ()
        for child in children:
            if isinstance(child, Token):
                if child.type == "EOL":
                    lines.append((*current, ("EOL", child.value)))
                    current = ()
                else:  # front matter, first thing in a Markdown file: one entry per physical line
                    *complete, current = _physical_lines(child.type, child.value)
                    lines.extend(complete)
            else:
                current = (*current, *child)
        lines.append(current)
        return lines

    markdown_document = text_document


def _physical_lines(kind: str, value: str) -> list[LineTokens]:
    """Splits a multi-line token into lines, so line numbers count physical lines."""
    pieces = LINE_BREAK.split(value)
    lines: list[LineTokens] = []
    for text, line_break in zip(pieces[0::2], [*pieces[1::2], ""], strict=True):
        tokens: LineTokens = ((kind, text),) if text else ()
        lines.append((*tokens, ("EOL", line_break)) if line_break else tokens)
    return lines


@cache
def parser(source_format: str) -> Lark:
    """The LALR parser for one source format, built once (the grammar ships in the package)."""
    return lalr_parser(
        "drafter",
        lexer="contextual",
        start=START_RULES[source_format],
        transformer=_Flatten(),
        maybe_placeholders=False,
    )


def lex_lines(text: str, source_format: str) -> list[LineTokens]:
    lines: list[LineTokens] = parser(source_format).parse(text)  # type: ignore[assignment]
    return lines


@dataclass(frozen=True, slots=True)
class LineTable:
    """The tokenised lines of a text and where each starts."""

    tokens: tuple[LineTokens, ...]
    starts: tuple[int, ...]

    @classmethod
    def from_lines(cls, lines: list[LineTokens] | tuple[LineTokens, ...]) -> LineTable:
        lengths = (sum(len(v) for _, v in line) for line in lines)
        starts = (0, *accumulate(lengths))[: len(lines)]
        return cls(tuple(lines), tuple(starts))

    def token_values(self) -> Iterator[str]:
        for line in self.tokens:
            for _, value in line:
                yield value

    def line_index(self, offset: int) -> int:
        """0-based index of the line holding `offset`."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def front_matter_lines(self) -> int:
        """How many lines of Markdown front matter open the text (the lexer splits it into lines; its
        blank lines are bare line breaks, so a blank line just after it is counted too)."""
        count = 0
        tokens = self.tokens
        while count < len(tokens) and (
            any(kind == "FRONT_MATTER" for kind, _ in tokens[count])
            or (count > 0 and all(kind == "EOL" for kind, _ in tokens[count]))
        ):
            count += 1
        return count

    def line_column(self, offset: int) -> tuple[int, int]:
        index = self.line_index(offset)
        return index + 1, offset - self.starts[index] + 1
