"""The parser on real texts and samples: exact round-trip, every bracket accounted for, structure found."""

from __future__ import annotations

import gc
import re
from pathlib import Path

import pytest

import drafter
from drafter.text.model import DiagnosticKind, MarkupKind, NoteKind, ParagraphKind, Severity, SourceFormat
from drafter.text.pages import page_header_lines
from drafter.text.parser import format_for, read_text
from tests.conftest import corpus_file, corpus_files, fixture_file, fixture_files, sample_files

ALL_FILES = corpus_files() + fixture_files() + sample_files()


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_every_real_text_round_trips_exactly(path: Path) -> None:
    text = read_text(path)
    draft = drafter.load(path)
    assert draft.text == text
    assert draft.render() == text
    # The same text read as the other format round-trips too: no input is refused.
    other = SourceFormat.TEXT if draft.source_format is SourceFormat.MARKDOWN else SourceFormat.MARKDOWN
    assert drafter.parse(text, other).render() == text


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_every_bracket_character_is_accounted_for(path: Path) -> None:
    draft = drafter.load(path)
    text = draft.text
    owners: dict[int, str] = {}
    for bracket in draft.brackets:
        assert text[bracket.start] == "[" and text[bracket.end - 1] == "]"
        owners[bracket.start] = owners[bracket.end - 1] = "pair"
    for diagnostic in draft.errors:
        owners[diagnostic.offset] = diagnostic.kind.value
    for markup in draft.markup:
        for offset in range(markup.start, markup.end):
            if text[offset] in "[]":
                owners.setdefault(offset, "markup")
    bracket_offsets = [m.start() for m in re.finditer(r"[\[\]]", text)]
    assert sorted(owners) == bracket_offsets


EXPECTED_ERRORS = {
    "01_": [("stray", 196, 47), ("unclosed", 197, 4), ("unclosed", 309, 4)],
    # 162:54 is a real slip ("by [developed country Parties [Parties included in annex Y]."); the stack
    # blamed 12:2 instead, the "[" that opens paragraph 16's options and closes beyond the excerpt.
    "02_": [("stray", 8, 27), ("unclosed", 162, 54)],
    "03_": [("stray", 4, 93), ("unclosed", 133, 5), ("unclosed", 157, 1)],
    "04_": [],
    "05_": [("stray", 65, 1), ("stray", 72, 50), ("unclosed", 272, 18), ("unclosed", 278, 15)],
    "07_": [("stray", 54, 42), ("stray", 97, 79)],
    "09_paris_article2_v1": [("unclosed", 5, 37)],
    "09_paris_article2_v3": [],
    "12_": [],
    "13_": [("stray", 148, 77)],
    "2015-12-12": [],
}


FIXTURE_ERRORS = {
    # an excerpt that starts inside two brackets, and two brackets left open mid-sentence
    "compilation-unbalanced.txt": [
        ("stray", 4, 69),
        ("stray", 6, 8),
        ("unclosed", 15, 8),
        ("unclosed", 32, 20),
    ],
    "pdf-draft-agreement.txt": [],  # brackets across headings and a page break, all closed
}


def assert_errors_located(draft: drafter.Draft, expected: list[tuple[str, int, int]]) -> None:
    found = [(d.kind.value.split("-")[0], d.line, d.column) for d in draft.errors]
    assert found == expected
    for diagnostic in draft.errors:
        expected_char = "]" if diagnostic.kind is DiagnosticKind.STRAY_CLOSING_BRACKET else "["
        assert diagnostic.context[diagnostic.column - 1] == expected_char
        assert draft.text[diagnostic.offset] == expected_char


@pytest.mark.parametrize(("name", "expected"), FIXTURE_ERRORS.items())
def test_bracket_errors_in_the_fixtures_are_located_by_their_own_position(
    name: str, expected: list[tuple[str, int, int]]
) -> None:
    assert_errors_located(drafter.load(fixture_file(name)), expected)


@pytest.mark.parametrize(("prefix", "expected"), EXPECTED_ERRORS.items())
def test_bracket_errors_are_located_by_their_own_position(
    prefix: str, expected: list[tuple[str, int, int]]
) -> None:
    assert_errors_located(drafter.load(corpus_file(prefix)), expected)


