"""The diff on the real Paris versions: exact round trips, renumbered and moved paragraphs, bracket accounting."""

from __future__ import annotations

import itertools
from functools import cache
from pathlib import Path

import pytest

from drafter import Draft, load, parse
from drafter.diff import (
    BracketFate,
    Change,
    ChangeKind,
    DiffMismatch,
    DraftDiff,
    GroupFate,
    PieceTag,
    apply,
    compare,
    from_json,
    render_html,
    render_terminal,
    render_unified,
    to_json,
)
from drafter.text.report import summary
from tests.conftest import CORPUS, FIXTURES, SAMPLES, corpus_files, corpus_tier, fixture_files

VERSIONS = CORPUS / "versions" / "paris-agreement-2015"
PARIS = ["2015-10-23.md", "2015-12-04.md", "2015-12-09.md", "2015-12-12.md"]
ARTICLE_2 = [f"09_paris_article2_v{k}.md" for k in range(1, 5)]
ARTICLE_5 = [FIXTURES / "versions" / f"article-5-v{k}.md" for k in range(1, 4)]  # default tier
ITERATIONS = (
    [[VERSIONS / name for name in PARIS], [CORPUS / name for name in ARTICLE_2]] if CORPUS.is_dir() else []
) + [ARTICLE_5]
PAIRS = [pair for versions in ITERATIONS for pair in itertools.pairwise(versions)]


@cache
def draft(path: Path) -> Draft:
    return load(path)


@cache
def diff_of(old: Path, new: Path) -> DraftDiff:
    return compare(draft(old), draft(new), old.name, new.name)


def pair_id(pair: tuple[Path, Path]) -> str:
    return f"{pair[0].stem}->{pair[1].stem}"


def find(diff: DraftDiff, kind: ChangeKind, old_line: int, new_line: int) -> Change:
    found = [c for c in diff.changes if c.kind is kind and c.old_line == old_line and c.new_line == new_line]
    assert len(found) == 1, [(c.kind.value, c.old_line, c.new_line) for c in diff.differences]
    return found[0]


@pytest.mark.parametrize("path", [path for versions in ITERATIONS for path in versions], ids=lambda p: p.name)
def test_a_text_compared_with_itself_has_no_change(path: Path) -> None:
    same = compare(draft(path), load(path))
    assert same.identical
    assert same.differences == ()
    assert [c.kind for c in same.changes] == [ChangeKind.EQUAL]
    assert same.summary.brackets["unchanged"] == len(draft(path).brackets)
    assert same.summary.resolved == 0 and same.summary.brackets["added"] == 0
    assert apply(draft(path).text, to_json(same)) == draft(path).text


@pytest.mark.parametrize("pair", PAIRS, ids=pair_id)
def test_applying_the_json_diff_to_old_gives_new_exactly(pair: tuple[Path, Path]) -> None:
    old, new = pair
    diff = diff_of(old, new)
    assert not diff.identical
    assert apply(draft(old).text, to_json(diff)) == draft(new).text


@pytest.mark.parametrize("pair", PAIRS, ids=pair_id)
def test_the_changes_tile_both_texts(pair: tuple[Path, Path]) -> None:
    old, new = pair
    diff = diff_of(old, new)
    old_text, new_text = draft(old).text, draft(new).text
    assert "".join(c.new_text for c in diff.changes) == new_text
    assert "".join(c.old_text for c in sorted(diff.changes, key=lambda c: c.old_start)) == old_text
    for change in diff.changes:
        assert old_text[change.old_start : change.old_end] == change.old_text
        assert new_text[change.new_start : change.new_end] == change.new_text
        if change.pieces:
            assert "".join(p.old_text for p in change.pieces) == change.old_text
            assert "".join(p.new_text for p in change.pieces) == change.new_text


@pytest.mark.parametrize("pair", PAIRS, ids=pair_id)
def test_json_round_trips(pair: tuple[Path, Path]) -> None:
    diff = diff_of(*pair)
    assert from_json(to_json(diff)) == diff


