"""The review list of a Word draft's comments: each proposed Party position to accept, edit or reject.

The list shows what it is given (rows from `drafter.formats.docx.proposals.review_rows`) and answers
with the row and what to do with it; the main screen does it through the session and opens the list
again on the same row, so the states shown are always the journal's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from drafter.formats.docx.proposals import ReviewRow, ReviewState
from drafter.negotiation.changes import preview
from drafter.tui.dialogs import Dialog

STATE_STYLES = {
    ReviewState.PENDING: "bold",
    ReviewState.ACCEPTED: "green",
    ReviewState.REJECTED: "red",
    ReviewState.NOTE: "dim",
}


class ReviewAction(StrEnum):
    """What to do with a comment's proposed position."""

    ACCEPT = "accept"
    EDIT = "edit"
    REJECT = "reject"
    SHOW = "show"  # show where it is in the text


@dataclass(frozen=True, slots=True)
class ReviewAnswer:
    action: ReviewAction
    row: int


class CommentReview(Dialog[ReviewAnswer]):
    """Comments of the .docx and the positions they propose: a accept, e edit, r reject, enter show."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "answer('accept')", "Accept"),
        Binding("e", "answer('edit')", "Edit"),
        Binding("r", "answer('reject')", "Reject"),
        Binding("enter", "answer('show')", "Show in the text", show=False),
    ]

    def __init__(self, rows: Sequence[ReviewRow], highlighted: int = 0) -> None:
        super().__init__()
        self._rows, self._highlighted = rows, highlighted

    def compose(self) -> ComposeResult:
        pending = sum(1 for r in self._rows if r.state is ReviewState.PENDING)
        with Vertical(id="comment-review"):
            yield Label(
                f"Word comments: {pending} position{'s' if pending != 1 else ''} to confirm", classes="title"
            )
            yield OptionList(*(Option(_line(row)) for row in self._rows))
            yield Label(
                "a: accept   e: edit   r: reject   enter: show in the text   escape: close", classes="hint"
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self._rows:
            options.highlighted = min(self._highlighted, len(self._rows) - 1)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(ReviewAnswer(ReviewAction.SHOW, event.option_index))

    def action_answer(self, value: str) -> None:
        """`value`: a `ReviewAction`'s, as the binding's action string carries it."""
        action = ReviewAction(value)
        index = self.query_one(OptionList).highlighted
        if index is None:
            return
        row = self._rows[index]
        if row.proposal is None and action is not ReviewAction.SHOW:
            self.notify(f"This comment stays a note: {row.item.reason}.", severity="warning")
            return
        self.dismiss(ReviewAnswer(action, index))


def _line(row: ReviewRow) -> Text:
    item = row.item
    where = f"{item.ref} “{preview(item.anchor, 24)}”" if item.anchor else item.ref or "no anchor"
    line = Text()
    line.append(f"{row.state.value:<11}", STATE_STYLES[row.state])
    if row.proposal is not None:
        line.append(f"{row.proposal.describe()}  ", "bold")
    line.append(f"{where}  ", "italic")
    line.append(preview(f"{item.comment.author}: {item.comment.text}", 60), "dim")
    if row.proposal is None and item.reason:
        line.append(f"  ({item.reason})", "dim")
    return line
