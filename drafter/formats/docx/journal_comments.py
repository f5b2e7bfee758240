"""The comments a tracked .docx export carries: one per resolution still in the text (what was resolved,
by whom, on whose positions) and one per Party position (by the Party, on its element's words)."""

from __future__ import annotations

from dataclasses import dataclass

from drafter.formats.docx.history import History
from drafter.negotiation.reading import SessionView

Identity = tuple[int, int]  # (origin, offset): a character of the base text (origin 0) or of a change


@dataclass(frozen=True, slots=True)
class Comment:
    """A Word comment to write, anchored on characters of the history."""

    start: Identity
    end: Identity  # the last character
    author: str
    date: str
    text: str


def resolution_comments(session: SessionView, history: History) -> list[Comment]:
    """A comment on each change still in the text: what was resolved, by whom, on whose positions."""
    found = []
    for seq, event in history.events.items():
        span = history.span_of_change(seq)
        if span is None or event.change is None:
            continue
        positions = session.positions(event.change.target)
        rests = "; ".join(
            f"{p.party} {p.stance.value}{f' {p.choice}' if p.choice else ''}{f' ({p.meeting})' if p.meeting else ''}"
            for p in positions
        )
        lines = [f"drafter #{seq}: {event.change.describe()}"]
        if event.party:
            lines.append(f"on behalf of {event.party}")
        if event.meeting:
            lines.append(f"meeting: {event.meeting}")
        lines.append(f"rests on: {rests}" if rests else "rests on no recorded position")
        found.append(Comment(span[0], span[1], event.actor, event.time, "\n".join(lines)))
    return found


def position_comments(session: SessionView, history: History) -> list[Comment]:
    """A comment by each Party on the element its position is about, as the element stood then."""
    found = []
    for seq, span in history.anchors.items():
        event = history.positions[seq]
        what = (event.stance.value if event.stance else "position") + (
            f" {event.choice}" if event.choice else ""
        )
        lines = [f"{event.party}: {what}" + (f" “{event.after}”" if event.after else "")]
        if event.meeting:
            lines.append(f"meeting: {event.meeting}")
        if event.note:
            lines.append(event.note)
        found.append(Comment(span[0], span[1], event.party or "unknown", event.time, "\n".join(lines)))
    return found
