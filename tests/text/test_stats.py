"""`drafter stats`: one row per version, the terminal chart, chart files drawn by matplotlib (imported lazily)."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from drafter import load
from drafter.commands.cli import main
from drafter.stats import terminal_chart, version_stats
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
        "bytes",
        "paragraphs",
        "brackets",
        "depth",
        "alt.",
        "groups",
        "option",
        "groups",
        "placeholders",
        "notes",
    ]
    rows = [line.split() for line in out[2:6]]
    assert [row[0] for row in rows] == PARIS
    assert [row[1] for row in rows] == ["120,843", "107,242", "61,113", "50,046"]
    # Pairs as the structure-aware matcher reads them: a "[" left open mid-paragraph is no longer paired
    # with a "]" sections later (issue 10).
    assert [row[3] for row in rows] == ["1,016", "1,006", "215", "0"]
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
    rows = json.loads(capsys.readouterr().out)
    assert [(r["name"], r["brackets"], r["option_groups"]) for r in rows] == [
        ("2015-10-23.md", 1016, 67),
        ("2015-12-04.md", 1006, 47),
        ("2015-12-09.md", 215, 11),
        ("2015-12-12.md", 0, 0),
    ]


def test_svg_and_png_charts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    svg, png = tmp_path / "progress.svg", tmp_path / "progress.png"
    assert main(["stats", "--json", "--chart", str(svg), *FILES]) == 0
    assert main(["stats", "--json", "--chart", str(png), *FILES]) == 0
    root = ElementTree.parse(svg).getroot()
    assert root.tag.endswith("svg")
    text = svg.read_text(encoding="utf-8")
    assert "Brackets and options across versions" in text or "Brackets" in text
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind


def test_bad_chart_name_and_missing_file_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--chart", str(tmp_path / "chart.pdf"), *FILES]) == 2
    assert "chart.pdf: a chart is written as .svg or .png" in capsys.readouterr().err
    assert main(["stats", str(tmp_path / "absent.md")]) == 2
    assert "absent.md: no such file" in capsys.readouterr().err


def test_matplotlib_is_imported_only_for_a_chart_file() -> None:
    probe = (
        "import sys; from drafter.commands.cli import main; main(['stats', '--json', *sys.argv[1:]]); "
        "print('matplotlib' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", probe, *FILES], capture_output=True, text=True, check=True)
    assert result.stderr.strip() == "False"
