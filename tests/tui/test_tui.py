"""The drafting TUI driven by keys (App.run_test): assertions on the Session, its journal and the screen."""

from __future__ import annotations

import asyncio
import functools
import gc
import json
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from drafter.commands.cli import main
from drafter.commands.open import parse_keymap
from drafter.formats.export import export_choices
from drafter.negotiation.elements import ElementKind
from drafter.negotiation.session import Element, Session, Stance
from drafter.tui import collector
from drafter.tui.app import make_app
from drafter.tui.dialogs import AmendDialog, Confirm, ListConfirm, PickList, StanceDialog, TextPrompt
from drafter.tui.diff_screen import DiffScreen, DiffView
from drafter.tui.document import GUTTER, DocumentView
from drafter.tui.drafting import CURSOR_SAVE_DELAY
from drafter.tui.help import HelpScreen
from drafter.tui.inspector import Inspector, InspectScreen
from drafter.tui.panels import DiagnosticsPanel, Outline, StatusLine
from drafter.tui.screen import MainScreen
from tests.conftest import corpus_files, fixture_file, fixture_files, sample_files

SIZE = (120, 40)
CopyCorpus = Callable[[str], Path]


def in_event_loop(test: Callable[..., Coroutine[object, object, None]]) -> Callable[..., None]:
    """Runs an async test in a fresh event loop (no pytest plugin needed; fixtures pass through)."""

    @functools.wraps(test)
    def run(*args: object, **kwargs: object) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


@asynccontextmanager
async def drafting(path: Path, **options: object) -> AsyncIterator[tuple[Pilot[None], MainScreen]]:
    """The app on `path`, once its worker has opened the session and the drafting screen is up."""
    app = make_app(path, **options)  # type: ignore[arg-type]
    async with app.run_test(size=SIZE) as pilot:
        yield pilot, await main_screen(pilot)


async def main_screen(pilot: Pilot[None]) -> MainScreen:
    await pilot.app.workers.wait_for_complete()
    for _ in range(50):
        if isinstance(pilot.app.screen, MainScreen):
            await pilot.pause()
            return pilot.app.screen
        await pilot.pause()
    raise AssertionError(f"the drafting screen did not open: {pilot.app.screen}")


async def handled(pilot: Pilot[None], condition: Callable[[], bool], what: str) -> None:
    """Waits until the keys just pressed show their effect. `Pilot.press` returns once the process
    looks idle (CPU time against wall time, textual._wait.wait_for_idle); a process starved of CPU looks
    idle while a key is still on its way, so a test that reads the session at once may read it before
    its last key was handled (at load ~20: 4 of 10 runs of `k y u` read the draft before the `u`)."""
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, f"not within 30 s: {what}"
        await pilot.pause()


def notices(pilot: Pilot[None]) -> list[str]:
    return [n.message for n in pilot.app._notifications]  # type: ignore[attr-defined]


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*("space" if c == " " else c for c in text))


def group_of(session: Session, first_choice: str) -> Element:
    return next(e for e in session.elements() if e.kind == "alternatives" and e.choices[0] == first_choice)


async def choose_party(pilot: Pilot[None], name: str) -> None:
    await pilot.press("P")
    assert isinstance(pilot.app.screen, PickList)
    await type_text(pilot, name)
    await pilot.press("enter")


async def search(pilot: Pilot[None], text: str) -> None:
    await pilot.press("slash")
    await type_text(pilot, text)
    await pilot.press("enter")


# --- the newcomer's walk of issue 4 ---------------------------------------------------------


