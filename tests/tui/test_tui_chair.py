"""The facilitator's keys in the TUI: nothing changes the text without saying what, dialogs keep their
keys, the Party picker asks before creating, consensus is listed before it is applied, the gavel over an
objection wants a reason, one stance for every repeat, the matrix and a Party's text."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, SelectionList

from drafter.negotiation.chair import set_roster
from drafter.negotiation.consensus import Status
from drafter.negotiation.positions import Stance
from drafter.tui.app import make_app
from drafter.tui.dialogs import (
    Confirm,
    KeyChoice,
    ListConfirm,
    PickList,
    RosterDialog,
    StanceDialog,
    TextPrompt,
)
from drafter.tui.matrix import MatrixScreen
from drafter.tui.party_text import PartyTextScreen
from drafter.tui.screen import MainScreen
from drafter.workspace import open_session

SIZE = (120, 40)
TEXT = """A. Procedure

1. Parties [shall][should] act [promptly] on this.
2. The Conference [Decides][Requests] to act, and [Decides][Requests] to report.

B. Review

3. The Conference [Decides][Requests] to review.
"""


def in_event_loop(test: Callable[..., Coroutine[object, object, None]]) -> Callable[..., None]:
    @functools.wraps(test)
    def run(*args: object, **kwargs: object) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def draft(tmp_path: Path, prepare: Callable[..., None] | None = None) -> Path:
    path = tmp_path / "draft.txt"
    path.write_text(TEXT, encoding="utf-8")
    if prepare is not None:
        with open_session(path, actor="secretariat") as session:
            prepare(session)
    return path


@asynccontextmanager
async def drafting(path: Path, size: tuple[int, int] = SIZE) -> AsyncIterator[tuple[Pilot[None], MainScreen]]:
    app = make_app(path, actor="chair")
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        for _ in range(50):
            if isinstance(app.screen, MainScreen):
                break
            await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.pause()
        yield pilot, app.screen


def first(screen: MainScreen, word: str, n: int = 0) -> str:
    return [e.id for e in screen.session.elements() if e.choices[:1] == (word,)][n]


@in_event_loop
async def test_a_resolution_key_asks_first_naming_the_element_and_the_outcome(tmp_path: Path) -> None:
    path = draft(tmp_path, lambda s: s.record_position(s.elements()[0].id, "EU", Stance.SUPPORTS, choice=2))
    async with drafting(path) as (pilot, screen):
        shall = first(screen, "shall")
        screen._select(shall)
        await pilot.press("2")
        confirm = pilot.app.screen
        assert isinstance(confirm, Confirm)
        assert shall in confirm._question and "choice 2 “should”" in confirm._question
        await pilot.press("n")
        assert screen.session.draft.text == TEXT and not [e for e in screen.session.history() if e.change]
        await pilot.press("2", "y")
        await pilot.pause()
        assert "1. Parties should act" in screen.session.draft.text
        event = [e for e in screen.session.history() if e.change][-1]
        assert event.actor == "chair" and event.party is None  # the facilitator resolves
        assert event.grounds is not None and event.grounds.basis == ("European Union",)


@in_event_loop
async def test_keys_inside_a_dialog_never_reach_the_main_view(tmp_path: Path) -> None:
    path = draft(tmp_path)
    async with drafting(path) as (pilot, screen):
        screen.party = "European Union"
        screen._select(first(screen, "shall"))
        await pilot.press("s")
        assert isinstance(pilot.app.screen, StanceDialog)
        await pilot.press("k", "9", "e", "b", "c", "u", "G", "m")  # the main view's keys: no effect here
        assert isinstance(pilot.app.screen, StanceDialog)
        await pilot.press("escape", "2")
        assert isinstance(pilot.app.screen, Confirm)
        await pilot.press("k", "d", "1", "c")  # nor inside the confirm
        assert isinstance(pilot.app.screen, Confirm)
        await pilot.press("escape")
    assert not (tmp_path / "draft.txt.drafter.sqlite").exists()  # nothing was written


@in_event_loop
async def test_the_party_picker_offers_the_nearest_name_and_asks_before_creating(tmp_path: Path) -> None:
    async with drafting(draft(tmp_path)) as (pilot, screen):
        await pilot.press("P", *"Saudia Arabia")
        picker = pilot.app.screen
        assert isinstance(picker, PickList)
        assert picker._shown[:2] == ["Saudi Arabia", "Saudia Arabia"]  # the nearest first, then the new name
        await pilot.press("enter")
        assert screen.party == "Saudi Arabia"
        await pilot.press("P", *"Europ")  # a known name holding what was typed comes before a new one
        picker = pilot.app.screen
        assert isinstance(picker, PickList) and (picker._shown[0], picker._shown[-1]) == (
            "European Union",
            "Europ",
        )
        await pilot.press("enter")
        assert screen.party == "European Union"
        await pilot.press("P", *"Quux Alliance", "enter")  # nothing known is close: the new name comes first
        assert isinstance(pilot.app.screen, Confirm) and "no known Party" in pilot.app.screen._question
        await pilot.press("n")
        assert screen.party == "European Union" and "Quux Alliance" not in screen.session.registry.names
        await pilot.press("P", *"Quux Alliance", "enter", "y")
        assert screen.party == "Quux Alliance" and "Quux Alliance" in screen.session.registry.names


def agreed_and_objected(session: object) -> None:
    from drafter.negotiation.session import Session

    assert isinstance(session, Session)
    promptly = next(e.id for e in session.elements() if e.choices == ("promptly",))
    shall = session.elements()[0].id
    for party in ("EU", "US"):
        session.record_position(promptly, party, Stance.DELETE)
        session.record_position(shall, party, Stance.SUPPORTS, choice=1)
    session.record_position(shall, "Bolivia", Stance.OPPOSES, choice=1)
    set_roster(session, None, ["EU", "US"])


@in_event_loop
async def test_consensus_is_listed_and_applied_only_after_yes(tmp_path: Path) -> None:
    async with drafting(draft(tmp_path, agreed_and_objected)) as (pilot, screen):
        await pilot.press("c")
        listing = pilot.app.screen
        assert (
            isinstance(listing, ListConfirm) and len(listing._rows) == 1 and "-> delete" in listing._rows[0]
        )
        await pilot.press("n")
        assert "[promptly]" in screen.session.draft.text
        await pilot.press("c", "y")
        await pilot.pause()
        assert (
            "[promptly]" not in screen.session.draft.text and "[shall][should]" in screen.session.draft.text
        )


@in_event_loop
async def test_the_gavel_over_an_objection_wants_the_chairs_reason(tmp_path: Path) -> None:
    async with drafting(draft(tmp_path, agreed_and_objected)) as (pilot, screen):
        shall = first(screen, "shall")
        assert screen.session.state(shall).status is Status.ONE_OBJECTOR
        screen._select(shall)
        await pilot.press("G")
        assert isinstance(pilot.app.screen, PickList)
        await pilot.press("enter")  # choice 1, which Bolivia objects to
        assert isinstance(pilot.app.screen, TextPrompt)
        await pilot.press("escape")
        assert "[shall][should]" in screen.session.draft.text  # no reason, no gavel
        await pilot.press("G", "enter", *"noted in the report", "enter")
        await pilot.pause()
        assert "1. Parties shall act" in screen.session.draft.text
        grounds = [e for e in screen.session.history() if e.change][-1].grounds
        assert grounds is not None and grounds.objectors == ("Bolivia",)
        assert grounds.over_objection == "noted in the report"


@in_event_loop
async def test_one_stance_for_every_repeat(tmp_path: Path) -> None:
    async with drafting(draft(tmp_path)) as (pilot, screen):
        screen.party = "European Union"
        screen._select(first(screen, "Decides"))
        await pilot.press("s", "1")
        assert isinstance(pilot.app.screen, KeyChoice)
        await pilot.press("t")
        await pilot.pause()
        decides = [e.id for e in screen.session.elements() if e.choices[:1] == ("Decides",)]
        assert all(screen.session.state(i).supporters == {1: ("European Union",)} for i in decides)
        positions = [e for e in screen.session.history() if e.kind == "position"]
        assert len(decides) == 3 and [e.refers is not None for e in positions] == [False, True, True]


@in_event_loop
async def test_the_matrix_and_a_partys_text(tmp_path: Path) -> None:
    async with drafting(draft(tmp_path, agreed_and_objected)) as (pilot, screen):
        await pilot.press("m")
        await pilot.pause()  # the screen is pushed after the key's handler returns
        matrix = pilot.app.screen
        assert isinstance(matrix, MatrixScreen)
        table = matrix.query_one(DataTable)
        assert table.row_count == 3 and len(table.columns) == 1 + len(screen.session.elements())
        await pilot.press("right", "enter")  # the first element's column
        await pilot.pause()
        assert (
            isinstance(pilot.app.screen, MainScreen) and screen.current_id == screen.session.elements()[0].id
        )
        screen.party = "Bolivia"
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PartyTextScreen)
        await pilot.press("q")
        screen.party = "European Union"
        await pilot.press("A")
        await pilot.pause()
        shown = pilot.app.screen
        assert isinstance(shown, PartyTextScreen)
        assert shown._session.draft.text == TEXT  # nothing journaled


@in_event_loop
async def test_whos_in_narrows_about_210_names_as_one_types_and_keeps_hidden_ticks(tmp_path: Path) -> None:
    async with drafting(draft(tmp_path, agreed_and_objected)) as (pilot, screen):
        await pilot.press("W")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, RosterDialog)
        names = dialog.query_one(SelectionList)
        assert names.option_count > 200  # every Party and group the registry knows
        await pilot.press(*"bol")
        await pilot.pause()
        assert [names.get_option_at_index(i).value for i in range(names.option_count)] == ["Bolivia"]
        await pilot.press("down", "space")  # to the list, tick Bolivia
        await pilot.press("shift+tab", "ctrl+a", "ctrl+k", *"united sta")  # back to the box: another name
        await pilot.pause()
        shown = [names.get_option_at_index(i).value for i in range(names.option_count)]
        assert "United States" in shown and "Bolivia" not in shown
        await pilot.press("enter")  # Bolivia's tick holds though it is out of sight; EU and US stay
        await pilot.pause()
        assert isinstance(pilot.app.screen, MainScreen)
        assert screen.session.roster(None).parties == {"European Union", "United States", "Bolivia"}


@in_event_loop
async def test_a_resolution_that_removes_more_than_its_paragraphs_shows_what_goes(tmp_path: Path) -> None:
    path = tmp_path / "reach.txt"
    path.write_bytes((Path(__file__).parents[1] / "fixtures" / "reach.txt").read_bytes())
    async with drafting(path) as (pilot, screen):
        text = screen.session.draft.text
        chapeau = next(b.id for b in screen.session.draft.brackets if text.startswith("[to:", b.start))
        screen._select(chapeau)
        await pilot.press("d")
        confirm = pilot.app.screen
        assert isinstance(confirm, Confirm)
        assert (
            "Careful: it removes 3 paragraphs over 3 lines: II 24 (part), II 24(a), II 24(b)."
            in confirm._question
        )
        await pilot.press("y")
        await pilot.pause()
        assert "24. Decides;\n" in screen.session.draft.text  # shown, asked, and so done


@in_event_loop
async def test_what_goes_is_shown_whole_at_80_columns(tmp_path: Path) -> None:
    # At 80x24 the "Careful: …" line is longer than the dialog: it wraps inside the box, never cut at its edge.
    path = tmp_path / "reach.txt"
    path.write_bytes((Path(__file__).parents[1] / "fixtures" / "reach.txt").read_bytes())
    async with drafting(path, (80, 24)) as (pilot, screen):
        text = screen.session.draft.text
        screen._select(next(b.id for b in screen.session.draft.brackets if text.startswith("[to:", b.start)))
        await pilot.press("d")
        await pilot.pause()
        confirm = pilot.app.screen
        assert isinstance(confirm, Confirm) and "Careful: it removes" in confirm._question
        title = confirm.query_one(".title")
        box = title.parent
        assert box is not None and title.region.right <= box.content_region.right
        longest = max(len(line) for line in confirm._question.splitlines())
        assert longest > title.region.width and title.region.height > confirm._question.count("\n") + 1
