"""The renderers: terminal (wrapped, coloured or marked), unified (applies with patch and git), HTML (offline)."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from drafter import parse
from drafter.diff import compare, render_html, render_terminal, render_unified
from tests.conftest import corpus_tier
from tests.diff.test_diff import PAIRS, VERSIONS, diff_of, draft, pair_id

ANSI = re.compile(r"\x1b\[[0-9;]*m")
DECEMBER = (VERSIONS / "2015-12-04.md", VERSIONS / "2015-12-09.md")  # compilation -> Presidency text


@corpus_tier
def test_terminal_output_without_color_marks_edits_and_fits_the_width() -> None:
    out = render_terminal(diff_of(*DECEMBER), width=90, color=False)
    assert not ANSI.search(out)
    lines = out.splitlines()
    assert lines[0] == "2015-12-04.md → 2015-12-09.md"
    assert lines[1].startswith("paragraphs: unchanged ")
    assert lines[2].startswith("brackets: 1006 → 215 pairs ('[' 1055 → 222); resolved ")
    assert all(len(line) <= 90 for line in lines)
    assert "⟨-" in out and "⟨+" in out
    assert "@@ Art. 9 11 → Art. 9 12 (lines 651 → 431) · renumbered 11. → 12." in out
    words = " ".join(out.split())  # as read, whatever the wrapping
    assert (
        "@@ Art. 6 16 → Art. 6 5 (lines 499 → 314) · moved from old line 499, and changed, renumbered 16. → 5."
        in words
    )
    assert "↪ paragraph moved away from here (old line 499) to new line 314" in out
    assert "Brackets by section" in out
    assert lines[-1].endswith("changes")


@corpus_tier
@pytest.mark.parametrize("width", [40, 72, 160])
def test_terminal_output_wraps_to_any_width(width: int) -> None:
    out = render_terminal(diff_of(*DECEMBER), width=width, color=True)
    assert all(len(ANSI.sub("", line)) <= width for line in out.splitlines())


def test_terminal_colours_deletions_red_and_insertions_green() -> None:
    old = parse("1. Parties [shall] act now.\n")
    new = parse("1. Parties act at once.\n")
    out = render_terminal(compare(old, new, "a", "b"), width=80, color=True)
    assert "\x1b[" in out
    assert re.search(r"\x1b\[[0-9;]*31[0-9;]*m\[", out)  # red "["
    assert re.search(r"\x1b\[[0-9;]*32[0-9;]*mat once", out)  # green insertion
    plain = render_terminal(compare(old, new, "a", "b"), width=80, color=False)
    assert "1. Parties ⟨-[shall]-⟩ act ⟨-now-⟩⟨+at once+⟩." in plain


def test_side_by_side_puts_old_left_and_new_right() -> None:
    old = parse("1. Parties [shall][should] act.\n\n2. Unchanged text here.\n")
    new = parse("1. Parties should act.\n\n2. Unchanged text here.\n")
    out = render_terminal(compare(old, new, "a", "b"), width=80, side_by_side=True, color=False)
    row = next(line for line in out.splitlines() if "Parties" in line)
    left, right = row.split("│")
    assert "⟨-[shall][-⟩" in left and "⟨+" not in left
    assert "Parties should act." in right and "⟨-" not in right


@corpus_tier
def test_identical_drafts_say_so() -> None:
    same = compare(draft(DECEMBER[0]), draft(DECEMBER[0]), "a", "b")
    out = render_terminal(same, width=80, color=False)
    assert "The drafts are identical." in out
    assert "0 changes" in out
    assert render_unified(same, draft(DECEMBER[0]).text) == ""


@pytest.mark.parametrize("pair", PAIRS, ids=pair_id)
@pytest.mark.parametrize("tool", ["patch", "git"])
def test_unified_diff_applies_with_standard_tools(pair: tuple[Path, Path], tool: str, tmp_path: Path) -> None:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is needed to check the unified diff")
    old, new = pair
    diff = compare(draft(old), draft(new), "draft.md", "draft.md")
    patch_file = tmp_path / "change.patch"
    patch_file.write_text(render_unified(diff, draft(old).text), encoding="utf-8")
    target = tmp_path / "draft.md"
    target.write_bytes(old.read_bytes())
    if tool == "patch":
        command = ["patch", "--quiet", str(target), str(patch_file)]
    else:
        command = ["git", "apply", "--unidiff-zero", "-p0", str(patch_file)]
    subprocess.run(command, cwd=tmp_path, check=True, capture_output=True)
    assert target.read_bytes() == new.read_bytes()


@corpus_tier
def test_unified_hunks_say_where_and_what() -> None:
    adopted = (VERSIONS / "2015-12-09.md", VERSIONS / "2015-12-12.md")
    diff = diff_of(*adopted)
    out = render_unified(diff, draft(adopted[0]).text)
    assert out.startswith("--- 2015-12-09.md\n+++ 2015-12-12.md\n@@ -1,")
    assert "@@ -503,2 +381,6 @@ Art. 21 4 · renumbered 3. → 4.; inserted; moved from old line 517" in out
    assert "@@ -185,2 +113,0 @@ Art. 3 19 · moved away to new line 126\n" in out
    assert render_unified(diff) == out  # the old text is rebuilt from the diff


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("no final newline", "no final newline, changed"),
        ("1. A.\n", "1. A.\n\n2. B."),
        ("1. A.\n\n2. B.", "1. A.\n"),
        ("", "1. New.\n"),
        ("1. Old.\n", ""),
        ("1. A.\r\n\r\n2. B.\r\n", "1. A.\r\n\r\n2. C.\r\n"),
    ],
)
def test_unified_edge_cases_apply(old: str, new: str, tmp_path: Path) -> None:
    diff = compare(parse(old), parse(new), "draft.txt", "draft.txt")
    (tmp_path / "draft.txt").write_bytes(old.encode())
    (tmp_path / "change.patch").write_text(render_unified(diff, old), encoding="utf-8", newline="")
    subprocess.run(
        ["git", "apply", "--unidiff-zero", "-p0", "change.patch"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    assert (tmp_path / "draft.txt").read_bytes() == new.encode()


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.urls: list[str] = []
        self.ids: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.urls += [value or "" for name, value in attrs if name in ("src", "href")]
        self.ids += [value or "" for name, value in attrs if name == "id"]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@corpus_tier
def test_html_is_self_contained_with_both_views() -> None:
    page = render_html(diff_of(*DECEMBER))
    collector = _Collector()
    collector.feed(page)
    assert "script" not in collector.tags and "link" not in collector.tags and "img" not in collector.tags
    assert all(url.startswith("#") for url in collector.urls), [
        u for u in collector.urls if not u.startswith("#")
    ]
    assert "@import" not in page and "url(" not in page
    assert 'class="inline"' in page and 'class="side"' in page
    assert 'id="view-inline"' in page and 'id="view-side"' in page
    assert "#view-side:checked ~ main .inline" in page
    text = "".join(collector.text)
    assert "renumbered 11. → 12." in text
    assert "The provision of scaled-up financial resources" in text


def test_html_escapes_all_text() -> None:
    old = parse('1. Parties <script>alert("x")</script> shall [act & report].\n')
    new = parse("1. Parties <b>bold</b> shall act & report.\n")
    page = render_html(compare(old, new, "<old>.txt", "new&.txt"))
    assert "<script>" not in page and "<b>bold" not in page
    assert "&lt;script&gt;" in page and "&lt;b&gt;bold" in page
    assert "&lt;old&gt;.txt" in page and "new&amp;.txt" in page
    assert "&amp; report" in page


def test_a_white_space_change_is_named() -> None:
    diff = compare(
        parse("1. Parties  shall act.\n\n2. Next.\n"), parse("1. Parties shall act.\n\n2. Next.\n"), "a", "b"
    )
    assert "@@ 1 (lines 1 → 1) · white space changed" in render_terminal(diff, width=80, color=False)


@corpus_tier
def test_the_brackets_by_section_come_before_the_changes() -> None:
    lines = render_terminal(diff_of(*DECEMBER), width=100, color=False).splitlines()
    table = next(k for k, line in enumerate(lines) if line.startswith("Brackets by section"))
    first_change = next(k for k, line in enumerate(lines) if line.startswith("@@ "))
    assert table < first_change
    row = next(line for line in lines[table:first_change] if line.split()[:2] == ["Article", "4"])
    # resolved, removed in restructuring, added, amended, open; alternative and option groups before → after
    assert row.split()[-11:] == ["97", "25", "6", "6", "14", "29", "→", "2", "3", "→", "1"]


@corpus_tier
def test_a_narrow_terminal_gives_each_section_its_own_line() -> None:
    lines = render_terminal(diff_of(*DECEMBER), width=50, color=False).splitlines()
    at = lines.index("Article 4 (adaptation)")
    assert lines[at + 1] == "  resolved 97, removed 25, added 6, amended 6,"
    assert lines[at + 2] == "open 14, alt. groups 29 → 2, option groups 3 → 1"


REWRITTEN_OLD = (
    "1. Parties shall act now.\n\n"
    "2. Developed countries shall provide finance to developing countries every year.\n\n"
    "3. Each Party shall communicate its contribution every five years.\n\n"
    "4. The secretariat keeps the registry.\n"
)
REWRITTEN_NEW = (
    "1. Parties shall act now.\n\n"
    "2. Financial support flows from all Parties in a position to do so.\n\n"
    "3. A new mechanism is established under this Agreement.\n\n"
    "4. Contributions are communicated by each Party every five years, as a progression.\n\n"
    "5. The secretariat keeps the registry.\n"
)


def test_side_by_side_pairs_replaced_paragraphs_row_by_row() -> None:
    diff = compare(parse(REWRITTEN_OLD), parse(REWRITTEN_NEW), "a", "b")
    assert [c.kind.value for c in diff.differences] == ["delete", "insert", "renumbered"]
    out = render_terminal(diff, width=120, side_by_side=True, color=False).splitlines()
    assert "@@ 2 (lines 3 → 3) · 2 paragraphs replaced by 3" in out
    # The contribution paragraph sits beside the one it became, the finance one beside the new finance one.
    finance = next(line for line in out if "Developed countries" in line)
    assert "Financial support flows" in finance
    contribution = next(line for line in out if "⟨-Each-⟩ Party" in line)
    assert "⟨+Contributions are communicated by each+⟩ Party" in contribution
    mechanism = next(line for line in out if "A new mechanism" in line)
    assert mechanism.split("│")[0].strip() == ""
    # Inline, deletions and insertions still come one after the other.
    inline = render_terminal(diff, width=120, color=False)
    assert (
        "@@ old 2 (line 3) · 2 paragraphs deleted" in inline
        and "@@ new 2 (line 3) · 3 paragraphs inserted" in inline
    )


def test_html_side_by_side_pairs_replaced_paragraphs() -> None:
    page = render_html(compare(parse(REWRITTEN_OLD), parse(REWRITTEN_NEW), "a", "b"))
    side = page[page.index('<section class="side">') :]
    rows = re.findall(r'<tr class="replaced">(.*?)</tr>', side)
    assert len(rows) == 3
    assert "Developed countries" in rows[0] and "Financial support" in rows[0]
    assert "A new mechanism" in rows[1] and rows[1].startswith('<td><div class="text"></div></td>')
    assert (
        "<del>Each</del> Party" in rows[2] and "<ins>Contributions are communicated by each</ins>" in rows[2]
    )
    assert "<del>" in rows[2] and "<ins>" in rows[2]  # alike enough to show the word edits


@corpus_tier
def test_paris_side_by_side_pairs_the_preamble_paragraphs_that_were_rewritten() -> None:
    from drafter.diff.display import in_reading_order
    from drafter.diff.replaced import Replacement, with_replacements

    diff = diff_of(*DECEMBER)
    found = [
        item
        for item in with_replacements(in_reading_order(diff))
        if isinstance(item, Replacement) and item.location() == "¶5 → pp 11 (lines 43 → 43)"
    ]
    assert len(found) == 1
    first, second = found[0].rows
    assert first.old_text.startswith("*Recognizing* the critical importance")
    assert first.new_text.startswith("*Recognizing* the fundamental priority")
    assert second.old_text.startswith("[*Recognizing also*")
    assert second.new_text.startswith("*Also recognizing*")


MARKDOWN_OLD = (
    "*This is the [draft text][source] of the Agreement.*\n\n[source]: http://example.org/draft\n\n"
    "## Article 2 *(purpose)*\n\n"
    "1. *Noting* that Parties [shall][should] act[^1] **now**.\n\n[^1]: A footnote.\n"
)
MARKDOWN_NEW = (
    "*This is the [revised text][source] of the Agreement.*\n\n[source]: http://example.org/draft\n\n"
    "## Article 2 *(purpose)*\n\n"
    "1. *Noting* that Parties should act[^1] **now**.\n\n[^1]: A footnote.\n"
)


def test_html_colours_negotiating_brackets_only() -> None:
    page = render_html(compare(parse(MARKDOWN_OLD, "markdown"), parse(MARKDOWN_NEW, "markdown"), "a", "b"))
    inline = page[page.index('<section class="inline">') : page.index('<section class="side">')]
    coloured = re.findall(r'<span class="br">(.)</span>', inline)
    # "[shall][should]" is the only negotiating text: its four brackets (shown deleted), nothing else.
    assert coloured == ["[", "]", "[", "]"]
    assert '<span class="link"><em>[</em></span><del><span class="link"><em>draft</em></span></del>' in inline
    assert "[^1]" in inline and '<span class="br">[</span>^1' not in inline


def test_html_renders_markdown_emphasis_and_headings() -> None:
    old, new = parse(MARKDOWN_OLD, "markdown"), parse(MARKDOWN_NEW, "markdown")
    page = render_html(compare(old, new, "a", "b"))
    inline = page[page.index('<section class="inline">') : page.index('<section class="side">')]
    assert '<span class="md">*</span><em>Noting</em><span class="md">*</span>' in inline
    assert '<span class="md">**</span><strong>now</strong><span class="md">**</span>' in inline
    assert '<span class="md">## </span><span class="h">Article 2 </span>' in inline
    assert ".md { display: none; }" in page
    # The same text as a plain-text draft: no Markdown looks.
    plain = render_html(compare(parse(MARKDOWN_OLD), parse(MARKDOWN_NEW), "a", "b"))
    assert "<em>" not in plain and 'class="md"' not in plain
