"""`drafter check`: summaries, JSON, exit codes 0/1/2, and clear messages instead of tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.commands.cli import main
from tests.conftest import SAMPLES, corpus_file, corpus_files, fixture_files


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_balanced_text_exits_0_with_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = check(capsys, str(SAMPLES / "ocean-agreement.txt"))
    assert code == 0
    assert "47 pairs, maximum depth 3" in out
    # "[early warning systems] [and] [nature-based solutions]" read on from each other: not a group.
    assert "alternative groups: 15, option groups: 2" in out
    assert "diagnostics: 0 errors, 0 warnings" in out


def test_unbalanced_text_exits_1_with_file_line_column(capsys: pytest.CaptureFixture[str]) -> None:
    path = SAMPLES / "unbalanced-draft.txt"
    code, out, _ = check(capsys, str(path))
    assert code == 1
    # Each "[" opened mid-paragraph and left open is reported in its own paragraph.
    assert f"{path}:3:39: error in 1: '[' opened mid-paragraph is not closed in its paragraph" in out
    assert f"{path}:7:26: error in 5: '[' opened mid-paragraph is not closed in its paragraph" in out
    assert f"{path}:6:73: error in 4: ']' closes no open bracket" in out


@pytest.mark.parametrize("path", corpus_files() + fixture_files(), ids=lambda p: p.name)
def test_json_on_every_real_text_has_one_diagnostic_per_bracket_error(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = check(capsys, "--json", str(path))
    (report,) = json.loads(out)
    errors = [d for d in report["diagnostics"] if d["severity"] == "error"]
    assert code == (1 if errors else 0)
    stray = sum(d["kind"] == "stray-closing-bracket" for d in errors)
    unclosed = sum(d["kind"] == "unclosed-bracket" for d in errors)
    markup = (
        report["opening_brackets"]
        + report["closing_brackets"]
        - 2 * report["bracket_pairs"]
        - stray
        - unclosed
    )
    # Only Markdown markup ([^1], [text][ref], links) may hold brackets outside pairs and diagnostics.
    assert markup == 0 or path.suffix == ".md"
    assert report["opening_brackets"] - report["bracket_pairs"] - unclosed >= 0


def test_balanced_real_text_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    path = corpus_file("04_")
    assert check(capsys, str(path))[0] == 0


def test_missing_file_and_directory_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = check(capsys, str(tmp_path / "nope.txt"))
    assert code == 2 and "nope.txt: no such file" in err
    code, _, err = check(capsys, str(tmp_path))
    assert code == 2 and "is a directory" in err


def test_not_utf8_names_the_place_and_suggests_the_encoding(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes("1. Parties [shall]\n2. \u201cConvention\u201d\n".encode("cp1252"))
    code, _, err = check(capsys, str(path))
    assert code == 2
    assert f"{path}:2:4: not UTF-8 (byte 0x93)" in err and "cp1252" in err


def test_binary_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes(b"\x00\x01binary")
    code, _, err = check(capsys, str(path))
    assert code == 2 and "binary" in err


def test_damaged_docx_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "draft.docx"
    path.write_bytes(b"PK\x03\x04\x00\x00binary")
    code, _, err = check(capsys, str(path))
    assert code == 2 and f"{path}: is a damaged Word document" in err and "Traceback" not in err


def test_worst_code_wins_across_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, _ = check(capsys, str(SAMPLES / "ocean-agreement.txt"), str(SAMPLES / "unbalanced-draft.txt"))
    assert code == 1
    code, _, _ = check(capsys, str(SAMPLES / "unbalanced-draft.txt"), str(tmp_path / "missing"))
    assert code == 2


def test_no_traceback_from_the_installed_command(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes(b"caf\xe9 [x\n")
    result = subprocess.run(
        [sys.executable, "-m", "drafter.commands.cli", "check", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "not UTF-8" in result.stderr


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check"])
    assert exit_info.value.code == 2
    assert main([]) == 2
