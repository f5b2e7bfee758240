"""The reader's corrections (split, join) carried to the next version, before the positions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.commands.cli import main
from drafter.journal import RecordKind
from drafter.negotiation.positions import Stance
from drafter.workspace import open_session

OLD = (
    "1. [Over time,] [climate] finance flows to adaptation.\n\n"
    "2. Parties shall report [by 2030] [and thereafter every five years].\n\n"
    "3. Parties [may] [shall] cooperate on [early] [warning] systems.\n"
)
# Renumbered, a paragraph inserted; paragraph 3 reworded around its brackets' neighbours.
NEW = (
    "1. Parties take note of the report.\n\n"
    "2. [Over time,] [climate] finance flows to adaptation.\n\n"
    "3. Parties shall report [by 2030] [and thereafter every five years].\n\n"
    "4. Parties [may] cooperate on [early] systems.\n"
)


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "v1.txt", tmp_path / "v2.txt"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return old, new


def _ids(path: Path) -> dict[str, str]:
    """Element ids by their text, as a fresh reading of the file gives them."""
    with open_session(path, read_only=True) as session:
        draft = session.draft
        found = {draft.text[b.start : b.end]: b.id for b in draft.brackets}
        found |= {draft.text[g.start : g.end]: g.id for g in draft.alternative_groups}
        return found


def test_a_split_and_a_join_are_read_so_in_the_next_version(
    versions: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = versions
    ids = _ids(old)
    # Evidence reads '[Over time,] [climate]' as alternatives (short wordings side by side) and
    # '[by 2030] [and thereafter ...]' as two brackets (the second reads on): the user corrects both.
    group = ids["[Over time,] [climate]"]
    with open_session(old, actor="secretariat") as session:
        session.split(group)
        session.join([ids["[by 2030]"], ids["[and thereafter every five years]"]])
        session.split(ids["[early] [warning]"])
        session.record_position(ids["[climate]"], "EU", Stance.SUPPORTS, meeting="IC 1")
        joined = next(g.id for g in session.draft.alternative_groups if g.start == OLD.index("[by 2030]"))
        session.record_position(joined, "AOSIS", Stance.SUPPORTS, choice=2, meeting="IC 1")
    assert main(["carry", str(old), str(new), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    readings = [i for i in data["items"] if i["kind"] in ("split", "join")]
    assert [(i["kind"], i["outcome"], i["reason"]) for i in readings] == [
        ("split", "carried", "read so in the new version"),
        ("join", "carried", "read so in the new version"),
        ("split", "not carried", f"{ids['[warning]']} resolved: deleted"),
    ]
    positions = {
        i["party"]: (i["outcome"], i["new_target"], i["new_stance"]) for i in data["items"] if i["party"]
    }
    # The position on the bracket split off lands on that bracket, not on a group the evidence makes.
    assert positions["European Union"] == ("carried", ids["[climate]"], "supports")
    assert positions["AOSIS"] == ("carried", joined, "supports 2")
    with open_session(new, read_only=True) as session:
        kinds = [event.kind for event in session.history()]
        assert kinds[:3] == [RecordKind.CARRIED, RecordKind.SPLIT, RecordKind.JOIN]
        groups = {session.draft.text[g.start : g.end] for g in session.draft.alternative_groups}
        assert groups == {"[by 2030] [and thereafter every five years]"}
        assert session.positions(ids["[climate]"])[0].party == "European Union"
        assert session.positions(joined)[0].choice == 2


def test_a_correction_the_next_version_reads_anyway_needs_no_record(
    versions: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = versions
    # The second bracket amended to a longer wording: no longer alternatives by the evidence.
    amended = NEW.replace("[climate] finance", "[climate finance of all kinds and sources]")
    new.write_text(amended, encoding="utf-8")
    with open_session(old, actor="secretariat") as session:
        session.split(_ids(old)["[Over time,] [climate]"])
    assert main(["carry", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert "corrections of the reading: 0 carried, 1 re-targeted, 0 not carried" in out
    assert "the new version reads them so without a correction" in out
    with open_session(new, read_only=True) as session:
        assert [event.kind for event in session.history()] == [RecordKind.CARRIED]
