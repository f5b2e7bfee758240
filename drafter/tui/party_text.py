"""The text as the current Party would have it: every element it supports resolved its way, read-only."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label

from drafter.negotiation.projection import as_party
from drafter.negotiation.session import Session
from drafter.tui.dialogs import Dialog
from drafter.tui.document import DocumentMarks, DocumentView


class PartyTextScreen(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "cancel", "Close")]

    def __init__(self, session: Session, party: str) -> None:
        super().__init__()
        self._session, self._party = session, party

    def compose(self) -> ComposeResult:
        with Vertical(id="party-text"):
            yield Label(
                f"The text as {self._party} would have it (brackets stay where it said nothing)",
                classes="title",
            )
            yield DocumentView(id="party-document")
            yield Label("escape or q: back (nothing here is journaled)", classes="hint")

    def on_mount(self) -> None:
        view = self.query_one(DocumentView)
        view.show_draft(as_party(self._session, self._party), DocumentMarks())
        view.focus()