@pytest.mark.parametrize("pair", PAIRS, ids=pair_id)
def test_summary_bracket_counts_agree_with_drafter_check_on_each_side(pair: tuple[Path, Path]) -> None:
    old, new = pair
    result = diff_of(old, new).summary
    assert result.old_counts == summary(draft(old))
    assert result.new_counts == summary(draft(new))
    fates = result.brackets
    # Every bracket of the old text has exactly one fate; every bracket of the new text survived or was added.
    old_side = sum(fates[f.value] for f in BracketFate if f is not BracketFate.ADDED)
    new_side = fates["unchanged"] + fates["amended"] + fates["added"]
    assert old_side == summary(draft(old))["bracket_pairs"] == len(draft(old).brackets)
    assert new_side == summary(draft(new))["bracket_pairs"] == len(draft(new).brackets)
    assert sum(fates[f] for f in ("kept", "deleted", "chosen", "dropped")) == result.resolved
    assert result.resolved + fates["removed"] == result.gone
    groups = result.alternative_groups
    assert sum(groups.values()) - groups["added"] == summary(draft(old))["alternative_groups"]
    assert (
        sum(result.option_groups.values()) - result.option_groups["added"]
        == summary(draft(old))["option_groups"]
    )
    per_section = sum(sum(s.brackets.values()) for s in result.sections)
    assert per_section == len(result.bracket_changes) == old_side + fates["added"]


def test_the_fixture_iterations_renumber_a_heading_and_resolve_their_brackets() -> None:
    diff = diff_of(ARTICLE_5[1], ARTICLE_5[2])
    heading = find(diff, ChangeKind.RENUMBERED, 15, 15)
    assert (heading.old_number, heading.new_number) == ("Article 5bis", "Article 6")
    result = diff.summary
    assert result.resolved == 14 and result.brackets["added"] == 0 and result.brackets["amended"] == 1
    assert result.new_counts["bracket_pairs"] == 1


@corpus_tier
def test_adopted_text_leaves_no_bracket_of_the_presidency_draft() -> None:
    result = diff_of(VERSIONS / "2015-12-09.md", VERSIONS / "2015-12-12.md").summary
    # 215 pairs: "[levels of public [climate finance]..." (Article 9) is read as unclosed in its paragraph.
    assert result.gone == 215 and result.brackets["added"] == 0
    # Resolved in place, or gone with whole paragraphs the adopted text no longer has.
    assert (result.resolved, result.brackets["removed"]) == (141, 74)
    # 45 groups: "] [" runs that read on from each other are not alternatives (drafter.text.alternatives).
    assert result.alternative_groups["removed"] + result.alternative_groups["resolved"] == 45
    assert result.option_groups["removed"] + result.option_groups["resolved"] == 11


@corpus_tier
def test_renumbered_paragraphs_in_the_adopted_text() -> None:
    diff = diff_of(VERSIONS / "2015-12-09.md", VERSIONS / "2015-12-12.md")
    # "3. For the purposes of paragraph 1 of this Article, any instrument..." became paragraph 4.
    entry = find(diff, ChangeKind.RENUMBERED, 503, 381)
    assert (entry.old_number, entry.new_number) == ("3.", "4.")
    assert entry.new_text.startswith("4. For the purposes of paragraph 1 of this Article")
    assert [(p.old_text, p.new_text) for p in entry.pieces if p.tag is not PieceTag.EQUAL] == [("3", "4")]
    # A heading: "## Article 8 bis" became "## Article 12".
    heading = find(diff, ChangeKind.RENUMBERED, 383, 268)
    assert (heading.old_number, heading.new_number) == ("Article 8 bis", "Article 12")


@corpus_tier
def test_renumbered_paragraphs_in_the_presidency_draft_and_the_compilation() -> None:
    december = diff_of(VERSIONS / "2015-12-04.md", VERSIONS / "2015-12-09.md")
    change = find(december, ChangeKind.RENUMBERED, 651, 431)
    assert (change.old_number, change.new_number) == ("11.", "12.")
    assert change.new_text.startswith("12. Support shall also be provided for the building of transparency")
    october = diff_of(VERSIONS / "2015-10-23.md", VERSIONS / "2015-12-04.md")
    change = find(october, ChangeKind.RENUMBERED, 601, 503)
    assert (change.old_number, change.new_number) == ("15.", "18.")
    assert change.old_text[3:] == change.new_text[3:]