@in_event_loop
async def test_two_parties_reach_consensus_resolve_undo_and_find_it_all_after_reopening(
    corpus_copy: CopyCorpus,
) -> None:
    path = corpus_copy("05_")
    async with drafting(path) as (pilot, screen):
        session = screen.session
        group = group_of(session, "shall")
        await search(pilot, "agree  to")
        assert screen.current_id == group.id

        await pilot.press("M")
        await type_text(pilot, "IC 6 Nov")
        await pilot.press("enter")
        await choose_party(pilot, "EU")
        assert screen.party == "European Union"
        await pilot.press("s")
        assert isinstance(pilot.app.screen, StanceDialog)
        await pilot.press("1")
        await choose_party(pilot, "USA")
        await pilot.press("s", "2")
        assert session.state(group.id).status == "split"
        await pilot.press("s", "1")
        state = session.state(group.id)
        assert state.status == "no-objection" and state.choice == 1
        assert {(p.party, p.choice, p.meeting) for p in state.positions} == {
            ("European Union", 1, "IC 6 Nov"),
            ("United States", 1, "IC 6 Nov"),
        }

        await pilot.press("c")
        assert isinstance(pilot.app.screen, ListConfirm)  # what it would do, before it does it
        await pilot.press("y")
        assert "Parties  shall  to  take" in session.draft.text
        assert group.id in session.resolved_ids()
        assert [e.kind for e in session.history() if e.change is not None] == ["choose"]
        assert "resolved 1" in str(screen.query_one(StatusLine).render())
        view = screen.query_one(DocumentView)
        assert [session.draft.text[s:e] for s, e in view._marks.resolved] == ["shall"]

        await pilot.press("u")
        assert "[shall][agree  to]" in session.draft.text
        assert screen.current_id == group.id
        await pilot.press("q")
    assert not pilot.app.is_running

    async with drafting(path) as (pilot, screen):
        assert screen.party == "United States" and screen.meeting == "IC 6 Nov"
        assert screen.current_id == group.id
        assert screen.session.state(group.id).status == "no-objection"
        assert "[shall][agree  to]" in screen.session.draft.text
        await pilot.press("ctrl+r")
        assert "Parties  shall  to  take" in screen.session.draft.text

        await pilot.press("ctrl+s")
        assert isinstance(pilot.app.screen, PickList)
        await pilot.press("enter")  # the first format offered: plain text
        prompt = pilot.app.screen
        assert isinstance(prompt, TextPrompt)
        assert prompt.query_one(Input).value == str(path.with_name(f"{path.stem}.consolidated.txt"))
        await pilot.press("enter")
    exported = path.with_name(f"{path.stem}.consolidated.txt").read_text(encoding="utf-8")
    assert exported == screen.session.draft.text
    assert "[shall][agree  to]" in path.read_text(encoding="utf-8")  # the original is untouched


# --- keys, one at a time (on a fixture: the default tier runs them) ------------------------------

DRAFT = "pdf-draft-agreement.txt"  # tests/fixtures: its first element is the whole preamble, in brackets
OPEN = "negotiation.} \n[Preamble \nThe Parties to this Agreement, \n"
KEPT = "negotiation.} \nPreamble \nThe Parties to this Agreement, \n"


@pytest.mark.parametrize(
    ("keys", "expected_text", "journaled", "notice"),
    [
        (("k", "y"), KEPT, ["keep"], None),
        (("d", "y"), "negotiation.} \n\nArticle 2 (OBJECTIVE)", ["delete"], None),
        (("k", "n"), OPEN, [], None),  # said no at the confirm
        (("k", "y", "u"), OPEN, ["keep", "undo"], "Undone: "),
        (("k", "y", "u", "ctrl+r"), KEPT, ["keep", "undo", "redo"], "Redone: "),
        (("n", "p", "k", "y"), KEPT, ["keep"], None),
        (("u",), OPEN, [], "Nothing to undo."),
    ],
)
@in_event_loop
async def test_resolution_keys_change_the_draft_through_the_journal(
    fixture_copy: CopyCorpus,
    keys: tuple[str, ...],
    expected_text: str,
    journaled: list[str],
    notice: str | None,
) -> None:
    async with drafting(fixture_copy(DRAFT)) as (pilot, screen):
        first = screen.session.elements()[0]
        assert screen.current_id == first.id

        def changes() -> list[str]:
            return [e.kind for e in screen.session.history() if e.change is not None]

        await pilot.press(*keys)
        await handled(
            pilot,
            lambda: (
                isinstance(pilot.app.screen, MainScreen)
                and len(changes()) >= len(journaled)
                and (notice is None or any(n.startswith(notice) for n in notices(pilot)))
            ),
            f"{' '.join(keys)} handled",
        )
        assert expected_text in screen.session.draft.text
        assert changes() == journaled


@in_event_loop
async def test_a_draft_only_read_repaints_nothing(fixture_copy: Callable[[str], Path]) -> None:
    """Idle costs nothing: no widget on any screen of the stack refreshes itself on a timer (the
    opening screen's loading indicator, left animating under the drafting screen, repainted the whole
    screen 15 times a second: ~10% of a core while the user only read)."""
    async with drafting(fixture_copy("pdf-draft-agreement.txt")) as (pilot, _):
        animated = [
            widget
            for shown in pilot.app.screen_stack
            for widget in (shown, *shown.walk_children(Widget))
            if widget.auto_refresh
        ]
        assert animated == []