def test_running_headers_and_footnotes_of_pdf_text_are_page_furniture() -> None:
    draft = drafter.load(fixture_file("pdf-draft-agreement.txt"))
    furniture = [
        (p.kind, draft.text[p.start : p.end].strip())
        for p in draft.paragraphs
        if p.kind in (ParagraphKind.PAGE_HEADER, ParagraphKind.FOOTNOTE)
    ]
    header = ("INTERSESSIONAL WORKING GROUP ON", "SHARED RIVER BASINS", "IWG.2031.4.DraftText")
    assert [text for kind, text in furniture if kind is ParagraphKind.PAGE_HEADER] == [
        line for page in (2, 3, 4) for line in (*header, f"{page} of 5")
    ]
    footnotes = [text for kind, text in furniture if kind is ParagraphKind.FOOTNOTE]
    assert [text.split()[0] for text in footnotes] == ["Some", "Tied", "[One"]
    assert draft.text.count("\f") == 2 and draft.render() == draft.text


def test_unclosed_bracket_is_reported_where_it_opens_not_at_end_of_file() -> None:
    draft = drafter.parse("1. [Welcomes the report;\n2. Requests [more][less] work.\n3. Decides.\n")
    (diagnostic,) = draft.diagnostics
    assert (diagnostic.kind, diagnostic.severity) == (DiagnosticKind.UNCLOSED_BRACKET, Severity.ERROR)
    assert (diagnostic.line, diagnostic.column) == (1, 4)
    assert diagnostic.caret() == "1. [Welcomes the report;\n   ^"
    # The rest of the document is still parsed and usable.
    assert [len(g.alternatives) for g in draft.alternative_groups] == [2]
    assert [p.number for p in draft.paragraphs] == ["1.", "2.", "3."]


def test_adjacent_alternatives_with_and_without_space() -> None:
    draft = drafter.parse("Parties [shall][should] [may] act; [2017] [2018] or [Invites]  [Strongly urges]\n")
    groups = [[draft.text[b.start : b.end] for b in g.alternatives] for g in draft.alternative_groups]
    assert groups == [
        ["[shall]", "[should]", "[may]"],
        ["[2017]", "[2018]"],
        ["[Invites]", "[Strongly urges]"],
    ]


def test_brackets_on_separate_lines_are_not_alternatives() -> None:
    draft = drafter.parse("[The Parties to this agreement,]\n[Being Parties to the Convention,]\n")
    assert draft.alternative_groups == ()
    assert len(draft.brackets) == 2


def test_nesting_depth_parents_and_children() -> None:
    draft = drafter.parse("[[Strive to] include [all [key [categories]]];]")
    depths = [(draft.text[b.start : b.end], b.depth) for b in draft.brackets]
    assert depths[0] == ("[[Strive to] include [all [key [categories]]];]", 1)
    assert depths[-1] == ("[categories]", 4)
    outer = draft.brackets[0]
    assert [draft.bracket_by_id[c].depth for c in outer.children] == [2, 2]
    assert all(draft.bracket_by_id[c].parent == outer.id for c in outer.children)


def test_brackets_inside_a_word() -> None:
    draft = drafter.parse("Article[s 5.2 and] 6.4 and consistency check[s]\n")
    assert [draft.text[b.start : b.end] for b in draft.brackets] == ["[s 5.2 and]", "[s]"]


def test_slash_is_a_candidate_only_when_spaced_inside_a_bracket() -> None:
    draft = drafter.parse(
        "[participation / widest possible participation] G-77/China and[/or] thirtieth / ninetieth\n"
    )
    first, second = draft.brackets
    pieces = [draft.text[s:e] for s, e in first.slash_candidates]
    assert pieces == ["participation", "widest possible participation"]
    assert second.slash_candidates == ()


def test_bracket_crossing_heading_and_paragraphs() -> None:
    text = "A. [[Preamble]\n1. First paragraph.\n2. Second paragraph.]\nB. Next\n"
    draft = drafter.parse(text)
    assert [draft.text[b.start : b.end] for b in draft.brackets][1] == "[Preamble]"
    outer = draft.brackets[0]
    assert draft.text[outer.end - 2 : outer.end] == ".]"
    assert [(p.kind, p.number) for p in draft.paragraphs] == [
        (ParagraphKind.HEADING, "A."),
        (ParagraphKind.OPERATIVE, "1."),
        (ParagraphKind.OPERATIVE, "2."),
        (ParagraphKind.HEADING, "B."),
    ]