@corpus_tier
def test_cooperative_approaches_moved_from_article_3_to_article_6() -> None:
    diff = diff_of(VERSIONS / "2015-12-09.md", VERSIONS / "2015-12-12.md")
    moved = find(diff, ChangeKind.MOVED, 185, 126)
    assert (moved.old_section, moved.new_section) == ("Article 3 (mitigation)", "Article 6")
    assert moved.new_number == "2."
    assert "where engaging on a voluntary basis in cooperative approaches" in moved.old_text
    assert "where engaging on a voluntary basis in cooperative approaches" in moved.new_text
    # Reported once, as a move: not also as a deletion plus an insertion.
    assert not any(
        c.kind in (ChangeKind.DELETE, ChangeKind.INSERT)
        and "engaging on a voluntary basis" in c.old_text + c.new_text
        for c in diff.changes
    )


@corpus_tier
def test_annexes_paragraph_moved_from_article_19_to_article_23() -> None:
    diff = diff_of(VERSIONS / "2015-12-09.md", VERSIONS / "2015-12-12.md")
    moved = find(diff, ChangeKind.MOVED, 509, 389)
    assert (moved.old_section, moved.new_section) == ("Article 19 (AMENDMENTS)", "Article 23")
    assert (moved.old_number, moved.new_number) == ("2.", "1.")
    assert moved.new_text.startswith("1. The provisions of Article 16 of the Convention on the adoption")


@corpus_tier
def test_finance_paragraph_moved_up_within_its_article() -> None:
    diff = diff_of(VERSIONS / "2015-12-04.md", VERSIONS / "2015-12-09.md")
    moved = find(diff, ChangeKind.MOVED, 499, 314)
    assert (moved.old_number, moved.new_number) == ("16.", "5.")
    assert moved.old_section == moved.new_section == "Article 6 (finance)"
    # Moved and edited: its brackets were resolved on the way.
    assert any(p.tag is not PieceTag.EQUAL for p in moved.pieces)


@corpus_tier
def test_text_moved_from_article_3_into_a_footnote() -> None:
    diff = diff_of(VERSIONS / "2015-10-23.md", VERSIONS / "2015-12-04.md")
    moved = find(diff, ChangeKind.MOVED, 197, 813)
    assert moved.old_section == "Article 3 (mitigation)"
    assert "Option 4: INDC which can be in the form of co-benefits" in moved.new_text


def test_brackets_resolved_kept_deleted_and_alternatives_chosen() -> None:
    old = parse(
        "1. Parties [shall][should] reduce greenhouse gas [net] emissions [by 2030].\n\n"
        "2. Each Party [may][shall][will] report [annually].\n\n"
        "3. Finance [shall be provided][is welcome][in full].\n"
    )
    new = parse(
        "1. Parties should reduce greenhouse gas net emissions.\n\n"
        "2. Each Party [may][shall] report [annually].\n\n"
        "3. Finance [shall be provided][is welcome][in full][by 2025].\n"
    )
    result = compare(old, new).summary
    fate = {(c.old_start, c.new_start): c.fate for c in result.bracket_changes}
    text = old.text
    at = {name: text.index(name) for name in ("[shall]", "[should]", "[net]", "[by 2030]", "[will]")}
    assert fate[(at["[shall]"], None)] is BracketFate.DROPPED
    assert fate[(at["[should]"], None)] is BracketFate.CHOSEN
    assert fate[(at["[net]"], None)] is BracketFate.KEPT
    assert fate[(at["[by 2030]"], None)] is BracketFate.DELETED
    assert fate[(at["[will]"], None)] is BracketFate.DROPPED
    assert result.brackets == {
        "unchanged": 6,
        "amended": 0,
        "kept": 1,
        "deleted": 1,
        "chosen": 1,
        "dropped": 2,
        "removed": 0,
        "added": 1,
    }
    # "[is welcome][in full]" are adjacent too: a group of 3 that gained "[by 2025]".
    amended = [g for g in result.alternative_group_changes if g.fate is GroupFate.AMENDED]
    assert [(g.old_size, g.new_size) for g in amended] == [(3, 4)]
    resolved = [g for g in result.alternative_group_changes if g.fate is GroupFate.RESOLVED]
    assert [(g.old_size, g.chosen) for g in resolved] == [(2, "2")]
    narrowed = [g for g in result.alternative_group_changes if g.fate is GroupFate.NARROWED]
    assert [(g.old_size, g.new_size) for g in narrowed] == [(3, 2)]


