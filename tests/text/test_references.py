"""Paragraph references as negotiators say them, and go-to by reference."""

from __future__ import annotations

from pathlib import Path

import pytest

import drafter
from drafter.text.references import UNNAMED
from tests.conftest import corpus_files


def corpus_texts() -> list[Path]:
    return [p for p in corpus_files() if p.suffix in (".txt", ".md") and p.name != "SOURCES.md"]


DECISION = """Draft decision -/CMA.7
The Conference of the Parties,
Recalling its earlier decisions,
Also recalling the work of its subsidiary bodies,
I. Scope
1. Decides that the guidance applies to all cooperative approaches;
2. Notes the information on [contribution to overall mitigation;
II. Reporting
12. Requests each participating Party to report:
(a) Its arrangements;
(b) Its methods;
13. Also requests the secretariat to compile the reports;
III. Authorization
A. Process
20. Decides that authorization shall specify:
(a) The first transfer;
B. Timing
24. Further decides that an authorization shall:
(a) Be provided before the first transfer;
(n) Be recorded in the registry;]
(o) Be made public, including:
(i) The date;
(ii) The scope;
"""

OPTIONS = """IV. Reviews
Option 1: (paragraphs 30-31)
30. Decides to review the guidance;
31. Requests a report;
Option 1 Alt: (paragraphs 30-31)
30. Decides to review the guidance in 2028;
31. Requests a synthesis report:
(a) On the reviews;
(b) On the registries;
Option 2: No text
"""


class refs:
    """The reference of the paragraph that starts with a given text."""

    def __init__(self, text: str) -> None:
        self.draft = drafter.parse(text)

    def __getitem__(self, start: str) -> str:
        draft = self.draft
        found = [
            str(r)
            for p, r in zip(draft.paragraphs, draft.references, strict=True)
            if draft.text[p.start : p.end].startswith(start)
        ]
        assert len(found) == 1, (start, found)
        return found[0]


def test_section_path_and_paragraph_number() -> None:
    found = refs(DECISION)
    assert found["I. Scope"] == "I"
    assert found["1. Decides that the guidance a"] == "I 1"
    assert found["12. Requests each participating"] == "II 12"
    assert found["(b) Its methods;"] == "II 12(b)"
    assert found["A. Process"] == "III.A"
    assert found["(a) The first transfer;"] == "III.A 20(a)"
    assert found["(n) Be recorded in the registr"] == "III.B 24(n)"
    # (i) after (o) is a roman sub-item of (o), not the letter after (h).
    assert found["(ii) The scope;"] == "III.B 24(o)(ii)"


def test_unnumbered_paragraphs_before_any_number_count_by_position() -> None:
    found = refs(DECISION)
    assert found["Draft decision -/CMA.7"] == "¶1"
    assert found["Recalling its earlier decision"] == "pp 1"
    assert found["Also recalling the work of its"] == "pp 2"


def test_repeated_numbers_are_told_apart_by_option_then_by_position() -> None:
    found = refs(OPTIONS + "V. Other\n30. Welcomes the reports;\n30. Welcomes the reviews;\n")
    assert found["Option 1: (paragraphs 30-31)"] == "IV Option 1"
    assert found["30. Decides to review the guidance;"] == "IV Option 1 > 30"
    assert found["30. Decides to review the guidance in 2028"] == "IV Option 1 Alt > 30"
    assert found["(b) On the registries;"] == "IV Option 1 Alt > 31(b)"
    assert found["30. Welcomes the reports;"] == "V 30 (1 of 2)"
    assert found["30. Welcomes the reviews;"] == "V 30 (2 of 2)"


def test_an_inline_option_belongs_to_its_paragraph() -> None:
    found = refs("16. Each Party shall:\nOption 1: communicate;\nOption 2: report;\n17. Notes.\n")
    assert found["Option 2: report;"] == "16 Option 2"


def test_articles_start_the_path_and_letters_after_h_are_letters() -> None:
    text = "A. DRAFT AGREEMENT\nArticle 2bis (GENERAL)\n1. All Parties shall act.\nH. Other\nI. Next\n"
    found = refs(text)
    assert found["1. All Parties shall act."] == "Art. 2bis 1"
    assert found["I. Next"] == "I"  # follows H.: a letter, a sibling of H, not roman I above it
    draft = drafter.parse(text)
    assert draft.reference_at(text.index("Parties")) == "Art. 2bis 1"


