"""Go-to by reference (drafter.text.goto) and the references it relies on: footnotes, repeated positions."""

from __future__ import annotations

import drafter
from drafter.text.goto import places
from tests.conftest import fixture_file

DECISION = fixture_file("references-decision.txt")


def found(text: str, query: str, source_format: str = "text") -> list[str]:
    return [p.reference for p in places(drafter.parse(text, source_format), query)]


def test_a_place_covers_its_sub_paragraphs_and_a_heading_its_sections() -> None:
    draft = drafter.load(DECISION)
    text = draft.text
    (twenty_four,) = places(draft, "24")
    assert text[twenty_four.start :].startswith("24. Further decides")
    assert text[: twenty_four.end].endswith("(ii) [The length of stay];")
    (section,) = places(draft, "III")
    assert text[section.start :].startswith("III. Anchorage fees")
    assert section.end == len(text.rstrip("\n"))
    (option,) = places(draft, "Option 2")
    assert text[option.start : option.end].startswith("Option 2:")
    assert text[: option.end].endswith("31. Requests a [short] report on the register;")


def test_how_a_negotiator_says_a_paragraph() -> None:
    draft = drafter.load(DECISION)
    for query, reference in [
        ("24(b)", "III.B 24(b)"),
        ("24 (b)", "III.B 24(b)"),
        ("III.B 24(n)", "III.B 24(n)"),
        ("para 12", "II 12"),
        ("paragraph 12", "II 12"),
        ("12.", "II 12"),
        ("40.", "III.C 40"),
    ]:
        assert [p.reference for p in places(draft, query)] == [reference], query
    assert places(draft, "28(b)") == ()


def test_a_number_names_paragraphs_not_the_option_of_that_number() -> None:
    draft = drafter.load(DECISION)
    assert [p.reference for p in places(draft, "2")] == ["I 2 (1 of 2)", "I 2 (2 of 2)"]
    assert [p.reference for p in places(draft, "option 2")] == ["III.C Option 2"]


def test_footnotes_are_named_by_their_number() -> None:
    pdf_text = (
        "1. Decides to [establish] a register;2\n\n"
        "2. Invites Parties to report.\n"
        + " " * 24
        + "\n2\n  [One group of Parties] prefers a voluntary register.\n"
    )
    draft = drafter.parse(pdf_text)
    refs = [str(r) for r in draft.references]
    assert "footnote 2" in refs, refs
    assert found(pdf_text, "footnote 2") == ["footnote 2"]
    assert found(pdf_text, "2") == ["2"]  # the paragraph, not the footnote
    markdown = "1. Decides to [establish] a register.[^3]\n\n[^3]: [Some Parties] prefer a voluntary one.\n"
    draft = drafter.parse(markdown, "markdown")
    assert draft.reference_at(markdown.index("[Some Parties]")) == "footnote 3"


def test_unnumbered_paragraphs_repeating_a_position_are_told_apart() -> None:
    text = "## Decision\n\nFirst.\n\nSecond [a].\n\n## Preamble\n\nThird.\n\nFourth [b].\n"
    draft = drafter.parse(text, "markdown")
    assert draft.reference_at(text.index("[a]")) == "¶2 (1 of 2)"
    assert draft.reference_at(text.index("[b]")) == "¶2 (2 of 2)"
    assert found(text, "¶2", "markdown") == ["¶2 (1 of 2)", "¶2 (2 of 2)"]
    assert found(text, "¶2 (2 of 2)", "markdown") == ["¶2 (2 of 2)"]