def test_a_paragraph_moved_past_an_unchanged_one_is_a_move_not_a_look_alikes_rewording() -> None:
    """Hypothesis (fuzz profile) counterexample: paragraph 3 moved before paragraph 2 (unchanged, an anchor)
    was paired with the deleted paragraph 1 it resembles, and its brackets read as removed and added."""
    old = parse(
        "Paragraph 0 words shall\n\nParagraph 1 words shall\n\nParagraph 2 words shall shall\n\n"
        "Paragraph 3 words [shall][should]\n"
    )
    new = parse("Paragraph 3 words [shall][should]\n\nParagraph 2 words shall shall\n")
    diff = compare(old, new)
    assert [c.kind for c in diff.changes][:2] == [ChangeKind.DELETE, ChangeKind.MOVED]
    assert {c.fate for c in diff.summary.bracket_changes} == {BracketFate.UNCHANGED}
    # The other way round: the old paragraph 3 paired with an edited paragraph 0 moved to the end, while
    # its copy was an insertion before paragraph 2.
    new = parse(
        "Paragraph 1 words shall\n\nParagraph 3 words [shall][should]\n\nParagraph 2 words shall shall\n\n"
        "Paragraph 0 words shall shall\n"
    )
    diff = compare(old, new)
    assert ChangeKind.MOVED in [c.kind for c in diff.changes]
    assert {c.fate for c in diff.summary.bracket_changes} == {BracketFate.UNCHANGED}
    # Both at once: paragraph 3 to the top, paragraph 0 to the end (freeing one frees the other's copy).
    new = parse(
        "Paragraph 3 words [shall][should]\n\nParagraph 2 words shall shall\n\nParagraph 0 words shall\n"
    )
    diff = compare(old, new)
    assert [c.kind for c in diff.changes].count(ChangeKind.MOVED) == 2
    assert {c.fate for c in diff.summary.bracket_changes} == {BracketFate.UNCHANGED}
    # Paragraphs 1 and 3 swapped around paragraph 2: two moves, not two rewordings.
    new = parse(
        "Paragraph 0 words shall\n\nParagraph 3 words [shall][should]\n\nParagraph 2 words shall shall\n\n"
        "Paragraph 1 words shall\n"
    )
    diff = compare(old, new)
    assert [c.kind for c in diff.changes].count(ChangeKind.MOVED) == 2
    assert {c.fate for c in diff.summary.bracket_changes} == {BracketFate.UNCHANGED}


def test_a_middle_alternative_dropped_leaves_the_others_unchanged() -> None:
    """'[shall][should][may]' -> '[shall][may]': '[should]' was dropped and '[may]' is unchanged (the opening
    of '[should]' lands on '[may]', which read as '[should]' amended and '[may]' kept)."""
    old = parse("1. Parties [shall][should][may] act.\n\n2. We [strengthen][enhance][improve] it.\n")
    new = parse("1. Parties [shall][may] act.\n\n2. We [strengthen][improve] it.\n")
    result = compare(old, new).summary
    fates = [
        (old.text[c.old_start : c.old_end], c.fate) for c in result.bracket_changes if c.old_start is not None
    ]
    assert fates == [
        ("[shall]", BracketFate.UNCHANGED),
        ("[should]", BracketFate.DROPPED),
        ("[may]", BracketFate.UNCHANGED),
        ("[strengthen]", BracketFate.UNCHANGED),
        ("[enhance]", BracketFate.DROPPED),
        ("[improve]", BracketFate.UNCHANGED),
    ]
    assert [g.fate for g in result.alternative_group_changes] == [GroupFate.NARROWED, GroupFate.NARROWED]


