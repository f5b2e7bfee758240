"""A resolution never removes more than it shows (drafter.negotiation.reach): what goes beyond an
element's own paragraph(s) is named by reference and line count; resolving it wants `force`."""

from __future__ import annotations

from pathlib import Path

import pytest

import drafter
from drafter.negotiation import resolve
from drafter.negotiation.chair import WideResolution, reach_of, resolve_to
from drafter.negotiation.consensus import DELETE, KEEP
from drafter.negotiation.reach import reach
from drafter.workspace import open_session

FIXTURE = Path(__file__).parents[1] / "fixtures" / "reach.txt"


def starting(draft: drafter.Draft, fragment: str) -> str:
    start = draft.text.index(fragment)
    found = [b.id for b in draft.brackets if b.start == start]
    found += [g.id for g in (*draft.alternative_groups, *draft.option_groups) if g.start == start]
    return found[-1]  # a group before its first bracket


@pytest.fixture
def draft() -> drafter.Draft:
    return drafter.load(FIXTURE)


def test_a_chapeau_bracket_over_its_items_is_shown_by_reference(draft: drafter.Draft) -> None:
    wide = reach(draft, resolve.delete_edits(draft, starting(draft, "[to:")))
    assert wide is not None
    assert wide.describe() == "removes 3 paragraphs over 3 lines: II 24 (part), II 24(a), II 24(b)"


def test_a_bracket_over_headings_names_them(draft: drafter.Draft) -> None:
    wide = reach(draft, resolve.delete_edits(draft, starting(draft, "[Identifying")))
    assert wide is not None and wide.headings == ("X", "X.A") and wide.paragraphs == ("X.A 30",)
    assert (
        wide.describe() == "removes 1 paragraph and 2 headings over 5 lines: heading X, heading X.A, X.A 30"
    )


def test_what_stays_within_its_own_paragraphs_is_not_wide(draft: drafter.Draft) -> None:
    assert reach(draft, resolve.delete_edits(draft, starting(draft, "[This paragraph"))) is None  # whole ones
    options = starting(draft, "Option 1:")
    for k in (1, 2):  # an option of two paragraphs, and the label of the option kept
        assert reach(draft, resolve.choose_edits(draft, options, k)) is None
    assert reach(draft, resolve.delete_edits(draft, options)) is None
    assert reach(draft, resolve.delete_edits(draft, starting(draft, "[shall]"))) is None


def test_sub_paragraphs_bracketed_whole_are_their_own_paragraphs() -> None:
    # Corpus 07: "[(a) ... (g) ...;]" after a page break; "[(a)" once read as more of paragraph 28.
    draft = drafter.parse(
        "28. Decides that the information shall include:\n\f27 of 46\n"
        "[(a) Quantifiable information on the\n[NDMC*][INDC], a base year);\n(b) Time frames;]\n"
        "[(c) The base year;\n(d) Its deviation;]\n29. Acknowledges the submissions.\n"
    )
    for fragment in ("[(a)", "[(c)"):
        assert reach(draft, resolve.delete_edits(draft, starting(draft, fragment))) is None


def test_a_long_list_is_cut_after_eight_names() -> None:
    items = "".join(f"({chr(97 + i)}) Item {i};\n" for i in range(12))
    draft = drafter.parse(f"A. Heading\n\n1. Decides [to:\n{items}(m) End];\n")
    wide = reach(draft, resolve.delete_edits(draft, draft.brackets[0].id))
    assert wide is not None and len(wide.paragraphs) == 14
    assert wide.describe().endswith("A 1(g), … and 6 more")


def test_the_session_refuses_without_force_and_resolves_with_it(tmp_path: Path) -> None:
    path = tmp_path / "reach.txt"
    path.write_bytes(FIXTURE.read_bytes())
    with open_session(path) as session:
        chapeau = starting(session.draft, "[to:")
        assert reach_of(session, chapeau, DELETE) is not None
        with pytest.raises(WideResolution, match=r"II 24 \(part\), II 24\(a\), II 24\(b\).*--force"):
            resolve_to(session, chapeau, DELETE)
        assert session.draft.text == FIXTURE.read_text() and not [e for e in session.history() if e.change]
        resolve_to(session, chapeau, KEEP)  # keeping removes only its brackets: not wide
        assert "24. Decides to:\n(a) Report annually;\n(b) Review the reports;" in session.draft.text
        section = starting(session.draft, "[Identifying")
        resolve_to(session, section, DELETE, force=True)
        assert "A. Procedure" not in session.draft.text