@pytest.mark.parametrize(
    ("line", "kind", "number"),
    [
        ("1. Decides", ParagraphKind.OPERATIVE, "1."),
        ("15 bis. Decides", ParagraphKind.OPERATIVE, "15 bis."),
        ("134septies. Decides", ParagraphKind.OPERATIVE, "134septies."),
        ("16.3 bis Parties", ParagraphKind.OPERATIVE, "16.3 bis"),
        ("94.2ter. Any Party", ParagraphKind.OPERATIVE, "94.2ter."),
        ("16.1 Parties", ParagraphKind.OPERATIVE, "16.1"),
        ("3 decies. Requests", ParagraphKind.OPERATIVE, "3 decies."),
        ("(a) Hold", ParagraphKind.SUBPARAGRAPH, "(a)"),
        ("(iv) Ensure", ParagraphKind.SUBPARAGRAPH, "(iv)"),
        ("b bis. Invites", ParagraphKind.SUBPARAGRAPH, "b bis."),
        ("Pp1 Recalling its decision,", ParagraphKind.PREAMBULAR, "Pp1"),
        ("A. [[Preamble]]", ParagraphKind.HEADING, "A."),
        ("IV. FINAL CLAUSES", ParagraphKind.HEADING, "IV."),
        ("Chapter II", ParagraphKind.HEADING, "Chapter II"),
        ("Article 2bis", ParagraphKind.HEADING, "Article 2bis"),
        ("Article 3 (MITIGATION)", ParagraphKind.HEADING, "Article 3"),
        ("[(a) Quantifiable information;]", ParagraphKind.SUBPARAGRAPH, "(a)"),  # a bracket before the label
        ("[ (c) Pursue [a] shift;]", ParagraphKind.SUBPARAGRAPH, "(c)"),
        ("[[28. Decides] x]", ParagraphKind.OPERATIVE, "28."),
        ("[F. High-level dialogue/events]", ParagraphKind.HEADING, "F."),
        ("\ufeff1. Decides [that] x", ParagraphKind.OPERATIVE, "1."),  # after a UTF-8 byte order mark
    ],
)
def test_paragraph_numbers_as_written(line: str, kind: ParagraphKind, number: str) -> None:
    (paragraph,) = drafter.parse(line + "\n").paragraphs
    assert (paragraph.kind, paragraph.number) == (kind, number)


def test_running_text_is_not_mistaken_for_a_number_or_heading() -> None:
    text = "Parties aim to hold warming [below\n2 °C or 1.5 °C] as stated in its\nArticle 2 in order to stabilize\n"
    draft = drafter.parse(text)
    assert [p.kind for p in draft.paragraphs] == [ParagraphKind.TEXT]
    for line in ("[1.5 °C] or [2 °C]", "[a] or [b]", "[(a)] or [(b)]", "[2015. Parties]"):
        assert [p.kind for p in drafter.parse(line + "\n").paragraphs] == [ParagraphKind.TEXT], line


def test_unnumbered_preambular_paragraphs() -> None:
    draft = drafter.parse(
        "Recalling its decision 1/CP.21,\n\n[Also recognizing the need,]\n\nNotwithstanding this.\n"
    )
    assert [p.kind for p in draft.paragraphs] == [
        ParagraphKind.PREAMBULAR,
        ParagraphKind.PREAMBULAR,
        ParagraphKind.TEXT,
    ]


def test_labelled_options_inline_bracketed_and_zero() -> None:
    text = (
        "16. Option 1: Parties shall act.\n"
        "Option 1 bis: Parties should act.\n"
        "Option 2: No text\n"
        "17. [Option (a): Recognizing A,\nOption (b): Recognizing B,]\n"
    )
    draft = drafter.parse(text)
    first, second = draft.option_groups
    assert [o.number for o in first.options] == ["1", "1 bis", "2"]
    assert [o.zero for o in first.options] == [False, False, True]
    assert draft.text[first.options[0].start : first.options[0].end] == "Option 1: Parties shall act."
    assert [draft.text[o.start : o.end] for o in second.options] == [
        "Option (a): Recognizing A,",
        "Option (b): Recognizing B,",
    ]


