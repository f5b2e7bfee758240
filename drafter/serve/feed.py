"""The room's feed: one thread follows the journal and turns what it brings into messages for viewers.

The thread owns the session (nothing else touches it): it blocks in the journal's `wait_for_change`
(PostgreSQL: a LISTEN/NOTIFY nudge; SQLite: its data version), takes the new events in with
`Session.refresh`, renders the text once if they changed it (positions change the marks, settings do
not) and hands an immutable `RoomState` and one `Message` to `publish`, which fans it out to every
viewer. Each message is numbered with the journal sequence it brings a viewer to, so a viewer that
reconnects with that number gets exactly what it missed.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from drafter.journal import JournalError, Record, RecordKind
from drafter.negotiation.session import Session, SessionError
from drafter.serve.activity import Activity, activity
from drafter.serve.view import Focus, TextView, focus_on, text_view

CURSOR = "cursor"  # the setting a facilitator's TUI journals its place in the text under
ACTIVITY_KEPT = 12  # lines of the activity list a new viewer gets
WAIT = 0.5  # seconds one wait for the journal lasts (how soon the thread notices it should stop)
RETRY = 1.0  # seconds before trying a journal again that failed


class Cursors:
    """Each facilitator's latest cursor, and whose the room follows: `follow`'s, else the latest written."""

    def __init__(self, follow: str | None) -> None:
        self.follow = follow
        self._latest: dict[str, tuple[int, str]] = {}  # actor -> (seq, element id)

    def take(self, record: Record) -> bool:
        """Takes in a cursor record; whether it may move the room's focus."""
        if record.kind != RecordKind.SETTING or record.target != CURSOR or not record.after:
            return False
        self._latest[record.actor] = (record.seq, record.after)
        return self.follow is None or record.actor == self.follow

    def followed(self) -> tuple[str, str] | None:
        """(actor, element id) of the cursor the room follows, if there is one yet."""
        if self.follow is not None:
            found = self._latest.get(self.follow)
            return None if found is None else (self.follow, found[1])
        if not self._latest:
            return None
        actor, (_, element_id) = max(self._latest.items(), key=lambda item: item[1][0])
        return actor, element_id

    def facilitators(self) -> list[str]:
        """Everyone who has journaled a cursor, the most recent last."""
        return sorted(self._latest, key=lambda actor: self._latest[actor][0])


@dataclass(frozen=True, slots=True)
class Message:
    """One server-sent event: `seq` is its id (None for a notice outside the journal's order)."""

    event: str  # "snapshot", "update" or "trouble"
    seq: int | None
    after: int | None  # an update applies to the view at this sequence
    data: str  # JSON


@dataclass(frozen=True)
class RoomState:
    """What every viewer sees at journal sequence `seq`."""

    title: str
    room: str  # which journal: a viewer that comes back from another room's page gets a snapshot
    seq: int
    text: TextView
    focus: Focus | None
    following: str | None  # the facilitator followed (None: no cursor journaled yet)
    facilitators: tuple[str, ...]
    activity: tuple[Activity, ...] = field(default=())  # the latest lines, oldest first

    def common(self) -> dict[str, object]:
        return {
            "seq": self.seq,
            "focus": None if self.focus is None else self.focus.as_json(),
            "following": self.following,
            "facilitators": list(self.facilitators),
        }

    @cached_property
    def snapshot(self) -> Message:
        """Everything, for a new viewer (built once per state, on demand)."""
        data = self.common() | {
            "title": self.title,
            "summary": self.text.summary,
            "blocks": list(self.text.blocks),
            "activity": [line.as_json() for line in self.activity],
        }
        return Message("snapshot", self.seq, None, _dumps(data))


def _dumps(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class Feed:
    """Follows `session`'s journal (in `run`, on a thread of its own) and publishes each change."""

    def __init__(
        self,
        session: Session,
        publish: Callable[[RoomState, Message], None],
        *,
        positions: bool = True,
        follow: str | None = None,
    ) -> None:
        self.session = session
        self.publish = publish
        self.positions = positions
        self.cursors = Cursors(follow)
        self.trouble: str | None = None
        identity = f"{session.journal_location}\n{session.path.name}\n{session.base.text}"
        self.room = hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        self.state = self._first_state()

    def _first_state(self) -> RoomState:
        records = list(self.session.journal.records()) if self.session.journal is not None else []
        for record in records:
            self.cursors.take(record)
        text = text_view(self.session, positions=self.positions)
        lines = activity(records[-4 * ACTIVITY_KEPT :], self.session.draft, positions=self.positions)
        return self._state(text, tuple(lines[-ACTIVITY_KEPT:]))

    def _state(self, text: TextView, lines: tuple[Activity, ...]) -> RoomState:
        followed = self.cursors.followed()
        focus = (
            None if followed is None else focus_on(text, followed[1], followed[0], positions=self.positions)
        )
        return RoomState(
            self.session.path.name,
            self.room,
            self.session.last_seq,
            text,
            focus,
            None if followed is None else followed[0],
            tuple(self.cursors.facilitators()),
            lines,
        )

    def run(self, stop: threading.Event) -> None:
        """Follows the journal until `stop` is set; a journal that fails is told to viewers and retried."""
        while not stop.is_set():
            try:
                if self._wait(stop):
                    self.take_changes()
                if self.trouble is not None:
                    self._tell(None)
            except (SessionError, JournalError) as error:
                self._tell(f"The journal cannot be read just now ({error}); the text shown may be behind.")
                stop.wait(RETRY)

    def _wait(self, stop: threading.Event) -> bool:
        journal = self.session.journal
        if journal is None:  # none yet: the session looks for one another process made
            stop.wait(WAIT)
            return True
        return journal.wait_for_change(self.session.last_seq, WAIT)

    def take_changes(self) -> None:
        """Takes in what the journal got since the last state and publishes the update, if any."""
        before = self.state
        if not self.session.refresh():
            return
        journal = self.session.journal
        assert journal is not None
        seq = self.session.last_seq
        records = [r for r in journal.records(after=before.seq) if r.seq <= seq]
        moved = [r for r in records if self.cursors.take(r)]
        text = before.text
        if any(r.kind != RecordKind.SETTING for r in records):
            text = text_view(self.session, positions=self.positions)
        lines = activity(records, self.session.draft, positions=self.positions)
        state = self._state(text, (*before.activity, *lines)[-ACTIVITY_KEPT:])
        data = state.common() | {"after": before.seq, "activity": [line.as_json() for line in lines]}
        if text is not before.text:
            data |= {"summary": text.summary, "edits": before.text.edits_to(text), "count": len(text.blocks)}
        data["moved"] = bool(moved) or _focus_id(state) != _focus_id(before)
        self.state = state
        self.publish(state, Message("update", state.seq, before.seq, _dumps(data)))

    def _tell(self, trouble: str | None) -> None:
        """Tells viewers the journal failed (or works again): a notice outside the journal's order."""
        if trouble == self.trouble:
            return
        self.trouble = trouble
        self.publish(self.state, Message("trouble", None, None, _dumps({"message": trouble})))


def _focus_id(state: RoomState) -> str | None:
    return None if state.focus is None else state.focus.element_id
