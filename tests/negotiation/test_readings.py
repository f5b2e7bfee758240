"""The user's readings (issue 10): split and join are journaled corrections that change no text, replayed
and undoable; positions on an element the reading dissolves are never dropped but listed as needing
re-attachment, and a group only read differently is not counted as resolved."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.journal import RecordKind
from drafter.negotiation.positions import Stance
from drafter.negotiation.session import Session, SessionError
from drafter.workspace import open_session

FIXTURE = Path(__file__).parents[1] / "fixtures" / "readings.txt"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    copy = tmp_path / "readings.txt"
    copy.write_bytes(FIXTURE.read_bytes())
    return copy


def kinds(session: Session) -> list[tuple[str, str]]:
    return [(e.id, e.kind.value) for e in session.elements()]


def test_split_and_join_change_no_text_and_are_replayed_and_undone(path: Path) -> None:
    with open_session(path) as session:
        text = session.draft.text
        split = session.split("gcc2ca15")  # [one or more] [a]: read apart
        assert split.kind is RecordKind.SPLIT and split.edits == () and session.draft.text == text
        assert ("bcc2ca15", "bracket") in kinds(session) and ("b83dea4a", "bracket") in kinds(session)
        join = session.join(["bc112459", "b0df341a"])  # [or Parties] [and/or entities]: read together
        assert join.kind is RecordKind.JOIN and ("gc112459", "alternatives") in kinds(session)
        read = kinds(session)
        assert [e.describe().split(": ", 1)[1] for e in session.history()[-2:]] == [
            "split gcc2ca15: bcc2ca15 | b83dea4a; removed gcc2ca15",
            "join bc112459: bc112459 + b0df341a",
        ]
    with open_session(path) as again:  # the journal replayed gives the same reading
        assert kinds(again) == read and again.draft.text == text
        again.undo()
        assert ("gc112459", "alternatives") not in kinds(again) and ("bc112459", "bracket") in kinds(again)
        again.undo()
        assert ("gcc2ca15", "alternatives") in kinds(again)
        again.redo()
        assert ("gcc2ca15", "alternatives") not in kinds(again)
        again.propose(again.draft.text.index("shall report"), "also")  # a change after it
        again.reopen(5)  # the split as redone, out of order: undone again
        assert ("gcc2ca15", "alternatives") in kinds(again) and "[also]" in again.draft.text


def test_split_at_a_bracket_and_refusals(path: Path) -> None:
    with open_session(path) as session:
        with pytest.raises(SessionError, match="not side by side"):
            session.join(["bc112459", "bda3b299"])
        with pytest.raises(SessionError, match="no group of alternatives"):
            session.split("bc112459")
        session.join(["gcc2ca15", "g6428319"])  # two groups side by side: four alternatives
        assert next(e for e in session.elements() if e.id == "gcc2ca15").choices == (
            "one or more",
            "a",
            "voluntary",
            "mandatory",
        )
        session.split("gcc2ca15", at="b6428319")  # and back to two groups of two
        groups = [e.choices for e in session.elements() if e.kind.value == "alternatives"]
        assert ("one or more", "a") in groups and ("voluntary", "mandatory") in groups


def test_positions_on_a_dissolved_group_need_re_attachment_and_come_back_with_undo(path: Path) -> None:
    with open_session(path) as session:
        session.record_position("g950931f-2", "EU", Stance.SUPPORTS, choice=2)
        session.record_position("bc112459", "AOSIS", Stance.DELETE)
        assert session.unattached() == ()
        session.split("g950931f-2")
        session.join(["bc112459", "b0df341a"])
        found = {u.element_id: u for u in session.unattached()}
        assert found["g950931f-2"].parties == ("European Union",)
        assert "split" in found["g950931f-2"].now
        assert found["bc112459"].now == "bracket now alternative 1 of gc112459"
        assert "g950931f-2" not in session.resolved_ids()  # read differently, not resolved
        assert session.positions("g950931f-2")[0].choice == 2  # kept in the journal
        session.undo()
        session.undo()
        assert session.unattached() == ()


def test_a_party_that_says_again_where_it_stands_is_no_longer_listed(path: Path) -> None:
    with open_session(path) as session:
        session.record_position("g950931f-2", "EU", Stance.SUPPORTS, choice=2)
        session.record_position("g950931f-2", "AOSIS", Stance.SUPPORTS, choice=1)
        session.record_position("bc112459", "AGN", Stance.DELETE)
        session.split("g950931f-2")
        session.join(["bc112459", "b0df341a"])
        found = {u.element_id: u for u in session.unattached()}
        split = found["g950931f-2"]
        assert len(split.holders) == 2 and all(h.startswith("b") for h in split.holders)  # [shall], [should]
        assert "say again on " + ", ".join(split.holders) in split.describe()
        assert found["bc112459"].holders == ("gc112459",)
        # Nothing is moved for a Party: the chair records what each says now, and only then is it not listed.
        session.record_position(split.holders[1], "EU", Stance.SUPPORTS)
        session.record_position("gc112459", "AGN", Stance.OPPOSES, choice=1)
        (left,) = session.unattached()
        assert left.element_id == "g950931f-2" and left.parties == ("AOSIS",)
        assert {p.party for p in session.positions("g950931f-2")} == {"European Union", "AOSIS"}  # kept
        session.record_position(split.holders[0], "AOSIS", Stance.SUPPORTS)
        assert session.unattached() == ()


def test_a_new_bracket_that_changes_a_groups_make_up_leaves_its_positions_listed(path: Path) -> None:
    # The quoted failure: a new bracket changed a group's make-up and its positions vanished from every view.
    with open_session(path) as session:
        session.record_position("g950931f", "EU", Stance.SUPPORTS, choice=1)
        at = session.draft.text.index("[shall][should] use")
        session.propose(at, "must")  # [must][shall][should]: a group under another first bracket
        assert "g950931f" not in {e.id for e in session.elements()}
        (found,) = session.unattached()
        assert found.element_id == "g950931f" and "read again" in found.now