def test_a_label_after_the_bracket_that_opens_its_line_is_still_its_label() -> None:
    # Corpus 07 and 13 shapes: sub-paragraphs bracketed whole, a bracket before "(c)", a bracketed heading.
    text = (
        "E. Mitigation\n28. Also decides that the information shall include:\n"
        "[(a) Quantifiable information on the reference point;\n(b) Time frames;] \n"
        "[ (c) Pursue [a global] transformation;]\n[[(d) Pools;] [(e) Gases;]]\n"
        "[F. High-level events]\n29. Agrees to convene an event;\n"
    )
    found = refs(text)
    assert found["[(a) Quantifiable"] == "E 28(a)"
    assert found["(b) Time frames"] == "E 28(b)"
    assert found["[ (c) Pursue"] == "E 28(c)"
    assert found["[[(d) Pools"] == "E 28(d)"
    assert found["[F. High-level events]"] == "F"
    assert found["29. Agrees"] == "F 29"
    draft = drafter.parse(text)
    assert draft.render() == text and not draft.errors
    assert len(draft.brackets) == 7  # the "[" before a label pairs like any other


def test_reference_at_an_offset() -> None:
    draft = drafter.parse(DECISION)
    assert draft.reference_at(DECISION.index("[contribution")) == "I 2"
    assert draft.reference_at(DECISION.index("registry;]")) == "III.B 24(n)"
    assert draft.reference_at(0) == "¶1"


def test_go_to_accepts_the_ways_people_write_a_reference() -> None:
    draft = drafter.parse(DECISION)

    def starts(query: str) -> list[str]:
        return [draft.text[p.start : p.end][:12] for p in draft.find_paragraphs(query)]

    assert starts("24(n)") == ["(n) Be recor"]
    assert starts("24 (n)") == ["(n) Be recor"]
    assert starts("III.B 24(n)") == ["(n) Be recor"]
    assert starts("B 24(n)") == ["(n) Be recor"]
    assert starts("para 12") == ["12. Requests"]
    assert starts("paragraph 12") == ["12. Requests"]
    assert starts("¶ 13") == ["13. Also req"]
    assert starts("II 12 (b)") == ["(b) Its meth"]
    assert starts("2") == ["2. Notes the"]  # not 12, not 24(n)
    assert starts("I 24(n)") == []  # paragraph 24 is in III.B
    assert starts("nonsense") == []


def test_go_to_finds_repeats_and_options() -> None:
    draft = drafter.parse(OPTIONS + "V. Other\n30. Welcomes the reports;\n30. Welcomes the reviews;\n")

    def starts(query: str) -> list[str]:
        return [draft.text[p.start : p.end][:24] for p in draft.find_paragraphs(query)]

    assert starts("Option 1 Alt > 31(b)") == ["(b) On the registries;"]
    assert starts("option 1 alt>31 (b)") == ["(b) On the registries;"]
    assert starts("30 (2 of 2)") == ["30. Welcomes the reviews"]
    assert len(starts("30")) == 4
    # A paragraph without the sub-paragraph asked for falls back to no match; one asked without its
    # sub-paragraphs is found itself.
    assert starts("31") == ["31. Requests a report;", "31. Requests a synthesis"]


def test_go_to_by_position_needs_the_mark() -> None:
    draft = drafter.parse(DECISION)
    assert [p.line for p in draft.find_paragraphs("¶1")] == [1]
    assert [p.line for p in draft.find_paragraphs("pp 2")] == [4]


@pytest.mark.parametrize("path", corpus_texts(), ids=lambda p: p.name)
def test_every_reference_of_a_real_text_leads_back_to_its_paragraph(path: Path) -> None:
    draft = drafter.load(path)
    assert len(draft.references) == len(draft.paragraphs)
    for paragraph, reference in zip(draft.paragraphs, draft.references, strict=True):
        if not reference.number or reference.number in UNNAMED:
            continue
        found = draft.find_paragraphs(str(reference))
        # A paragraph continued by unnumbered ones is found at its first part.
        first = next(p for p, r in zip(draft.paragraphs, draft.references, strict=True) if r == reference)
        assert first in found, (str(reference), paragraph)
