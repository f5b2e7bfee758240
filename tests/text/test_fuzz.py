"""Exact round-trip for any input: text generated from the grammar, and arbitrary bracket-heavy text.

The CI profile is small; `HYPOTHESIS_PROFILE=fuzz pytest tests/text/test_fuzz.py` runs a large one.
"""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark
from lark import Lark

import drafter
from drafter.text.grammar import grammar_text
from drafter.text.model import DiagnosticKind, SourceFormat

settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=20_000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

BRACKET_HEAVY = st.lists(
    st.sampled_from(
        [
            *list("[[]]{}*/ \t\n\r\x0c\xa0\u200b\ufeffabxX19.:()#-\\^"),
            "Option 1:",
            "Option (a):",
            " bis",
            "ter.",
            "Article 2",
            "12. ",
            "(a) ",
            "## ",
            "---\n",
            "[^1]",
            "](",
            "No text",
        ]
    ),
    max_size=200,
).map("".join)

TEXT_GRAMMAR = Lark(grammar_text("drafter"), parser="lalr", lexer="contextual", start="text_document")
MARKDOWN_GRAMMAR = Lark(grammar_text("drafter"), parser="lalr", lexer="contextual", start="markdown_document")


def _check(text: str, fmt: SourceFormat) -> None:
    draft = drafter.parse(text, fmt)
    assert draft.render() == text
    # Every bracket character is in a pair, a diagnostic or Markdown markup.
    in_pairs = {b.start for b in draft.brackets} | {b.end - 1 for b in draft.brackets}
    in_errors = {d.offset for d in draft.errors}
    in_markup = {i for m in draft.markup for i in range(m.start, m.end)}
    for match in re.finditer(r"[\[\]]", text):
        assert match.start() in in_pairs | in_errors | in_markup
    stray = sum(d.kind is DiagnosticKind.STRAY_CLOSING_BRACKET for d in draft.diagnostics)
    unclosed = sum(d.kind is DiagnosticKind.UNCLOSED_BRACKET for d in draft.diagnostics)
    markup_brackets = sum(text[i] in "[]" for i in in_markup)
    assert text.count("[") + text.count("]") == 2 * len(draft.brackets) + stray + unclosed + markup_brackets


@given(BRACKET_HEAVY, st.sampled_from(list(SourceFormat)))
# Found by the long fuzz run (bench/fuzz_long.py) on 0bc8250: a "[" before a paragraph's number was
# neither paired nor reported; the label read after an opening bracket (issue 10) accounts for it.
@example("[12. ", SourceFormat.TEXT)
def test_arbitrary_bracket_heavy_text_round_trips(text: str, fmt: SourceFormat) -> None:
    _check(text, fmt)


# A terminal with a lookahead cannot be generated from its regex (Hypothesis would filter nearly every
# try): a "[" before a line's label is generated as a "[", and what follows it comes from the grammar.
EXPLICIT = {"LABEL_LSQB": st.just("[")}


@given(from_lark(TEXT_GRAMMAR, start="text_document", explicit=EXPLICIT))
def test_text_generated_from_the_grammar_round_trips(text: str) -> None:
    _check(text, SourceFormat.TEXT)


@given(from_lark(MARKDOWN_GRAMMAR, start="markdown_document", explicit=EXPLICIT))
def test_markdown_generated_from_the_grammar_round_trips(text: str) -> None:
    _check(text, SourceFormat.MARKDOWN)
