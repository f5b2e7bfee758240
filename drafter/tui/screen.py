"""The drafting screen: it turns keys into Session calls and hands the results down to the widgets.

The screen keeps only view state (the current element, the filter, the search);
every change of the draft, of positions or of settings goes through the Session,
which journals it at once.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer

from drafter.formats.export import ExportChoice, export, export_choices
from drafter.formats.source import ReadError, load
from drafter.journal import RecordKind
from drafter.negotiation.changes import Change
from drafter.negotiation.elements import amendable_wording
from drafter.negotiation.export_target import default_export_path, export_target
from drafter.negotiation.positions import ElementState, unheard_or_objecting
from drafter.negotiation.session import Element, Session, SessionError, Stance
from drafter.output import OutputError, write_output
from drafter.text.model import ParagraphKind
from drafter.tui.dialogs import (
    AmendDialog,
    Choice,
    Confirm,
    PickList,
    StanceAnswer,
    StanceDialog,
    TextPrompt,
    shorten,
)
from drafter.tui.document import DocumentMarks, DocumentView, ElementMark
from drafter.tui.help import HelpScreen, key_rows
from drafter.tui.inspector import Inspector, InspectorView, InspectScreen, PositionRow
from drafter.tui.panels import DiagnosticsPanel, JumpTo, KeyBar, Outline, Status, StatusLine

CURSOR_SAVE_DELAY = 1.0  # seconds without moving before the position in the text is journaled
if TYPE_CHECKING:
    from drafter.diff import DraftDiff
    from drafter.formats.docx.proposals import ReviewRow

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
    Binding("question_mark", "help", "Help", id="help"),
    Binding("q", "quit", "Quit", id="quit"),
]


class MainScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [*MAIN_BINDINGS]

    def __init__(self, session: Session, display_name: str) -> None:
        super().__init__()
        self.session = session
        self.display_name = display_name
        self.current_id: str | None = None
        self.party = session.get_setting("party") or None
        self.meeting = session.get_setting("meeting") or None
        self.filter_on = session.get_setting("filter") == "on"
        self._search: tuple[str, tuple[int, int] | None] = ("", None)
        self._elements: tuple[Element, ...] = ()
        self._element_starts: list[int] = []
        self._index: dict[str, int] = {}
        self._states: dict[str, ElementState] = {}
        self._element_marks: tuple[ElementMark, ...] = ()
        self._resolved: tuple[tuple[int, int], ...] = ()
        self._cursor_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        with Horizontal(id="panes"):
            yield Outline(id="outline")
            yield DocumentView(id="document")
            yield Inspector(id="inspector")
        yield DiagnosticsPanel(id="diagnostics")
        yield KeyBar(show_command_palette=False)

    @property
    def document(self) -> DocumentView:
        return self.query_one(DocumentView)

    def on_mount(self) -> None:
        self._reload()
        saved = self.session.get_setting("cursor")
        if saved and saved in self._index:
            self._select(saved, center=True)
        else:
            self._step(1)
        self.document.focus()

    # Model -> widgets -------------------------------------------------------

    def _reload(self) -> None:
        """Fetches elements, states and new journal events after a change, and shows them."""
        session = self.session
        self._elements = session.elements()
        self._element_starts = [e.start for e in self._elements]
        self._index = {e.id: i for i, e in enumerate(self._elements)}
        self._states = session.states()
        self._element_marks = tuple([(e.start, e.end, self._states[e.id].status) for e in self._elements])
        self._resolved = session.resolved_spans()
        if self.current_id not in self._index:
            self.current_id = None
        self.document.show_draft(session.draft, self._marks())
        self.query_one(DiagnosticsPanel).show(session.draft.diagnostics)
        if self.query_one(Outline).has_class("-shown"):
            self._show_outline()
        self._show_status()
        self._show_inspector()

    def _marks(self) -> DocumentMarks:
        current = self._element(self.current_id)
        return DocumentMarks(
            elements=self._element_marks,
            resolved=self._resolved,
            current=(current.start, current.end) if current else None,
            search=self._search[1],
        )

    def _show_status(self) -> None:
        self.query_one(StatusLine).show(
            Status(
                file=self.display_name,
                open_count=len(self._elements),
                resolved_count=len(self.session.resolved_ids()),
                party=self.party,
                meeting=self.meeting,
                filter_on=self.filter_on,
                errors=len(self.session.draft.errors),
            )
        )

    def _show_inspector(self) -> None:
        self.query_one(Inspector).show(self._inspector_view())

    def _inspector_view(self) -> InspectorView | None:
        element = self._element(self.current_id)
        if element is None:
            return None
        state = self._states[element.id]
        line, column = self.session.draft.line_column(element.start)
        return InspectorView(
            element_id=element.id,
            kind=element.kind,
            place=f"line {line}, column {column}",
            choices=element.choices,
            status=state.status,
            outcome=state.outcome,
            objectors=state.objectors,
            supporters=tuple(
                f"{outcome}: {', '.join(parties)}" for outcome, parties in state.supporters.items()
            ),
            positions=tuple(
                PositionRow(
                    party=p.party,
                    stance=p.stance,
                    choice=p.choice,
                    when=_when(p.time),
                    meeting=p.meeting or "",
                    note=" ".join(filter(None, (p.text and f"proposes “{p.text}”", p.note))),
                )
                for p in state.positions
            ),
            history=tuple(event.describe() for event in self.session.history(element.id)),
        )

    def _show_outline(self) -> None:
        self.query_one(Outline).show(self.session.draft, self._element_starts)

    # Navigation ----------------------------------------------------------------

    def _element(self, element_id: str | None) -> Element | None:
        index = self._index.get(element_id) if element_id is not None else None
        return self._elements[index] if index is not None else None

    def _origin(self) -> int:
        """Where searches and new brackets start looking: the current element, or the top."""
        current = self._element(self.current_id)
        return current.start if current else 0

    def _select(self, element_id: str | None, *, center: bool = False) -> None:
        self.current_id = element_id
        self.document.show_marks(self._marks())
        element = self._element(element_id)
        if element is not None:
            self.document.scroll_to_offset(element.start, center=center)
            # Where the user is is not an action: journal it once they stop moving, and on quitting.
            if self._cursor_timer is not None:
                self._cursor_timer.stop()
            self._cursor_timer = self.set_timer(CURSOR_SAVE_DELAY, self.save_cursor)
        self._show_inspector()

    def save_cursor(self) -> None:
        if self.current_id is not None:
            self.session.set_setting("cursor", self.current_id)

    def _wanted(self, element: Element) -> bool:
        """Under the Party filter: elements the Party has not spoken on, or objects to."""
        if not self.filter_on or self.party is None:
            return True
        return unheard_or_objecting(self.party, self._states[element.id].positions)

    def _step(self, direction: int) -> None:
        index = self._index.get(self.current_id or "")
        first = 0 if direction > 0 else len(self._elements) - 1
        start = first if index is None else index + direction
        indices = range(start, len(self._elements)) if direction > 0 else range(start, -1, -1)
        for i in indices:
            if self._wanted(self._elements[i]):
                self._select(self._elements[i].id)
                return
        if self._elements:
            self.notify(
                "No more open elements this way." + (" (Party filter on: f)" if self.filter_on else "")
            )

    def _select_at(self, offset: int) -> None:
        """Makes the innermost element around `offset` current, or else the next one after it."""
        i = bisect.bisect_right(self._element_starts, offset)
        around = [e for e in self._elements[:i] if e.start <= offset < e.end]
        if around:
            self._select(min(around, key=lambda e: e.end - e.start).id)
        elif i < len(self._elements):
            self._select(self._elements[i].id)
        self.document.scroll_to_offset(offset)

    def action_next(self) -> None:
        self._step(1)

    def action_previous(self) -> None:
        self._step(-1)

    def on_document_view_clicked(self, message: DocumentView.Clicked) -> None:
        self._select_at(message.offset)

    def on_document_view_selected(self, message: DocumentView.Selected) -> None:
        self.notify("Selected: b brackets it.")

    def on_jump_to(self, message: JumpTo) -> None:
        self._select_at(message.offset)
        self.document.focus()

    def action_inspect(self) -> None:
        self.app.push_screen(InspectScreen(self._inspector_view()))

    def action_outline(self) -> None:
        outline = self.query_one(Outline)
        outline.toggle_class("-shown")
        if outline.has_class("-shown"):
            self._show_outline()
            outline.focus()
        else:
            self.document.focus()

    def action_diagnostics(self) -> None:
        if not self.session.draft.diagnostics:
            self.notify("No bracket errors in this draft.")
            return
        panel = self.query_one(DiagnosticsPanel)
        panel.toggle_class("-shown")
        if panel.has_class("-shown"):
            panel.focus()
        else:
            self.document.focus()

    # Changes: each is one Session call, then the new state is shown ----------

    def _change(self, description: str, call: Callable[[], object]) -> bool:
        origin = self._origin()
        try:
            result = call()
        except SessionError as error:
            self.notify(f"{description}: {error}", severity="error")
            return False
        self._reload()
        if isinstance(result, Change) and result.kind in (
            RecordKind.UNDO,
            RecordKind.REDO,
            RecordKind.REOPEN,
        ):
            # Show where the text changed back (or again): the element that came back, if one did.
            origin = result.edits[0].start if result.edits else origin
            if result.target in self._index:
                self._select(result.target)
                return True
            self.current_id = None
        if self.current_id is None:
            # The current element was resolved: go on with the next one from the same place.
            i = bisect.bisect_left(self._element_starts, origin)
            self._select(self._elements[i].id if i < len(self._elements) else None)
        return True

    def _who(self) -> dict[str, Any]:
        """Who resolves (the current Party, if any) and where: journaled with the change."""
        return {"party": self.party, "meeting": self.meeting}

    def _current_or_warn(self) -> Element | None:
        element = self._element(self.current_id)
        if element is None:
            self.notify("No element selected: n/p move to one.", severity="warning")
        return element

    def action_choose(self, k: int) -> None:
        if element := self._current_or_warn():
            self._change(f"Choose {k}", lambda: self.session.choose(element.id, k, **self._who()))

    def action_keep(self) -> None:
        if element := self._current_or_warn():
            self._change("Keep", lambda: self.session.keep(element.id, **self._who()))

    def action_delete(self) -> None:
        if element := self._current_or_warn():
            self._change("Delete", lambda: self.session.delete(element.id, **self._who()))

    def action_undo(self) -> None:
        if not self.session.can_undo:
            self.notify("Nothing to undo.")
            return
        self._change("Undo", self.session.undo)

    def action_redo(self) -> None:
        if not self.session.can_redo:
            self.notify("Nothing to redo.")
            return
        self._change("Redo", self.session.redo)

    def action_consensus(self) -> None:
        applied: list[object] = []
        self._change(
            "Apply consensus", lambda: applied.extend(self.session.apply_consensus(meeting=self.meeting))
        )
        self.notify(
            f"Consensus applied: {len(applied)} resolved." if applied else "No element has consensus."
        )

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
        choices = [
            Choice(f"#{e.seq} {e.change.describe()}", str(e.seq), e.time[:16])
            for e in reversed(changes)
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
                self._change("Amend", lambda: self.session.amend(element.id, new_text, **self._who()))

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
        if self._change("Bracket", lambda: self.session.bracket(start, end, **self._who())):
            self._select_at(start)

    # Parties, meeting, stances ---------------------------------------------------

    def action_party(self) -> None:
        choices = [Choice(entry.name, entry.name, entry.detail) for entry in self.session.known_parties()]

        def chosen(name: str | None) -> None:
            if not name:
                return
            try:
                # A name the registry does not know becomes a new Party, journaled like any change.
                self.party = self.session.normalise_party(name)
                self.session.set_setting("party", self.party)
            except SessionError as error:
                self.notify(str(error), severity="error")
            self._show_status()

        self.app.push_screen(
            PickList(
                "Current Party",
                choices,
                lookup=self.session.registry.lookup,
                hint="type to search; a new name is allowed",
            ),
            chosen,
        )

    def action_meeting(self) -> None:
        def chosen(meeting: str | None) -> None:
            if meeting is not None:
                self.meeting = meeting.strip() or None
                self.session.set_setting("meeting", self.meeting or "")
                self._show_status()

        self.app.push_screen(
            TextPrompt("Current meeting", self.meeting or "", placeholder="e.g. IC 16 November"), chosen
        )

    def action_filter(self) -> None:
        if self.party is None:
            self.notify("Choose the current Party first (P).", severity="warning")
            return
        self.filter_on = not self.filter_on
        self.session.set_setting("filter", "on" if self.filter_on else "off")
        self._show_status()
        current = self._element(self.current_id)
        if self.filter_on and (current is None or not self._wanted(current)):
            self._step(1)

    def action_stance(self) -> None:
        element = self._current_or_warn()
        if element is None:
            return
        if self.party is None:
            self.notify("Choose the current Party first (P).", severity="warning")
            return
        party = self.party
        choices = element.choices if element.is_group else None

        def record(answer: StanceAnswer | None) -> None:
            if answer is None:
                return
            if answer.stance is Stance.PROPOSES:
                self.app.push_screen(
                    TextPrompt(f"Wording {party} proposes"),
                    lambda text: self._record(element.id, party, answer, text) if text else None,
                )
            else:
                self._record(element.id, party, answer, None)

        self.app.push_screen(StanceDialog(party, choices), record)

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

    def _review(self, row: ReviewRow, action: str, again: Callable[[], None]) -> None:
        from drafter.formats.docx import proposals

        item, proposal = row.item, row.proposal
        if action == "show" or proposal is None or item.element is None:
            if item.start is not None:
                self._select_at(item.start)
            return
        if action == "reject":
            self._change("Reject comment", lambda: proposals.reject(self.session, item, proposal))
            again()
        elif action == "accept" and proposal.clear:
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
                chosen = proposals.Proposal(proposal.party, answer.stance.value, answer.choice, text)
                self._change(
                    "Accept comment",
                    lambda: proposals.record(self.session, item, chosen, meeting=self.meeting),
                )
                again()

            choices = element.choices if element.is_group else None
            self.app.push_screen(StanceDialog(proposal.party, choices), edited)

    def _record(self, element_id: str, party: str, answer: StanceAnswer, text: str | None) -> None:
        self._change(
            "Record stance",
            lambda: self.session.record_position(
                element_id, party, answer.stance, choice=answer.choice, text=text, meeting=self.meeting
            ),
        )

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
        draft = self.session.draft
        choices = [
            Choice(p.number or "", str(p.start), f"line {p.line}  {shorten(draft.text[p.start : p.end], 40)}")
            for p in draft.paragraphs
            if p.number and p.kind is not ParagraphKind.PAGE_HEADER
        ]

        def go(offset: str | None) -> None:
            if offset is not None:
                self._select_at(int(offset))

        self.app.push_screen(
            PickList("Go to paragraph", choices, hint="numbers repeat: the line tells them apart"), go
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
            data = export(self.session, choice.format, choice.options)
            write_output(target, data, force=True, protect=self._protected())
        except OutputError as error:
            self.notify(f"Export failed: {error}", severity="error")
            return
        self.notify(f"Exported to {target}")

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
        self.app.exit()

    def on_unmount(self) -> None:
        self.save_cursor()


def _when(time: str) -> str:
    """A journaled ISO time as date and minutes (UTC)."""
    return time[:16].replace("T", " ")