@pytest.mark.parametrize(
    ("keys", "index"),
    [((), 0), (("n",), 1), (("n", "n", "n"), 3), (("n", "n", "p"), 1), (("p",), 0)],
)
@in_event_loop
async def test_next_and_previous_walk_the_open_elements_in_text_order(
    fixture_copy: CopyCorpus, keys: tuple[str, ...], index: int
) -> None:
    async with drafting(fixture_copy(DRAFT)) as (pilot, screen):
        await pilot.press(*keys)
        assert screen.current_id == screen.session.elements()[index].id


@pytest.mark.parametrize(
    ("key", "screen_type"),
    [
        ("question_mark", HelpScreen),
        ("P", PickList),
        ("M", TextPrompt),
        ("slash", TextPrompt),
        ("g", PickList),
        ("enter", InspectScreen),
        ("b", TextPrompt),
        ("e", AmendDialog),
        ("ctrl+s", PickList),
    ],
)
@in_event_loop
async def test_dialog_keys_open_their_dialog_and_escape_closes_it(
    fixture_copy: CopyCorpus, key: str, screen_type: type
) -> None:
    async with drafting(fixture_copy(DRAFT)) as (pilot, screen):
        await pilot.press(key)
        assert isinstance(pilot.app.screen, screen_type)
        await pilot.press("escape")
        assert pilot.app.screen is screen


@in_event_loop
async def test_choose_k_picks_that_alternative(corpus_copy: CopyCorpus) -> None:
    async with drafting(corpus_copy("05_")) as (pilot, screen):
        await search(pilot, "agree  to")
        await pilot.press("2", "y")
        assert "Parties  agree  to  to  take" in screen.session.draft.text
        await pilot.press("9")  # the next element has no ninth choice: refused, nothing journaled
        assert len([e for e in screen.session.history() if e.change]) == 1


@in_event_loop
async def test_a_stance_needs_a_party_first(fixture_copy: CopyCorpus) -> None:
    async with drafting(fixture_copy(DRAFT)) as (pilot, screen):
        await pilot.press("s")
        assert pilot.app.screen is screen
        assert screen.session.positions(screen.current_id or "") == ()


@in_event_loop
async def test_a_new_party_name_is_added_to_the_registry(fixture_copy: CopyCorpus) -> None:
    async with drafting(fixture_copy(DRAFT)) as (pilot, screen):
        await pilot.press("P")
        await type_text(pilot, "Tuvalu Coalition")
        picker = pilot.app.screen
        assert (
            isinstance(picker, PickList) and picker._shown[0] == "Tuvalu Coalition"
        )  # nothing known is close
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, Confirm)  # asked before a new Party is made
        await pilot.press("y")
        assert screen.party == "Tuvalu Coalition"
        assert screen.session.registry.lookup("tuvalu coalition") == "Tuvalu Coalition"
        await pilot.press("s", "o", "enter")
        positions = screen.session.positions(screen.current_id or "")
        assert [(p.party, p.stance.value) for p in positions] == [("Tuvalu Coalition", "opposes")]


@in_event_loop
async def test_the_party_filter_skips_what_the_party_already_supports(fixture_copy: CopyCorpus) -> None:
    async with drafting(fixture_copy(DRAFT)) as (pilot, screen):
        elements = screen.session.elements()
        await choose_party(pilot, "AOSIS")
        await pilot.press("s", "1", "n", "s", "o", "enter", "n")  # supports the first, opposes the second
        assert screen.current_id == elements[2].id
        await pilot.press("f")
        assert screen.filter_on
        await pilot.press("p")  # back over the opposed one, not the supported one
        assert screen.current_id == elements[1].id
        await pilot.press("p")
        assert screen.current_id == elements[1].id
        await pilot.press("f")
        await pilot.press("p")
        assert screen.current_id == elements[0].id


@in_event_loop
async def test_bracketing_typed_words_journals_a_new_bracket(corpus_copy: CopyCorpus) -> None:
    async with drafting(corpus_copy("05_")) as (pilot, screen):
        await pilot.press("b")
        await type_text(pilot, "Pursue a transformation")
        await pilot.press("enter")
        assert "(b) [Pursue a transformation] towards" in screen.session.draft.text
        assert [e.kind for e in screen.session.history() if e.change][-1] == "bracket"


