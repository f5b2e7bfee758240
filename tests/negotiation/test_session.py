"""The Session: positions and resolutions journaled, replayed byte for byte, shared safely between processes."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

import drafter
from drafter.incremental.offsets import OffsetMap
from drafter.journal import RecordKind
from drafter.journal.locate import journal_store
from drafter.journal.sqlite import journal_path_for
from drafter.negotiation.chair import apply_plan, consensus_plan
from drafter.negotiation.changes import transport
from drafter.negotiation.session import BaseChanged, SessionError, Stance
from drafter.workspace import open_session
from tests.conftest import RawJournal

pytestmark = pytest.mark.usefixtures("journal_backend")  # every test on SQLite and on PostgreSQL


@pytest.fixture
def draft(fixture_copy) -> Path:  # type: ignore[no-untyped-def]
    """A copy of a text written for drafter (default tier): what every draft has, not corpus 05's wording."""
    path: Path = fixture_copy("pdf-draft-agreement.txt")
    return path


@pytest.fixture
def draft05(corpus_copy) -> Path:  # type: ignore[no-untyped-def]
    """Corpus 05 (corpus tier), for the tests that name its wording."""
    path: Path = corpus_copy("05_")
    return path


def ids_and_spans(draft: drafter.Draft) -> list[tuple[int, int, str]]:
    return [(b.start, b.end, b.id) for b in draft.brackets]


def journal_exists(draft: Path) -> bool:
    """Whether the draft has a journal where drafter looks for it (beside it, or in $DRAFTER_JOURNAL)."""
    journal = journal_store(None, draft).open(draft.name, "", read_only=True)
    if journal is not None:
        journal.close()
    return journal is not None


def test_opening_creates_no_journal_until_the_first_write(draft: Path, journal_backend: str) -> None:
    with open_session(draft, actor="facilitator") as session:
        assert not session.has_journal
        assert session.draft.text == draft.read_text(encoding="utf-8")
        assert session.history() == ()
        assert not journal_exists(draft)
        # Settings are no change to the draft: kept in memory until the first real write.
        session.set_setting("party", "EU")
        session.set_setting("cursor", session.elements()[3].id)
        assert session.get_setting("party") == "EU"
        assert not journal_exists(draft) and not session.has_journal
        session.record_position(session.elements()[0].id, "EU", Stance.ACCEPTS)
        assert journal_exists(draft)
        if journal_backend == "sqlite":
            assert session.journal_location == str(journal_path_for(draft))
        else:
            assert session.journal_location.startswith("postgresql://")
            assert session.journal_location.endswith(f"(draft {draft.name})")
        assert [e.kind for e in session.history()] == ["setting", "setting", "position"]
        session.set_setting("meeting", "IC 6 Nov")  # with a journal: saved at once
        assert [e.kind for e in session.history()][-1] == "setting"
    with open_session(draft, actor="facilitator") as again:
        assert again.get_setting("party") == "EU" and again.get_setting("meeting") == "IC 6 Nov"
        assert again.get_setting("cursor") == again.elements()[3].id


def test_settings_are_each_actors_own(draft: Path) -> None:
    with open_session(draft, actor="one") as one, open_session(draft, actor="two") as two:
        one.record_position(one.elements()[0].id, "EU", Stance.ACCEPTS)
        one.set_setting("cursor", one.elements()[1].id)
        two.set_setting("cursor", two.elements()[5].id)
    with open_session(draft, actor="one") as one, open_session(draft, actor="three") as three:
        assert one.get_setting("cursor") == one.elements()[1].id
        assert three.get_setting("cursor") == three.elements()[5].id  # nobody's own: the latest


def test_read_only_never_creates_a_journal(draft: Path) -> None:
    with open_session(draft, read_only=True) as session:
        assert session.elements()
        with pytest.raises(SessionError, match="read-only"):
            session.record_position(session.elements()[0].id, "EU", Stance.SUPPORTS)
    assert not (draft.parent / (draft.name + ".drafter.sqlite")).exists()


