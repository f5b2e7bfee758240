"""Paragraph references on every command surface: check, status (and go-to with --ref), log, resolve, position.

On tests/fixtures/references-decision.txt: sections I, II, III.A-C, sub-paragraphs down to 24(o)(ii), a
repeated paragraph 2 in section I, paragraphs 30 and 31 in two options, a stray ']' in III.B 24(n) and an
unclosed '[' in III.C 40.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import drafter
from drafter.commands.cli import main
from drafter.text.goto import places
from tests.conftest import corpus_files, corpus_tier

FIXTURE = "references-decision.txt"


@pytest.fixture
def decision(fixture_copy: Any, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("DRAFTER_JOURNAL", raising=False)
    path: Path = fixture_copy(FIXTURE)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str, code: int = 0) -> tuple[str, str]:
    assert main(list(argv)) == code
    out, err = capsys.readouterr()
    return out, err


def data(capsys: pytest.CaptureFixture[str], *argv: str, code: int = 0) -> Any:
    return json.loads(run(capsys, *argv, "--json", code=code)[0])


def element_at(capsys: pytest.CaptureFixture[str], path: Path, ref: str, kind: str) -> dict[str, Any]:
    status = data(capsys, "status", str(path))
    return next(e for e in status["elements"] if e["ref"] == ref and e["kind"] == kind)


def test_check_names_the_paragraph_of_each_diagnostic(
    decision: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, _ = run(capsys, "check", str(decision), code=1)
    assert f"{decision}:44:43: error in III.B 24(n): ']' closes no open bracket" in out
    assert (
        f"{decision}:68:109: error in III.C 40: '[' opened mid-paragraph is not closed in its paragraph"
        in out
    )
    (report,) = data(capsys, "check", str(decision), code=1)
    assert [(d["line"], d["ref"]) for d in report["diagnostics"]] == [(44, "III.B 24(n)"), (68, "III.C 40")]


def test_check_says_no_reference_before_the_first_paragraph(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "stray.txt"
    path.write_text("Some text]\n", encoding="utf-8")
    (report,) = data(capsys, "check", str(path), code=1)
    assert report["diagnostics"][0]["ref"] == "¶1"
    out, _ = run(capsys, "check", str(path), code=1)
    assert f"{path}:1:10: error in ¶1: ']'" in out


def test_status_shows_each_elements_reference(decision: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = run(capsys, "status", str(decision))
    rows = {line.split()[0]: line for line in out.splitlines()[1:]}
    refs = {e["id"]: e["ref"] for e in data(capsys, "status", str(decision))["elements"]}
    assert set(rows) == set(refs)
    for element_id, ref in refs.items():
        assert f" {ref} " in rows[element_id], rows[element_id]
    assert sorted(refs.values()) == sorted(
        [
            "pp 1",
            "pp 2",
            "I 2 (1 of 2)",
            "I 2 (2 of 2)",
            "II 12",
            "II 13",
            "III.A 20(a)",
            "III.A 20(b)",
            "III.B 24(a)",
            "III.B 24(b)",
            "III.B 24(n)",
            "III.B 24(n)",
            "III.B 24(o)(ii)",
            "III.C Option 1",
            "III.C Option 1 > 30",
            "III.C Option 2 > 31",
        ]
    )


@pytest.mark.parametrize(
    ("query", "place", "refs"),
    [
        ("24(b)", "III.B 24(b)", ["III.B 24(b)"]),
        ("24 (b)", "III.B 24(b)", ["III.B 24(b)"]),
        ("III.B 24(n)", "III.B 24(n)", ["III.B 24(n)", "III.B 24(n)"]),
        ("B 24(o)(ii)", "III.B 24(o)(ii)", ["III.B 24(o)(ii)"]),
        ("para 12", "II 12", ["II 12"]),
        ("paragraph 12", "II 12", ["II 12"]),
        ("12.", "II 12", ["II 12"]),
        ("I 2 (2 of 2)", "I 2 (2 of 2)", ["I 2 (2 of 2)"]),
        ("Option 2 > 31", "III.C Option 2 > 31", ["III.C Option 2 > 31"]),
        # A paragraph covers its sub-paragraphs; a heading its section and the sections below it.
        ("24", "III.B 24", ["III.B 24(a)", "III.B 24(b)", "III.B 24(n)", "III.B 24(n)", "III.B 24(o)(ii)"]),
        ("II", "II", ["II 12", "II 13"]),
        ("Option 1", "III.C Option 1", ["III.C Option 1", "III.C Option 1 > 30"]),
    ],
)
def test_status_ref_goes_to_the_paragraph(
    decision: Path, capsys: pytest.CaptureFixture[str], query: str, place: str, refs: list[str]
) -> None:
    status = data(capsys, "status", str(decision), "--ref", query)
    assert status["place"]["reference"] == place
    assert [e["ref"] for e in status["elements"]] == refs
    out, _ = run(capsys, "status", str(decision), "--ref", query)
    assert f"in {place} (line {status['place']['line']}): {len(refs)} element" in out
    assert len(out.splitlines()) == 2 + len(refs)


def test_status_ref_lists_the_candidates_of_an_ambiguous_reference(
    decision: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, err = run(capsys, "status", str(decision), "--ref", "30", code=2)
    assert "'30' names 2 paragraphs; say which:" in err
    assert "III.C Option 1 > 30" in err and "line 56" in err
    assert "III.C Option 2 > 30" in err and "line 62" in err
    found = data(capsys, "status", str(decision), "--ref", "2", code=2)
    assert [(c["reference"], c["line"]) for c in found["candidates"]] == [
        ("I 2 (1 of 2)", 14),
        ("I 2 (2 of 2)", 16),
    ]
    _, err = run(capsys, "status", str(decision), "--ref", "99", code=2)
    assert f"{decision}: no paragraph '99'" in err


def test_log_and_the_commands_that_write_name_the_paragraph(
    decision: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    licence = element_at(capsys, decision, "II 12", "bracket")["id"]
    out, _ = run(capsys, "position", str(decision), licence, "--party", "EU", "--delete")
    assert f"delete on {licence} in II 12" in out
    out, _ = run(capsys, "resolve", str(decision), licence, "--delete")
    assert f"delete {licence} in II 12: '[licence class]' -> ''" in out
    # A new bracket is placed where it was written, in the text the journal began with.
    consolidated, _ = run(capsys, "export", str(decision), "-o", "-")
    start = consolidated.index("[Set] a ceiling")
    out, _ = run(capsys, "bracket", str(decision), "--span", str(start), str(start + 10))
    assert " in III.B 24(b): '[Set] a ce' -> '[[Set] a ce]'" in out
    fees = element_at(capsys, decision, "II 13", "alternatives")["id"]
    (change,) = data(capsys, "resolve", str(decision), fees, "--choose", "1")
    assert change["ref"] == "II 13"
    run(capsys, "undo", str(decision))
    out, _ = run(capsys, "log", str(decision))
    lines = out.splitlines()
    assert lines[0].endswith(f"European Union delete on {licence} in II 12")
    assert f"delete {licence} in II 12:" in lines[1]
    assert " in III.B 24(b): '[Set] a ce' -> '[[Set] a ce]'" in lines[2]
    assert f"choose 1 {fees} in II 13:" in lines[3]
    assert f"undo of #4 {fees} in II 13:" in lines[4]
    assert [e["ref"] for e in data(capsys, "log", str(decision))] == [
        "II 12",
        "II 12",
        "III.B 24(b)",
        "II 13",
        "II 13",
    ]


def every_real_text() -> list[Path]:
    return [p for p in corpus_files() if p.suffix in (".txt", ".md") and p.name != "SOURCES.md"]


@corpus_tier
@pytest.mark.parametrize("real", every_real_text(), ids=lambda p: p.name)
def test_every_reference_a_command_prints_leads_back_to_its_place(
    real: Path, copy_into_tmp: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a copy of each real text: the `ref` of every element (status) and every diagnostic (check), given
    back to go-to, names a place that holds it (one of several when the number repeats)."""
    path: Path = copy_into_tmp(real)
    draft = drafter.load(path)
    status = data(capsys, "status", str(path))
    (report,) = data(capsys, "check", "--json", str(path), code=1 if draft.errors else 0)
    placed = [(e["ref"], e["start"]) for e in status["elements"]]
    placed += [(d["ref"], d["offset"]) for d in report["diagnostics"]]
    assert placed or not draft.brackets
    for ref, offset in placed:
        if ref.startswith("line ") or not ref:  # before the first paragraph: no reference to say
            assert draft.reference_at(offset) == ""
            continue
        assert any(p.start <= offset < p.end for p in places(draft, ref)), (ref, offset)


def test_parties_and_gavel_name_the_paragraph(decision: Path, capsys: pytest.CaptureFixture[str]) -> None:
    offer = element_at(capsys, decision, "pp 2", "alternatives")["id"]
    fees = element_at(capsys, decision, "III.A 20(b)", "alternatives")["id"]
    run(capsys, "position", str(decision), offer, "--party", "EU", "--opposes", "1")
    run(capsys, "position", str(decision), fees, "--party", "EU", "--opposes", "2")
    out, _ = run(capsys, "parties", str(decision))
    assert f"  objects to: {offer} (pp 2), {fees} (III.A 20(b))" in out
    (standing,) = data(capsys, "parties", str(decision))
    assert standing["refs"][offer] == "pp 2" and standing["refs"][fees] == "III.A 20(b)"
    out, _ = run(capsys, "gavel", str(decision), offer, "--choose", "2")
    assert out.startswith(f"#3 gavelled {offer} in pp 2: choice 2 “three”")
    assert data(capsys, "gavel", str(decision), fees, "--choose", "1")["ref"] == "III.A 20(b)"
