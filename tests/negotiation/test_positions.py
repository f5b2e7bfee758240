"""Party names and the consensus rule."""

from __future__ import annotations

import pytest

from drafter.negotiation.consensus import element_state
from drafter.negotiation.elements import ElementKind
from drafter.negotiation.parties import PartyRegistry, UnknownPartyError
from drafter.negotiation.positions import Position, Stance


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("G77/China", "G-77 and China"),
        ("G-77/China", "G-77 and China"),
        ("G-77 and China", "G-77 and China"),
        ("g77 & china", "G-77 and China"),
        ("US", "United States"),
        ("USA", "United States"),
        ("U.S.", "United States"),
        ("AGN", "African Group"),
        ("Africa Group", "African Group"),
        ("LMDCs", "LMDC"),
        ("CFRN", "CfRN"),
        ("EU", "European Union"),
        ("UK", "United Kingdom"),
        ("aosis", "AOSIS"),
        ("Umbrella Group", "Umbrella Group"),
        ("Japan", "Japan"),
        ("Turkey", "Türkiye"),
    ],
)
def test_spelling_variants_are_normalised(spelling: str, canonical: str) -> None:
    assert PartyRegistry().normalise(spelling) == canonical


def test_registry_ships_groups_and_the_parties() -> None:
    registry = PartyRegistry()
    for group in ("EIG", "AILAC", "Arab Group", "ALBA", "BASIC", "SICA", "CARICOM", "LDCs", "Umbrella Group"):
        assert registry.lookup(group) == group
    assert len(registry.names) - len(registry.groups) >= 195
    entries = {e.name: e.detail for e in registry.entries()}
    assert entries["United States"].startswith("Party: US")
    assert entries["African Group"].startswith("negotiating group")


def test_unknown_names_are_refused_with_suggestions_until_added() -> None:
    registry = PartyRegistry()
    with pytest.raises(UnknownPartyError, match="did you mean Germany"):
        registry.normalise("Germny")
    assert registry.add("Coalition of the Willing", ["CotW"]) == "Coalition of the Willing"
    assert registry.normalise("cotw") == "Coalition of the Willing"
    assert registry.add("Yankees", ["Yanks"]) == "Yankees"
    assert registry.add("USA", ["America"]) == "United States"  # an alias for a known Party
    assert registry.normalise("America") == "United States"


def positions(*entries: tuple[str, Stance, int | None]) -> list[Position]:
    return [Position(party, stance, choice) for party, stance, choice in entries]


def test_no_positions() -> None:
    assert element_state("g1", ElementKind.ALTERNATIVES, 3, (), []).status == "open"


def test_consensus_when_every_party_that_spoke_accepts_k() -> None:
    state = element_state(
        "g1",
        ElementKind.ALTERNATIVES,
        3,
        (),
        positions(("EU", Stance.SUPPORTS, 2), ("AOSIS", Stance.ACCEPTS, 2), ("LMDC", Stance.OPPOSES, 3)),
    )
    assert (state.status, state.choice, state.resolution) == ("no-objection", 2, "choose")
    assert state.supporters == {2: ("AOSIS", "EU")}
    assert state.objectors == ()


def test_one_objector_is_named() -> None:
    state = element_state(
        "g1",
        ElementKind.ALTERNATIVES,
        2,
        (),
        positions(("EU", Stance.SUPPORTS, 1), ("US", Stance.SUPPORTS, 1), ("LMDC", Stance.SUPPORTS, 2)),
    )
    assert (state.status, state.outcome, state.objectors) == ("one-objector", 1, ("LMDC",))


def test_split_says_who_supports_what() -> None:
    state = element_state(
        "g1",
        ElementKind.ALTERNATIVES,
        3,
        (),
        positions(
            ("EU", Stance.SUPPORTS, 1),
            ("US", Stance.SUPPORTS, 1),
            ("LMDC", Stance.SUPPORTS, 2),
            ("African Group", Stance.SUPPORTS, 2),
        ),
    )
    assert state.status == "split"
    assert state.supporters == {1: ("EU", "US"), 2: ("African Group", "LMDC")}


def test_bracket_keep_and_delete_consensus() -> None:
    keep = element_state(
        "b1",
        ElementKind.BRACKET,
        1,
        (),
        positions(("EU", Stance.SUPPORTS, None), ("US", Stance.ACCEPTS, None)),
    )
    assert (keep.status, keep.resolution, keep.choice) == ("no-objection", "keep", None)
    delete = element_state(
        "b1", ElementKind.BRACKET, 1, (), positions(("EU", Stance.DELETE, None), ("US", Stance.OPPOSES, None))
    )
    assert (delete.status, delete.resolution) == ("no-objection", "delete")
    blocked = element_state(
        "b1",
        ElementKind.BRACKET,
        1,
        (),
        positions(("EU", Stance.SUPPORTS, None), ("US", Stance.DELETE, None)),
    )
    assert blocked.status == "split"


def test_a_proposal_or_a_reservation_blocks_consensus() -> None:
    proposal = [Position("EU", Stance.SUPPORTS, 1), Position("Japan", Stance.PROPOSES, None, text="may")]
    state = element_state("g1", ElementKind.ALTERNATIVES, 2, (), proposal)
    assert (state.status, state.objectors) == ("one-objector", ("Japan",))
    reserved = element_state(
        "b1",
        ElementKind.BRACKET,
        1,
        (),
        positions(("EU", Stance.SUPPORTS, None), ("Brazil", Stance.RESERVES, None)),
    )
    assert (reserved.status, reserved.objectors) == ("one-objector", ("Brazil",))


def test_deletion_accepts_a_zero_option() -> None:
    state = element_state(
        "o1",
        ElementKind.OPTIONS,
        3,
        (3,),
        positions(("EU", Stance.SUPPORTS, 3), ("LMDC", Stance.DELETE, None)),
    )
    assert (state.status, state.choice, state.resolution) == ("no-objection", 3, "choose")


def test_acceptance_of_anything_chooses_nothing_by_itself() -> None:
    state = element_state("g1", ElementKind.ALTERNATIVES, 2, (), positions(("EU", Stance.ACCEPTS, None)))
    assert state.status == "converging" and state.outcome is None  # no objection: the chair names one
    decided = element_state(
        "g1",
        ElementKind.ALTERNATIVES,
        2,
        (),
        positions(("EU", Stance.ACCEPTS, None), ("US", Stance.SUPPORTS, 2)),
    )
    assert (decided.status, decided.choice) == ("no-objection", 2)
