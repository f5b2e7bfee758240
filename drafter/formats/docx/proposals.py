"""A .docx's comments as Party positions to confirm.

Every comment is kept as a note on the words it is anchored to, with its author and date. Where it
names registry Parties, each statement becomes a proposed position on the disputed element the anchor
lies in (the innermost one), with the stance its wording says ("comment" when unclear). A person
confirms them: `drafter comments FILE --accept`, or one by one in the TUI's review list. Accepted
proposals are recorded with a note naming the comment, so accepting twice records nothing new.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from drafter.formats.docx.comments import WordComment, word_comments
from drafter.formats.docx.reader import DocxOrigin
from drafter.formats.party_comments import COMMENT, read_comment, stance_of
from drafter.incremental.offsets import OffsetMap
from drafter.negotiation.positions import Stance
from drafter.negotiation.session import Element, Session, SessionError

NOTE_PREFIX = "Word comment"


@dataclass(frozen=True, slots=True)
class Proposal:
    """One Party's position read from a comment, to be confirmed."""

    party: str
    stance: Stance | None  # None: the wording says no clear stance (a comment: edit before accepting)
    choice: int | None = None
    text: str | None = None

    @property
    def clear(self) -> bool:
        return self.stance is not None

    @property
    def word(self) -> str:
        """The stance in a word: its value, or `comment`."""
        return COMMENT if self.stance is None else self.stance.value

    def describe(self) -> str:
        what = (
            self.word + (f" {self.choice}" if self.choice else "") + (f" {self.text!r}" if self.text else "")
        )
        return f"{self.party} {what}"


@dataclass(frozen=True, slots=True)
class ImportedComment:
    """A comment of the document, where it sits in the text now, and what it proposes."""

    comment: WordComment
    start: int | None  # the anchor in the current text (None: no anchor, or its words are gone)
    end: int | None
    anchor: str
    ref: str
    element: str | None  # the disputed element the anchor lies in
    meeting: str | None
    parties: tuple[str, ...]
    proposals: tuple[Proposal, ...] = ()
    reason: str | None = None  # why it stays a note only
    said: tuple[str, ...] = field(default=())

    @property
    def note(self) -> str:
        """The note a confirmed position carries: which comment it came from."""
        c = self.comment
        return f"{NOTE_PREFIX} {c.id} by {c.author or 'unknown'} ({c.date[:10] or 'undated'}): {c.text}"

    @property
    def stance(self) -> str:
        stances = dict.fromkeys(p.word for p in self.proposals)
        return ", ".join(stances) if stances else "note"


def imported_comments(session: Session) -> list[ImportedComment]:
    """The comments of the session's .docx ([] for a draft from another format)."""
    origin = getattr(session.source, "mapping", None)
    if not isinstance(origin, DocxOrigin):
        return []
    forward = _base_to_current(session)
    elements = session.elements()
    return [
        _import(session, comment, forward, elements)
        for comment in word_comments(origin.package, origin.layout)
    ]


def _import(
    session: Session, comment: WordComment, forward: list[OffsetMap], elements: tuple[Element, ...]
) -> ImportedComment:
    reading = read_comment(comment.text, session.registry)
    parties = tuple(dict.fromkeys(p for s in reading.statements for p in s.parties))
    start = end = None
    if comment.start is not None and comment.end is not None:
        start, end = _carry(comment.start, comment.end, forward)
    text = session.draft.text
    anchor = text[start:end] if start is not None and end is not None else ""
    ref = _reference(session, start)
    base = ImportedComment(comment, start, end, anchor, ref, None, reading.meeting, parties)
    if not parties:
        return _with(base, reason="names no Party or group of the registry")
    if start is None or end is None:
        why = (
            "has no anchor in the text" if comment.start is None else "its anchored words were changed since"
        )
        return _with(base, reason=why)
    element = _element_at(elements, start, end)
    if element is None:
        return _with(
            base, reason="its anchor is in no bracket or group of alternatives: bracket the words first"
        )
    proposals = []
    for statement in reading.statements:
        stance = stance_of(statement.said, element.kind, element.choices)
        for party in statement.parties:
            proposals.append(Proposal(party, stance.stance, stance.choice, stance.text))
    reason = (
        None
        if any(p.clear for p in proposals)
        else "its wording gives no clear stance: edit it to record one"
    )
    return ImportedComment(
        comment, start, end, anchor, ref, element.id, reading.meeting, parties, tuple(proposals), reason
    )