def test_elements_cover_brackets_alternatives_and_options_in_order(draft05: Path) -> None:
    with open_session(draft05) as session:
        elements = session.elements()
        draft = session.draft
        grouped = {b.id for g in draft.alternative_groups for b in g.alternatives}
        assert {e.id for e in elements} == (
            {b.id for b in draft.brackets} - grouped
            | {g.id for g in draft.alternative_groups}
            | {g.id for g in draft.option_groups}
        )
        assert [e.start for e in elements] == sorted(e.start for e in elements)
        temperature = next(e for e in elements if e.kind == "alternatives" and e.choices[0] == "below 2 °C")
        assert temperature.choices[2] == "well below 2 °C" and temperature.depth == 1
        options = next(e for e in elements if e.kind == "options")
        assert options.zero == (2,) and options.choices[1].startswith("Option II")
        # A bracket inside a group can still be addressed on its own.
        member = draft.alternative_groups[0].alternatives[0]
        assert session.element(member.id).kind == "bracket"
        with pytest.raises(SessionError, match="resolved or changed since"):
            session.element("b0000000")


def test_positions_consensus_apply_undo_redo_and_history(draft05: Path) -> None:
    with open_session(draft05, actor="chair") as session:
        group = next(
            e for e in session.elements() if e.kind == "alternatives" and e.choices[0] == "below 2 °C"
        )
        session.record_position(group.id, "G77/China", Stance.SUPPORTS, choice=3, meeting="IC 16 Nov")
        session.record_position(group.id, "AOSIS", Stance.SUPPORTS, choice=2, note="1.5 is survival")
        session.record_position(group.id, "US", Stance.ACCEPTS, choice=3)
        state = session.state(group.id)
        assert (state.status, state.objectors, state.outcome) == ("one-objector", ("AOSIS",), 3)
        session.record_position(group.id, "AOSIS", Stance.ACCEPTS, choice=3, meeting="HoDs")
        state = session.state(group.id)
        assert (state.status, state.choice, state.resolution) == ("no-objection", 3, "choose")
        assert {p.party for p in state.positions} == {"G-77 and China", "AOSIS", "United States"}
        before = session.draft.text
        changes = apply_plan(session, consensus_plan(session)[0])
        assert [c.kind for c in changes] == [RecordKind.CHOOSE]
        assert "[below 2 °C]" not in session.draft.text and "well below 2 °C above" in session.draft.text
        assert group.id in session.resolved_ids()
        undone = session.undo()
        assert undone is not None and undone.refers == session.change_seq(changes[0])
        assert session.draft.text == before
        assert session.state(group.id).status == "no-objection"  # positions survive an undo
        redone = session.redo()
        assert redone is not None and session.draft.text != before
        assert session.redo() is None
        kinds = [e.kind for e in session.history()]
        assert kinds == ["position"] * 4 + ["choose", "undo", "redo"]
        assert [e.kind for e in session.history(group.id)] == kinds
        assert session.history()[0].party == "G-77 and China" and session.history()[0].meeting == "IC 16 Nov"
        assert all(e.actor == "chair" for e in session.history())


def test_the_journal_replays_to_the_same_text_and_ids(draft05: Path) -> None:
    with open_session(draft05) as session:
        elements = session.elements()
        bracket = next(e for e in elements if e.kind == "bracket" and e.depth == 2)
        session.keep(bracket.id, party="EU")
        group = next(e for e in session.elements() if e.kind == "alternatives")
        session.choose(group.id, 2)
        options = next(e for e in session.elements() if e.kind == "options")
        session.choose(options.id, 1)
        outer = next(e for e in session.elements() if e.kind == "bracket" and e.depth == 1)
        session.amend(outer.id, "new wording")
        session.delete(next(e for e in session.elements() if e.kind == "bracket").id)
        session.bracket(0, 5)
        session.undo()
        session.propose(session.draft.text.index(" ", 10) + 1, "a proposal")  # before a word (not inside one)
        first = session.history()[0].seq
        session.reopen(first + 1)  # the choice of alternative 2
        text, brackets = session.draft.text, ids_and_spans(session.draft)
        options_ids = [g.id for g in session.draft.option_groups]
        elements_now = session.elements()
    with open_session(draft05) as replayed:
        assert replayed.draft.text == text
        assert ids_and_spans(replayed.draft) == brackets
        assert [g.id for g in replayed.draft.option_groups] == options_ids
        assert replayed.elements() == elements_now
        assert replayed.can_undo and not replayed.can_redo


