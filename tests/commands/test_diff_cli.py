"""`drafter diff` on the command line: formats, output files and exit codes (0 same, 1 different, 2 error)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.commands.cli import main
from drafter.diff import apply
from tests.conftest import corpus_tier
from tests.diff.test_diff import ARTICLE_5, VERSIONS

OLD, NEW = ARTICLE_5[1], ARTICLE_5[2]  # default tier: two iterations of the fixture article
PARIS_OLD = VERSIONS / "2015-12-09.md"  # corpus tier: the Presidency text and the adopted Paris Agreement
PARIS_NEW = VERSIONS / "2015-12-12.md"


def test_identical_files_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(OLD), str(OLD), "--color", "never", "--width", "80"]) == 0
    assert "The drafts are identical." in capsys.readouterr().out


@corpus_tier
def test_different_files_exit_1_with_a_wrapped_terminal_diff(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(PARIS_OLD), str(PARIS_NEW), "--color", "never", "--width", "72"]) == 1
    out = capsys.readouterr().out
    assert "\x1b[" not in out
    assert max(len(line) for line in out.splitlines()) <= 72
    assert "renumbered 3. → 4." in out


def test_color_always_and_side_by_side(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(OLD), str(NEW), "--color", "always", "--side-by-side", "--width", "120"]) == 1
    out = capsys.readouterr().out
    assert "\x1b[" in out and "│" in out


@pytest.mark.parametrize("missing", ["old", "new"])
def test_unreadable_file_exits_2_naming_it(
    missing: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    absent = tmp_path / "absent.md"
    args = [str(absent), str(NEW)] if missing == "old" else [str(OLD), str(absent)]
    assert main(["diff", *args]) == 2
    captured = capsys.readouterr()
    assert f"{absent}: no such file" in captured.err
    assert "Traceback" not in captured.err and captured.out == ""


def test_binary_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    binary = tmp_path / "draft.md"
    binary.write_bytes(b"\x00\x01PK")
    assert main(["diff", str(binary), str(NEW)]) == 2
    assert f"{binary}:1:1: looks like a binary file" in capsys.readouterr().err


def test_json_to_a_file_applies_to_old(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "diff.json"
    assert main(["diff", str(OLD), str(NEW), "--format", "json", "-o", str(target)]) == 1
    assert capsys.readouterr().out == ""
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "drafter-diff" and data["identical"] is False
    assert {"summary", "changes", "old_length", "new_length"} <= set(data)
    assert all({"kind", "old_start", "old_end", "new_start", "new_end"} <= set(c) for c in data["changes"])
    assert apply(OLD.read_text(encoding="utf-8"), data) == NEW.read_text(encoding="utf-8")


def test_html_and_unified_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "diff.html"
    assert main(["diff", str(OLD), str(NEW), "--format", "html", "-o", str(page)]) == 1
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["diff", str(OLD), str(NEW), "--format", "unified"]) == 1
    assert capsys.readouterr().out.startswith(f"--- {OLD}\n+++ {NEW}\n@@ ")


def test_unwritable_output_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no-such-dir" / "diff.html"
    assert main(["diff", str(OLD), str(NEW), "--format", "html", "-o", str(target)]) == 2
    assert f"{target}: no such directory" in capsys.readouterr().err


@corpus_tier
def test_summary_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["diff", str(PARIS_OLD), str(PARIS_NEW), "--summary", "--color", "never", "--width", "100"]) == 1
    )
    out = capsys.readouterr().out
    assert "brackets: 215 → 0 pairs" in out and "Brackets by section" in out
    assert "@@" not in out


@corpus_tier
def test_the_same_diff_whatever_the_hash_seed() -> None:
    """String hashing changes between runs; nothing in the alignment may depend on set or hash order."""
    old, new = VERSIONS / "2015-12-04.md", VERSIONS / "2015-12-09.md"
    outputs = {
        subprocess.run(
            [sys.executable, "-m", "drafter.commands.cli", "diff", str(old), str(new), "--format", "json"],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=False,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1 and json.loads(outputs.pop())["changes"]
