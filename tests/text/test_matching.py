"""Bracket matching that weighs the structure (drafter/text/matching.py), one test per rule, on texts
shaped like the real failures: an unclosed "[" in paragraph 12 must not pair with the "]" ending 24(n)."""

from __future__ import annotations

import drafter
from drafter.text.model import DiagnosticKind, Draft, Severity

ARTICLE_6_2 = """II. Reporting
12. Requests each participating Party to include information on [contribution to overall mitigation in global emissions as per decision 2/CMA.3, annex, paragraph 39;
13. Also requests the secretariat to compile the information;
III. Authorization
A. Process
20. Decides that authorization shall specify [the first transfer];
B. Timing
24. Further decides that an authorization shall:
(a) Be provided before the first transfer;
(n) Be recorded in the registry;]
25. Notes the [timing] of authorizations.
"""


def pairs(draft: Draft) -> list[str]:
    return [draft.text[b.start : b.end] for b in draft.brackets]


def errors(draft: Draft) -> list[tuple[DiagnosticKind, str]]:
    """Each bracket error with the reference of the paragraph it is reported in."""
    return [(d.kind, draft.reference_at(d.offset)) for d in draft.errors]


def warnings(draft: Draft) -> list[tuple[str, str, str]]:
    return [
        (draft.reference_at(d.offset), draft.reference_at(d.related or 0), d.message)
        for d in draft.diagnostics
        if d.kind is DiagnosticKind.BRACKET_CROSSES_STRUCTURE
    ]


def test_an_unclosed_bracket_mid_paragraph_is_reported_in_its_paragraph_not_paired_across_headings() -> None:
    draft = drafter.parse(ARTICLE_6_2)
    assert errors(draft) == [
        (DiagnosticKind.UNCLOSED_BRACKET, "II 12"),
        (DiagnosticKind.STRAY_CLOSING_BRACKET, "III.B 24(n)"),
    ]
    assert "mid-paragraph" in draft.errors[0].message
    # The stack would have paired them, across "III." "A." and "B.": a bracket holding 13 to 24(n).
    assert pairs(draft) == ["[the first transfer]", "[timing]"]


def test_brackets_that_balance_in_each_paragraph_match_as_a_stack() -> None:
    text = "1. Parties [shall [urgently]] act [now].\n2. [[Notes] the report].\n"
    draft = drafter.parse(text)
    assert pairs(draft) == ["[shall [urgently]]", "[urgently]", "[now]", "[[Notes] the report]", "[Notes]"]
    assert draft.diagnostics == ()


def test_a_bracket_opened_at_a_heading_spans_its_section() -> None:
    text = (
        "X. [Identifying inconsistencies\n"
        "A. Scope\n"
        "1. The review covers [all] reports;\n"
        "B. Follow-up\n"
        "2. Parties shall correct them for reporting purposes;]\n"
        "XI. Other matters\n"
    )
    draft = drafter.parse(text)
    assert pairs(draft)[0].startswith("[Identifying") and pairs(draft)[0].endswith("purposes;]")
    assert draft.diagnostics == ()  # it opened at a heading start: no warning


def test_a_chapeau_bracket_may_run_over_its_sub_paragraphs_with_a_warning() -> None:
    text = "24. Decides [to:\n(a) Review the guidance;\n(b) Report on it];\n25. Notes the report.\n"
    draft = drafter.parse(text)
    assert pairs(draft) == ["[to:\n(a) Review the guidance;\n(b) Report on it]"]
    assert warnings(draft) == [
        ("24", "24(b)", "'[' opened mid-paragraph closes across the end of its paragraph")
    ]
    assert draft.errors == ()


def test_an_inline_bracket_does_not_close_in_the_next_numbered_paragraph() -> None:
    text = "12. Requests [information on mitigation;\n13. Also requests the report];\n"
    draft = drafter.parse(text)
    assert errors(draft) == [
        (DiagnosticKind.UNCLOSED_BRACKET, "12"),
        (DiagnosticKind.STRAY_CLOSING_BRACKET, "13"),
    ]


