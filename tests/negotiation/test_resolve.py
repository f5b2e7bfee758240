"""Resolutions as pure functions: keep, delete (with its spacing and capitalisation rules), choose, amend,
bracket, revert."""

from __future__ import annotations

import pytest

import drafter
from drafter.journal import RecordKind
from drafter.negotiation import resolve
from drafter.negotiation.changes import revert
from drafter.negotiation.replay import replay
from drafter.negotiation.resolve import ResolveError
from drafter.text.model import Draft, SourceFormat
from tests.conftest import corpus_file


def bracket_at(draft: Draft, fragment: str) -> str:
    """The id of the bracket that starts where `fragment` (which starts with '[') does."""
    start = draft.text.index(fragment)
    return next(b.id for b in draft.brackets if b.start == start)


def group_at(draft: Draft, fragment: str) -> str:
    start = draft.text.index(fragment)
    return next(g.id for g in (*draft.alternative_groups, *draft.option_groups) if g.start == start)


def assert_consistent(draft: Draft) -> None:
    """The incrementally built model is the model of its text (ids aside)."""
    full = drafter.parse(draft.text, draft.source_format)
    assert [(b.start, b.end) for b in draft.brackets] == [(b.start, b.end) for b in full.brackets]
    assert [(g.start, g.end) for g in draft.alternative_groups] == [
        (g.start, g.end) for g in full.alternative_groups
    ]
    assert [(g.start, g.end) for g in draft.option_groups] == [(g.start, g.end) for g in full.option_groups]


def test_keep_drops_the_brackets_and_leaves_inner_ones_open_with_their_ids() -> None:
    draft = drafter.parse("Parties [shall [promptly] act [now]], they said.\n")
    outer = bracket_at(draft, "[shall")
    inner = {bracket_at(draft, "[promptly]"), bracket_at(draft, "[now]")}
    new, change = resolve.keep(draft, outer)
    assert new.text == "Parties shall [promptly] act [now], they said.\n"
    assert set(new.bracket_by_id) == inner
    assert change.kind is RecordKind.KEEP and change.target == outer
    assert change.removed_ids == (outer,)
    assert_consistent(new)


def test_delete_removes_nested_brackets_and_lists_them() -> None:
    draft = drafter.parse("Parties shall act [promptly [and [fully]]], they said.\n")
    outer = bracket_at(draft, "[promptly")
    new, change = resolve.delete(draft, outer)
    assert new.text == "Parties shall act, they said.\n"
    assert new.brackets == ()
    assert set(change.removed_ids) == {b.id for b in draft.brackets}
    assert len(change.removed) == 3


@pytest.mark.parametrize(
    ("text", "fragment", "expected"),
    [
        ("a [b] c", "[b]", "a c"),  # rule 2: between spaces, the spaces after go
        ("text [foo], more", "[foo]", "text, more"),  # rule 1: no space before a comma
        ("text [foo]; more", "[foo]", "text; more"),
        ("text [foo]: more", "[foo]", "text: more"),
        ("end of it [here].", "[here]", "end of it."),
        ("(see [this]) x", "[this]", "(see) x"),
        ("[all of [it] now]", "[it]", "[all of now]"),
        ("line [tail]   \nnext", "[tail]", "line\nnext"),  # rule 1 at a line end: spaces on both sides go
        ("[head] of line", "[head]", "of line"),  # starts its line: the space after goes
        ("    [whole line]\nnext", "[whole line]", "    \nnext"),
        ("Article[s 5.2 and] 6.4", "[s 5.2 and]", "Article 6.4"),  # rule 3: touches a word
        ("consistency check[s] and", "[s]", "consistency check and"),
        ("and[/or] more", "[/or]", "and more"),
        ("( [x] y)", "[x]", "( y)"),
        ("two  [b]  spaces", "[b]", "two  spaces"),  # a double space already there stays, none is added
        # A deletion that started a sentence with a capital capitalises the word that now starts it.
        ("18. [Also] notes that", "[Also]", "18. Notes that"),
        ("It ends. [Also] notes that", "[Also]", "It ends. Notes that"),
        ("Decides:\n[Further] requests it", "[Further]", "Decides:\nRequests it"),
        ("[Also] *notes* that", "[Also]", "*Notes* that"),
        ("(a) [and] the reports", "[and]", "(a) the reports"),  # it started in lower case: no sentence start
        ("the [Paris] agreement", "[Paris]", "the agreement"),  # mid-sentence
        ("Parties\n[Also] note", "[Also]", "Parties\nnote"),  # a line broken mid-sentence
    ],
)
def test_delete_spacing_rule(text: str, fragment: str, expected: str) -> None:
    draft = drafter.parse(text)
    new, _ = resolve.delete(draft, bracket_at(draft, fragment))
    assert new.text == expected


def test_choose_an_alternative_keeps_its_text_and_drops_the_others() -> None:
    draft = drafter.parse("Parties [shall] [should][may [also]] act.\n")
    group = group_at(draft, "[shall]")
    new, change = resolve.choose(draft, group, 3)
    assert new.text == "Parties may [also] act.\n"
    assert [b.id for b in new.brackets] == [bracket_at(draft, "[also]")]
    assert change.choice == 3
    assert group in change.removed_ids
    assert_consistent(new)


