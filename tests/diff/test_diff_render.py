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
from tests.diff.test_diff import PAIRS, diff_of, draft, pair_id

ANSI = re.compile(r"\x1b\[[0-9;]*m")
DECEMBER = PAIRS[1]  # 4 December compilation -> 9 December Presidency text


def test_terminal_output_without_color_marks_edits_and_fits_the_width() -> None:
    out = render_terminal(diff_of(*DECEMBER), width=90, color=False)
    assert not ANSI.search(out)
    lines = out.splitlines()
    assert lines[0] == "2015-12-04.md → 2015-12-09.md"
    assert lines[1].startswith("paragraphs: unchanged ")
    assert lines[2].startswith("brackets: 1013 → 216 pairs ('[' 1055 → 222); resolved ")
    assert all(len(line) <= 90 for line in lines)
    assert "⟨-" in out and "⟨+" in out
    assert "@@ old line 651 → new line 431 · renumbered 11. → 12." in out
    assert "moved from old line 499, and changed, renumbered 16. → 5." in out
    assert "↪ paragraph moved away from here (old line 499) to new line 314" in out
    assert "Brackets by section" in out
    assert lines[-1].endswith("changes")


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


def test_unified_hunks_say_where_and_what() -> None:
    diff = diff_of(*PAIRS[2])
    out = render_unified(diff, draft(PAIRS[2][0]).text)
    assert out.startswith("--- 2015-12-09.md\n+++ 2015-12-12.md\n@@ -1,")
    assert "@@ -503,2 +381,6 @@ Article 21 · renumbered 3. → 4.; inserted; moved from old line 517" in out
    assert "@@ -185,2 +113,0 @@ Article 3 (mitigation) · moved away to new line 126\n" in out
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
    assert "@@ old line 1 → new line 1 · white space changed" in render_terminal(diff, width=80, color=False)