def _with(base: ImportedComment, *, reason: str) -> ImportedComment:
    return ImportedComment(
        base.comment,
        base.start,
        base.end,
        base.anchor,
        base.ref,
        None,
        base.meeting,
        base.parties,
        (),
        reason,
    )


def _element_at(elements: tuple[Element, ...], start: int, end: int) -> Element | None:
    """The innermost element whose span holds the anchor (an anchor on the brackets' text is inside)."""
    holding = [e for e in elements if e.start <= start and end <= e.end]
    if not holding:  # an anchor on an element's words, brackets left out: the element it covers
        holding = [e for e in elements if start <= e.start + 1 and e.end - 1 <= end and e.start < end]
    return min(holding, key=lambda e: (e.end - e.start, -e.depth), default=None)


def _base_to_current(session: Session) -> list[OffsetMap]:
    """The edits of every text change in the journal, in order: they carry base offsets to now."""
    return [OffsetMap(event.change.edits) for event in session.history() if event.change is not None]


def _carry(start: int, end: int, forward: list[OffsetMap]) -> tuple[int | None, int | None]:
    for edits in forward:
        if start == end:
            moved = edits.char(start)
            if moved is None:
                return None, None
            start = end = moved
            continue
        span = edits.span(start, end)
        if span is None:
            return None, None
        start, end = span
    return start, end


def _reference(session: Session, offset: int | None) -> str:
    """The paragraph the anchor is in, as negotiators cite it ("I 1(a)")."""
    return "" if offset is None else session.draft.reference_at(offset)


def accept(
    session: Session, comments: list[ImportedComment], *, actor_meeting: str | None = None
) -> tuple[int, int]:
    """Records every clear proposal as a position (meeting from the comment); returns (recorded, already)."""
    recorded = already = 0
    for item in comments:
        if item.element is None:
            continue
        existing = {(p.party, p.note) for p in session.positions(item.element)}
        for proposal in item.proposals:
            if not proposal.clear:
                continue
            party = session.normalise_party(proposal.party)
            if (party, item.note) in existing:
                already += 1
                continue
            record(session, item, proposal, meeting=actor_meeting)
            recorded += 1
    return recorded, already


class ReviewState(StrEnum):
    PENDING = "to confirm"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    NOTE = "note only"


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """One line of the review list: a proposal (or a comment that stays a note) and where it stands."""

    item: ImportedComment
    proposal: Proposal | None
    state: ReviewState


def review_rows(session: Session, comments: list[ImportedComment]) -> list[ReviewRow]:
    rows = []
    for item in comments:
        if not item.proposals:
            rows.append(ReviewRow(item, None, ReviewState.NOTE))
            continue
        recorded = {(p.party, p.note) for p in session.positions(item.element)} if item.element else set()
        for proposal in item.proposals:
            if (session.normalise_party(proposal.party), item.note) in recorded:
                state = ReviewState.ACCEPTED
            elif session.get_setting(rejection_key(item, proposal)) == "rejected":
                state = ReviewState.REJECTED
            else:
                state = ReviewState.PENDING
            rows.append(ReviewRow(item, proposal, state))
    return rows


def rejection_key(item: ImportedComment, proposal: Proposal) -> str:
    return f"docx-comment:{item.comment.id}:{proposal.party}"


def reject(session: Session, item: ImportedComment, proposal: Proposal) -> None:
    """Journals that a person read the proposal and will not record it."""
    session.set_setting(rejection_key(item, proposal), "rejected")


def record(
    session: Session, item: ImportedComment, proposal: Proposal, *, meeting: str | None = None
) -> None:
    """Records the proposal (as read, or as a person edited it) as the Party's position."""
    if item.element is None or proposal.stance is None:
        raise SessionError(f"comment {item.comment.id}: no clear stance to record; edit it first")
    session.record_position(
        item.element,
        proposal.party,
        proposal.stance,
        choice=proposal.choice,
        text=proposal.text,
        meeting=item.meeting or meeting,
        note=item.note,
    )
