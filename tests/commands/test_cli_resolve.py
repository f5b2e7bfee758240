"""The journal commands end to end: drafter.commands.cli.main on copies of corpus texts, and one real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import drafter
from drafter.commands.cli import main
from drafter.workspace import open_session


@pytest.fixture
def draft(fixture_copy) -> Path:  # type: ignore[no-untyped-def]
    """A copy of a text written for drafter (default tier), for what holds of any draft."""
    path: Path = fixture_copy("pdf-draft-agreement.txt")
    return path


@pytest.fixture
def draft05(corpus_copy) -> Path:  # type: ignore[no-untyped-def]
    """Corpus 05 (corpus tier), for the tests that walk its temperature group."""
    path: Path = corpus_copy("05_")
    return path


def journal_of(path: Path) -> Path:
    return path.with_name(path.name + ".drafter.sqlite")


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def temperature_group(capsys: pytest.CaptureFixture[str], path: Path) -> dict[str, object]:
    status = run_json(capsys, "status", str(path))
    assert isinstance(status, dict)
    return next(
        e for e in status["elements"] if e["kind"] == "alternatives" and e["choices"][0] == "below 2 °C"
    )


def test_read_only_commands_never_create_a_journal(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", str(draft)]) == 0
    out = capsys.readouterr().out
    assert "no journal yet" in out and "alternatives" in out
    assert main(["log", str(draft)]) == 0
    assert "no journal events yet" in capsys.readouterr().out
    assert main(["export", str(draft), "-o", str(draft.with_suffix(".out"))]) == 0
    assert draft.with_suffix(".out").read_bytes() == draft.read_bytes()
    assert not journal_of(draft).exists()


def test_worked_example_positions_consensus_apply_undo_reopen(
    draft05: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = str(draft05)
    group = temperature_group(capsys, draft05)
    gid = str(group["id"])
    assert (
        main(["position", file, gid, "--party", "G77/China", "--supports", "3", "--meeting", "IC 16 Nov"])
        == 0
    )
    assert (
        main(["position", file, gid, "--party", "AOSIS", "--supports", "2", "--note", "1.5 is survival"]) == 0
    )
    assert main(["position", file, gid, "--party", "US", "--accepts", "3"]) == 0
    out = capsys.readouterr().out
    assert "#1 G-77 and China supports 3" in out and "one-objector (choice 3 “well below 2 °C”)" in out
    status = run_json(capsys, "status", file, "--state", "one-objector")
    assert isinstance(status, dict)
    [element] = status["elements"]
    assert element["objectors"] == ["AOSIS"]
    assert {p["party"] for p in element["positions"]} == {"G-77 and China", "AOSIS", "United States"}
    assert main(["position", file, gid, "--party", "AOSIS", "--accepts", "3", "--meeting", "HoDs"]) == 0
    capsys.readouterr()
    assert main(["status", file, "--state", "no-objection"]) == 0
    assert "no objection: choice 3 “well below 2 °C”" in capsys.readouterr().out
    listed = run_json(capsys, "apply-consensus", file)  # a dry run by default
    assert isinstance(listed, dict) and listed["applied"] is False and listed["changes"] == []
    assert [(e["id"], e["outcome"]) for e in listed["elements"]] == [(gid, "3")]
    result = run_json(capsys, "apply-consensus", file, "--yes")
    assert isinstance(result, dict)
    applied = result["changes"]
    assert applied == [
        {
            "seq": 5,
            "kind": "choose",
            "target": gid,
            "choice": 3,
            "refers": None,
            "start": group["start"],
            "before": applied[0]["before"],  # type: ignore[index]
            "after": "well below 2 °C",
            "removed_ids": applied[0]["removed_ids"],  # type: ignore[index]
        }
    ]
    consolidated = draft05.with_suffix(".out")
    assert main(["export", file, "-o", str(consolidated), "--force"]) == 0
    assert "[below 2 °C]" not in consolidated.read_text(encoding="utf-8")
    assert main(["undo", file]) == 0
    assert "#6 undo of #5" in capsys.readouterr().out
    assert main(["export", file, "-o", str(consolidated), "--force"]) == 0
    assert consolidated.read_bytes() == draft05.read_bytes()
    assert main(["redo", file]) == 0
    assert main(["reopen", file, "7"]) == 0
    assert "#8 reopen of #7" in capsys.readouterr().out
    assert main(["export", file, "-o", str(consolidated), "--force"]) == 0
    assert consolidated.read_bytes() == draft05.read_bytes()
    log = run_json(capsys, "log", file)
    assert isinstance(log, list)
    assert [e["kind"] for e in log] == ["position"] * 4 + ["choose", "undo", "redo", "reopen"]
    assert log[0]["party"] == "G-77 and China" and log[0]["meeting"] == "IC 16 Nov"
    assert main(["log", file]) == 0
    text = capsys.readouterr().out
    assert "AOSIS supports 2 on" in text and "- 1.5 is survival" in text


def test_resolve_keep_delete_amend_and_bracket(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = str(draft)
    status = run_json(capsys, "status", file)
    assert isinstance(status, dict)
    brackets = [e for e in status["elements"] if e["kind"] == "bracket" and e["depth"] == 1]
    first, second, third = brackets[:3]
    assert main(["resolve", file, first["id"], "--keep", "--party", "EU", "--meeting", "HoDs"]) == 0
    assert main(["resolve", file, second["id"], "--delete"]) == 0
    assert main(["resolve", file, third["id"], "--amend", "agreed words", "--unbracket"]) == 0
    assert main(["bracket", file, "--insert", "0", "new proposal"]) == 0
    out = capsys.readouterr().out
    assert f"keep {first['id']}" in out and f"delete {second['id']}" in out and "amend" in out
    exported = draft.with_suffix(".out")
    assert main(["export", file, "-o", str(exported)]) == 0
    text = exported.read_text(encoding="utf-8")
    assert text.startswith("[new proposal]")
    assert first["choices"][0] in text and second["choices"][0] not in text and "agreed words" in text
    log = run_json(capsys, "log", file)
    assert isinstance(log, list)
    assert log[0]["party"] == "European Union" and log[0]["meeting"] == "HoDs"


def test_bracket_insert_sets_a_proposal_off_from_the_words_it_touches(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "draft.txt"
    path.write_text("18. Parties shall act on a consistency check.\n", encoding="utf-8")
    file, exported = str(path), str(tmp_path / "out.txt")
    assert main(["bracket", file, "--insert", "12", "also"]) == 0  # right before "shall"
    assert main(["bracket", file, "--insert", "39", "x"]) == 2  # inside "consistency"
    assert "offset 39 is inside the word 'consistency'" in capsys.readouterr().err
    assert main(["bracket", file, "--span", "0", "3", "--attached"]) == 2
    assert "--attached goes with --insert" in capsys.readouterr().err
    assert main(["bracket", file, "--insert", "51", "s", "--attached"]) == 0  # after "check"
    assert main(["export", file, "-o", exported]) == 0
    assert (
        Path(exported).read_text(encoding="utf-8")
        == "18. Parties [also] shall act on a consistency check[s].\n"
    )


def test_refusals_exit_2_with_a_clear_message(draft05: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = str(draft05)
    group = temperature_group(capsys, draft05)
    assert main(["position", file, str(group["id"]), "--party", "Atlantis", "--supports", "1"]) == 2
    assert "unknown Party or group 'Atlantis'" in capsys.readouterr().err
    assert main(["position", file, str(group["id"]), "--supports", "1"]) == 2
    assert "--party" in capsys.readouterr().err
    assert main(["resolve", file, "b0000000", "--keep"]) == 2
    assert "no element 'b0000000'" in capsys.readouterr().err
    assert main(["resolve", file, str(group["id"]), "--choose", "9"]) == 2
    assert "9 is not one of them" in capsys.readouterr().err
    assert main(["undo", file]) == 1
    assert "nothing to undo" in capsys.readouterr().out
    assert main(["reopen", file, "99"]) == 2
    assert main(["status", str(draft05.with_name("missing.txt"))]) == 2
    assert "no such file" in capsys.readouterr().err


def test_a_changed_draft_is_refused(draft05: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = str(draft05)
    group = temperature_group(capsys, draft05)
    assert main(["resolve", file, str(group["id"]), "--choose", "1"]) == 0
    draft05.write_bytes(draft05.read_bytes() + b"edited by hand\n")
    capsys.readouterr()
    assert main(["status", file]) == 2
    err = capsys.readouterr().err
    assert "changed since its journal" in err and "--journal-base" in err and f"drafter carry {file}" in err


def test_party_command_lists_and_adds(draft05: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = str(draft05)
    assert main(["party", file]) == 0
    names = capsys.readouterr().out.splitlines()
    assert names[0] == "G-77 and China" and "United States" in names
    assert not journal_of(draft05).exists()
    assert main(["party", file, "--add", "High Ambition Coalition", "--alias", "HAC"]) == 0
    assert "High Ambition Coalition added" in capsys.readouterr().out
    group = temperature_group(capsys, draft05)
    assert main(["position", file, str(group["id"]), "--party", "hac", "--opposes", "1"]) == 0
    assert "High Ambition Coalition opposes 1" in capsys.readouterr().out


def test_the_installed_command_in_a_subprocess(draft: Path) -> None:
    def drafter(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "drafter.commands.cli", *argv],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )

    status = drafter("status", str(draft), "--json")
    assert status.returncode == 0, status.stderr
    group = next(e for e in json.loads(status.stdout)["elements"] if e["kind"] == "alternatives")
    result = drafter("resolve", str(draft), group["id"], "--choose", "2", "--actor", "chair")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("#1 choose 2 ")
    log = drafter("log", str(draft))
    assert "chair" in log.stdout and "choose 2" in log.stdout
    stale = drafter("resolve", str(draft), group["id"], "--choose", "1")
    assert stale.returncode == 2 and "Traceback" not in stale.stderr
    assert "resolved or changed since" in stale.stderr


def test_resolve_refuses_what_removes_more_than_its_paragraphs_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "reach.txt"
    path.write_bytes((Path(__file__).parents[1] / "fixtures" / "reach.txt").read_bytes())
    draft = drafter.load(path)
    chapeau = next(b.id for b in draft.brackets if draft.text.startswith("[to:", b.start))
    assert main(["resolve", str(path), chapeau, "--delete"]) != 0
    err = capsys.readouterr().err
    assert "removes 3 paragraphs over 3 lines: II 24 (part), II 24(a), II 24(b)" in err and "--force" in err
    assert path.read_bytes() == (Path(__file__).parents[1] / "fixtures" / "reach.txt").read_bytes()
    assert main(["resolve", str(path), chapeau, "--delete", "--force"]) == 0
    with open_session(path) as session:
        assert "24. Decides;\n\n25." in session.draft.text