@in_event_loop
async def test_amend_replaces_the_elements_text(corpus_copy: CopyCorpus) -> None:
    async with drafting(corpus_copy("05_")) as (pilot, screen):
        await pilot.press("e")
        area = pilot.app.screen.query_one(TextArea)
        assert area.text == "Placeholder for “climate finance”."
        area.text = "Placeholder for finance."
        await pilot.press("ctrl+s")
        assert "11. [Placeholder for finance.] \n" in screen.session.draft.text
        assert [e.kind for e in screen.session.history() if e.change] == ["amend"]


@in_event_loop
async def test_clicking_a_bracket_selects_its_element(corpus_copy: CopyCorpus) -> None:
    async with drafting(corpus_copy("05_")) as (pilot, screen):
        group = group_of(screen.session, "cooperation")
        view = screen.query_one(DocumentView)
        row = view.rows.row_of(group.start)
        x = GUTTER + group.start - view.rows.starts[row] + 3  # inside "[cooperation]"
        await pilot.click(DocumentView, offset=(x, row - round(view.scroll_offset.y)))
        assert screen.current_id == group.id


@in_event_loop
async def test_diagnostics_list_the_bracket_errors_and_jump_to_them(corpus_copy: CopyCorpus) -> None:
    async with drafting(corpus_copy("05_")) as (pilot, screen):
        panel = screen.query_one(DiagnosticsPanel)
        await pilot.press("D")
        assert panel.display and panel.has_focus
        assert panel.option_count == len(screen.session.draft.diagnostics) == 4
        panel.highlighted = 2
        await pilot.press("enter")
        target = screen.session.draft.diagnostics[2].offset
        view = screen.query_one(DocumentView)
        top = round(view.scroll_offset.y)
        assert top <= view.rows.row_of(target) < top + view.size.height
        assert view.has_focus


@in_event_loop
async def test_the_outline_counts_open_brackets_and_jumps(corpus_copy: CopyCorpus) -> None:
    async with drafting(corpus_copy("05_")) as (pilot, screen):
        await pilot.press("o")
        outline = screen.query_one(Outline)
        assert outline.display and outline.option_count > 10
        labels = [str(outline.get_option_at_index(i).prompt).strip() for i in range(outline.option_count)]
        assert any(label.startswith("Article 2bis") for label in labels)
        index = next(i for i, label in enumerate(labels) if label.startswith("Article 2bis"))
        outline.highlighted = index
        await pilot.press("enter")
        current = screen.session.element(screen.current_id or "")
        assert screen.session.draft.text.rfind("Article 2bis", 0, current.start + 1) >= 0


@in_event_loop
async def test_an_outline_with_nothing_to_list_says_so(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(
        "Recalling its decision [2/CMA.3],\n\tScope of a cooperative approach\nDecides [that] x.\n"
    )
    async with drafting(path) as (pilot, screen):
        await pilot.press("o")
        outline = screen.query_one(Outline)
        assert outline.display and outline.option_count == 1
        row = outline.get_option_at_index(0)
        assert row.disabled and str(row.prompt).startswith("No headings or numbered paragraphs found")
        await pilot.press("enter")  # nothing to jump to: no error


@in_event_loop
async def test_the_status_line_counts_the_errors(tmp_path: Path) -> None:
    for n, (text, count) in enumerate(
        (("1. Parties [shall act.\n", "1 error (D)"), ("1. [a ] b] c]\n", "2 errors (D)"))
    ):
        path = tmp_path / f"draft{n}.txt"
        path.write_text(text, encoding="utf-8")
        async with drafting(path) as (_pilot, screen):
            assert count in str(screen.query_one(StatusLine).render())


@in_event_loop
async def test_the_inspector_shows_positions_and_state(corpus_copy: CopyCorpus) -> None:
    async with drafting(corpus_copy("05_")) as (pilot, screen):
        await search(pilot, "agree  to")
        await choose_party(pilot, "LMDC")
        await pilot.press("s", "d")
        view = screen.query_one(Inspector).view
        assert view is not None and view.choices == ("shall", "agree  to")
        assert [(p.party, p.stance) for p in view.positions] == [("LMDC", "delete")]
        assert view.status == "converging" and view.outcome == "delete"  # one Party alone


@in_event_loop
async def test_export_never_overwrites_silently(fixture_copy: CopyCorpus) -> None:
    path = fixture_copy(DRAFT)
    target = path.with_name("out.txt")
    target.write_text("keep me", encoding="utf-8")
    async with drafting(path) as (pilot, screen):
        await pilot.press("k", "y")
        await pilot.pause()
        await pilot.press("ctrl+s", "enter")
        await pilot.pause()  # the prompt composed (a loaded machine is slower than the keys)
        pilot.app.screen.query_one(Input).value = "out.txt"
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, Confirm)
        await pilot.press("n")
        assert target.read_text(encoding="utf-8") == "keep me"
        for name in (path.name, path.name + ".drafter.sqlite", path.name + ".drafter.sqlite-wal"):
            await pilot.press("ctrl+s", "enter")
            await pilot.pause()
            pilot.app.screen.query_one(Input).value = name
            await pilot.pause()
            await pilot.press("enter")  # the draft or its journal: refused, nothing asked
            assert pilot.app.screen is screen
            assert "drafter never writes over them" in notices(pilot)[-1]
    assert path.read_text(encoding="utf-8") == fixture_file(DRAFT).read_text(encoding="utf-8")  # untouched


