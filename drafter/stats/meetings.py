"""Progress as a journal records it: open elements after each meeting, what stays open, who holds it.

- Burn-down: the journal's events in order, cut into meetings by the meeting each
  event was recorded in (an event with none belongs to the meeting before it);
  after each meeting, the elements still open in the consolidated text.
- Open longest: elements still open, by the time a Party first spoke on them.
- Parties on the most open elements: for each Party, the open elements it holds a
  position on, and those where it stands in the way of consensus.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from drafter.journal import RecordKind
from drafter.negotiation.changes import apply_change
from drafter.negotiation.records import Event
from drafter.negotiation.session import Session
from drafter.text.model import Draft

BEFORE_MEETINGS = "(before the first meeting)"


def open_element_ids(draft: Draft) -> frozenset[str]:
    """The disputed elements of a draft: brackets outside alternative groups, the groups, option groups."""
    grouped = {b.id for g in draft.alternative_groups for b in g.alternatives}
    return frozenset(
        [b.id for b in draft.brackets if b.id not in grouped]
        + [g.id for g in draft.alternative_groups]
        + [g.id for g in draft.option_groups]
    )


@dataclass(frozen=True, slots=True)
class MeetingPoint:
    """The text after one meeting: elements still open, and what the meeting recorded."""

    meeting: str
    last_time: str  # the time of its last event
    open_elements: int
    positions: int
    resolutions: int


@dataclass(frozen=True, slots=True)
class LongOpen:
    element_id: str
    line: int
    first_time: str  # when a Party first spoke on it
    first_meeting: str | None
    meetings: int  # how many meetings it was discussed in
    parties: tuple[str, ...]
    status: str


@dataclass(frozen=True, slots=True)
class PartyLoad:
    party: str
    open_elements: int  # open elements it holds a position on
    objecting: int  # of those, the ones where it objects to an outcome (it holds the element open)


@dataclass(frozen=True, slots=True)
class JournalProgress:
    start_open: int  # open elements in the base text
    meetings: tuple[MeetingPoint, ...]
    longest_open: tuple[LongOpen, ...]
    parties: tuple[PartyLoad, ...]
    never_discussed: int  # open elements no Party has spoken on
    now_open: int


def _meetings(session: Session, events: tuple[Event, ...]) -> list[MeetingPoint]:
    points: list[MeetingPoint] = []
    draft = session.base
    current: str | None = None
    positions = resolutions = 0
    last_time = ""

    def close() -> None:
        points.append(
            MeetingPoint(
                current or BEFORE_MEETINGS, last_time, len(open_element_ids(draft)), positions, resolutions
            )
        )

    for event in events:
        if event.meeting and event.meeting != current and (positions or resolutions or current):
            close()
            positions = resolutions = 0
        current = event.meeting or current
        last_time = event.time
        if event.change is not None:
            draft = apply_change(draft, event.change)[0]
            resolutions += 1
        elif event.kind is RecordKind.POSITION:
            positions += 1
    if positions or resolutions:
        close()
    return points


def journal_progress(session: Session, top: int = 10) -> JournalProgress:
    """The burn-down by meeting, the `top` elements open longest and the Parties on the most open elements."""
    events = session.history()
    open_now = session.elements()
    states = session.states()
    spoken: dict[str, list[Event]] = {}
    for event in events:
        if event.kind is RecordKind.POSITION and event.target is not None:
            spoken.setdefault(event.target, []).append(event)
    longest = []
    load: Counter[str] = Counter()
    objecting: Counter[str] = Counter()
    for element in open_now:
        said = spoken.get(element.id)
        if not said:
            continue
        state = states[element.id]
        parties = tuple(dict.fromkeys(e.party for e in said if e.party))
        load.update(parties)
        objecting.update({party for objectors in state.objections.values() for party in objectors})
        meetings = {e.meeting for e in said if e.meeting}
        longest.append(
            LongOpen(
                element.id,
                session.draft.line_column(element.start)[0],
                said[0].time,
                said[0].meeting,
                len(meetings),
                parties,
                state.status,
            )
        )
    longest.sort(key=lambda item: (item.first_time, item.line))
    loads = sorted(
        (PartyLoad(party, n, objecting[party]) for party, n in load.items()),
        key=lambda p: (-p.open_elements, -p.objecting, p.party),
    )
    return JournalProgress(
        start_open=len(open_element_ids(session.base)),
        meetings=tuple(_meetings(session, events)),
        longest_open=tuple(longest[:top]),
        parties=tuple(loads[:top]),
        never_discussed=sum(1 for element in open_now if element.id not in spoken),
        now_open=len(open_now),
    )