def test_reopen_refusals(draft: Path) -> None:
    with open_session(draft) as session:
        group = next(e for e in session.elements() if e.kind == "alternatives")
        session.choose(group.id, 1)
        seq = session.last_seq
        with pytest.raises(SessionError, match="not a change to the text"):
            session.reopen(seq + 10)
        session.undo()
        with pytest.raises(SessionError, match="is an undo"):
            session.reopen(seq + 1)
        with pytest.raises(SessionError, match="not in effect"):
            session.reopen(seq)
        session.redo()
        with pytest.raises(SessionError, match=f"redone as event {seq + 2}"):
            session.reopen(seq)
        reopened = session.reopen(seq + 2)
        assert reopened.kind is RecordKind.REOPEN and group.id in session.draft.group_by_id


def test_stale_ids_and_bad_positions_are_refused(draft: Path) -> None:
    with open_session(draft) as session:
        group = next(e for e in session.elements() if e.kind == "alternatives")
        bracket = next(e for e in session.elements() if e.kind == "bracket")
        with pytest.raises(SessionError, match="unknown Party"):
            session.record_position(group.id, "Atlantis", Stance.SUPPORTS, choice=1)
        with pytest.raises(SessionError, match="say which choice"):
            session.record_position(group.id, "EU", Stance.SUPPORTS)
        with pytest.raises(SessionError, match="takes no choice"):
            session.record_position(bracket.id, "EU", Stance.SUPPORTS, choice=1)
        with pytest.raises(SessionError, match="needs its wording"):
            session.record_position(bracket.id, "EU", Stance.PROPOSES)
        session.delete(group.id)
        with pytest.raises(SessionError, match="resolved or changed since"):
            session.choose(group.id, 1)
        with pytest.raises(SessionError, match="resolved or changed since"):
            session.record_position(group.id, "EU", Stance.SUPPORTS, choice=1)
        assert [e.kind for e in session.history()] == ["delete"]


def test_settings_and_added_parties_persist(draft: Path) -> None:
    with open_session(draft) as session:
        session.set_setting("party", "AOSIS")
        session.set_setting("meeting", "IC 16 Nov")
        assert session.add_party("High Ambition Coalition", ["HAC"]) == "High Ambition Coalition"
        assert session.normalise_party("Friends of Rules") == "Friends of Rules"  # unknown: added
        bracket = session.elements()[0]
        session.record_position(bracket.id, "HAC", Stance.SUPPORTS)
    with open_session(draft) as again:
        assert again.get_setting("party") == "AOSIS" and again.get_setting("meeting") == "IC 16 Nov"
        assert again.get_setting("cursor") is None
        assert again.normalise_party("hac") == "High Ambition Coalition"
        assert "Friends of Rules" in {p.name for p in again.known_parties()}
        assert again.positions(bracket.id)[0].party == "High Ambition Coalition"


def test_a_changed_draft_file_is_refused(draft: Path) -> None:
    with open_session(draft) as session:
        session.keep(next(e for e in session.elements() if e.kind == "bracket").id)
    draft.write_text(draft.read_text(encoding="utf-8") + "one more line\n", encoding="utf-8")
    for read_only in (False, True):  # the refusal names the two ways on (keep the journal's base, or carry)
        with pytest.raises(BaseChanged, match=r"changed since its journal .* began") as refusal:
            open_session(draft, read_only=read_only)
        assert "--journal-base" in str(refusal.value) and f"drafter carry {draft}" in str(refusal.value)


