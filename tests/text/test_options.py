"""Option groups bounded as a reader bounds them (issue 10): one kind of label however it is written,
groups per section, no option past a heading or its container."""

from __future__ import annotations

import drafter
from drafter.text.model import Draft

SECTIONS = """II. Reporting
Option 1:
10. Parties shall report every two years.
Option 2:
10. Parties may report.
11. Notes the reports.
III. Authorization
A. Process
20. Decides that authorization shall be given in writing.
B. Timing
Option 1:
24. Authorization is given before the first transfer.
Option 2:
25. Authorization is given at the time of the first transfer.
IV. Other
30. Closing text.
"""


def options(draft: Draft) -> list[list[str]]:
    return [[draft.text[o.start : o.end] for o in g.options] for g in draft.option_groups]


def test_options_of_different_sections_are_different_groups_and_end_at_the_next_heading() -> None:
    draft = drafter.parse(SECTIONS)
    assert options(draft) == [
        [
            "Option 1:\n10. Parties shall report every two years.",
            "Option 2:\n10. Parties may report.\n11. Notes the reports.",
        ],
        [
            "Option 1:\n24. Authorization is given before the first transfer.",
            "Option 2:\n25. Authorization is given at the time of the first transfer.",
        ],
    ]


def test_a_lone_option_of_its_section_is_not_joined_to_the_next_sections_options() -> None:
    # The quoted failure: section II's "Option 1" grouped with III.B's "Option 2", whose choice deleted
    # III.B's paragraphs. Here II has Option 1 alone (its sibling is written in a way we do not read).
    text = SECTIONS.replace("Option 2:\n10. Parties may report.\n", "")
    draft = drafter.parse(text)
    first, second = draft.option_groups
    assert len(first.options) == 1 and draft.text[first.end :].startswith("\nIII.")
    assert [o.number for o in second.options] == ["1", "2"]


def test_labels_with_a_brace_title_a_colon_or_a_bracket_are_one_kind() -> None:
    text = (
        "12. Decides:\n"
        "Option 1 {changes to authorization}\n"
        "(a) Authorizations may be changed;\n"
        "Option 2: {no changes}\n"
        "(b) Authorizations are final;\n"
        "[Option 3: {No text required}]\n"
        "13. Next paragraph.\n"
    )
    draft = drafter.parse(text)
    (group,) = draft.option_groups
    assert [o.number for o in group.options] == ["1", "2", "3"]
    assert [o.zero for o in group.options] == [False, False, True]
    assert draft.text[group.options[0].start : group.options[0].end] == (
        "Option 1 {changes to authorization}\n(a) Authorizations may be changed;"
    )


def test_bracketed_options_each_in_its_own_bracket_form_one_group() -> None:
    draft = drafter.parse("16. [Option 1: Parties shall act.] [Option 2: Parties may act.]\n")
    assert options(draft) == [["Option 1: Parties shall act.", "Option 2: Parties may act."]]


def test_an_option_never_runs_past_the_bracket_that_contains_its_group() -> None:
    text = "17. [Option (a): Recognizing A,\nOption (b): Recognizing B,] and more text.\n18. Next.\n"
    draft = drafter.parse(text)
    assert options(draft) == [["Option (a): Recognizing A,", "Option (b): Recognizing B,"]]


def test_every_option_label_at_a_line_start_is_in_a_group() -> None:
    draft = drafter.parse(SECTIONS + "Option 6: a label whose siblings lie before this excerpt\n")
    grouped = {o.start for g in draft.option_groups for o in g.options}
    starts = [i for i in range(len(draft.text)) if draft.text.startswith("Option", i)]
    assert set(starts) <= grouped
