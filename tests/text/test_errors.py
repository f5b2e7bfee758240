"""Bracket errors get a label from the strict grammar's parser state (Lark's match_examples)."""

from __future__ import annotations

import pytest

import drafter
from drafter.text.model import DiagnosticKind


@pytest.mark.parametrize(
    ("text", "kind", "label_start"),
    [
        (
            "Parties [shall[should] act.\n",
            DiagnosticKind.UNCLOSED_BRACKET,
            "the ']' may be missing at the end",
        ),
        (
            "Parties [shall[should]\n",
            DiagnosticKind.UNCLOSED_BRACKET,
            "a ']' may be missing after the nested",
        ),
        ("1. Decides to [\n", DiagnosticKind.UNCLOSED_BRACKET, "it ends its line"),
        ("] and the rest\n", DiagnosticKind.STRAY_CLOSING_BRACKET, "it starts its line"),
        ("the registry;]\n", DiagnosticKind.STRAY_CLOSING_BRACKET, "a '[' may be missing"),
        ("[the registry]]\n", DiagnosticKind.STRAY_CLOSING_BRACKET, "doubled ']'"),
    ],
)
def test_bracket_errors_are_labelled(text: str, kind: DiagnosticKind, label_start: str) -> None:
    (diagnostic,) = drafter.parse(text).diagnostics
    assert diagnostic.kind is kind
    assert diagnostic.hint.startswith(label_start)


def test_other_errors_on_the_line_do_not_change_the_label() -> None:
    # Two strays on one line: each is labelled as if it were the only one.
    draft = drafter.parse("a] b [c]]\n")
    assert [d.hint for d in draft.diagnostics] == [
        "a '[' may be missing earlier in the sentence",
        "doubled ']': one too many",
    ]


def test_an_error_spanning_lines_is_labelled_on_its_own_line() -> None:
    draft = drafter.parse("1. [Welcomes the report\nof the group.\n2. Notes.]]\n")
    assert [(d.kind, d.line) for d in draft.diagnostics] == [(DiagnosticKind.STRAY_CLOSING_BRACKET, 3)]
    assert draft.diagnostics[0].hint.startswith("a '[' may be missing")