def test_a_stray_closer_mid_paragraph_does_not_steal_the_section_bracket() -> None:
    text = "[Annex I\n1. Parties shall act] promptly;\n2. Parties shall report.]\n"
    draft = drafter.parse(text)
    assert errors(draft) == [(DiagnosticKind.STRAY_CLOSING_BRACKET, "1")]
    assert pairs(draft) == [text[: text.rindex("]") + 1]]


def test_a_spanning_bracket_left_unclosed_takes_a_stray_closer_as_a_last_resort() -> None:
    text = "[Annex I\n1. Parties shall act] promptly;\n2. Parties shall report.\n"
    draft = drafter.parse(text)
    assert pairs(draft) == ["[Annex I\n1. Parties shall act]"]
    assert draft.errors == ()


def test_a_paragraph_broken_by_a_page_pairs_across_the_running_header() -> None:
    page_top = "FCCC/ADP/2015/L.1\n"
    filler = "".join(f"{n}. Parties shall act on item {n}.\n" for n in range(4, 12))
    text = (
        page_top
        + filler
        + "1. Parties shall report on [the information\nneeded to track progress\f"
        + page_top
        + "towards their contributions] every two years.\n"
        + filler
        + "2. Other text.\f"
        + page_top
        + filler
    )
    draft = drafter.parse(text)
    assert [p for p in pairs(draft) if p.startswith("[the information")]
    assert draft.errors == ()
    assert warnings(draft) == []  # one paragraph, broken by a page: no paragraph end is crossed


def test_a_document_bracket_spans_every_page() -> None:
    text = "[ The Parties to this Agreement,\nPp1 Recalling the Convention,\n1. Parties shall act.\nArticle 2\n2. Done at Paris. ]\n"
    draft = drafter.parse(text)
    assert pairs(draft) == [text.rstrip("\n")]
    assert draft.diagnostics == ()


def test_a_bracket_opened_mid_paragraph_over_an_option_label_is_a_warning() -> None:
    text = "16. Each Party [shall report; [Option 2:] should report];\n"
    draft = drafter.parse(text)
    assert warnings(draft) == [("16", "16", "'[' opened mid-paragraph closes across an option label")]
    # A label that opens its bracket is the bracket's own: no warning.
    assert warnings(drafter.parse("16. [Option 1: shall report] [Option 2: should report];\n")) == []


def test_a_bracket_over_a_heading_is_a_warning_when_it_opened_mid_paragraph() -> None:
    text = "Decides [that:\n1. Parties act;\nII. Finance\n2. More];\n"
    draft = drafter.parse(text)
    # Inline "[" of an unnumbered chapeau: its block ends at the heading, so it is not paired at all.
    assert [k for k, _ in errors(draft)] == [
        DiagnosticKind.UNCLOSED_BRACKET,
        DiagnosticKind.STRAY_CLOSING_BRACKET,
    ]


def test_every_bracket_is_in_a_pair_or_an_error() -> None:
    text = ARTICLE_6_2 + "26. [a [b] c\n27. d] e] f]\n"
    draft = drafter.parse(text)
    ends = {b.start for b in draft.brackets} | {b.end - 1 for b in draft.brackets}
    reported = {d.offset for d in draft.errors}
    for i, char in enumerate(text):
        if char in "[]":
            assert (i in ends) != (i in reported), i


def test_brackets_nested_100_000_deep_on_one_line() -> None:
    depth = 100_000
    draft = drafter.parse("1. " + "[" * depth + "x" + "]" * depth + "\n")
    assert len(draft.brackets) == depth
    assert draft.max_depth == depth
    assert draft.errors == ()


def test_warnings_are_not_errors() -> None:
    draft = drafter.parse("24. Decides [to:\n(a) Review;\n(b) Report];\n")
    assert all(d.severity is Severity.WARNING for d in draft.diagnostics)
