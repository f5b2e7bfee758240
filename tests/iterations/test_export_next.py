"""`drafter export FILE --next-iteration -o OUT`: resolved brackets gone, numbering consistent, a table of numbers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from drafter import load
from drafter.commands.cli import main
from drafter.iterations.renumber import WHOLE_NUMBER
from drafter.journal.sqlite import journal_path_for
from drafter.negotiation.positions import Stance
from drafter.text.model import ParagraphKind
from drafter.workspace import open_session
from tests.conftest import SAMPLES


@pytest.fixture
def worked(tmp_path: Path) -> Path:
    """The ocean sample with a few elements resolved in its journal."""
    draft = tmp_path / "ocean.txt"
    shutil.copy(SAMPLES / "ocean-agreement.txt", draft)
    with open_session(draft, actor="secretariat") as session:
        session.choose("g18d9f37", 1, meeting="IC 3 Mar")
        session.keep("ba5faf7c", meeting="IC 3 Mar")
        session.delete("b9188ed3", meeting="IC 3 Mar")
    return draft


def test_the_next_iteration_has_no_resolved_bracket_and_consistent_numbers(
    worked: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ocean-rev1.txt"
    version = "Version of 5 March 2026@10:00"
    assert main(["export", str(worked), "--next-iteration", "-o", str(out), "--version", version]) == 0
    report = capsys.readouterr().out
    assert report.startswith(f"next iteration written to {out}: 4 numbers changed")
    assert "version line: 'Version of 3 March 2026@18:00' -> 'Version of 5 March 2026@10:00'" in report
    assert "Article 3 (Adaptation plans)  1 bis.   2." in report
    with open_session(worked, read_only=True) as session:
        consolidated = session.draft
    next_version = load(out)
    base = load(SAMPLES / "ocean-agreement.txt")
    # The resolved brackets are gone (ids are the brackets' own text, so bracket texts are compared) ...
    brackets = [next_version.text[b.start : b.end] for b in next_version.brackets]
    assert "[principles]" not in brackets and "[objectives]" not in brackets
    assert not any(text.startswith("[“Adaptation plan” means") for text in brackets)
    assert brackets.count("[X]") == [base.text[b.start : b.end] for b in base.brackets].count("[X]") - 1
    # ... and every other bracket is there as the consolidated text has it: renumbering touches no bracket.
    assert brackets == [consolidated.text[b.start : b.end] for b in consolidated.brackets]
    assert next_version.text.splitlines()[1] == version
    for paragraph in next_version.paragraphs:
        if paragraph.kind is ParagraphKind.OPERATIVE and paragraph.number:
            match = WHOLE_NUMBER.fullmatch(paragraph.number)
            assert match is None or not match.group("ordinal")
    assert not list(tmp_path.glob("ocean-rev1.txt.drafter*"))


def test_keep_numbers_json_and_refusals(
    worked: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "same-numbers.txt"
    assert main(["export", str(worked), "--next-iteration", "--keep-numbers", "--json", "-o", str(out)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["numbers"] == [] and data["version"] is None
    with open_session(worked, read_only=True) as session:
        assert out.read_text(encoding="utf-8") == session.draft.text
    # Never over an existing file without --force, never over the draft; no other format.
    assert main(["export", str(worked), "--next-iteration", "-o", str(out)]) == 2
    assert "exists; not replaced (use --force to replace it)" in capsys.readouterr().err
    assert main(["export", str(worked), "--next-iteration", "--force", "-o", str(worked)]) == 2
    assert "is the draft or its journal" in capsys.readouterr().err
    assert (
        main(["export", str(worked), "--next-iteration", "--format", "html", "-o", str(tmp_path / "x.html")])
        == 2
    )
    assert "--next-iteration writes the draft's own format" in capsys.readouterr().err
    assert main(["export", str(worked), "--next-iteration", "-o", str(tmp_path / "next.docx")]) == 2
    assert "next.docx: --next-iteration writes text (.txt or .md), not .docx" in capsys.readouterr().err


def test_to_standard_output_the_table_goes_to_standard_error(
    worked: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(worked), "--next-iteration", "-o", "-"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("DRAFT AGREEMENT ON COASTAL RESILIENCE\n")
    assert "2. Adaptation plans shall be recorded" in captured.out
    assert captured.err.startswith("next iteration written to -:")


def test_carry_takes_the_journal_to_the_next_iteration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--carry: OUT gets a journal with the positions on the elements still open, re-targeted to its numbers."""
    worked = tmp_path / "ocean.txt"
    shutil.copy(SAMPLES / "ocean-agreement.txt", worked)
    with open_session(worked, actor="secretariat") as session:
        session.record_position("g0aaf712", "EU", Stance.SUPPORTS, choice=1, meeting="IC 3 Mar")
        session.record_position("be33794a", "AOSIS", Stance.ACCEPTS, meeting="IC 3 Mar")
        session.record_position("g18d9f37", "AOSIS", Stance.SUPPORTS, choice=2, meeting="IC 3 Mar")
        session.choose("g18d9f37", 1, meeting="IC 3 Mar")  # resolved: its position stays behind
        session.delete("b9188ed3", meeting="IC 3 Mar")
        before = {e.id: e.choices for e in session.elements()}
    old_journal = journal_path_for(worked).read_bytes()
    out = tmp_path / "ocean-rev1.txt"
    assert main(["export", str(worked), "--next-iteration", "-o", str(out), "--carry"]) == 0
    report = capsys.readouterr().out
    assert f"{worked} → {out}: carried into {journal_path_for(out)}" in report
    assert "positions: 2 carried, 0 re-targeted, 1 not carried" in report
    assert "resolved in the old journal" in report  # why g18d9f37's position stays behind
    assert journal_path_for(worked).read_bytes() == old_journal
    with open_session(out, read_only=True) as session:
        assert [entry["name"] for entry in session.version_chain] == ["ocean.txt"]
        carried = {
            (p.party, p.stance, p.choice, tuple(element.choices))
            for element in session.elements()
            for p in session.positions(element.id)
        }
    assert carried == {
        ("European Union", Stance.SUPPORTS, 1, tuple(before["g0aaf712"])),
        ("AOSIS", Stance.ACCEPTS, None, tuple(before["be33794a"])),
    }
    # OUT has a journal now: carrying again is refused before OUT is touched, and '-' has no place for one.
    text = out.read_bytes()
    assert main(["export", str(worked), "--next-iteration", "-o", str(out), "--carry", "--force"]) == 2
    assert "has a journal already" in capsys.readouterr().err and out.read_bytes() == text
    assert main(["export", str(worked), "--next-iteration", "-o", "-", "--carry"]) == 2
    assert "--carry needs OUT to be a file" in capsys.readouterr().err


def test_paragraphs_left_empty_are_named_in_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft, out = tmp_path / "d.txt", tmp_path / "next.txt"
    draft.write_text(
        "[Recalling its decision.]\n\n1. [Parties act.]\n\n2. Finance flows.\n", encoding="utf-8"
    )
    with open_session(draft, actor="secretariat") as session:
        for bracket in session.draft.brackets:
            session.delete(bracket.id)
    assert main(["export", str(draft), "--next-iteration", "-o", str(out)]) == 0
    report = capsys.readouterr().out.splitlines()
    # The deleted bracket took its whole unnumbered paragraph; '1. [Parties act.]' left its number alone.
    assert report[1] == "removed: paragraph 1. (line 3), left empty by resolutions"
    assert out.read_text(encoding="utf-8").lstrip("\n") == "1. Finance flows.\n"