def test_choose_an_empty_alternative_deletes_the_group() -> None:
    draft = drafter.parse("greenhouse gas [net][] emissions\n")
    new, _ = resolve.choose(draft, group_at(draft, "[net]"), 2)
    assert new.text == "greenhouse gas emissions\n"


def test_choose_an_option_drops_its_label_and_the_other_options() -> None:
    text = "Article 2\nOption I:\n1. The purpose is [to act].\nOption II:  No text\nArticle 3\n"
    draft = drafter.parse(text)
    group = group_at(draft, "Option I:")
    new, change = resolve.choose(draft, group, 1)
    assert new.text == "Article 2\n1. The purpose is [to act].\nArticle 3\n"
    assert change.removed_ids == (group,)
    assert new.option_groups == ()
    assert bracket_at(draft, "[to act]") in new.bracket_by_id
    zero, _ = resolve.choose(draft, group, 2)
    assert "purpose" not in zero.text and "Option" not in zero.text
    assert zero.text.startswith("Article 2\n") and zero.text.endswith("Article 3\n")
    assert_consistent(zero)


def test_inline_options_on_a_real_text() -> None:
    path = corpus_file("05_")
    draft = drafter.load(path)
    for group in draft.option_groups:
        for k in range(1, len(group.options) + 1):
            new, change = resolve.choose(draft, group.id, k)
            assert_consistent(new)
            assert group.id in change.removed_ids
            option = group.options[k - 1]
            if not option.zero:
                assert option.label not in new.text[group.start : group.start + len(option.label) + 5]


def test_choose_refuses_a_bracket_and_out_of_range_choices() -> None:
    draft = drafter.parse("x [a][b] and [c]\n")
    with pytest.raises(ResolveError, match="3 is not one"):
        resolve.choose(draft, draft.alternative_groups[0].id, 3)
    with pytest.raises(ResolveError, match="single bracket"):
        resolve.choose(draft, bracket_at(draft, "[c]"), 1)
    with pytest.raises(ResolveError, match="group of choices"):
        resolve.keep(draft, draft.alternative_groups[0].id)


def test_amend_rewords_inside_the_brackets_or_replaces_them() -> None:
    draft = drafter.parse("Parties [shall promptly] act.\n")
    target = draft.brackets[0].id
    new, change = resolve.amend(draft, target, "should")
    assert new.text == "Parties [should] act.\n"
    assert target in new.bracket_by_id  # still the same bracket: positions stay attached
    assert change.text == "should"
    plain, _ = resolve.amend(draft, target, "should", keep_brackets=False)
    assert plain.text == "Parties should act.\n"
    group = drafter.parse("Parties [shall][should] act.\n")
    reworded, _ = resolve.amend(group, group.alternative_groups[0].id, "will")
    assert reworded.text == "Parties [will] act.\n"


def test_bracket_and_propose_make_new_brackets() -> None:
    draft = drafter.parse("Parties shall [promptly] act.\n")
    start = draft.text.index("shall")
    new, change = resolve.bracket(draft, start, draft.text.index(" act"))
    assert new.text == "Parties [shall [promptly]] act.\n"
    assert change.target in new.bracket_by_id and new.bracket_by_id[change.target].start == start
    assert bracket_at(draft, "[promptly]") in new.bracket_by_id
    proposed, change = resolve.propose(draft, len("Parties shall "), "urgently ")
    assert proposed.text == "Parties shall [urgently ][promptly] act.\n"
    assert proposed.bracket_by_id[change.target].start == len("Parties shall ")
    with pytest.raises(ResolveError, match="cuts through bracket"):
        resolve.bracket(draft, 0, draft.text.index("promptly"))
    with pytest.raises(ResolveError, match="outside the text"):
        resolve.bracket(draft, 5, 500)
    with pytest.raises(ResolveError, match="unbalanced"):
        resolve.bracket(drafter.parse("a ] b\n"), 0, 4)


@pytest.mark.parametrize(
    ("text", "before", "proposal", "expected"),
    [
        (
            "18. Parties shall act.\n",
            "shall",
            "also",
            "18. Parties [also] shall act.\n",
        ),  # right before a word
        ("18. Parties shall act.\n", " act", "also", "18. Parties shall [also] act.\n"),  # right after a word
        ("Parties act.\n", "\n", "Also here.", "Parties act. [Also here.]\n"),  # after a sentence's end
        ("Parties shall act.\n", " act", ", as appropriate,", "Parties shall[, as appropriate,] act.\n"),
        ("Parties [shall] act.\n", "[shall]", "must", "Parties [must][shall] act.\n"),  # an alternative
        (
            "Parties shall [promptly] act.\n",
            "[promptly]",
            "urgently ",
            "Parties shall [urgently ][promptly] act.\n",
        ),
        ("(a) [x]\n", "[x]", "y", "(a) [y][x]\n"),
        ("Parties shall act.\n", "Parties", "All", "[All] Parties shall act.\n"),  # at the start of the text
    ],
)
def test_a_proposal_is_a_word_of_its_own(text: str, before: str, proposal: str, expected: str) -> None:
    draft = drafter.parse(text)
    new, change = resolve.propose(draft, text.index(before), proposal)
    assert new.text == expected
    assert new.bracket_by_id[change.target].start == expected.index(f"[{proposal}]")
    assert_consistent(new)