def test_brackets_of_a_paragraph_deleted_whole_were_removed_in_restructuring() -> None:
    old = parse(
        "1. Parties shall act [now].\n\n"
        "2. Each Party [shall][should] report [annually] on [its] progress.\n\n"
        "3. [Finance [must] flow.]\n\n"
        "4. Option 1: Parties [may] act.\n\nOption 2: Parties act.\n\n"
        "5. Parties cooperate.\n"
    )
    new = parse("1. Parties shall act [now].\n\n4. Option 2: Parties act.\n\n5. Parties cooperate.\n")
    result = compare(old, new).summary
    fate = {
        old.text[c.old_start : c.old_end]: c.fate for c in result.bracket_changes if c.old_start is not None
    }
    # Paragraph 2 went whole: its brackets were not resolved, the text was restructured.
    assert fate["[shall]"] is fate["[should]"] is fate["[annually]"] is fate["[its]"] is BracketFate.REMOVED
    # Paragraph 3 was bracketed whole: deleting it resolved that bracket, and the one inside went with it.
    assert fate["[Finance [must] flow.]"] is fate["[must]"] is BracketFate.DELETED
    # Option 1 was dropped: an outcome, not restructuring.
    assert fate["[may]"] is BracketFate.DELETED
    assert (result.resolved, result.brackets["removed"], result.gone) == (3, 4, 7)
    lines = "\n".join(render_terminal(compare(old, new, "a", "b"), width=200, color=False).splitlines()[:3])
    assert "resolved 3 (text deleted 3); removed in restructuring 4; unchanged 1" in lines
    assert "resolved (text deleted)" not in lines


def test_option_groups_reduced_and_removed() -> None:
    old = parse(
        "Article 1\n\n1. Option 1: Parties shall act.\n\nOption 2: Parties should act.\n\nOption 3: No text\n\n"
        "Article 2\n\n2. Option 1: Finance shall flow.\n\nOption 2: No text\n"
    )
    new = parse(
        "Article 1\n\n1. Option 1: Parties shall act.\n\nOption 2: No text\n\nArticle 2\n\n2. Finance shall flow.\n"
    )
    result = compare(old, new).summary
    assert len(old.option_groups) == 2 and len(new.option_groups) == 1
    fates = [(g.fate, g.section) for g in result.option_group_changes]
    assert (GroupFate.REDUCED, "Article 1") in fates
    resolved = [g for g in result.option_group_changes if g.fate is GroupFate.RESOLVED]
    assert [(g.chosen, g.section) for g in resolved] == [("Option 1:", "Article 2")]


def test_renumbering_alone_is_not_a_text_change() -> None:
    old = parse("15. Parties shall cooperate on adaptation.\n\n16. Parties shall report every two years.\n")
    new = parse(
        "15. Parties shall cooperate on adaptation.\n\n15 bis. New text.\n\n17. Parties shall report every two years.\n"
    )
    diff = compare(old, new)
    assert [c.kind for c in diff.changes] == [ChangeKind.EQUAL, ChangeKind.INSERT, ChangeKind.RENUMBERED]
    assert diff.changes[1].new_text.startswith("15 bis.")
    assert (diff.changes[2].old_number, diff.changes[2].new_number) == ("16.", "17.")


def test_word_diff_keeps_white_space_and_shows_lifted_brackets() -> None:
    old = parse("1. Parties shall reduce [net]  emissions\tnow.\n")
    new = parse("1. Parties shall reduce net  emissions\tby 2030.\n")
    (change,) = compare(old, new).changes
    assert change.kind is ChangeKind.REPLACE
    edits = [(p.tag, p.old_text, p.new_text) for p in change.pieces if p.tag is not PieceTag.EQUAL]
    assert edits == [
        (PieceTag.DELETE, "[", ""),
        (PieceTag.DELETE, "]", ""),
        (PieceTag.REPLACE, "now", "by 2030"),
    ]


def test_apply_refuses_a_diff_made_for_another_text() -> None:
    old, new = parse("1. Parties shall act.\n"), parse("1. Parties should act.\n")
    diff = to_json(compare(old, new))
    with pytest.raises(DiffMismatch):
        apply("1. Parties must act.\n", diff)
    with pytest.raises(DiffMismatch):
        apply("1. Parties shall act, now.\n", diff)


