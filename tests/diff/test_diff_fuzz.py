"""Hypothesis-generated edits: the JSON diff always rebuilds the new text, and brackets are always accounted for.

The CI profile is small; `HYPOTHESIS_PROFILE=fuzz pytest tests/diff/test_diff_fuzz.py` runs a large one.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter import parse
from drafter.diff import BracketFate, apply, compare, from_json, to_json
from drafter.diff.words import Bag, word_diff
from drafter.text.model import SourceFormat

settings.register_profile("ci", max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

WORDS = st.sampled_from(
    [
        "Parties",
        "shall",
        "should",
        "[shall][should]",
        "[net]",
        "[X] per cent",
        "20XX",
        "{Note: pending}",
        "Option 1:",
        "Option 2: No text",
        "[",
        "]",
        "{",
        "}",
        "/",
        "finance",
        "adaptation",
        "[below 2 °C][below 1.5 °C]",
        "*",
        "[^1]",
        "\t",
        "\xa0",
    ]
)
NUMBERS = st.sampled_from(["", "1. ", "2. ", "15 bis. ", "(a) ", "Article 3", "A. ", "## ", "    ", "Pp1 "])
PARAGRAPH = st.tuples(NUMBERS, st.lists(WORDS, min_size=0, max_size=12)).map(lambda t: t[0] + " ".join(t[1]))
SEPARATOR = st.sampled_from(["\n\n", "\n", "\r\n\r\n", "\n\x0c", "\n\n\n"])


@st.composite
def draft_pair(draw: st.DrawFn) -> tuple[str, str]:
    paragraphs = draw(st.lists(PARAGRAPH, min_size=0, max_size=14))
    separator = draw(SEPARATOR)
    edited = list(paragraphs)
    for _ in range(draw(st.integers(0, 6))):
        action = draw(
            st.sampled_from(["delete", "insert", "move", "renumber", "word", "unbracket", "duplicate"])
        )
        if action == "insert" or not edited:
            edited.insert(draw(st.integers(0, len(edited))), draw(PARAGRAPH))
            continue
        k = draw(st.integers(0, len(edited) - 1))
        if action == "delete":
            del edited[k]
        elif action == "move":
            edited.insert(draw(st.integers(0, len(edited) - 1)), edited.pop(k))
        elif action == "renumber":
            edited[k] = draw(NUMBERS) + edited[k].lstrip("0123456789. bis()a#APp")
        elif action == "word":
            words = edited[k].split(" ")
            words[draw(st.integers(0, len(words) - 1))] = draw(WORDS)
            edited[k] = " ".join(words)
        elif action == "unbracket":
            edited[k] = edited[k].replace("[", "", 1).replace("]", "", 1)
        else:
            edited.insert(k, edited[k])
    ending = draw(st.sampled_from(["", "\n"]))
    return separator.join(paragraphs) + ending, separator.join(edited) + draw(
        st.sampled_from([ending, "\n", ""])
    )


ANY_TEXT = st.lists(st.sampled_from([*"[[]]{}ab X1. \n\n\r\t/*#", "Option 1:", " bis"]), max_size=80).map(
    "".join
)


def check(old_text: str, new_text: str, source_format: SourceFormat) -> None:
    old, new = parse(old_text, source_format), parse(new_text, source_format)
    diff = compare(old, new)
    assert apply(old_text, to_json(diff)) == new_text
    assert from_json(to_json(diff)) == diff
    assert diff.identical is (old_text == new_text)
    assert "".join(c.new_text for c in diff.changes) == new_text
    fates = diff.summary.brackets
    assert sum(n for fate, n in fates.items() if fate != BracketFate.ADDED.value) == len(old.brackets)
    assert fates["unchanged"] + fates["amended"] + fates["added"] == len(new.brackets)
    same = compare(old, parse(old_text, source_format))
    assert same.identical and same.summary.resolved == 0


@given(draft_pair(), st.sampled_from(list(SourceFormat)))
def test_edited_drafts_round_trip(pair: tuple[str, str], source_format: SourceFormat) -> None:
    check(*pair, source_format)


@given(ANY_TEXT, ANY_TEXT, st.sampled_from(list(SourceFormat)))
def test_arbitrary_texts_round_trip(old: str, new: str, source_format: SourceFormat) -> None:
    check(old, new, source_format)


@given(draft_pair())
def test_the_cheap_similarity_bound_never_undersells_a_pair(pair: tuple[str, str]) -> None:
    """Candidates are skipped on `Bag.could_be_similar`; it must never reject a pair the word diff would accept."""
    old, new = pair
    score = word_diff(old, new)[1]
    assert Bag.of(old).could_be_similar(Bag.of(new), score - 1e-9)
