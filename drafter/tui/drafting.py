"""The drafting screen's ground floor: what is shown, moving about, and the one path every change takes.

The screen keeps only view state (the current element, the filter, the search); every change of the
draft, of positions or of settings goes through the Session, which journals it at once. Keys are
added by `ChairingScreen` (the facilitator's actions) and `MainScreen` (editing, search, export).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer

from drafter.journal import RecordKind
from drafter.negotiation.chair import outcome_label
from drafter.negotiation.changes import Change
from drafter.negotiation.consensus import ElementState, Status
from drafter.negotiation.elements import reference
from drafter.negotiation.links import LinkKind
from drafter.negotiation.positions import unheard_or_objecting
from drafter.negotiation.session import Element, JournalInUseError, Session, SessionError
from drafter.tui.document import DocumentMarks, DocumentView, ElementMark
from drafter.tui.inspector import Inspector, InspectorView, InspectScreen, PositionRow
from drafter.tui.journal_state import GIVE_UP_AFTER, RETRY_EVERY, JournalBanner, WaitingChanges
from drafter.tui.panels import DiagnosticsPanel, JumpTo, KeyBar, Outline, StatusFacts, StatusLine

CURSOR_SAVE_DELAY = 0.3  # seconds still before the place in the text is journaled (the room follows it)
JOURNAL_POLL = 0.25  # seconds between looks for other facilitators' writes (a cheap check when none came)


class DraftingScreen(Screen[None]):
    """The draft, its elements and their states on screen; moving about; one path for every change."""

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
        self._journal_trouble: str | None = None  # the last error the journal poll reported
        self._waiting = WaitingChanges()  # changes that found the journal in use, tried again in order
        self._retry_timer: Timer | None = None
        self._quit_asked = False  # q pressed once while changes waited for the journal

    def compose(self) -> ComposeResult:
        yield JournalBanner(id="journal-banner")
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
        self.set_interval(JOURNAL_POLL, self._poll_journal)
        for note in self.session.notes:
            self.notify(note, severity="warning", markup=False, timeout=10)
        self._show_journal_state()
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
        self.query_one(DiagnosticsPanel).show(session.draft)
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
            StatusFacts(
                file=self.display_name,
                open_count=len(self._elements),
                resolved_count=len(self.session.resolved_ids()),
                party=self.party,
                meeting=self.meeting,
                filter_on=self.filter_on,
                errors=len(self.session.draft.errors),
                unattached=len(self.session.unattached()),
            )
        )

    def _show_inspector(self) -> None:
        self.query_one(Inspector).show(self._inspector_view())

    def _inspector_view(self) -> InspectorView | None:
        element = self._element(self.current_id)
        if element is None:
            return None
        session = self.session
        state = self._states[element.id]
        line, column = session.draft.line_column(element.start)
        links = session.links()
        package = next((k for k in links if k.kind is LinkKind.PACKAGE and k.involves(element.id)), None)
        waiting = package is not None and any(
            m.element_id not in self._states or self._states[m.element_id].status is not Status.NO_OBJECTION
            for m in package.members
        )
        provisional = package is not None and waiting and state.status is Status.NO_OBJECTION
        return InspectorView(
            element_id=element.id,
            kind=element.kind,
            place=f"{reference(session.draft, element)} · line {line}, column {column}",
            choices=element.choices,
            status=state.status,
            outcome=None if state.outcome is None else outcome_label(session, element, state.outcome),
            proposals=session.proposals(element.id),
            unheard=state.unheard,
            provisional=f"package #{package.seq} open" if provisional and package else None,
            links=tuple(k.describe() for k in links if k.involves(element.id)),
            precedents=tuple(p.describe() for p in session.precedents(element.id)[:3]),
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

    def go_to_element(self, element_id: str) -> None:
        """Makes `element_id` current and brings it to the middle of the screen (from another screen)."""
        if self._element(element_id) is not None:
            self._select(element_id, center=True)

    def save_cursor(self) -> None:
        """Journals the place in the text (the room's view follows it). Its write takes in what other
        facilitators wrote meanwhile, which the journal poll then no longer sees: shown here."""
        current = self.current_id
        if current is None:
            return
        seen = self.session.last_seq
        if self._journal_cursor(current) and self.session.last_seq > seen + 1:
            self._reload()
            self._say_if_taken(current)

    def _journal_cursor(self, current: str) -> bool:
        """Whether the cursor reached the journal; a journal that fails is said once, never in the way.
        A read-only journal keeps no place; one in use gets it with the next move."""
        if self.session.read_only:
            return False
        try:
            self.session.set_setting("cursor", current)
        except JournalInUseError:
            return False
        except SessionError as error:
            if self.session.read_only:
                self._show_journal_state()
            else:
                self._tell_journal_trouble(error)
            return False
        return True

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

    def _select_in(self, start: int, end: int) -> None:
        """Makes the first element that starts in `[start, end)` current (going to a paragraph: its first
        bracket), else as `_select_at(start)`."""
        i = bisect.bisect_left(self._element_starts, start)
        if i < len(self._elements) and self._elements[i].start < end:
            self._select(self._elements[i].id)
            self.document.scroll_to_offset(start)
        else:
            self._select_at(start)

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

    # Other facilitators' writes ---------------------------------------------

    def _poll_journal(self) -> None:
        """Shows what other facilitators wrote to the journal since this screen last looked."""
        current = self.current_id
        try:
            changed = self.session.refresh()
        except SessionError as error:
            self._tell_journal_trouble(error)
            return
        self._journal_trouble = None
        if changed:
            self._reload()
            self._say_if_taken(current)

    def _show_journal_state(self) -> None:
        """The banner: why the journal is read-only, or which changes wait for it."""
        banner = self.query_one(JournalBanner)
        first = self._waiting.first()
        if self.session.read_only:
            why = self.session.read_only_reason or "opened read-only"
            banner.show(
                f"Read-only: {why}. You can read and export; nothing can be recorded.", read_only=True
            )
        elif first is not None:
            count = len(self._waiting)
            banner.show(
                f"The journal is in use by another drafter process: {first.description}"
                + (f" and {count - 1} more" if count > 1 else "")
                + f" waiting, tried again every {RETRY_EVERY:g} s …",
                read_only=False,
            )
        else:
            banner.hide()

    def _tell_journal_trouble(self, error: SessionError) -> None:
        if str(error) != self._journal_trouble:  # once, not four times a second
            self._journal_trouble = str(error)
            self.notify(f"Cannot reach the journal: {error}", severity="error", markup=False)

    def _say_if_taken(self, current: str | None) -> None:
        """If another facilitator's change took the current element away, says who and how, and leaves
        no element current: a key already on its way must not land on the next element."""
        if current is None or self.current_id is not None:
            return
        removing = [e for e in self.session.history(current) if e.change is not None]
        what = (
            f": {removing[-1].actor} {removing[-1].change.describe(self.session.event_places(removing[-1:])[0])}"
            if removing and removing[-1].change
            else ""
        )
        self.notify(
            f"{current} was resolved meanwhile{what}. n: next open element.", severity="warning", markup=False
        )

    # Changes: each is one Session call, then the new state is shown ----------

    def _change(self, description: str, call: Callable[[], object]) -> bool:
        """Makes one change through the session and shows it; whether it was made now. One that finds
        the journal in use waits (in order after any already waiting) and is tried again."""
        if not self._waiting:
            made = self._attempt(description, call)
            if made is not None:
                return made
        self._waiting.add(description, call)
        if self._retry_timer is None:
            self._retry_timer = self.set_interval(RETRY_EVERY, self._retry_waiting)
        self._show_journal_state()
        return False

    def _retry_waiting(self) -> None:
        """Tries the waiting changes again, in order, until one still finds the journal in use."""
        while (waiting := self._waiting.first()) is not None:
            if self._waiting.expired():
                dropped = self._waiting.drop_all()
                self.notify(
                    f"The journal stayed in use by another drafter process for {GIVE_UP_AFTER:.0f} s: "
                    f"nothing of {', '.join(dropped)} was recorded.",
                    severity="error",
                    markup=False,
                )
                break
            if self._attempt(waiting.description, waiting.call) is None:
                break
            self._waiting.done()
        if not self._waiting and self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None
        self._show_journal_state()

    def _attempt(self, description: str, call: Callable[[], object]) -> bool | None:
        """One try of a change: True made, False refused (and said), None: the journal is in use."""
        origin = self._origin()
        seen = self.session.last_seq
        unattached = {u.element_id for u in self.session.unattached()}
        try:
            result = call()
        except JournalInUseError:
            return None
        except SessionError as error:
            self.notify(f"{description}: {error}", severity="error", markup=False)  # texts have [brackets]
            if self.session.last_seq != seen:  # refused after taking in another facilitator's change
                self._reload()
            self._show_journal_state()  # a journal found read-only turns the session read-only
            return False
        self._reload()
        for found in self.session.unattached():
            if found.element_id not in unattached:  # never silently: say so when it happens
                self.notify(
                    f"Positions need re-attachment (U lists them): {found.describe()}",
                    severity="warning",
                    markup=False,
                    timeout=10,
                )
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

    def _current_or_warn(self) -> Element | None:
        element = self._element(self.current_id)
        if element is None:
            self.notify("No element selected: n/p move to one.", severity="warning")
        return element


def _when(time: str) -> str:
    """A journaled ISO time as date and minutes (UTC)."""
    return time[:16].replace("T", " ")
