"""The TUI's review list of Word comments: accept, edit, reject each proposed position."""

from __future__ import annotations

from pathlib import Path

from drafter.formats.docx.proposals import ReviewState, imported_comments, review_rows
from drafter.tui.comment_review import CommentReview
from drafter.tui.dialogs import StanceDialog
from tests.formats import un_draft
from tests.tui.test_tui import drafting, in_event_loop


def row_of(screen: CommentReview, text: str, party: str) -> int:
    return next(
        i
        for i, row in enumerate(screen._rows)
        if row.item.comment.text == text and row.proposal is not None and row.proposal.party == party
    )


async def highlight(pilot, row: int) -> None:  # type: ignore[no-untyped-def]
    options = pilot.app.screen.query_one("OptionList")
    options.highlighted = row
    await pilot.pause()


@in_event_loop
async def test_accept_edit_and_reject_proposals(tmp_path: Path) -> None:
    path = un_draft.build(tmp_path / "draft.docx")
    async with drafting(path, actor="Secretariat") as (pilot, screen):
        await pilot.press("C")
        review = pilot.app.screen
        assert isinstance(review, CommentReview)
        assert {row.state for row in review._rows} == {ReviewState.PENDING, ReviewState.NOTE}
        # accept: the UK's support of "shall" becomes its position
        await highlight(pilot, row_of(review, un_draft.COMMENTS["shall-should"], "United Kingdom"))
        await pilot.press("a")
        await pilot.pause()
        review = pilot.app.screen
        assert isinstance(review, CommentReview)  # the list opens again, states from the journal
        # edit: the USA's unclear "can be concluded here" recorded as a wish to delete
        await highlight(pilot, row_of(review, un_draft.COMMENTS["USA-concluded"], "United States"))
        await pilot.press("e")
        assert isinstance(pilot.app.screen, StanceDialog)
        await pilot.press("d")
        await pilot.pause()
        review = pilot.app.screen
        assert isinstance(review, CommentReview)
        # reject: Pakistan's comment is not recorded, and the list remembers it
        await highlight(pilot, row_of(review, un_draft.COMMENTS["Pakistan"], "Pakistan"))
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("escape")
        session = screen.session
        states = {
            (row.item.comment.text, row.proposal.party): row.state
            for row in review_rows(session, imported_comments(session))
            if row.proposal is not None
        }
        assert states[(un_draft.COMMENTS["shall-should"], "United Kingdom")] is ReviewState.ACCEPTED
        assert states[(un_draft.COMMENTS["shall-should"], "United States")] is ReviewState.PENDING
        assert states[(un_draft.COMMENTS["USA-concluded"], "United States")] is ReviewState.ACCEPTED
        assert states[(un_draft.COMMENTS["Pakistan"], "Pakistan")] is ReviewState.REJECTED
        group = next(e for e in session.elements() if e.choices == ("shall", "should"))
        assert [(p.party, p.stance.value, p.choice) for p in session.positions(group.id)] == [
            ("United Kingdom", "supports", 1)
        ]
        concluded = next(e for e in session.elements() if "The participating Party" in e.choices[0])
        assert [(p.party, p.stance.value) for p in session.positions(concluded.id)] == [
            ("United States", "delete")
        ]