def test_a_proposal_inside_a_word_is_refused_unless_attached() -> None:
    draft = drafter.parse("a consistency check is made.\n")
    at = draft.text.index(" is")
    with pytest.raises(ResolveError, match="inside the word 'check'"):
        resolve.propose(draft, at - 2, "x")
    attached, change = resolve.propose(draft, at, "s", attached=True)
    assert attached.text == "a consistency check[s] is made.\n"
    assert attached.bracket_by_id[change.target].start == at


def test_a_stale_id_is_refused_clearly() -> None:
    draft = drafter.parse("a [b] c\n")
    new, _ = resolve.delete(draft, draft.brackets[0].id)
    with pytest.raises(ResolveError, match="resolved or changed since"):
        resolve.keep(new, draft.brackets[0].id)


def test_revert_restores_exact_bytes_and_ids() -> None:
    path = corpus_file("06_")
    draft = drafter.load(path)
    for target in [draft.alternative_groups[0].id, draft.brackets[3].id]:
        for make in (
            resolve.delete,
            lambda d, t: resolve.choose(d, t, 1) if t.startswith("g") else resolve.keep(d, t),
        ):
            new, change = make(draft, target)
            back, inverse = revert(new, change, (), RecordKind.UNDO, 1)
            assert back.text == draft.text
            assert [(b.start, b.end, b.id) for b in back.brackets] == [
                (b.start, b.end, b.id) for b in draft.brackets
            ]
            assert [g.id for g in back.option_groups] == [g.id for g in draft.option_groups]
            assert inverse.refers == 1


def test_reopen_after_later_changes_elsewhere_and_refusal_when_its_text_changed() -> None:
    draft = drafter.parse("one [a][b] two [c] three [d] four\n")
    group = draft.alternative_groups[0].id
    first, chosen = resolve.choose(draft, group, 2)
    second, deleted = resolve.delete(first, bracket_at(first, "[c]"))
    third, kept = resolve.keep(second, bracket_at(second, "[d]"))
    reopened, change = revert(third, chosen, (deleted, kept), RecordKind.REOPEN, 1)
    assert reopened.text == "one [a][b] two three d four\n"
    assert (change.kind, change.refers, change.before, change.after) == (RecordKind.REOPEN, 1, "b", "[a][b]")
    assert group in reopened.group_by_id  # the alternatives are back under their old ids
    assert {b.id for b in draft.alternative_groups[0].alternatives} <= set(reopened.bracket_by_id)
    assert_consistent(reopened)
    # A later change inside the text the change produced: its span is gone.
    b_text = first.text.index("b")
    touched, touch = resolve.bracket(first, b_text, b_text + 1)
    with pytest.raises(ResolveError, match="has been changed since"):
        revert(touched, chosen, (touch,), RecordKind.REOPEN, 1)


def test_replay_on_text_alone_gives_the_incremental_model_with_the_same_ids() -> None:
    path = corpus_file("08_")
    base = drafter.load(path)
    draft, changes = base, []
    for group in base.alternative_groups[:4]:
        draft, change = resolve.choose(draft, group.id, 1)
        changes.append(change)
    draft, change = resolve.bracket(draft, 0, 2)
    changes.append(change)
    draft, change = revert(draft, changes[1], changes[2:], RecordKind.REOPEN, 2)
    changes.append(change)
    replayed = replay(base, changes)
    assert replayed.text == draft.text
    assert replayed.source_format is SourceFormat.MARKDOWN
    assert [(b.start, b.end, b.id) for b in replayed.brackets] == [
        (b.start, b.end, b.id) for b in draft.brackets
    ]
    assert [(g.start, g.id) for g in replayed.option_groups] == [(g.start, g.id) for g in draft.option_groups]
    assert [g.id for g in replayed.alternative_groups] == [g.id for g in draft.alternative_groups]


def test_choosing_an_option_set_in_markdown_emphasis_takes_its_marks_along() -> None:
    """`**Option 2:** well below 2 °C` (as the Paris texts write them): no `**` is left behind, nor a line of
    the spaces that stood before the next label."""
    text = (
        "1. To hold the increase to\n\n    **Option 1:** below 2 °C,\n\n    **Option 2:** well below 2 °C,\n\n"
        "    **Option 3:** below 1.5 °C,\n\n2. Next.\n"
    )
    draft = drafter.parse(text, SourceFormat.MARKDOWN)
    [group] = draft.option_groups
    chosen = [resolve.choose(draft, group.id, k)[0].text for k in (1, 2, 3)]
    assert chosen == [
        f"1. To hold the increase to\n\n    {words},\n\n2. Next.\n"
        for words in ("below 2 °C", "well below 2 °C", "below 1.5 °C")
    ]
    for new in map(drafter.parse, chosen):
        assert_consistent(new)
