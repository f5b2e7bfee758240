"""Adjacent brackets read as alternatives by evidence (drafter/text/alternatives.py), and the user's
corrections (split, join) kept by bracket id through edits."""

from __future__ import annotations

import pytest

import drafter
from drafter.incremental.edit import replace
from drafter.text.alternatives import ReadingError, join_readings, parallel, split_readings, with_readings
from drafter.text.model import Draft


def groups(draft: Draft) -> list[list[str]]:
    return [[draft.text[b.start : b.end] for b in g.alternatives] for g in draft.alternative_groups]


def test_nothing_between_is_always_alternatives() -> None:
    draft = drafter.parse("Parties [shall][should][or else they may consider doing so in due course] act.\n")
    assert groups(draft) == [["[shall]", "[should]", "[or else they may consider doing so in due course]"]]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("shall", "should"),
        ("may", "shall"),
        ("2017", "2018"),
        ("Invites", "Strongly urges"),
        ("voluntary", "mandatory"),
        ("one or more", "a"),
        ("below 2 °C above pre-industrial levels", "below 1.5 °C above pre-industrial levels"),
        ("developed country Parties", "Parties included in annex X"),
        ("may draw from and build on", "shall take into account"),
    ],
)
def test_short_parallel_wordings_with_a_space_are_alternatives(first: str, second: str) -> None:
    assert parallel(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("or Parties", "and/or entities"),  # reads on
        ("and/or entities", "as per decision 2/CMA.3, annex, paragraph 2"),
        ("a", "voluntary"),  # "a voluntary"
        ("30 September", "2032"),  # a year after a date
        ("early warning systems", "and"),
        ("is welcome", "in full"),
        (
            "Decides to establish a forum on the impact of response measures",
            "Requests the secretariat to report",
        ),
    ],
)
def test_wordings_that_read_on_are_not_alternatives(first: str, second: str) -> None:
    assert not parallel(first, second)


def test_the_quoted_real_failures_read_as_a_negotiator_reads_them() -> None:
    draft = drafter.parse(
        "1. Participating Party [or Parties] [and/or entities] [as per decision 2/CMA.3] shall report.\n"
        "2. Each Party shall submit [one or more] [a] [voluntary] [mandatory] report.\n"
        "3. The report is due on [1 May][30 September] [2032].\n"
    )
    assert groups(draft) == [
        ["[one or more]", "[a]"],
        ["[voluntary]", "[mandatory]"],
        ["[1 May]", "[30 September]"],
    ]


def test_a_split_and_a_join_change_the_reading_not_the_text() -> None:
    text = "1. Parties [shall] [should] act [urgently] [in full].\n"
    draft = drafter.parse(text)
    (group,) = draft.alternative_groups
    assert groups(draft) == [["[shall]", "[should]"]]
    split = with_readings(draft, split_readings(draft, group.id))
    assert split.text == text and split.alternative_groups == ()
    urgently, in_full = split.brackets[2:]
    joined = with_readings(split, join_readings(split, [urgently.id, in_full.id]))
    assert groups(joined) == [["[urgently]", "[in full]"]]
    # The latest reading of a pair counts: joining [shall] [should] again undoes the split.
    rejoined = with_readings(joined, join_readings(joined, [b.id for b in group.alternatives]))
    assert groups(rejoined) == [["[shall]", "[should]"], ["[urgently]", "[in full]"]]


def test_a_group_splits_in_two_at_a_bracket() -> None:
    draft = drafter.parse("1. Parties [shall][should][may][must] act.\n")
    (group,) = draft.alternative_groups
    at = group.alternatives[2].id
    assert groups(with_readings(draft, split_readings(draft, group.id, at))) == [
        ["[shall]", "[should]"],
        ["[may]", "[must]"],
    ]


def test_a_join_needs_adjacent_siblings() -> None:
    draft = drafter.parse("1. Parties [shall] act [now] and [later].\n")
    shall, now, later = draft.brackets
    with pytest.raises(ReadingError, match="not side by side"):
        join_readings(draft, [now.id, later.id])
    with pytest.raises(ReadingError, match="no bracket or group"):
        join_readings(draft, [shall.id, "bnothere"])
    with pytest.raises(ReadingError, match="no group of alternatives"):
        split_readings(draft, shall.id)


def test_readings_survive_edits_elsewhere() -> None:
    text = "1. Parties [shall] [should] act.\n\n2. Other [text] here.\n"
    draft = drafter.parse(text)
    (group,) = draft.alternative_groups
    split = with_readings(draft, split_readings(draft, group.id))
    at = text.index("Other")
    edited = replace(split, at, at + len("Other"), "More")
    assert edited.readings == split.readings
    assert edited.alternative_groups == ()
    # And a full rebuild (an edit that reaches the brackets' paragraph) keeps them too.
    at = text.index("act")
    assert replace(edited, at, at + 3, "do").alternative_groups == ()
