"""`drafter log` shows where a carried position came from, across every iteration it was carried through."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.commands.cli import main
from drafter.negotiation.positions import Stance
from drafter.workspace import open_session

V1 = "1. Parties [shall][should] act.\n\n2. Finance [flows] to adaptation.\n"
V2 = "1. Parties take note.\n\n2. Parties [shall][should][may] act.\n\n3. Finance [flows] to adaptation.\n"
V3 = "1. Parties take note.\n\n2. Parties welcome the report.\n\n3. Parties [shall][may] act.\n\n4. Finance flows.\n"


def test_a_position_carried_twice_names_both_versions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    v1, v2, v3 = (tmp_path / f"v{k}.txt" for k in (1, 2, 3))
    for path, text in ((v1, V1), (v2, V2), (v3, V3)):
        path.write_text(text, encoding="utf-8")
    with open_session(v1, actor="sec") as session:
        group = session.draft.alternative_groups[0].id
        session.record_position(group, "EU", Stance.SUPPORTS, choice=1, meeting="IC 1", note="firm")
    assert main(["carry", str(v1), str(v2)]) == 0
    with open_session(v2, actor="sec") as session:
        grown = session.draft.alternative_groups[0].id
        session.record_position(grown, "AOSIS", Stance.SUPPORTS, choice=3, meeting="IC 2")
    assert main(["carry", str(v2), str(v3)]) == 0
    capsys.readouterr()
    with open_session(v3, read_only=True) as session:
        narrowed = session.draft.alternative_groups[0].id
    assert main(["log", str(v3)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith(
        "carried from v2.txt (3 events): positions: 0 carried, 2 re-targeted, 0 not carried"
    )
    # The EU's position: recorded on v1 as event 1, carried to v2 as event 2, to v3 as event 2.
    assert lines[1].endswith(
        f"European Union supports 1 on {narrowed} in 3 - firm [carried from v2.txt #2: supports 1 on "
        f"{grown} in 2 (line 3) ← v1.txt #1: supports 1 on {group} in 1 (line 1)]"
    )
    # AOSIS supported 'may', the third alternative of v2: the second of v3.
    assert lines[2].endswith(
        f"AOSIS supports 2 on {narrowed} in 3 [carried from v2.txt #3: supports 3 on {grown} in 2 (line 3)]"
    )
    assert main(["log", "--json", str(v3)]) == 0
    events = json.loads(capsys.readouterr().out)
    assert [e["version"] for e in events[1]["carried_from"]] == ["v2.txt", "v1.txt"]
    assert events[1]["carried_from"][1] == {
        "version": "v1.txt",
        "seq": 1,
        "target": group,
        "place": "1 (line 1)",
        "stance": "supports 1",
    }
