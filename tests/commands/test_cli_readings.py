"""`drafter split` and `drafter join` end to end: journaled, no text changed, a warning when positions
need re-attachment, and `drafter status` (and its --json) listing them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.commands.cli import main

FIXTURE = Path(__file__).parents[1] / "fixtures" / "readings.txt"


def test_split_and_join_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "readings.txt"
    path.write_bytes(FIXTURE.read_bytes())
    file = str(path)
    assert main(["position", file, "g950931f-2", "--party", "EU", "--supports", "2"]) == 0
    capsys.readouterr()
    assert main(["split", file, "g950931f-2"]) == 0
    out, err = capsys.readouterr()
    assert out == "#2 split g950931f-2: b950931f-2 | bed9199e-2; removed g950931f-2\n"
    assert "warning: positions need re-attachment: g950931f-2 (European Union)" in err
    assert main(["status", file]) == 0
    out = capsys.readouterr().out
    assert "positions that need re-attachment (their element was read differently since): 1" in out
    assert "0 resolved" in out
    assert main(["status", file, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["needs_reattachment"]
    assert [(u["id"], u["parties"]) for u in listed] == [("g950931f-2", ["European Union"])]
    assert main(["join", file, "bc112459", "b0df341a", "--json"]) == 0
    joined = json.loads(capsys.readouterr().out)
    assert joined["kind"] == "join" and joined["readings"] == [
        {"left": "bc112459", "right": "b0df341a", "alternatives": True}
    ]
    assert main(["join", file, "b0df341a", "b950931f"]) == 2
    assert "not side by side" in capsys.readouterr().err
    assert main(["undo", file]) == 0 and main(["undo", file]) == 0
    capsys.readouterr()
    assert main(["status", file]) == 0
    assert "re-attachment" not in capsys.readouterr().out
    assert path.read_bytes() == FIXTURE.read_bytes()  # the draft itself is never written