@pytest.mark.parametrize(
    "damaged",
    [
        "not json",
        "[]",
        '{"format": "drafter-diff", "version": 1}',
        '{"format": "drafter-diff", "version": 99, "changes": []}',
        '{"format": "other"}',
    ],
)
def test_a_damaged_json_diff_is_a_clear_error(damaged: str) -> None:
    with pytest.raises(DiffMismatch):
        apply("text\n", damaged)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("", ""),
        ("", "1. New.\n"),
        ("1. Old.\n", ""),
        ("no paragraphs at all", "no paragraphs at all, changed"),
        ("\n\n\n", "\n"),
        ("1. A.\r\n\r\n2. B.\r\n", "1. A.\r\n\r\n2. C.\r\n"),
        ("text without final newline", "text without final newline\n"),
    ],
)
def test_edge_cases_round_trip(old: str, new: str) -> None:
    diff = compare(parse(old), parse(new))
    assert apply(old, to_json(diff)) == new
    assert diff.identical is (old == new)


def test_sample_revision_swaps_two_articles() -> None:
    """samples/ocean-agreement-rev1.txt puts Article 5 (Review) before Finance, which becomes Article 5."""
    samples = SAMPLES
    old_path, new_path = samples / "ocean-agreement.txt", samples / "ocean-agreement-rev1.txt"
    diff = compare(load(old_path), load(new_path))
    assert apply(draft(old_path).text, to_json(diff)) == draft(new_path).text
    heading = find(diff, ChangeKind.MOVED, 46, 38)
    assert (heading.old_number, heading.new_number) == ("Article 5", "Article 4")
    assert [c.kind for c in diff.changes if c.old_section == "Article 5 (Review)" and c.new_text][:5] == [
        ChangeKind.MOVED
    ] * 5
    finance = find(diff, ChangeKind.RENUMBERED, 39, 45)
    assert (finance.old_number, finance.new_number) == ("Article 4", "Article 5")
    inserted = [c for c in diff.changes if c.kind is ChangeKind.INSERT]
    assert any(c.new_text.startswith("2 bis. [Parties shall share data") for c in inserted)


@pytest.mark.parametrize(
    "pair",
    list(itertools.pairwise(p for p in corpus_files() + fixture_files() if p.suffix in (".txt", ".md"))),
    ids=lambda pair: f"{pair[0].name[:12]}->{pair[1].name[:12]}",
)
def test_any_two_real_texts_diff_render_and_round_trip(pair: tuple[Path, Path]) -> None:
    """Real texts never crash the diff, PDF-extracted ones (page headers, form feeds) included."""
    old, new = draft(pair[0]), draft(pair[1])
    diff = compare(old, new)
    assert apply(old.text, to_json(diff)) == new.text
    assert render_terminal(diff, 80, color=False) and render_html(diff)
    assert render_unified(diff) or diff.identical


def _paginated(paragraphs: list[str], per_page: int, header: str) -> str:
    pages = [paragraphs[i : i + per_page] for i in range(0, len(paragraphs), per_page)]
    return "\f".join(f"{header}\n{n}\n\n" + "\n\n".join(page) + "\n" for n, page in enumerate(pages, 1))


def test_page_furniture_is_not_a_paragraph_of_its_own() -> None:
    """A text paginated anew (other running headers, other page breaks) aligns paragraph by paragraph."""
    words = "adaptation finance reporting transparency mitigation capacity technology loss damage review oceans forests"
    paragraphs = [
        f"{k}. " + " ".join(words.split()[k:] + words.split()[:k]).capitalize() + "." for k in range(12)
    ]
    old = parse(_paginated(paragraphs, 4, "FCCC/ADP/2015/L.6"))
    new = parse(_paginated(paragraphs, 3, "FCCC/ADP/2015/L.6/Rev.1"))
    assert sum(p.kind.value == "page-header" for p in old.paragraphs) == 6
    diff = compare(old, new)
    assert {c.kind for c in diff.changes} == {ChangeKind.EQUAL, ChangeKind.REPLACE}
    assert sum(c.paragraphs for c in diff.changes) == 13  # the 12 paragraphs and the first page's top
    assert apply(old.text, to_json(diff)) == new.text
