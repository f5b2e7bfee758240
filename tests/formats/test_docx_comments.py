"""Comments become Party positions to confirm: listed, proposed, accepted once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.commands.cli import main
from drafter.formats.party_comments import read_comment, stance_of
from drafter.negotiation.elements import ElementKind
from drafter.negotiation.parties import PartyRegistry
from drafter.workspace import open_session
from tests.formats import un_draft


@pytest.mark.parametrize(
    ("comment", "kind", "choices", "expected"),
    [
        (
            "LMDC: Delete whole section in its entirety – will not accept",
            "bracket",
            ["x"],
            [("LMDC", "delete")],
        ),
        (
            "US: Clarifies not decides",
            "alternatives",
            ["Decides", "Clarifies"],
            [("United States", "supports 2")],
        ),
        ("US: Clarifies not decides", "bracket", ["Decides"], [("United States", "proposes Clarifies")]),
        ("USA The section can be concluded here.", "bracket", ["x"], [("United States", "comment")]),
        ("CFRNSentence can be concluded here", "bracket", ["x"], [("CfRN", "comment")]),
        (
            "UK, CFRN – “shall” | US – “should”",
            "alternatives",
            ["shall", "should"],
            [("United Kingdom", "supports 1"), ("CfRN", "supports 1"), ("United States", "supports 2")],
        ),
        (
            "16 November – IC | US: Delete “authorized”",
            "bracket",
            ["authorized"],
            [("United States", "delete")],
        ),
        ("Pakistan  | Inconsistency is not acceptable", "bracket", ["x"], [("Pakistan", "opposes")]),
        (
            "US: Proposed language: that are transferred",
            "bracket",
            ["x"],
            [("United States", "proposes that are transferred")],
        ),
        ("AOSIS: reserves its position", "bracket", ["x"], [("AOSIS", "reserves")]),
        ("Secretariat: check the reference", "bracket", ["x"], []),
    ],
)
def test_the_spellings_secretariats_use(
    comment: str, kind: str, choices: list[str], expected: list[tuple[str, str]]
) -> None:
    reading = read_comment(comment, PartyRegistry())
    got = []
    for statement in reading.statements:
        stance = stance_of(statement.said, ElementKind(kind), choices)
        said = (
            stance.word
            + (f" {stance.choice}" if stance.choice else "")
            + (f" {stance.text}" if stance.text else "")
        )
        got.extend((party, said) for party in statement.parties)
    assert got == expected


def test_a_date_and_meeting_prefix() -> None:
    assert read_comment("16 November – IC | US: Delete", PartyRegistry()).meeting == "IC 16 November"


def test_comments_lists_proposals_and_notes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = un_draft.build(tmp_path / "draft.docx")
    assert main(["comments", "--json", str(path)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 10
    assert {"author", "date", "anchor", "ref", "text", "parties", "stance"} <= set(listed[0])
    by_text = {c["text"]: c for c in listed}
    shall = by_text[un_draft.COMMENTS["shall-should"]]
    assert (shall["anchor"], shall["ref"], shall["date"][:10]) == ("[shall][should]", "I 1", "2024-11-18")
    assert [(p["party"], p["stance"], p["choice"]) for p in shall["proposals"]] == [
        ("United Kingdom", "supports", 1),
        ("CfRN", "supports", 1),
        ("United States", "supports", 2),
    ]
    authorized = by_text[un_draft.COMMENTS["meeting"]]
    assert (authorized["ref"], authorized["meeting"], authorized["stance"]) == (
        "I 1(a)",
        "IC 16 November",
        "delete",
    )
    assert by_text[un_draft.COMMENTS["not-a-party"]]["note_only"] == "names no Party or group of the registry"
    assert "bracket the words first" in by_text[un_draft.COMMENTS["no-bracket"]]["note_only"]
    assert by_text[un_draft.COMMENTS["USA-concluded"]]["stance"] == "comment"
    assert not (tmp_path / "draft.docx.drafter.sqlite").exists()  # listing writes nothing
    assert main(["comments", str(path)]) == 0
    assert (
        "10 comments: 8 became proposals (6 with a clear stance), 2 left as notes" in capsys.readouterr().out
    )


def test_accept_records_positions_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = un_draft.build(tmp_path / "draft.docx")
    assert main(["comments", str(path), "--accept", "--actor", "Secretariat"]) == 0
    assert "recorded 9 positions" in capsys.readouterr().out
    assert main(["comments", str(path), "--accept"]) == 0
    assert "recorded 0 positions (9 already recorded)" in capsys.readouterr().out
    with open_session(path) as session:
        group = next(e for e in session.elements() if e.choices == ("shall", "should"))
        state = session.state(group.id)
        assert {k: set(v) for k, v in state.supporters.items()} == {
            1: {"United Kingdom", "CfRN"},
            2: {"United States"},
        }
        positions = {
            p.party: p
            for p in session.positions(next(e.id for e in session.elements() if "authorized" in e.choices[0]))
        }
        assert positions["United States"].meeting == "IC 16 November"
        assert (
            positions["United States"].note is not None
            and "16 November – IC" in positions["United States"].note
        )