@in_event_loop
async def test_export_offers_every_format(fixture_copy: CopyCorpus) -> None:
    path = fixture_copy(DRAFT)
    async with drafting(path) as (pilot, screen):
        await pilot.press("ctrl+s")
        menu = pilot.app.screen
        assert isinstance(menu, PickList)
        assert [c.detail for c in menu._choices] == [f"*{c.ending}" for c in export_choices()]
        assert {"*.consolidated.txt", "*.consolidated.md", "*.consolidated.html", "*.clean.html"} <= {
            c.detail for c in menu._choices
        }
        menu.query_one(Input).value = "web page"  # the search box narrows the list to the HTML entries
        await pilot.pause()  # the list filtered before enter picks from it
        await pilot.press("enter")
        prompt = pilot.app.screen
        assert isinstance(prompt, TextPrompt)
        assert prompt.query_one(Input).value == str(path.with_name(f"{path.stem}.consolidated.html"))
        await pilot.press("enter")
        await pilot.pause()
        text = screen.session.draft.text
    page = path.with_name(f"{path.stem}.consolidated.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'class="b d1' in page and "Open elements" in page
    assert text == fixture_file(DRAFT).read_text(encoding="utf-8")  # an export changes nothing


@in_event_loop
async def test_a_keymap_moves_a_key_everywhere(fixture_copy: CopyCorpus) -> None:
    async with drafting(fixture_copy(DRAFT), keymap=parse_keymap("next=j")) as (pilot, screen):
        await pilot.press("j")
        assert screen.current_id == screen.session.elements()[1].id
        await pilot.press("question_mark")
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        assert ("j", "Next", "next") in help_screen._rows


@in_event_loop
async def test_the_command_palette_offers_every_action(fixture_copy: CopyCorpus) -> None:
    async with drafting(fixture_copy(DRAFT)) as (pilot, screen):
        titles = {command.title for command in pilot.app.get_system_commands(screen)}
        assert {"Keep", "Delete", "Stance", "Party", "Undo", "Redo", "Export", "Outline", "Errors"} <= titles


# --- files that cannot be opened ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), (b"\x00\x01binary", "binary"), (b"caf\xe9 [x]", "not UTF-8")],
)
def test_an_unreadable_draft_is_a_message_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, message: str
) -> None:
    path = tmp_path / "draft.txt"
    if content is not None:
        path.write_bytes(content)
    assert main(["open", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_keymap_option_is_checked() -> None:
    assert parse_keymap("next=j, previous=k") == {"next": "j", "previous": "k"}
    with pytest.raises(SystemExit):
        parse_keymap("next")


@in_event_loop
async def test_opening_and_quitting_without_a_change_leaves_no_journal(fixture_copy: CopyCorpus) -> None:
    path = fixture_copy(DRAFT)
    async with drafting(path) as (pilot, _screen):
        await pilot.press("n", "n", "p")  # moving about is no change to the draft
        await pilot.pause(CURSOR_SAVE_DELAY + 0.2)  # the cursor's save timer has fired
        await pilot.press("q")
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


@in_event_loop
async def test_reopening_far_down_shows_the_saved_element(fixture_copy: CopyCorpus) -> None:
    path = fixture_copy(DRAFT)
    async with drafting(path) as (pilot, screen):
        # The place in the text is saved into a journal that exists (made here by a first position).
        screen.session.record_position(screen.session.elements()[0].id, "EU", Stance.ACCEPTS)
        last = screen.session.elements()[-1]
        await search(pilot, screen.session.draft.text[last.start : last.start + 30].strip())
        assert screen.current_id == last.id
        await pilot.press("q")
    async with drafting(path) as (pilot, screen):
        await pilot.pause()
        view = screen.query_one(DocumentView)
        top = round(view.scroll_offset.y)
        assert screen.current_id == last.id
        assert top <= view.rows.row_of(last.start) < top + view.size.height


@in_event_loop
async def test_compare_with_the_base_walks_the_changes(corpus_copy: CopyCorpus) -> None:
    async with drafting(corpus_copy("05_")) as (pilot, screen):
        await pilot.press("k", "y", "n", "n", "d", "y")  # two resolutions, some way apart
        await pilot.press("v", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        diff_screen = pilot.app.screen
        assert isinstance(diff_screen, DiffScreen)
        view = diff_screen.query_one(DiffView)
        assert len(view.changes) >= 2 and view.current == 0
        assert view.changes[0].old_text.startswith("11. [Placeholder")
        await pilot.press("n")
        assert view.current == 1
        assert round(view.scroll_offset.y) == view.blocks[1] or view.max_scroll_y < view.blocks[1]
        await pilot.press("p", "p")
        assert view.current == 0
        await pilot.press("q")
        assert pilot.app.screen is screen


@in_event_loop
async def test_compare_with_another_version(tmp_path: Path) -> None:
    versions = [fixture_file(f"versions/article-5-v{k}.md") for k in (1, 2)]
    older, newer = tmp_path / versions[0].name, tmp_path / versions[1].name
    older.write_bytes(versions[0].read_bytes())
    newer.write_bytes(versions[1].read_bytes())
    async with drafting(newer) as (pilot, _):
        await pilot.press("v")
        await type_text(pilot, older.name)
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        diff_screen = pilot.app.screen
        assert isinstance(diff_screen, DiffScreen)
        assert len(diff_screen.query_one(DiffView).changes) >= 1
        assert older.name in str(diff_screen.query_one("#diff-summary", Static).render())


@pytest.mark.parametrize("source", corpus_files() + fixture_files() + sample_files(), ids=lambda p: p.name)
@in_event_loop
async def test_every_real_text_opens_walks_resolves_and_undoes(tmp_path: Path, source: Path) -> None:
    path = tmp_path / source.name
    path.write_bytes(source.read_bytes())
    async with drafting(path) as (pilot, screen):
        text = screen.session.draft.text
        assert text == source.read_bytes().decode("utf-8")
        await pilot.press("n", "p", "o", "o", "pagedown", "end", "home")
        if screen.current_id is not None:
            await pilot.press("d", "y")
            assert screen.session.draft.text != text
            await pilot.press("u")
        assert screen.session.draft.text == text
        if screen.session.draft.diagnostics:
            await pilot.press("D", "enter")
        assert pilot.app.is_running and isinstance(pilot.app.screen, MainScreen)


@in_event_loop
async def test_dragging_over_text_then_b_brackets_the_selection(corpus_copy: CopyCorpus) -> None:
    async with drafting(corpus_copy("05_")) as (pilot, screen):
        view = screen.query_one(DocumentView)
        text = screen.session.draft.text
        start = text.index("Pursue a transformation")
        row = view.rows.row_of(start)
        y = row - round(view.scroll_offset.y)
        x = GUTTER + start - view.rows.starts[row]
        await pilot.mouse_down(DocumentView, offset=(x, y))
        await pilot.hover(DocumentView, offset=(x + len("Pursue a") - 1, y))
        await pilot.mouse_up(DocumentView, offset=(x + len("Pursue a") - 1, y))
        assert view.selection == (start, start + len("Pursue a"))
        await pilot.press("b")
        assert "(b) [Pursue a] transformation" in screen.session.draft.text


@in_event_loop
async def test_go_to_a_paragraph_number_that_repeats(corpus_copy: CopyCorpus) -> None:
    async with drafting(corpus_copy("05_")) as (pilot, screen):
        text = screen.session.draft.text
        await pilot.press("g")
        picker = pilot.app.screen
        assert isinstance(picker, PickList)
        await type_text(pilot, "3bis.")
        assert len(picker._shown) == 2  # "3bis." twice: the line tells them apart
        await pilot.press("down", "enter")
        second = text.index("3bis.", text.index("3bis.") + 1)
        view = screen.query_one(DocumentView)
        top = round(view.scroll_offset.y)
        assert top <= view.rows.row_of(second) < top + view.size.height


@in_event_loop
async def test_search_again_finds_the_next_match(corpus_copy: CopyCorpus) -> None:
    async with drafting(corpus_copy("05_")) as (pilot, screen):
        text = screen.session.draft.text.casefold()
        await search(pilot, "NDMC/NDMCC")
        first = screen._search[1]
        await pilot.press("slash", "enter")  # the prompt keeps the last search
        second = screen._search[1]
        assert first is not None and second is not None
        assert second[0] == text.index("ndmc/ndmcc", first[0] + 1)


@in_event_loop
async def test_reopen_brings_back_an_earlier_resolution_not_only_the_last(corpus_copy: CopyCorpus) -> None:
    async with drafting(corpus_copy("05_")) as (pilot, screen):
        first = screen.session.elements()[0]
        await pilot.press("k", "y", "k", "y")  # the first two brackets kept
        assert "11. Placeholder for “climate finance”." in screen.session.draft.text
        await pilot.press("R")
        picker = pilot.app.screen
        assert isinstance(picker, PickList)
        await pilot.press("down", "enter")  # the list is latest first: the earlier keep
        assert "11. [Placeholder for “climate finance”.]" in screen.session.draft.text
        assert '12. "Conference of the Parties"' in screen.session.draft.text
        assert screen.current_id == first.id
        assert [e.kind for e in screen.session.history() if e.change][-1] == "reopen"


@in_event_loop
async def test_tab_cycles_through_the_panes_and_keys_still_work(corpus_copy: CopyCorpus) -> None:
    async with drafting(corpus_copy("05_")) as (pilot, screen):
        assert screen.query_one(DocumentView).has_focus
        await pilot.press("tab")
        assert screen.query_one(Inspector).has_focus
        await pilot.press("n")
        assert screen.current_id == screen.session.elements()[1].id
        await pilot.press("tab")
        assert screen.query_one(DocumentView).has_focus


@in_event_loop
async def test_garbage_is_collected_between_keys_and_the_collector_is_given_back_on_exit(
    corpus_copy: CopyCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(collector, "YOUNG_EVERY", 0.05)
    monkeypatch.setattr(collector, "FULL_AFTER_IDLE", 0.2)
    generations: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            generations.append(info["generation"])

    gc.callbacks.append(record)
    try:
        async with drafting(corpus_copy("05_")) as (pilot, _screen):
            assert not gc.isenabled()  # no collection in the middle of a key
            generations.clear()
            await pilot.press("k", "y")
            await pilot.pause(0.5)
            assert 1 in generations  # young ones between keys
            assert 2 in generations  # the whole heap once the user paused
            generations.clear()
            await pilot.pause(0.5)
            assert 2 not in generations  # and not again while nothing happens
        assert gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.callbacks.remove(record)


@in_event_loop
async def test_the_status_line_and_drafter_status_count_resolutions_alike(
    corpus_copy: CopyCorpus, capsys: pytest.CaptureFixture[str]
) -> None:
    path = corpus_copy("05_")
    async with drafting(path) as (pilot, screen):
        elements = screen.session.elements()
        group = next(e for e in elements if e.kind is ElementKind.ALTERNATIVES and len(e.choices) >= 3)
        nesting = next(
            e for e in elements if e.kind is ElementKind.BRACKET and e.depth == 1 and e.end > e.start + 200
        )
        screen._select(group.id)
        await pilot.press("1", "y")  # the group and each of its brackets go: one resolution
        screen._select(nesting.id)
        await pilot.press("d", "y")  # a bracket with brackets inside: they go with it
        resolved = screen.session.resolved_ids()
        assert group.id in resolved and nesting.id in resolved and len(resolved) > 2
        status_line = str(screen.query_one(StatusLine).render())
        await pilot.press("q")
    assert f"resolved {len(resolved)} " in status_line
    assert main(["status", str(path), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["resolved"]) == len(resolved)
    assert main(["status", str(path)]) == 0
    assert f"; {len(resolved)} resolved;" in capsys.readouterr().out