def test_options_on_their_own_line_cover_paragraphs_until_the_next_heading() -> None:
    text = (
        "Article 2 (PURPOSE)\nOption I:\n1. First.\n2. Second.\nOption II:  No text\n"
        "Article 3 (MITIGATION)\n1. Other.\n"
    )
    draft = drafter.parse(text)
    (group,) = draft.option_groups
    assert draft.text[group.options[0].start : group.options[0].end] == "Option I:\n1. First.\n2. Second."
    assert draft.text[group.options[1].start : group.options[1].end] == "Option II:  No text"
    assert group.options[1].zero


def test_nested_options() -> None:
    text = "Option 1:\nOption A: alpha,\nOption B: beta,\nOption 2: gamma.\n"
    draft = drafter.parse(text)
    assert [[o.number for o in g.options] for g in draft.option_groups] == [["1", "2"], ["A", "B"]]
    outer = draft.option_groups[0]
    inner = draft.option_groups[1]
    assert outer.options[0].start < inner.start and inner.end <= outer.options[0].end


def test_option_labels_on_real_texts() -> None:
    geneva = drafter.load(corpus_file("02_"))
    runs = [[o.number for o in g.options] for g in geneva.option_groups]
    assert [str(n) for n in range(1, 8)] in runs  # paragraph 16: Option 1 ... Option 7
    alt = drafter.load(corpus_file("13_"))
    assert any("Alt" in o.number for g in alt.option_groups for o in g.options) or any(
        "Option 1 Alt" in alt.text[p.start : p.end] for p in alt.paragraphs
    )


def test_curly_braces_are_notes_never_alternatives() -> None:
    text = "{Collective long-term goal}\n1. Text {Note: under discussion} [a][b]\n{Placement proposal: move it}\n{end of Option B}\n"
    draft = drafter.parse(text)
    assert [n.kind for n in draft.notes] == [
        NoteKind.SUBHEADING,
        NoteKind.NOTE,
        NoteKind.PLACEMENT,
        NoteKind.OPTION_END,
    ]
    assert len(draft.alternative_groups) == 1


def test_placeholders() -> None:
    text = (
        "[X] per cent by 20XX, USD X.X million in annex X, [year x], [Placeholder for annexes], X [-Y] days\n"
    )
    draft = drafter.parse(text)
    assert [p.text for p in draft.placeholders] == [
        "[X]",
        "20XX",
        "USD X.X million",
        "X",
        "[year x]",
        "[Placeholder for annexes]",
        "X",
        "[-Y]",
    ]


def test_asterisk_and_footnote_markers_in_pdf_text() -> None:
    text = "[NDMC*][INDC] apply\nA. [[Preamble]\n1\n \n"
    draft = drafter.parse(text)
    assert [(m.kind.value, m.text) for m in draft.markers] == [("asterisk", "*"), ("footnote-reference", "1")]


def test_page_headers_of_pdf_text_are_recognised() -> None:
    path = corpus_file("05_")
    draft = drafter.load(path)
    headers = [
        draft.text[p.start : p.end].strip() for p in draft.paragraphs if p.kind is ParagraphKind.PAGE_HEADER
    ]
    assert headers[:4] == [
        "AD HOC WORKING GROUP ON THE",
        "DURBAN PLATFORM FOR ENHANCED ACTION",
        "ADP.2015.11.InformalNote",
        "3 of 54",
    ]
    assert "4 of 54" in headers and len(draft.page_breaks) == 4


def _pdf_pages(tops: dict[int, list[str]], count: int = 6, header: str = "IWG.2031.4.DraftText") -> str:
    """PDF-shaped text: `count` pages, each opened by `header` (if any), its page number, then `tops[page]`."""
    pages = []
    for page in range(1, count + 1):
        furniture = [header] if header else []
        words = ("rivers", "lakes", "aquifers", "wetlands", "deltas", "glaciers")[(page - 1) % 6]
        body = [*tops.get(page, []), f"{page}. The Parties [shall][should] cooperate on {words}."]
        pages.append("\n".join([*furniture, f"{page} of {count}", *body]) + "\n")
    return "\f".join(pages)


