"""The drafting screen: its keys, and the text edits, search, export, compare and help they start.

The screen keeps only view state (the current element, the filter, the search);
every change of the draft, of positions or of settings goes through the Session,
which journals it at once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.message import Message

from drafter.formats.export import ExportChoice, ExportError, export_choices, export_noting
from drafter.formats.source import ReadError, load
from drafter.journal import RecordKind
from drafter.negotiation.changes import Change, preview
from drafter.negotiation.elements import amendable_wording
from drafter.negotiation.export_target import default_export_path, export_target
from drafter.negotiation.positions import Stance
from drafter.output import OutputError, write_output
from drafter.text.goto import places
from drafter.text.references import UNNAMED
from drafter.tui.chairing import ChairingScreen
from drafter.tui.dialogs import (
    AmendDialog,
    Choice,
    Confirm,
    PickList,
    StanceAnswer,
    StanceDialog,
    TextPrompt,
)
from drafter.tui.help import HelpScreen, key_rows

if TYPE_CHECKING:
    from drafter.diff import DraftDiff
    from drafter.formats.docx.proposals import ReviewRow
    from drafter.tui.comment_review import ReviewAction

# Each binding has an id so a keymap can move it (`drafter open --keys next=j`); all are
# listed in the footer, the help screen and the command palette.
MAIN_BINDINGS: list[Binding] = [
    Binding("n", "next", "Next", id="next"),
    Binding("p", "previous", "Prev", id="previous"),
    Binding("enter", "inspect", "Inspect", id="inspect"),
    Binding("1", "choose(1)", "Choose", id="choose-1", key_display="1…9"),
    *(Binding(str(k), f"choose({k})", f"Choose {k}", id=f"choose-{k}", show=False) for k in range(2, 10)),
    Binding("k", "keep", "Keep", id="keep"),
    Binding("d", "delete", "Delete", id="delete"),
    Binding("e", "amend", "Amend", id="amend"),
    Binding("b", "bracket", "Bracket", id="bracket"),
    Binding("s", "stance", "Stance", id="stance"),
    Binding("P", "party", "Party", id="party"),
    Binding("M", "meeting", "Meeting", id="meeting"),
    Binding("f", "filter", "Filter", id="filter"),
    Binding("c", "consensus", "Consensus", id="consensus"),
    Binding("G", "gavel", "Gavel", id="gavel"),
    Binding("W", "roster", "Who's in", id="roster"),
    Binding("m", "matrix", "Matrix", id="matrix"),
    Binding("A", "as_party", "Party's text", id="as-party", show=False),
    Binding("S", "split", "Split alternatives", id="split", show=False),
    Binding("J", "join", "Join with next", id="join", show=False),
    Binding("U", "unattached", "Positions to re-attach", id="unattached", show=False),
    Binding("u", "undo", "Undo", id="undo"),
    Binding("ctrl+r", "redo", "Redo", id="redo"),
    Binding("slash", "search", "Search", id="search"),
    Binding("g", "goto", "Go to", id="goto"),
    Binding("o", "outline", "Outline", id="outline"),
    Binding("D", "diagnostics", "Errors", id="diagnostics"),
    Binding("ctrl+s", "export", "Export", id="export"),
    Binding("v", "compare", "Compare (diff)", id="compare", show=False),
    Binding("R", "reopen", "Reopen a change", id="reopen", show=False),
    Binding("C", "comments", "Word comments", id="comments", show=False),
    Binding("L", "app.review_carry", "What was carried from the last version", id="carried", show=False),
    Binding("question_mark", "help", "Help", id="help"),
    Binding("q", "quit", "Quit", id="quit"),
]


class MainScreen(ChairingScreen):
    """The drafting screen: its keys (MAIN_BINDINGS), editing the text, search, export, compare, help."""

    BINDINGS: ClassVar[list[BindingType]] = [*MAIN_BINDINGS]

    def action_undo(self) -> None:
        if not self.session.can_undo:
            self.notify("Nothing to undo.")
            return
        self._told("Undone", self.session.undo)

    def action_redo(self) -> None:
        if not self.session.can_redo:
            self.notify("Nothing to redo.")
            return
        self._told("Redone", self.session.redo)

    def _told(self, what: str, call: Callable[[], Change | None]) -> None:
        """Undo and redo change the text at once: the notice says what they did."""
        done: list[Change | None] = []

        def run() -> Change | None:
            done.append(call())
            return done[0]

        if self._change(what, run) and done and done[0] is not None:
            self.notify(f"{what}: {done[0].describe(self.session.change_place(done[0]))}")

    def action_reopen(self) -> None:
        """Nothing is agreed until everything is: any earlier change can be reopened, not only the last."""
        changes = [
            event
            for event in self.session.history()
            if event.change is not None and event.change.kind not in (RecordKind.UNDO, RecordKind.REDO)
        ]
        if not changes:
            self.notify("No change to reopen yet.")
            return
        where = self.session.event_places(changes)
        choices = [
            Choice(f"#{e.seq} {e.change.describe(place)}", str(e.seq), e.time[:16])
            for e, place in reversed(list(zip(changes, where, strict=True)))
            if e.change
        ]

        def reopen(seq: str | None) -> None:
            if seq is not None:
                self._change(f"Reopen #{seq}", lambda: self.session.reopen(int(seq)))

        self.app.push_screen(PickList("Reopen which change?", choices, hint="latest first"), reopen)

    def action_amend(self) -> None:
        element = self._current_or_warn()
        if element is None:
            return
        # A bracket's wording is replaced inside its brackets; a group becomes one bracketed wording.
        text = amendable_wording(self.session.draft, element)

        def amend(new_text: str | None) -> None:
            if new_text is not None and new_text != text:
                self._change("Amend", lambda: self.session.amend(element.id, new_text, meeting=self.meeting))

        self.app.push_screen(
            AmendDialog(f"Amend {element.id}: the new wording stays in brackets", text), amend
        )

    def action_bracket(self) -> None:
        selection = self.document.selection
        if selection is not None:
            self.document.clear_selection()
            self._bracket(*selection)
            return

        def bracket(words: str | None) -> None:
            if not words:
                return
            text = self.session.draft.text
            found = text.find(words, self._origin())
            found = found if found >= 0 else text.find(words)
            if found < 0:
                self.notify(f"“{words}” is not in the text.", severity="warning")
                return
            self._bracket(found, found + len(words))

        self.app.push_screen(
            TextPrompt(
                "Bracket which words?",
                hint="The first occurrence from the current element on.\n"
                "Or drag over text with the mouse, then press b.",
            ),
            bracket,
        )

    def _bracket(self, start: int, end: int) -> None:
        if self._change("Bracket", lambda: self.session.bracket(start, end, meeting=self.meeting)):
            self._select_at(start)

    # Word comments (a .docx draft) ----------------------------------------------

    def action_comments(self, highlighted: int = 0) -> None:
        """The review list of a Word draft's comments: each proposed position accepted, edited or rejected."""
        from drafter.formats.docx.proposals import imported_comments, review_rows
        from drafter.tui.comment_review import CommentReview, ReviewAnswer

        comments = imported_comments(self.session)
        if not comments:
            self.notify("This draft has no Word comments.", severity="warning")
            return
        rows = review_rows(self.session, comments)

        def answered(answer: ReviewAnswer | None) -> None:
            if answer is not None:
                self._review(rows[answer.row], answer.action, lambda: self.action_comments(answer.row))

        self.app.push_screen(CommentReview(rows, highlighted), answered)

    def _review(self, row: ReviewRow, action: ReviewAction, again: Callable[[], None]) -> None:
        from drafter.formats.docx import proposals
        from drafter.tui.comment_review import ReviewAction

        item, proposal = row.item, row.proposal
        if action is ReviewAction.SHOW or proposal is None or item.element is None:
            if item.start is not None:
                self._select_at(item.start)
            return
        if action is ReviewAction.REJECT:
            self._change("Reject comment", lambda: proposals.reject(self.session, item, proposal))
            again()
        elif action is ReviewAction.ACCEPT and proposal.clear:
            self._change(
                "Accept comment", lambda: proposals.record(self.session, item, proposal, meeting=self.meeting)
            )
            again()
        else:  # edit (or accept of an unclear one): the stance dialog, then record it with the comment's note
            element = self.session.element(item.element)

            def edited(answer: StanceAnswer | None, text: str | None = None) -> None:
                if answer is None:
                    again()
                    return
                if answer.stance is Stance.PROPOSES and text is None:
                    self.app.push_screen(
                        TextPrompt(f"Wording {proposal.party} proposes"),
                        lambda t: edited(answer, t) if t else again(),
                    )
                    return
                chosen = proposals.Proposal(proposal.party, answer.stance, answer.choice, text)
                self._change(
                    "Accept comment",
                    lambda: proposals.record(self.session, item, chosen, meeting=self.meeting),
                )
                again()

            choices = element.choices if element.is_group else None
            self.app.push_screen(StanceDialog(proposal.party, choices), edited)

    # Search, go to, export, help ---------------------------------------------

    def action_search(self) -> None:
        def search(needle: str | None) -> None:
            if not needle:
                return
            text = self.session.draft.text.casefold()
            previous = self._search[1]
            origin = previous[0] + 1 if previous and self._search[0] == needle else self._origin()
            found = text.find(needle.casefold(), origin)
            found = found if found >= 0 else text.find(needle.casefold())
            self._search = (needle, (found, found + len(needle)) if found >= 0 else None)
            if found < 0:
                self.notify(f"“{needle}” not found.", severity="warning")
                self.document.show_marks(self._marks())
                return
            self._select_at(found)

        self.app.push_screen(
            TextPrompt("Search", self._search[0], hint="enter: next match   escape: cancel"), search
        )

    def action_goto(self) -> None:
        """Go to a paragraph as the room names it (`28(b)`, `III.B 24(n)`, `para 12`, `5.`); a reference that
        names several paragraphs lists them, and words find the paragraphs they occur in."""
        draft = self.session.draft
        choices = [
            Choice(str(ref), str(p.start), f"line {p.line}  {preview(draft.text, 40, p.start, p.end)}")
            for p, ref in zip(draft.paragraphs, draft.references, strict=True)
            if (ref.number or ref.path) and ref.number not in UNNAMED
        ]

        def named(typed: str) -> list[str]:
            return [str(place.start) for place in places(draft, typed)]

        ends = {p.start: p.end for p in draft.paragraphs}

        def go(offset: str | None) -> None:
            if offset is not None:
                self._select_in(int(offset), ends[int(offset)])

        self.app.push_screen(
            PickList(
                "Go to paragraph",
                choices,
                named=named,
                hint="a reference (28(b), III.B 24(n), para 12) or words",
            ),
            go,
        )

    def action_export(self) -> None:
        choices = export_choices()

        def chosen(value: str | None) -> None:
            if value is not None:
                self._ask_export_target(choices[int(value)])

        self.app.push_screen(
            PickList(
                "Export the consolidated text as",
                [Choice(choice.label, str(k), f"*{choice.ending}") for k, choice in enumerate(choices)],
            ),
            chosen,
        )

    def _ask_export_target(self, choice: ExportChoice) -> None:
        source = self.session.path

        def chosen(name: str | None) -> None:
            if not name:
                return
            target = export_target(source, name, self._protected())
            if target.refusal is not None:
                self.notify(f"Not exported: {target.refusal}", severity="error")
                return
            if target.question is None:
                self._export(target.path, choice)
                return
            self.app.push_screen(
                Confirm(target.question), lambda yes: self._export(target.path, choice) if yes else None
            )

        self.app.push_screen(
            TextPrompt(
                f"Export ({choice.label}) to",
                str(default_export_path(source, choice.ending)),
                hint="relative names are beside the draft",
            ),
            chosen,
        )

    def _export(self, target: Path, choice: ExportChoice) -> None:
        try:
            exported = export_noting(self.session, choice.format, choice.options)
            write_output(target, exported.data, force=True, protect=self._protected())
        except (OutputError, ExportError) as error:
            self.notify(f"Export failed: {error}", severity="error", markup=False)
            return
        notes = exported.notes
        self.notify(
            "\n".join([f"Exported to {target}", *notes]),
            severity="warning" if notes else "information",
            markup=False,
        )

    def _protected(self) -> tuple[Path, Path]:
        """The files an export never writes over: the draft and its journal."""
        return (self.session.path, self.session.journal_path)

    def action_compare(self) -> None:
        def chosen(name: str | None) -> None:
            if name is not None:
                self.notify("Comparing…")
                self._compare(name.strip())

        self.app.push_screen(
            TextPrompt(
                "Compare the open draft with",
                placeholder="empty: its base text (before the journal's changes); or another version's file",
                hint="enter: compare   escape: cancel   (in the diff: n/p next/previous change, q back)",
            ),
            chosen,
        )

    class Compared(Message):
        def __init__(self, diff: DraftDiff) -> None:
            self.diff = diff
            super().__init__()

    @work(thread=True, exclusive=True, group="compare")
    def _compare(self, other: str) -> None:
        session = self.session
        if other:
            path = session.path.parent / Path(other).expanduser()
            try:
                old, old_name = load(path), path.name
            except ReadError as error:
                self.app.call_from_thread(self.notify, str(error), severity="error")
                return
        else:
            old, old_name = session.base, f"{session.path.name} (base)"
        from drafter.diff import compare  # the diff machinery loads when first used, not at launch

        self.post_message(self.Compared(compare(old, session.draft, old_name, f"{session.path.name} (now)")))

    def on_main_screen_compared(self, message: Compared) -> None:
        from drafter.tui.diff_screen import DiffScreen

        self.app.push_screen(DiffScreen(message.diff))

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(key_rows(self.bound_keys())))

    def bound_keys(self) -> list[tuple[str, Binding]]:
        """This screen's bindings as now bound (a keymap may have moved some), in declared order."""
        order = {binding.id: i for i, binding in enumerate(MAIN_BINDINGS)}
        mine = [
            (self.app.get_key_display(active.binding), active.binding)
            for active in self.active_bindings.values()
            if active.binding.id in order
        ]
        return sorted(mine, key=lambda pair: order[pair[1].id])

    def action_quit(self) -> None:
        """Quits; changes still waiting for a journal in use are not dropped silently: q again drops them."""
        waiting = len(self._waiting)
        if waiting and not self._quit_asked:
            self._quit_asked = True
            self.notify(
                f"{waiting} change{'s' if waiting > 1 else ''} still wait for the journal (in use by another "
                "drafter process): q again quits without them.",
                severity="warning",
            )
            return
        self.app.exit()

    def on_unmount(self) -> None:
        if self.current_id is not None:  # the place in the text, for next time (nothing left to show)
            self._journal_cursor(self.current_id)
