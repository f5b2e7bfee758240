"""The next iteration: empty paragraphs gone, paragraphs numbered again, references and version line updated."""

from __future__ import annotations

import pytest

from drafter import Draft, load, parse
from drafter.iterations.next import next_iteration
from drafter.iterations.renumber import WHOLE_NUMBER
from drafter.text.model import ParagraphKind, SourceFormat
from tests.conftest import SAMPLES, corpus_files

DRAFT = """DRAFT DECISION ON COASTAL RESILIENCE
Version of 3 March 2026@18:00

Article 1

1. Parties [shall][should] cooperate on coastal adaptation.

2. Each Party shall report on its plans.

2 bis. Parties shall communicate adaptation plans every five years.

3. The plans referred to in paragraph 2 bis above shall be reviewed as set out in paragraph 4 below.

4. The review shall consider:

(a) the plans;

(a bis) the support received;

(b) the lessons learned.

Article 2

Option 1:

1. Parties shall establish a coastal fund.

1 bis. The fund referred to in paragraph 1 above shall report annually.

Option 2:

1. Parties shall use existing funds.

{end of Option 2}

2. This Article is reviewed under paragraph 3 of Article 1 and Article 4, paragraph 9, of the Convention.
"""


def numbers(draft: Draft) -> list[str]:
    return [
        p.number or ""
        for p in draft.paragraphs
        if p.kind in (ParagraphKind.OPERATIVE, ParagraphKind.SUBPARAGRAPH)
    ]


def test_bis_paragraphs_take_their_place_and_references_follow() -> None:
    result = next_iteration(parse(DRAFT), version="Version of 5 March 2026@10:00")
    assert numbers(result.draft) == [
        "1.",
        "2.",
        "3.",
        "4.",
        "5.",
        "(a)",
        "(b)",
        "(c)",
        "1.",
        "2.",
        "1.",
        "3.",
    ]
    text = result.text
    assert (
        "4. The plans referred to in paragraph 3 above shall be reviewed as set out in paragraph 5 below."
        in text
    )
    # Each option numbers its paragraphs from the same place, the text after the options goes on after the
    # longest; Article 2 starts again at 1.
    assert (
        "1. Parties shall establish a coastal fund.\n\n2. The fund referred to in paragraph 1 above" in text
    )
    assert "1. Parties shall use existing funds." in text
    # Not a reference to this text's paragraphs: no "above" or "below".
    assert (
        "3. This Article is reviewed under paragraph 3 of Article 1 and Article 4, paragraph 9, of the"
        in text
    )
    assert "Version of 5 March 2026@10:00\n" in text and "3 March" not in text
    assert result.version == ("Version of 3 March 2026@18:00", "Version of 5 March 2026@10:00")
    assert [(n.old, n.new) for n in result.numbers] == [
        ("2 bis.", "3."),
        ("3.", "4."),
        ("4.", "5."),
        ("(a bis)", "(b)"),
        ("(b)", "(c)"),
        ("1 bis.", "2."),
        ("2.", "3."),
    ]
    assert result.references == 2


def test_a_paragraph_left_empty_by_a_deletion_goes() -> None:
    text = DRAFT.replace(
        "2. Each Party shall report on its plans.", "2. [Each Party shall report on its plans.]"
    )
    draft = parse(text)
    bracket = next(b for b in draft.brackets if text[b.start : b.end].startswith("[Each Party"))
    emptied = parse(text[: bracket.start] + text[bracket.end :])  # what deleting the bracket leaves
    result = next_iteration(emptied)
    assert [(r.number, r.line) for r in result.removed] == [("2.", 8)]
    assert numbers(result.draft)[:4] == ["1.", "2.", "3.", "4."]
    assert "2. Parties shall communicate adaptation plans" in result.text
    assert "3. The plans referred to in paragraph 2 above" in result.text


def test_keep_numbers() -> None:
    result = next_iteration(parse(DRAFT), keep_numbers=True)
    assert result.text == DRAFT and result.numbers == () and result.references == 0


def test_a_version_line_is_added_when_there_is_none() -> None:
    result = next_iteration(parse("DRAFT TEXT\n\n1. Parties act.\n"), version="Version of 5 March 2026")
    assert result.text == "DRAFT TEXT\nVersion of 5 March 2026\n\n1. Parties act.\n"
    assert result.version == (None, "Version of 5 March 2026")
    # A first paragraph of prose is no title: the version line goes before it, a paragraph of its own
    # (Paris 9 Dec: front matter, then an italic introduction on one long line).
    intro = "*This is an updated version of the draft agreement " + "and draft decision " * 8 + "of the ADP.*"
    text = f"---\ntitle: Draft\n---\n\n{intro}\n\n1. Parties act.\n"
    result = next_iteration(parse(text, SourceFormat.MARKDOWN), version="Version of 10 December 2015@21:00")
    assert result.text == text.replace(intro, f"Version of 10 December 2015@21:00\n\n{intro}")


def test_an_excerpt_keeps_its_first_number() -> None:
    result = next_iteration(
        parse("129. Agrees.\n\n130. Decides.\n\n130 bis. Also decides, under paragraph 130 above.\n")
    )
    assert numbers(result.draft) == ["129.", "130.", "131."]


def test_a_paragraph_numbered_one_starts_a_list_of_its_own() -> None:
    """Paris 9 Dec [Article 3ter]: two proposals under bold headings, each numbered from 1."""
    result = next_iteration(
        parse(
            "Article 3ter\n\n**Proposed Mechanism 1**\n\n1. A mechanism is established.\n\n"
            "1 bis. It is supervised.\n\n2. The CMA adopts its rules.\n\n**Proposed Mechanism 2**\n\n"
            "1. Another mechanism is established.\n\n2. The CMA adopts its rules at its first session.\n"
        )
    )
    assert numbers(result.draft) == ["1.", "2.", "3.", "1.", "2."]


def _consistent(draft: Draft) -> None:
    """Numbers without bis, and none given twice in a row or skipped, within each run of the same indent."""
    for paragraph in draft.paragraphs:
        if paragraph.kind is ParagraphKind.OPERATIVE and paragraph.number:
            match = WHOLE_NUMBER.fullmatch(paragraph.number)
            assert match is None or not match.group("ordinal"), paragraph.number


@pytest.mark.parametrize(
    "path",
    [p for p in corpus_files() if p.suffix in (".txt", ".md") and "SOURCE" not in p.name]
    + [SAMPLES / "ocean-agreement.txt"],
    ids=lambda p: p.name[:40],
)
def test_every_corpus_text_numbers_consistently_and_once_is_enough(path: object) -> None:
    draft = load(path)  # type: ignore[arg-type]
    result = next_iteration(draft)
    _consistent(result.draft)
    assert len(result.draft.brackets) == len(draft.brackets)  # renumbering touches no bracket
    again = next_iteration(result.draft)
    assert again.numbers == () and again.references == 0 and again.text == result.text


def test_a_reference_to_a_lettered_subparagraph_follows_its_letter() -> None:
    result = next_iteration(
        parse(
            "1. Parties shall report on:\n\n(a) the plans;\n\n(a bis) the support;\n\n(b) the lessons.\n\n"
            "1 bis. The lessons referred to in paragraph 1(b) above and paragraphs 1 (a bis) and 2(a) below "
            "are shared.\n\n2. Reviews cover:\n\n(a) the plans;\n\n(b) the support.\n"
        )
    )
    assert (
        "2. The lessons referred to in paragraph 1(c) above and paragraphs 1 (b) and 3(a) below are shared."
        in result.text
    )
    assert result.references == 3