def _page_headers(text: str) -> list[str]:
    draft = drafter.parse(text)
    return [
        draft.text[p.start : p.end].strip() for p in draft.paragraphs if p.kind is ParagraphKind.PAGE_HEADER
    ]


@pytest.mark.parametrize("header", ["IWG.2031.4.DraftText", ""], ids=["under-a-header", "no-header"])
def test_a_body_line_opening_two_pages_of_six_is_not_a_running_header(header: str) -> None:
    """A body line ("Option 1:") opening pages 2 and 5 by chance is text: a header recurs on half the pages."""
    text = _pdf_pages({2: ["Option 1:"], 5: ["Option 1:"]}, header=header)
    headers = _page_headers(text)
    assert "Option 1:" not in headers
    assert headers == [
        line for page in range(1, 7) for line in ([header] if header else []) + [f"{page} of 6"]
    ]
    draft = drafter.parse(text)
    kinds = {draft.text[p.start : p.end].strip(): p.kind for p in draft.paragraphs}
    assert kinds["Option 1:"] is not ParagraphKind.PAGE_HEADER
    # The editor's window rebuild asks the same rule from the line table: same answer.
    found = page_header_lines(draft.text, draft.lines, draft.page_breaks)
    assert found == {p.line - 1 for p in draft.paragraphs if p.kind is ParagraphKind.PAGE_HEADER}


def test_a_running_header_on_every_other_page_is_furniture() -> None:
    """Odd and even pages may carry different headers: each still stands on half the pages."""
    pages = _pdf_pages({}, header="").split("\f")
    text = "\f".join(
        ("FCCC/IWG/2031/L.4\n" if n % 2 else "Draft text on shared river basins\n") + page
        for n, page in enumerate(pages, start=1)
    )
    headers = _page_headers(text)
    assert headers.count("FCCC/IWG/2031/L.4") == 3 and headers.count("Draft text on shared river basins") == 3


def test_markdown_brackets_that_are_not_negotiating_brackets() -> None:
    text = (
        "---\ntitle: [Draft]\n---\n* TOC\n{:toc}\n\nSee [the text][source] and [the site](http://x.org)[^1] "
        "\\[escaped\\] and [shall][should].\n\n[source]: http://example.org\n[^1]: A footnote [with] brackets.\n"
    )
    draft = drafter.parse(text, SourceFormat.MARKDOWN)
    assert [draft.text[b.start : b.end] for b in draft.brackets] == ["[shall]", "[should]", "[with]"]
    kinds = {m.kind for m in draft.markup}
    assert kinds >= {
        MarkupKind.FRONT_MATTER,
        MarkupKind.ATTRIBUTES,
        MarkupKind.REFERENCE_LINK,
        MarkupKind.INLINE_LINK,
        MarkupKind.FOOTNOTE_REFERENCE,
        MarkupKind.FOOTNOTE_DEFINITION,
        MarkupKind.LINK_DEFINITION,
        MarkupKind.ESCAPE,
    }
    assert draft.errors == ()


def test_markdown_headings_and_lists() -> None:
    text = "## Article 2 *(purpose)*\n\n1. The purpose [is][was]:\n\n    1. To hold;\n\n    **Option 1:** below 2 °C,\n\n    **Option 2:** No text\n"
    draft = drafter.parse(text, SourceFormat.MARKDOWN)
    assert [(p.kind, p.number) for p in draft.paragraphs] == [
        (ParagraphKind.HEADING, None),
        (ParagraphKind.OPERATIVE, "1."),
        (ParagraphKind.SUBPARAGRAPH, "1."),
        (ParagraphKind.OPTION, None),
        (ParagraphKind.OPTION, None),
    ]
    (group,) = draft.option_groups
    assert [o.zero for o in group.options] == [False, True]


def test_ids_are_stable_across_parses_and_edits_elsewhere() -> None:
    path = corpus_file("06_")
    text = read_text(path)
    first, again = drafter.parse(text), drafter.parse(text)
    assert [b.id for b in first.brackets] == [b.id for b in again.brackets]
    assert len({b.id for b in first.brackets}) == len(first.brackets)
    # An edit in the first line shifts every offset but changes no bracket's id.
    edited = drafter.parse("Preliminary words. " + text)
    assert [b.id for b in edited.brackets] == [b.id for b in first.brackets]
    assert [g.id for g in edited.alternative_groups] == [g.id for g in first.alternative_groups]
    assert [g.id for g in edited.option_groups] == [g.id for g in first.option_groups]


