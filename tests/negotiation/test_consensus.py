"""Consensus as practised: outcomes with proposals, the roster, the five states, the chair's gavel,
apply-consensus by plan and package, who blocks what, a Party's text, links the notes suggest, and
how a wording was settled before."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

from drafter.negotiation.chair import apply_plan, consensus_plan, gavel, implications, resolve_to, set_roster
from drafter.negotiation.consensus import (
    DELETE,
    KEEP,
    Roster,
    Status,
    acceptable,
    element_state,
    outcomes,
    parse_outcome,
    proposal_numbers,
)
from drafter.negotiation.elements import ElementKind, Likeness, elements_like
from drafter.negotiation.link_candidates import link_candidates
from drafter.negotiation.links import LinkKind, Member
from drafter.negotiation.positions import Position, Stance
from drafter.negotiation.projection import as_party
from drafter.negotiation.session import Session, SessionError
from drafter.negotiation.standing import party_matrix, standings
from drafter.workspace import open_session

TEXT = """A. Procedure

1. Parties [shall][should] act [promptly] on this (the insertion of 3 will require the deletion of 2).
2. The Conference [Decides][Requests] to act, and [Decides][Requests] to report.

B. Review

3. The Conference [Decides][Requests] to review {under discussion in tandem with 1}.
"""


@pytest.fixture
def session(tmp_path: Path) -> Session:
    path = tmp_path / "draft.txt"
    path.write_text(TEXT, encoding="utf-8")
    return open_session(path, actor="chair")


def group(session: Session, first: str, n: int = 0) -> str:
    return [e.id for e in session.elements() if e.choices[:1] == (first,)][n]


def test_one_voice_is_not_consensus_unless_the_roster_is_that_party(session: Session) -> None:
    shall = group(session, "shall")
    session.record_position(shall, "Saudi Arabia", Stance.SUPPORTS, choice=2)
    state = session.state(shall)
    assert (state.status, state.outcome) == (Status.CONVERGING, 2)
    assert consensus_plan(session) == ([], [])
    set_roster(session, None, ["KSA"])  # the facilitator says only Saudi Arabia is in the room
    assert session.state(shall).status is Status.NO_OBJECTION


def test_accepts_without_an_outcome_accepts_every_outcome(session: Session) -> None:
    shall = group(session, "shall")
    session.record_position(shall, "EU", Stance.ACCEPTS)
    session.record_position(shall, "G77/China", Stance.ACCEPTS)
    state = session.state(shall)
    assert state.status is Status.CONVERGING and state.outcome is None  # no objection: the chair names one
    assert state.objections == {}
    session.record_position(shall, "US", Stance.SUPPORTS, choice=1)
    state = session.state(shall)
    assert (state.status, state.outcome) == (Status.NO_OBJECTION, 1)
    assert state.accepting == ("European Union", "G-77 and China", "United States")


def test_identical_proposals_are_one_outcome_others_can_support(session: Session) -> None:
    shall = group(session, "shall")
    first = session.record_position(shall, "AGN", Stance.PROPOSES, text="/or, as appropriate,")
    again = session.record_position(shall, "EU", Stance.PROPOSES, text="  /or,  as\tappropriate, ")
    assert first.choice == again.choice == 3  # after the two choices
    assert session.proposals(shall) == ((3, "/or, as appropriate,"),)
    assert session.outcomes(shall) == (1, 2, DELETE, 3)
    session.record_position(shall, "US", Stance.SUPPORTS, choice=3)
    state = session.state(shall)
    assert (state.status, state.outcome) == (Status.NO_OBJECTION, 3)
    session.record_position(shall, "LMDC", Stance.OPPOSES, choice=3)
    state = session.state(shall)
    assert (state.status, state.objectors) == (Status.ONE_OBJECTOR, ("LMDC",))
    with pytest.raises(SessionError, match=r"outcomes 1-2 and proposals 3-3; 4 is not one of them"):
        session.record_position(shall, "US", Stance.SUPPORTS, choice=4)
    change = gavel(session, shall, 3, over_objection="the room has moved on")
    assert "/or, as appropriate," in session.draft.text and "[shall]" not in session.draft.text
    assert change.after.strip() == "/or, as appropriate,"


def test_the_roster_says_who_must_be_heard(session: Session) -> None:
    promptly = next(e.id for e in session.elements() if e.choices == ("promptly",))
    set_roster(session, "IC 16 Nov", ["EU", "US", "AOSIS"])
    session.look_at_meeting("IC 16 Nov")
    session.record_position(promptly, "EU", Stance.SUPPORTS, meeting="IC 16 Nov")
    session.record_position(promptly, "US", Stance.SUPPORTS, meeting="IC 16 Nov")
    state = session.state(promptly)
    assert (state.status, state.unheard) == (Status.CONVERGING, ("AOSIS",))
    session.record_position(promptly, "AOSIS", Stance.DELETE, meeting="IC 16 Nov")
    assert session.state(promptly).status is Status.ONE_OBJECTOR
    session.record_position(promptly, "AOSIS", Stance.ACCEPTS, meeting="IC 16 Nov")
    state = session.state(promptly)
    assert (state.status, state.outcome) == (Status.NO_OBJECTION, KEEP)
    # A Party on record but not in the room still objects: its objection stands until withdrawn.
    session.record_position(promptly, "LMDC", Stance.RESERVES, meeting="HoDs")
    assert session.state(promptly).status is Status.ONE_OBJECTOR
    # Without a roster set, the room is everyone who spoke in the meeting.
    session.look_at_meeting("HoDs")
    assert session.roster().parties == {"LMDC"} and not session.roster().explicit


def test_two_split_outcomes_and_the_state_names(session: Session) -> None:
    shall = group(session, "shall")
    assert session.state(shall).status is Status.OPEN
    for party, k in (("EU", 1), ("US", 1), ("LMDC", 2), ("AGN", 2)):
        session.record_position(shall, party, Stance.SUPPORTS, choice=k)
    state = session.state(shall)
    assert state.status is Status.SPLIT and state.supporters == {
        1: ("European Union", "United States"),
        2: ("African Group", "LMDC"),
    }


def test_gavel_is_refused_over_an_objection_without_a_reason_and_recorded_with_one(session: Session) -> None:
    shall = group(session, "shall")
    session.record_position(shall, "EU", Stance.SUPPORTS, choice=1)
    session.record_position(shall, "Bolivia", Stance.OPPOSES, choice=1)
    with pytest.raises(SessionError, match="Bolivia objects to choice 1"):
        gavel(session, shall, 1)
    assert session.last_seq == 2  # nothing written
    change = gavel(session, shall, 1, over_objection="Cancún: the chair noted the objection")
    event = session.history()[-1]
    assert event.change is change and event.party is None and event.actor == "chair"
    assert event.grounds is not None
    assert (
        event.grounds.gavel
        and event.grounds.objectors == ("Bolivia",)
        and event.grounds.basis == ("European Union",)
    )
    assert "OVER THE OBJECTION of Bolivia: Cancún" in event.describe()
    with sqlite3.connect(session.journal_path) as db:
        data = json.loads(db.execute("SELECT data FROM events WHERE seq = ?", (event.seq,)).fetchone()[0])
    assert data["objectors"] == ["Bolivia"] and data["over_objection"].startswith("Cancún")


def test_resolutions_rest_on_the_parties_not_on_a_selected_party(session: Session) -> None:
    shall = group(session, "shall")
    session.record_position(shall, "EU", Stance.SUPPORTS, choice=2)
    session.record_position(shall, "AOSIS", Stance.ACCEPTS)
    resolve_to(session, shall, 2)
    event = session.history()[-1]
    assert event.party is None and event.grounds is not None
    assert event.grounds.basis == ("AOSIS", "European Union") and not event.grounds.gavel


def test_apply_consensus_plans_only_no_objection_and_a_package_whole(session: Session) -> None:
    shall, decides = group(session, "shall"), group(session, "Decides")
    promptly = next(e.id for e in session.elements() if e.choices == ("promptly",))
    for party in ("EU", "US"):
        session.record_position(shall, party, Stance.SUPPORTS, choice=1)
        session.record_position(promptly, party, Stance.DELETE)
        session.record_position(decides, party, Stance.SUPPORTS, choice=1)
    session.record_position(decides, "LMDC", Stance.SUPPORTS, choice=2)  # one objector: not applied
    session.record_position(shall, "LMDC", Stance.SUPPORTS, choice=1)
    session.record_position(promptly, "LMDC", Stance.ACCEPTS)
    package = session.link(LinkKind.PACKAGE, [Member(shall), Member(decides)])
    plan, held = consensus_plan(session)
    assert [p.element.id for p in plan] == [promptly]
    assert [(h.planned.element.id, h.waiting) for h in held] == [(shall, (decides,))]
    assert session.last_seq == 10  # planning writes nothing
    applied = apply_plan(session, plan)
    assert [c.target for c in applied] == [promptly] and "[promptly]" not in session.draft.text
    session.unlink(package.seq)
    assert [p.element.id for p in consensus_plan(session)[0]] == [shall]


def test_an_outcome_is_keep_delete_or_a_number_and_a_link_journals_it_as_a_word(session: Session) -> None:
    assert (parse_outcome(" Keep "), parse_outcome("delete"), parse_outcome("3")) == (KEEP, DELETE, 3)
    with pytest.raises(ValueError, match="'maybe' is not an outcome"):
        Member.parse("g1:maybe")
    shall = group(session, "shall")
    promptly = next(e.id for e in session.elements() if e.choices == ("promptly",))
    link = session.link(LinkKind.REQUIRES, [Member.parse(f"{shall}:2"), Member.parse(f"{promptly}:delete")])
    assert link.members == (Member(shall, 2), Member(promptly, DELETE))
    data = json.loads(session.history()[-1].data or "")
    assert data["members"] == [[shall, "2"], [promptly, "delete"]]  # the journal stays readable
    with pytest.raises(SessionError, match=f"{promptly} has no outcome 2"):
        session.link(LinkKind.REQUIRES, [Member(shall, 1), Member(promptly, 2)])
    reopened = open_session(session.path, actor="chair")
    assert reopened.links() == (link,)
    assert implications(reopened, shall, 2) == [f"{link.describe()}: needs {promptly} to delete too"]
    assert implications(reopened, shall, 1) == []


def test_one_stance_for_every_repeat_is_one_step(session: Session) -> None:
    first = session.element(group(session, "Decides"))
    section = elements_like(session.draft, session.elements(), first, Likeness.SECTION)
    whole = elements_like(session.draft, session.elements(), first, Likeness.TEXT)
    assert len(section) == 1 and len(whole) == 2
    event = session.record_position(first.id, "EU", Stance.SUPPORTS, choice=1, also_on=[e.id for e in whole])
    events = session.history()
    assert [e.target for e in events] == [first.id, *(e.id for e in whole)]
    assert [e.refers for e in events] == [None, event.seq, event.seq]
    assert all(session.state(e.id).supporters == {1: ("European Union",)} for e in (first, *whole))


def test_who_blocks_what_and_the_matrix(session: Session) -> None:
    shall, decides = group(session, "shall"), group(session, "Decides")
    session.record_position(shall, "EU", Stance.SUPPORTS, choice=1)
    session.record_position(shall, "US", Stance.SUPPORTS, choice=1)
    session.record_position(shall, "LMDC", Stance.SUPPORTS, choice=2)
    session.record_position(decides, "EU", Stance.SUPPORTS, choice=1)
    session.record_position(decides, "LMDC", Stance.OPPOSES, choice=1)
    session.record_position(decides, "AGN", Stance.OPPOSES, choice=1)
    parties = ["European Union", "LMDC", "United States", "African Group"]
    found = standings(session.elements(), session.states(), session.stance_groups, parties)
    assert found["LMDC"].alone == [shall] and set(found["LMDC"].objects) == {shall, decides}
    assert found["European Union"].supports == [shall, decides]
    assert found["United States"].silent == [e.id for e in session.elements() if e.id != shall]
    matrix = party_matrix(session.elements(), session.stance_groups)
    assert matrix.parties == ("African Group", "European Union", "LMDC", "United States")
    assert matrix.marks("LMDC") == {shall: "+2", decides: "-1"}


def test_the_text_as_a_party_would_have_it(session: Session) -> None:
    shall, decides = group(session, "shall"), group(session, "Decides")
    promptly = next(e.id for e in session.elements() if e.choices == ("promptly",))
    session.record_position(shall, "EU", Stance.SUPPORTS, choice=2)
    session.record_position(promptly, "EU", Stance.DELETE)
    session.record_position(decides, "EU", Stance.PROPOSES, text="Urges")
    session.record_position(shall, "LMDC", Stance.SUPPORTS, choice=1)
    eu = as_party(session, "EU").text
    assert eu.startswith("A. Procedure\n\n1. Parties should act on this")
    assert "The Conference Urges to act, and [Decides][Requests] to report." in eu  # silent: brackets stay
    assert as_party(session, "LMDC").text.startswith("A. Procedure\n\n1. Parties shall act [promptly]")
    assert session.draft.text == TEXT and session.last_seq == 4  # nothing journaled


def test_a_partys_text_keeps_nothing_inside_a_deletion_it_had_to_make_later(tmp_path: Path) -> None:
    # Two deletions share the spaces between them, so the second is made after the rest; the bracket
    # inside it must go with it, not be kept on its own first (corpus 05, Article 3 Option 3).
    path = tmp_path / "draft.txt"
    path.write_text(
        "1. Parties aim to reach zero [by 2060]  [[bearing in mind peaking] later].\n", encoding="utf-8"
    )
    with open_session(path) as session:
        by_2060, outer, bearing = (b.id for b in session.draft.brackets)
        session.record_position(by_2060, "EU", Stance.DELETE)
        session.record_position(outer, "EU", Stance.DELETE)
        session.record_position(bearing, "EU", Stance.SUPPORTS)
        assert as_party(session, "EU").text == "1. Parties aim to reach zero.\n"


def test_links_the_notes_suggest(session: Session) -> None:
    candidates = link_candidates(session)
    decides_3 = group(session, "Decides", 2)
    assert [(c.kind, c.source, c.target) for c in candidates] == [
        (LinkKind.REQUIRES, decides_3, group(session, "Decides")),
        (LinkKind.PACKAGE, decides_3, group(session, "shall")),
    ]
    session.link(LinkKind.PACKAGE, [Member(decides_3), Member(group(session, "shall"))])
    assert [c.kind for c in link_candidates(session)] == [LinkKind.REQUIRES]


def test_links_to_sub_paragraphs_and_section_references(tmp_path: Path) -> None:
    """Notes name paragraphs as negotiators do (`2(b)`, `2 (a)`, `II.A 4(a)`): found as go-to finds them."""
    path = tmp_path / "linked.txt"
    path.write_text(
        "I. Scope\n\n1. Parties [shall][should] report (linked to paragraph 2(b)).\n2. Each Party:\n"
        "(a) [reports][informs] annually;\n(b) [submits][provides] a plan;\n\nII. Review\n\nA. Timing\n\n"
        "3. The review [starts][begins] in 2030 {in tandem with paragraph 2 (a)}.\n"
        "4. It covers:\n(a) [mitigation][adaptation] {linked to II.A 3}.\n",
        encoding="utf-8",
    )
    session = open_session(path, actor="chair")
    first = {e.choices[0]: e.id for e in session.elements()}
    assert [(c.source, c.target) for c in link_candidates(session)] == [
        (first["shall"], first["submits"]),
        (first["starts"], first["reports"]),
        (first["mitigation"], first["starts"]),
    ]


def test_how_it_was_settled_before(tmp_path: Path, session: Session) -> None:
    first, second = group(session, "Decides"), group(session, "Decides", 1)
    resolve_to(session, first, 2)
    [here] = session.precedents(second)
    assert (here.became, here.where) == ("Requests", "this journal")
    assert session.element(second).choices == ("Decides", "Requests")  # a suggestion only
    # Another version of the draft in the same folder sees it too.
    other = tmp_path / "draft-v2.txt"
    other.write_text(TEXT.replace("to review", "to review again"), encoding="utf-8")
    with open_session(other) as later:
        [there] = later.precedents(group(later, "Decides", 2))
        assert there.became == "Requests" and there.where == "draft.txt.drafter.sqlite"


# --- the rule itself, checked on random positions and rosters -----------------------

PARTIES = ("EU", "US", "AOSIS", "LMDC", "AGN")
positions = st.lists(
    st.tuples(
        st.sampled_from(PARTIES),
        st.sampled_from(list(Stance)),
        st.one_of(st.none(), st.integers(1, 4)),
    ),
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(
    kind=st.sampled_from(list(ElementKind)),
    entries=positions,
    roster=st.one_of(st.none(), st.frozensets(st.sampled_from(PARTIES), max_size=5)),
)
def test_no_state_is_no_objection_unless_every_roster_party_accepts_its_outcome(
    kind: ElementKind, entries: list[tuple[str, Stance, int | None]], roster: frozenset[str] | None
) -> None:
    choices = 1 if kind is ElementKind.BRACKET else 3
    latest = {party: (stance, choice) for party, stance, choice in entries}  # a Party's latest counts
    spoken = [Position(p, s, c) for p, (s, c) in latest.items()]
    room = None if roster is None else Roster(None, roster, explicit=True)
    state = element_state("e1", kind, choices, (), spoken, room)
    if state.status is not Status.NO_OBJECTION:
        return
    assert state.outcome is not None
    groups = {(p.stance.value, p.choice): [p.party] for p in spoken}
    numbers = proposal_numbers(kind, choices, groups)
    accepting = {
        p.party
        for p in spoken
        if state.outcome in acceptable(kind, choices, (), numbers, p.stance, p.choice)[0]
    }
    assert accepting == set(latest)  # no Party on record objects
    assert (roster or set(latest)) <= accepting  # every Party in the room accepts it
    assert len(accepting) >= 2 or roster is not None
    assert state.outcome in outcomes(kind, choices, numbers)


@settings(max_examples=40, deadline=None)
@given(entries=positions, reason=st.text(min_size=1, max_size=20).filter(str.strip))
def test_gavelling_over_an_objection_is_always_recorded_as_such(
    tmp_path_factory: pytest.TempPathFactory, entries: list[tuple[str, Stance, int | None]], reason: str
) -> None:
    path = tmp_path_factory.mktemp("gavel") / "draft.txt"
    path.write_text(TEXT, encoding="utf-8")
    with open_session(path) as session:
        shall = group(session, "shall")
        for party, stance, choice in entries:
            try:
                text = "other words" if stance is Stance.PROPOSES else None
                session.record_position(shall, party, stance, choice=choice, text=text)
            except SessionError:
                continue  # a number the element does not have
        objectors = session.split_on(shall, 1)[1]
        if objectors:
            with pytest.raises(SessionError, match="object"):
                gavel(session, shall, 1)
        gavel(session, shall, 1, over_objection=reason)
        grounds = session.history()[-1].grounds
        assert grounds is not None and grounds.gavel and grounds.objectors == objectors
        assert (grounds.over_objection is not None) == bool(objectors)
    with open_session(path) as again:  # and so it reads back from the journal
        assert again.history()[-1].grounds == grounds


@pytest.mark.parametrize("seed", range(4))
def test_a_partys_text_made_at_once_equals_resolving_one_by_one(corpus_copy, seed: int) -> None:  # type: ignore[no-untyped-def]
    import random

    from drafter.formats.docx.history import tracked_history
    from drafter.incremental.offsets import apply_text
    from drafter.negotiation.chair import resolution_for
    from drafter.negotiation.projection import party_view, preferred, project

    rng = random.Random(seed)
    with open_session(corpus_copy("05_" if seed % 2 else "06_")) as session:
        for element in session.elements():
            if rng.random() < 0.6:
                stance = rng.choice([Stance.SUPPORTS, Stance.DELETE, Stance.OPPOSES, Stance.ACCEPTS])
                choice = (
                    rng.randint(1, len(element.choices))
                    if element.is_group and stance is Stance.SUPPORTS
                    else None
                )
                session.record_position(element.id, "EU", stance, choice=choice)
        draft = session.draft
        for element in session.elements():  # the slow way: one resolution after the other
            outcome = preferred(element, session.stance_groups(element.id), "European Union")
            if outcome is not None and (element.id in draft.bracket_by_id or element.id in draft.group_by_id):
                draft = resolution_for(session, draft, element, outcome)[0]
        projection = project(session, "EU")
        assert projection.draft.text == draft.text
        text = session.draft.text  # its changes, one after the other, lead there from the consolidated text
        for change in projection.changes:
            text = apply_text(text, change.edits)
        assert text == draft.text
        exported = party_view(session, "EU")  # and so a Word export shows them as the Party's changes
        assert tracked_history(exported.base.text, exported.history(), exported.draft).current == draft.text