def test_two_sessions_on_one_journal_both_land_their_writes(draft: Path) -> None:
    first = open_session(draft, actor="one")
    second = open_session(draft, actor="two")
    group = next(e for e in first.elements() if e.kind == "alternatives")
    bracket = next(e for e in first.elements() if e.kind == "bracket")
    first.record_position(group.id, "EU", Stance.SUPPORTS, choice=1)
    second.record_position(group.id, "LMDC", Stance.SUPPORTS, choice=2)  # catches up on the first one first
    assert second.state(group.id).status == "split"
    first.choose(group.id, 2)
    second.keep(bracket.id)  # applies the choice it had not seen, then its own keep
    assert second.draft.text == resolve_both(draft, group.id, bracket.id)
    first.set_setting("x", "1")  # the first session catches up too
    assert first.draft.text == second.draft.text
    assert [e.actor for e in first.history()] == ["one", "two", "one", "two", "one"]
    first.close()
    second.close()
    with open_session(draft) as third:
        assert third.draft.text == second.draft.text


def resolve_both(path: Path, group_id: str, bracket_id: str) -> str:
    from drafter.negotiation import resolve

    draft = drafter.load(path)
    draft, _ = resolve.choose(draft, group_id, 2)
    draft, _ = resolve.keep(draft, bracket_id)
    return draft.text


def test_a_journal_held_by_another_process_is_reported_as_in_use(
    draft: Path, raw_journal: RawJournal
) -> None:
    with open_session(draft, busy_timeout=0.1) as session:
        session.record_position(session.elements()[0].id, "EU", Stance.ACCEPTS)  # the journal exists
        with (
            raw_journal.write_lock_held(draft),
            pytest.raises(SessionError, match="in use by another drafter process"),
        ):
            session.keep(session.elements()[0].id)
        session.keep(session.elements()[0].id)
        assert [e.kind for e in session.history()] == ["position", "keep"]


def test_a_damaged_journal_is_refused_clearly(draft: Path, raw_journal: RawJournal) -> None:
    with open_session(draft) as session:
        session.keep(next(e for e in session.elements() if e.kind == "bracket").id)
    raw_journal.execute(
        draft, "UPDATE events SET data = replace(data, '\"edits\":[[', '\"edits\":[[9') WHERE seq = 1"
    )
    with pytest.raises(SessionError, match="does not fit its base text"):
        open_session(draft)


def test_states_of_every_element(draft: Path) -> None:
    with open_session(draft) as session:
        elements = session.elements()
        for party in ("EU", "US", "AOSIS"):
            for element in elements[:20]:
                choice = None if element.kind == "bracket" else 1
                session.record_position(element.id, party, Stance.SUPPORTS, choice=choice)
        states = session.states()
        assert set(states) == {e.id for e in elements}
        assert all(states[e.id].status == "no-objection" for e in elements[:20])
        assert all(states[e.id].status == "open" for e in elements[20:])
        applied = apply_plan(session, consensus_plan(session)[0])
        assert 0 < len(applied) <= 20
        assert len(session.history()) == 60 + len(applied)


def test_resolved_spans_follow_later_changes(draft05: Path) -> None:
    with open_session(draft05) as session:
        assert session.resolved_spans() == ()
        group = next(
            e for e in session.elements() if e.kind == "alternatives" and e.choices[0] == "below 2 °C"
        )
        session.choose(group.id, 3)
        [(start, end)] = session.resolved_spans()
        assert session.draft.text[start:end] == "well below 2 °C"
        bracket = next(e for e in session.elements() if e.kind == "bracket" and e.start > end)
        session.delete(bracket.id)
        assert len(session.resolved_spans()) == 2 and session.resolved_spans()[0] == (start, end)
        session.undo()
        assert session.resolved_spans() == ((start, end),)
        for element in session.elements()[:25]:
            if element.kind == "bracket" and element.id in session.draft.bracket_by_id:
                session.keep(element.id)
        kept = [e for e in session.history() if e.kind == "keep"]
        session.reopen(kept[-2].seq)
        # The same spans as moving each change's text through every later change, one by one.
        changes = [(e.seq, e.change) for e in session.history() if e.change is not None]
        expected = []
        for position, (seq, change) in enumerate(changes):
            if session.change_history.in_effect(seq):
                later = [OffsetMap(c.edits) for _, c in changes[position + 1 :]]
                moved = transport(change.start, len(change.after), later)
                if moved is not None:
                    expected.append((moved, moved + len(change.after)))
        assert session.resolved_spans() == tuple(sorted(expected))
        assert len(expected) > 10


