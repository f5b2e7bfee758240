"""Incremental edits give the same model as parsing the edited text from scratch, and keep bracket ids."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

import drafter
from drafter.incremental import edit, window
from drafter.incremental.edit import apply_edits, replace
from drafter.incremental.offsets import Edit, EditError, OffsetMap
from drafter.negotiation import resolve
from drafter.text.model import Draft, OptionGroup, SourceFormat
from tests.conftest import REPO, corpus_files, fixture_files

TEXTS = [
    p for p in corpus_files() if p.suffix in (".txt", ".md") and p.name != "SOURCES.md"
] + fixture_files()
INSERTS = (
    "",
    "[",
    "]",
    "x",
    "\n",
    "\r\n",
    "\r",
    "[a] [b]",
    "Option 2: No text\n",
    "---\n",
    " 1. ",
    "{note}",
    "]\n[",
)


def assert_same_model(edited: Draft) -> None:
    full = drafter.parse(edited.text, edited.source_format)
    assert edited.lines.tokens == full.lines.tokens
    assert edited.lines.starts == full.lines.starts
    assert [(b.start, b.end, b.depth) for b in edited.brackets] == [
        (b.start, b.end, b.depth) for b in full.brackets
    ]
    assert [(g.start, g.end) for g in edited.alternative_groups] == [
        (g.start, g.end) for g in full.alternative_groups
    ]
    assert [(g.start, g.end, g.options) for g in edited.option_groups] == [
        (g.start, g.end, g.options) for g in full.option_groups
    ]
    assert edited.paragraphs == full.paragraphs
    assert edited.diagnostics == full.diagnostics
    assert edited.render() == edited.text


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_random_edits_match_a_full_parse(path: Path) -> None:
    rng = random.Random(path.name)
    draft = drafter.load(path)
    for _ in range(12):
        start = rng.randrange(len(draft.text) + 1)
        end = min(len(draft.text), start + rng.choice((0, 1, 2, 7, 40, 300)))
        draft = replace(draft, start, end, rng.choice(INSERTS))
        assert_same_model(draft)


def test_brackets_outside_an_edit_keep_their_ids_even_around_it() -> None:
    text = "1. Parties [shall][should] act.\n2. [Developed country Parties [shall] provide support].\n"
    draft = drafter.parse(text)
    outer = next(b for b in draft.brackets if b.start == text.index("[Developed"))
    inner = draft.bracket_by_id[outer.children[0]]
    first = draft.brackets[0]
    # Rewording inside the outer bracket, before the inner one: every id survives.
    at = text.index("Developed")
    edited = replace(draft, at, at + len("Developed"), "Rich")
    assert edited.text == text.replace("Developed", "Rich")
    assert {outer.id, inner.id, first.id} <= set(edited.bracket_by_id)
    assert edited.bracket_by_id[outer.id].start == outer.start
    assert edited.bracket_by_id[inner.id].start == inner.start - len("Developed") + len("Rich")
    assert_same_model(edited)


def test_a_bracket_whose_bracket_character_is_replaced_gets_a_new_id() -> None:
    draft = drafter.parse("a [b] c [d] e\n")
    edited = replace(draft, 2, 3, "(")
    assert draft.brackets[0].id not in edited.bracket_by_id
    assert draft.brackets[1].id in edited.bracket_by_id


def test_several_edits_at_once_and_ids_handed_back() -> None:
    text = "x [keep [inner] this] y\n"
    draft = drafter.parse(text)
    outer, inner = draft.brackets
    edits = [Edit(outer.start, "[", ""), Edit(outer.end - 1, "]", "")]
    kept = apply_edits(draft, edits)
    assert kept.text == "x keep [inner] this y\n"
    assert [b.id for b in kept.brackets] == [inner.id]
    # Putting the brackets back with their old id (as undo does).
    back = apply_edits(
        kept,
        [Edit(outer.start, "", "["), Edit(outer.end - 2, "", "]")],
        bracket_ids=[(outer.start, outer.end, outer.id)],
    )
    assert back.text == text
    assert [b.id for b in back.brackets] == [outer.id, inner.id]


def test_crlf_split_across_an_edit_is_lexed_as_one_line_break() -> None:
    draft = drafter.parse("one\rX\ntwo [a]\r\nthree\n")
    edited = replace(draft, 4, 5, "")  # "\r" + "\n" now meet
    assert edited.text == "one\r\ntwo [a]\r\nthree\n"
    assert_same_model(edited)
    assert edited.lines.tokens[0][-1] == ("EOL", "\r\n")


def test_edit_at_the_end_and_on_empty_text() -> None:
    draft = drafter.parse("a [b]\n")
    assert_same_model(replace(draft, 6, 6, "c [d]"))
    assert_same_model(replace(draft, 0, 6, ""))
    assert_same_model(replace(drafter.parse(""), 0, 0, "[x]\n"))


def test_markdown_front_matter_is_relexed_when_an_edit_may_change_it() -> None:
    text = "---\ntitle: [not a bracket]\n---\n# Article [1]\n"
    draft = drafter.parse(text, SourceFormat.MARKDOWN)
    assert len(draft.brackets) == 1
    assert_same_model(replace(draft, 4, 9, "name"))  # inside the front matter
    unclosed = drafter.parse("---\ntitle: x\n\n[a]\n", SourceFormat.MARKDOWN)
    closed = replace(unclosed, 13, 13, "---")  # closes the front matter far from line 0
    assert_same_model(closed)
    # A blank line inside the front matter does not end it.
    gapped = drafter.parse("---\ntitle: x\n\nversion: [2]\n---\n\n[a]\n", SourceFormat.MARKDOWN)
    assert len(gapped.brackets) == 1
    assert_same_model(replace(gapped, 17, 18, "\n"))
    # A "---" block later in the text is not front matter.
    later = drafter.parse("intro\n\n[a]\n", SourceFormat.MARKDOWN)
    assert_same_model(replace(later, 7, 7, "---\nx: [y]\n---\n"))


def test_edits_that_do_not_fit_the_text_are_refused() -> None:
    draft = drafter.parse("a [b] c\n")
    with pytest.raises(EditError, match="expected"):
        apply_edits(draft, [Edit(2, "(", "")])
    with pytest.raises(EditError, match="overlap"):
        apply_edits(draft, [Edit(2, "[b", ""), Edit(3, "b]", "")])


def test_offset_map_places_characters_and_drops_replaced_ones() -> None:
    offsets = OffsetMap([Edit(2, "ab", "X"), Edit(6, "", "123")])
    assert offsets.char(0) == 0
    assert offsets.char(2) is None and offsets.char(3) is None
    assert offsets.char(4) == 3
    assert offsets.char(6) == 8  # text inserted at 6 goes before the character there
    assert offsets.span(0, 5) == (0, 4)
    assert offsets.span(1, 3) is None


@pytest.mark.parametrize("pdf", [False, True], ids=["plain", "pdf-layout"])
def test_window_rebuild_equals_the_full_build(pdf: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Resolutions and insertions in a long draft mostly take the window path; same model, same ids.
    Also laid out as PDF text: wrapped lines, no blank lines, running headers and footnotes."""
    sys.path.insert(0, str(REPO / "bench"))
    from synthetic import pdf_layout, synthetic_draft

    text = synthetic_draft(40_000, seed=5)
    draft = drafter.parse(pdf_layout(text) if pdf else text)
    windowed = edit_both_ways(draft, random.Random(11), ROUNDS, monkeypatch, RESOLUTION_LIKE_INSERTS)
    assert windowed >= ROUNDS // 2


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_window_rebuild_equals_the_full_build_on_real_texts(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PDF text (page headers, footnotes, few blank lines), unbalanced brackets and Markdown link labels."""
    draft = drafter.load(path)
    windowed = edit_both_ways(draft, random.Random(path.name), 25, monkeypatch, WINDOW_INSERTS)
    if draft.brackets:
        assert windowed > 0


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_resolutions_record_the_same_change_with_and_without_the_window(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The change record (what was removed and added) comes out the same when only a window is rebuilt."""
    rng = random.Random(path.name)
    draft = drafter.load(path)
    for _ in range(15):
        groups = [*draft.alternative_groups, *draft.option_groups]
        if groups and rng.random() < 0.4:
            group = rng.choice(groups)
            count = len(group.options) if isinstance(group, OptionGroup) else len(group.alternatives)
            choice = rng.randint(1, count)
            resolution = lambda d, group=group, choice=choice: resolve.choose(d, group.id, choice)  # noqa: E731
        elif draft.brackets:
            bracket = rng.choice(draft.brackets)
            how = rng.choice((resolve.keep, resolve.delete))
            resolution = lambda d, how=how, bracket=bracket: how(d, bracket.id)  # noqa: E731
        else:
            return
        fast = resolution(draft)
        with monkeypatch.context() as patched:
            patched.setattr(edit, "build_window", lambda *args: None)
            full = resolution(draft)
        assert fast == full
        draft = fast[0]


def edit_both_ways(
    draft: Draft,
    rng: random.Random,
    rounds: int,
    monkeypatch: pytest.MonkeyPatch,
    inserts: tuple[str, ...],
) -> int:
    """Random resolutions and edits, each applied with and without the window rebuild: the same draft.

    Returns how many took the window path.
    """
    windowed = 0
    for _ in range(rounds):
        roll = rng.random()
        if roll < 0.5 and draft.brackets:
            target = rng.choice(draft.brackets)
            edits = [Edit(target.start, "[", ""), Edit(target.end - 1, "]", "")]
            if rng.random() < 0.5:
                edits = [resolve.deletion(draft.text, target.start, target.end)]
        elif roll < 0.7 and (draft.option_groups or draft.alternative_groups):
            group = rng.choice([*draft.option_groups, *draft.alternative_groups])
            count = len(group.options) if isinstance(group, OptionGroup) else len(group.alternatives)
            edits = list(resolve.choose(draft, group.id, rng.randint(1, count))[1].edits)
        else:
            at = rng.randrange(len(draft.text))
            length = rng.choice((0, 0, 1, 5, 30))
            edits = [Edit(at, draft.text[at : at + length], rng.choice(inserts))]
        windowed += window.window_for(draft, edits) is not None
        fast = apply_edits(draft, edits)
        with monkeypatch.context() as patched:
            patched.setattr(edit, "build_window", lambda *args: None)
            full = apply_edits(draft, edits)
        assert fast == full
        assert fast.lines == full.lines
        assert fast.option_labels == full.option_labels
        assert_same_model(fast)
        draft = fast
    return windowed


RESOLUTION_LIKE_INSERTS = ("x", "\n", "\n\n", "[a] [b]", "{note}", "Article 9\n", "[c]\n\n[d]")
WINDOW_INSERTS = (
    *INSERTS,
    "Article 9\n",
    "[c]\n\n[d]",
    "Option 1: a\n\nOption 2: b",
    "\n\nOption 2:\n\n",
    "II. HEADING\n\n",
    "{",
    "}",
    "\f",
    " " * 25 + "\n",  # a footnote separator
    "2\n",  # a footnote number
    "[ref]: http://example.org\n",
    "[t][ref]",
)
ROUNDS = 60