def test_repeated_paragraph_numbers_stay_distinct_by_position() -> None:
    path = corpus_file("13_")
    draft = drafter.load(path)
    numbered = [p for p in draft.paragraphs if p.number == "134."]
    assert len(numbered) >= 2
    assert len({p.start for p in numbered}) == len(numbered)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\ufeff[BOM] first\r\nsecond [line]\r\n",
        "mixed\r\nnew\nlines\r[and]\n\r\n",
        "\ttabs\t[and]\u00a0nbsp\u200bzero-width   \n",
        "page one\n\fpage two [x]\fpage three",
        "trailing spaces   \n[no final newline]",
        "]][[",
        "\r",
        "{{}}}{[}]",
    ],
)
def test_round_trip_of_awkward_input(text: str) -> None:
    for fmt in SourceFormat:
        assert drafter.parse(text, fmt).render() == text


def test_format_follows_the_suffix(tmp_path: Path) -> None:
    assert format_for(tmp_path / "a.MD") is SourceFormat.MARKDOWN
    assert format_for(tmp_path / "a.txt") is SourceFormat.TEXT


@pytest.mark.parametrize("start", ["text_document", "markdown_document"])
def test_grammar_builds_in_lark_strict_mode(start: str) -> None:
    # strict=True (with interegular installed) refuses terminals that collide unresolved.
    from lark import Lark

    from drafter.text.grammar import grammar_text

    Lark(grammar_text("drafter"), parser="lalr", lexer="contextual", start=start, strict=True)


def test_option_paragraph_ranges_bound_the_options() -> None:
    # Option 1 Alt re-uses Option 1's numbers; Option 2 covers paragraph 134 only, not 135.
    path = corpus_file("13_")
    draft = drafter.load(path)
    (group,) = draft.option_groups
    assert [o.number for o in group.options] == ["1", "1 Alt", "2"]
    assert group.options[2].label == "Option 2: (paragraph 134)"
    option_2 = draft.text[group.options[2].start : group.options[2].end]
    assert option_2.endswith("contribute to the purposes of those bodies;")
    assert "135." not in option_2
    option_1 = draft.text[group.options[0].start : group.options[0].end]
    assert "134septies." in option_1 and "Option 1 Alt" not in option_1


def test_options_leave_page_headers_and_footnotes_out() -> None:
    path = corpus_file("01_")
    draft = drafter.load(path)
    for group in draft.option_groups:
        for option in group.options:
            tail = draft.text[option.start : option.end].rsplit("\n", 1)[-1]
            assert "agenda item" not in tail and not tail.strip().isdigit()


def test_line_numbers_count_the_physical_lines_of_front_matter() -> None:
    text = "---\ntitle: Draft\r\nversion: 2\n---\n\n1. Decides [to act.\n"
    draft = drafter.parse(text, SourceFormat.MARKDOWN)
    (diagnostic,) = draft.diagnostics
    assert (diagnostic.line, diagnostic.column) == (6, 12)
    assert [(p.kind, p.line) for p in draft.paragraphs] == [
        (ParagraphKind.FRONT_MATTER, 1),
        (ParagraphKind.OPERATIVE, 6),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "---\n" + "line\r\n" * 40 + "no closing dashes",  # once backtracked exponentially
        "]" * 20_000,  # thousands of errors on one line: labels stay bounded
        "[^x" * 5_000,
        "Option 1 bis bis bis " * 2_000,
        "1.1.1.1.1.1.1.1.1.1" * 1_000,
        "(a (b (c " * 3_000,
    ],
    ids=["crlf-front-matter", "strays", "footnote-refs", "options", "numbers", "parens"],
)
def test_pathological_input_parses_and_round_trips(text: str) -> None:
    for fmt in SourceFormat:
        draft = drafter.parse(text, fmt)
        assert draft.render() == text


def test_parsing_leaves_the_cyclic_collector_as_it_found_it() -> None:
    assert gc.isenabled()
    drafter.parse("a [b] c\n")
    assert gc.isenabled()
    gc.disable()
    try:
        drafter.parse("a [b] c\n")
        assert not gc.isenabled()
    finally:
        gc.enable()