def test_atomic_writes_keep_the_mode_of_the_file_they_replace(tmp_path: Path) -> None:
    from drafter.output import write_atomic

    target = tmp_path / "consolidated.txt"
    write_atomic(target, b"new file")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    target.chmod(0o640)
    write_atomic(target, b"replaced")
    assert target.read_bytes() == b"replaced"
    assert target.stat().st_mode & 0o777 == 0o640


def test_two_facilitators_resolving_one_element_one_lands_the_other_is_told_who(draft: Path) -> None:
    alice, bob, carol = (open_session(draft, actor=name) for name in ("alice", "bob", "carol"))
    group = next(e for e in alice.elements() if e.kind == "alternatives")
    alice.choose(group.id, 2)
    with pytest.raises(SessionError) as refused:
        bob.choose(group.id, 1)  # bob had not seen alice's choice
    message = str(refused.value)
    assert message.startswith(f"{group.id} changed after you last saw it: alice (#1, ")
    assert f"choose 2 {group.id}" in message and "nothing was changed" in message
    assert bob.draft.text == alice.draft.text  # bob's session caught up while refusing
    with pytest.raises(SessionError, match="resolved or changed since"):
        bob.choose(group.id, 1)  # now bob has seen it: the usual refusal of a stale id
    with pytest.raises(SessionError, match=f"{group.id} changed after you last saw it: alice"):
        carol.record_position(group.id, "EU", Stance.SUPPORTS, choice=1)
    assert [(e.actor, e.kind) for e in carol.history()] == [("alice", "choose")]
    for session in (alice, bob, carol):
        session.close()


def test_a_span_moves_with_another_facilitators_change_or_is_refused(draft: Path) -> None:
    alice = open_session(draft, actor="alice")
    bob = open_session(draft, actor="bob")
    first = next(e for e in alice.elements() if e.kind == "bracket")
    later = next(e for e in alice.elements() if e.kind == "bracket" and e.start > first.end + 40)
    text = bob.draft.text
    match = re.compile(r"[a-z ]{12}").search(text, later.end)  # plain words after `later`
    assert match is not None
    at, words = match.start(), match.group()
    alice.keep(first.id)  # two characters fewer before bob's span
    change = bob.bracket(at, at + 12)
    assert bob.draft.text[change.start : change.start + 14] == f"[{words}]"
    with pytest.raises(SessionError, match="the text at that place changed after you last saw it: bob"):
        alice.bracket(at - 5, at + 1)  # in alice's text (2 shorter): across where bob's "[" went
    alice.close()
    bob.close()


def test_undo_after_another_facilitators_change_asks_again(draft: Path) -> None:
    alice = open_session(draft, actor="alice")
    bob = open_session(draft, actor="bob")
    brackets = [e for e in alice.elements() if e.kind == "bracket"]
    alice.keep(brackets[0].id)
    bob.keep(brackets[5].id)
    with pytest.raises(SessionError, match="the text changed after you last saw it: bob"):
        alice.undo()  # would undo bob's change, which alice has not seen
    undone = alice.undo()  # now she has: it undoes bob's keep, as the journal-wide undo does
    assert undone is not None and undone.refers == 2
    alice.close()
    bob.close()


def test_refresh_takes_in_another_facilitators_writes(draft: Path) -> None:
    viewer = open_session(draft, actor="viewer", read_only=True)
    alice = open_session(draft, actor="alice")
    assert not viewer.refresh()  # no journal yet
    group = next(e for e in alice.elements() if e.kind == "alternatives")
    alice.record_position(group.id, "EU", Stance.SUPPORTS, choice=1)
    alice.choose(group.id, 1)
    deadline = time.monotonic() + 2
    while not viewer.refresh():  # the journal was made after the viewer opened the draft
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert viewer.draft.text == alice.draft.text and viewer.last_seq == 2
    assert not viewer.refresh()
    assert viewer.positions(group.id)[0].party == "European Union"
    alice.keep(next(e for e in alice.elements() if e.kind == "bracket").id)
    deadline = time.monotonic() + 2
    while not viewer.refresh():  # PostgreSQL: the NOTIFY is on its way for a moment
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert viewer.draft.text == alice.draft.text
    viewer.close()
    alice.close()
