"""`drafter stats`: one row per version, the terminal chart, chart files drawn by matplotlib (imported lazily)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from drafter import load
from drafter.commands.cli import main
from drafter.stats.versions import terminal_chart, version_stats
from drafter.text.report import summary
from tests.conftest import corpus_tier
from tests.diff.test_diff import PARIS, VERSIONS

pytestmark = corpus_tier  # the four Paris versions

FILES = [str(VERSIONS / name) for name in PARIS]


def test_rows_agree_with_drafter_check() -> None:
    for name in FILES:
        draft = load(name)
        row, counts = version_stats(Path(name).name, draft), summary(draft)
        assert row.brackets == counts["bracket_pairs"]
        assert row.opening_brackets == counts["opening_brackets"]
        assert row.max_depth == counts["max_depth"]
        assert (row.alternative_groups, row.option_groups) == (
            counts["alternative_groups"],
            counts["option_groups"],
        )
        assert (row.placeholders, row.notes) == (counts["placeholders"], counts["notes"])
        assert row.paragraphs == sum(counts["paragraphs"].values())
        assert row.bytes == Path(name).stat().st_size


def test_table_and_terminal_chart(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", *FILES]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == [
        "version",
        "date",
        "bytes",
        "paragraphs",
        "brackets",
        "depth",
        "alt.",
        "groups",
        "option",
        "groups",
        "options",
        "placeholders",
        "notes",
    ]
    rows = [line.split() for line in out[2:6]]
    assert [row[0] for row in rows] == PARIS
    # The date each version gives itself, and where it says so.
    assert [" ".join(row[1:6]) for row in rows] == [
        "6 Nov 2015 (version line)",
        "4 Dec 2015 (front matter)",
        "9 Dec 2015 (front matter)",
        "12 Dec 2015 (file name)",
    ]
    assert [row[6] for row in rows] == ["120,843", "107,242", "61,113", "50,046"]
    # Pairs and options as the structure-aware matcher reads them (issue 10): a '[' left open mid-paragraph
    # is no longer paired with a ']' sections later; option groups stop at headings and a lone label is a
    # group of one, so labels outside any group before now count (23 Oct: 'Option I:' line 524, ...).
    assert [row[8] for row in rows] == ["1,016", "1,006", "215", "0"]
    assert [row[12] for row in rows] == ["152", "117", "28", "0"]  # labelled options
    assert "brackets" in out and "option groups" in out
    bars = [line for line in out if line.startswith("  2015-10-23.md")]
    assert len(bars) == 3 and "█" in bars[0]


def test_terminal_chart_bars_are_proportional() -> None:
    rows = [version_stats(Path(name).name, load(name)) for name in FILES]
    chart = terminal_chart(rows, width=80).splitlines()
    brackets = chart[1:5]
    lengths = [line.count("█") for line in brackets]
    assert lengths[0] > lengths[2] > lengths[3] == 0
    assert abs(lengths[2] / lengths[0] - 215 / 1016) < 0.06
    assert all(len(line) <= 80 for line in chart)


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--json", *FILES]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(r["name"], r["brackets"], r["option_groups"], r["options"]) for r in data["versions"]] == [
        ("2015-10-23.md", 1016, 67, 152),  # as test_table_and_terminal_chart (issue 10's matcher)
        ("2015-12-04.md", 1006, 47, 117),
        ("2015-12-09.md", 215, 11, 28),
        ("2015-12-12.md", 0, 0, 0),
    ]
    assert [(r["date"], r["date_source"]) for r in data["versions"]] == [
        ("2015-11-06T00:00:00", "version line"),
        ("2015-12-04T00:00:00", "front matter"),
        ("2015-12-09T00:00:00", "front matter"),
        ("2015-12-12T00:00:00", "file name"),
    ]
    mitigation = next(row for row in data["sections"] if row["titles"][0] == "Article 3 (mitigation)")
    assert mitigation["titles"][-1] == "Article 4"
    assert mitigation["brackets"] == [318, 289, 66, 0]  # see test_sections
    assert "journal" not in data


def _svg_texts(path: Path) -> list[str]:
    """The texts of a matplotlib SVG (drawn as paths, each named in a comment before it)."""
    return re.findall(r"<!-- (.*?) -->", path.read_text(encoding="utf-8"))


def test_svg_and_png_charts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    svg, png = tmp_path / "progress.svg", tmp_path / "progress.png"
    assert main(["stats", "--json", "--chart", str(svg), *FILES]) == 0
    assert main(["stats", "--json", "--chart", str(png), *FILES]) == 0
    root = ElementTree.parse(svg).getroot()
    assert root.tag.endswith("svg")
    texts = _svg_texts(svg)
    # One panel per measure, each with its own axis and a legend naming its lines.
    for title in ("Bracket pairs", "Groups", "Options"):
        assert title in texts
    for legend in ("bracket pairs", "alternative groups", "option groups", "labelled options"):
        assert legend in texts
    assert texts.count("count") == 3  # three y axes
    # Time on the x axis: every version is dated, so the ticks are dates and the axis says so.
    assert texts.count("version date, 2015") == 3
    assert {"6 Nov", "4 Dec", "9 Dec", "12 Dec"} <= set(texts)
    # Where the work remains: one heat map per measure, sections down, versions across.
    for title in ("Bracket pairs by section", "Alternative groups by section", "Options by section"):
        assert title in texts
    assert "Article 4 ← Article 3 (mitigation)" in texts and "318" in texts
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind
    assert svg.stat().st_mode & 0o777 == 0o666 & ~_umask()  # not 0600: a chart is for sharing


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_the_x_axis_has_file_names_when_a_version_has_no_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("1. Parties [shall][should] act.\n", encoding="utf-8")
    second.write_text("1. Parties should act.\n", encoding="utf-8")
    chart = tmp_path / "chart.svg"
    assert main(["stats", "--chart", str(chart), str(first), str(second)]) == 0
    texts = _svg_texts(chart)
    assert texts.count("version (not all dated)") == 3 and "first.txt" in texts
    dated = ["--dates", "2026-03-03,2026-03-05T10:00"]
    assert main(["stats", "--chart", str(chart), *dated, str(first), str(second)]) == 2
    assert "chart.svg: exists; not replaced (use --force to replace it)" in capsys.readouterr().err
    assert main(["stats", "--chart", str(chart), "--force", *dated, str(first), str(second)]) == 0
    texts = _svg_texts(chart)
    assert texts.count("version date, 2026") == 3 and "5 Mar 10:00" in texts


def test_wrong_dates_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--dates", "2015-12-04", *FILES]) == 2
    assert "--dates gives 1 dates for 4 files" in capsys.readouterr().err
    assert main(["stats", "--dates", "2015-12-04,soon,2015-12-09,2015-12-12", *FILES]) == 2
    assert "'soon' is not a date" in capsys.readouterr().err


def test_bad_chart_name_and_missing_file_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--chart", str(tmp_path / "chart.pdf"), *FILES]) == 2
    assert "chart.pdf: a chart is written as .svg or .png" in capsys.readouterr().err
    assert main(["stats", str(tmp_path / "absent.md")]) == 2
    assert "absent.md: no such file" in capsys.readouterr().err
    # Never over a draft, even with --force.
    draft = tmp_path / "draft.svg"
    draft.write_text("1. Parties [shall] act.\n", encoding="utf-8")
    assert main(["stats", "--force", "--chart", str(draft), str(draft)]) == 2
    assert "draft.svg: is the draft or its journal" in capsys.readouterr().err
    assert draft.read_text(encoding="utf-8") == "1. Parties [shall] act.\n"


def test_matplotlib_is_imported_only_for_a_chart_file() -> None:
    probe = (
        "import sys; from drafter.commands.cli import main; main(['stats', '--json', *sys.argv[1:]]); "
        "print('matplotlib' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", probe, *FILES], capture_output=True, text=True, check=True)
    assert result.stderr.strip() == "False"
