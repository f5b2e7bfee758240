"""The journal record codec: positions, settings, Parties and changes to and from journal records.

Every record has a `RecordKind` (the one vocabulary, in `drafter.journal`); this module is the only one
that knows how each kind is laid out in a record's fields and its JSON `data`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from drafter.incremental.offsets import Edit
from drafter.journal import NewRecord, Record, RecordKind
from drafter.negotiation.changes import CHANGE_KINDS, Change
from drafter.negotiation.consensus import Roster, parse_outcome
from drafter.negotiation.links import Link, LinkKind, Member
from drafter.negotiation.positions import STANCES, Position, Stance
from drafter.text.model import Reading

__all__ = [
    "CHANGE_KINDS",
    "Event",
    "Grounds",
    "Provenance",
    "RecordKind",
    "carried_data",
    "change_from_record",
    "change_record",
    "event_from_record",
    "party_record",
    "position_from_record",
    "position_record",
    "setting_record",
]


@dataclass(frozen=True, slots=True)
class Stamp:
    """Who writes a record, and when."""

    actor: str
    time: str

    @classmethod
    def now(cls, actor: str) -> Stamp:
        return cls(actor, now())


def now() -> str:
    """The time records are stamped with: UTC, to the millisecond."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True, slots=True)
class Grounds:
    """What a resolution rests on: the facilitator resolves, on the positions of `basis`; a gavel over
    an objection names the objectors and the chair's reason."""

    basis: tuple[str, ...] = ()  # the Parties whose latest positions accept the outcome
    gavel: bool = False  # the chair's decision, declared (`drafter gavel`)
    objectors: tuple[str, ...] = ()  # Parties on record against the outcome when it was gavelled
    over_objection: str | None = None  # the chair's reason for gavelling over them

    def describe(self) -> str:
        parts = []
        if self.gavel:
            parts.append("gavelled")
        if self.objectors:
            parts.append(f"OVER THE OBJECTION of {', '.join(self.objectors)}: {self.over_objection}")
        if self.basis:
            shown = ", ".join(self.basis[:6]) + (
                f" and {len(self.basis) - 6} more" if len(self.basis) > 6 else ""
            )
            parts.append(f"on the positions of {shown}")
        return "; ".join(parts)


# The kinds whose JSON the history keeps: a roster, a link, a Party's aliases, a carried journal's chain,
# where a carried position came from.
KINDS_WITH_DATA = frozenset(
    {RecordKind.ROSTER, RecordKind.LINK, RecordKind.PARTY, RecordKind.CARRIED, RecordKind.POSITION}
)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a carried position was recorded: event `seq` of the journal of an earlier version."""

    version: str  # that version's file name
    seq: int
    target: str  # the element there
    place: str  # its paragraph reference there
    stance: str  # as recorded there ("supports 3")

    def describe(self) -> str:
        where = f" in {self.place}" if self.place else ""
        return f"{self.version} #{self.seq}: {self.stance} on {self.target}{where}"


def _provenance(found: dict[str, Any]) -> Provenance:
    stance = " ".join(str(part) for part in (found.get("stance"), found.get("choice")) if part is not None)
    return Provenance(
        str(found.get("version", "")),
        int(found["seq"]),
        str(found["target"]),
        str(found.get("place", "")),
        stance,
    )


@dataclass(frozen=True, slots=True)
class Event:
    """One journal entry, as the history shows it."""

    seq: int
    time: str
    actor: str
    kind: RecordKind
    party: str | None
    meeting: str | None
    target: str | None
    before: str | None
    after: str | None
    stance: Stance | None = None
    choice: int | None = None
    note: str | None = None
    refers: int | None = None  # undo/redo/reopen: the event they act on; unlink: the link
    change: Change | None = None
    grounds: Grounds | None = None  # a resolution's basis (and gavel)
    data: str | None = None  # the record's JSON, for kinds that keep more (`KINDS_WITH_DATA`)

    @property
    def carried_from(self) -> tuple[Provenance, ...]:
        """Where a carried position came from, the version before first, then the one before that."""
        found = json.loads(self.data or "{}").get("carried") if self.kind is RecordKind.POSITION else None
        chain = []
        while found:
            chain.append(_provenance(found))
            found = found.get("from")
        return tuple(chain)

    def describe(self, where: str = "") -> str:
        """One line for the history: number, time, who, what happened, and where (`where`: the paragraph
        reference of its element)."""
        position = self.kind is RecordKind.POSITION
        who = self.actor + (f" for {self.party}" if self.party and not position else "")
        meeting = f" ({self.meeting})" if self.meeting else ""
        head = f"#{self.seq} {self.time[:19]} {who}{meeting}:"
        if position:
            stance = (self.stance.value if self.stance else "") + (f" {self.choice}" if self.choice else "")
            text = f" {self.after!r}" if self.after else ""
            note = f" - {self.note}" if self.note else ""
            place = f" in {where}" if where else ""
            carried = " ← ".join(p.describe() for p in self.carried_from)
            origin = f" [carried from {carried}]" if carried else ""
            return f"{head} {self.party} {stance}{text} on {self.target}{place}{note}{origin}"
        if self.kind is RecordKind.SETTING:
            return f"{head} set {self.target} = {self.after!r}"
        if self.kind is RecordKind.PARTY:
            return f"{head} added Party {self.target}"
        if self.kind is RecordKind.CARRIED:
            return f"{head} {self.after}"
        if self.kind is RecordKind.ROSTER:
            parties = sorted(json.loads(self.data or "[]"))
            return f"{head} roster of {self.meeting or '(no meeting)'}: {', '.join(parties) or 'nobody'}"
        if self.kind is RecordKind.LINK:
            return f"{head} {link_from_fields(self.seq, self.data, self.note).describe()}"
        if self.kind is RecordKind.UNLINK:
            return f"{head} took back link #{self.refers}"
        grounds = f" [{self.grounds.describe()}]" if self.grounds and self.grounds.describe() else ""
        return f"{head} {self.change.describe(where) if self.change else self.kind.value}{grounds}"


# --- encoding ------------------------------------------------------------------


def position_record(
    stamp: Stamp, element_id: str, position: Position, *, refers: int | None = None
) -> NewRecord:
    """`refers`: the first position of the same step (one stance recorded on elements of the same wording)."""
    return NewRecord(
        time=stamp.time,
        actor=stamp.actor,
        kind=RecordKind.POSITION,
        party=position.party,
        meeting=position.meeting,
        target=element_id,
        after=position.text,
        stance=position.stance.value,
        choice=position.choice,
        note=position.note,
        refers=refers,
    )


def carried_data(event: Event, version: str, place: str) -> str:
    """The JSON of a position carried from `event` of version `version` (where it was, and where that
    one came from when it was carried itself)."""
    found: dict[str, Any] = {
        "version": version,
        "seq": event.seq,
        "target": event.target,
        "place": place,
        "stance": None if event.stance is None else event.stance.value,
        "choice": event.choice,
    }
    earlier = json.loads(event.data or "{}").get("carried")
    if earlier:
        found["from"] = earlier
    return json.dumps({"carried": found}, ensure_ascii=False)


def setting_record(stamp: Stamp, key: str, value: str) -> NewRecord:
    return NewRecord(time=stamp.time, actor=stamp.actor, kind=RecordKind.SETTING, target=key, after=value)


def party_record(stamp: Stamp, name: str, aliases: tuple[str, ...]) -> NewRecord:
    return NewRecord(
        time=stamp.time, actor=stamp.actor, kind=RecordKind.PARTY, target=name, data=json.dumps(list(aliases))
    )


def change_record(
    stamp: Stamp, change: Change, *, party: str | None, meeting: str | None, grounds: Grounds | None = None
) -> NewRecord:
    data: dict[str, object] = {
        "edits": [[e.start, e.old, e.new] for e in change.edits],
        "removed": change.removed,
        "added": change.added,
        "removed_options": change.removed_options,
        "added_options": change.added_options,
        "removed_ids": change.removed_ids,
        "text": change.text,
    }
    if change.readings:
        data["readings"] = [[r.left, r.right, r.alternatives] for r in change.readings]
        data["readings_before"] = [[r.left, r.right, r.alternatives] for r in change.readings_before]
    if grounds is not None:
        data["basis"] = grounds.basis
        if grounds.gavel:
            data["gavel"] = True
        if grounds.objectors:
            data["objectors"] = grounds.objectors
            data["over_objection"] = grounds.over_objection
    return NewRecord(
        time=stamp.time,
        actor=stamp.actor,
        kind=change.kind,
        party=party,
        meeting=meeting,
        target=change.target,
        before=change.before,
        after=change.after,
        choice=change.choice,
        refers=change.refers,
        data=json.dumps(data, ensure_ascii=False, separators=(",", ":")),
    )


# --- decoding ------------------------------------------------------------------


def record_kind(record: Record) -> RecordKind:
    """The record's kind; a `ValueError` for a kind this drafter does not know (a newer journal?)."""
    try:
        return RecordKind(record.kind)
    except ValueError:
        raise ValueError(
            f"event {record.seq} is of a kind this drafter does not know: {record.kind!r}"
        ) from None


def change_from_record(record: Record) -> Change:
    kind = record_kind(record)
    if kind not in CHANGE_KINDS:
        raise ValueError(f"event {record.seq} ({kind.value}) is not a change to the text")
    data = json.loads(record.data or "{}")
    return Change(
        kind=kind,
        target=record.target or "",
        edits=tuple(Edit(s, old, new) for s, old, new in data["edits"]),
        removed=tuple((s, e, i) for s, e, i in data["removed"]),
        added=tuple((s, e, i) for s, e, i in data["added"]),
        removed_options=tuple((s, i) for s, i in data["removed_options"]),
        added_options=tuple((s, i) for s, i in data["added_options"]),
        removed_ids=tuple(data["removed_ids"]),
        choice=record.choice,
        text=data.get("text"),
        refers=record.refers,
        before=record.before or "",
        after=record.after or "",
        readings=tuple(Reading(left, right, bool(a)) for left, right, a in data.get("readings", ())),
        readings_before=tuple(
            Reading(left, right, bool(a)) for left, right, a in data.get("readings_before", ())
        ),
    )


def grounds_from_record(record: Record) -> Grounds | None:
    data = json.loads(record.data or "{}")
    if "basis" not in data:
        return None
    return Grounds(
        tuple(data["basis"]),
        bool(data.get("gavel")),
        tuple(data.get("objectors", ())),
        data.get("over_objection"),
    )


def roster_record(stamp: Stamp, roster: Roster) -> NewRecord:
    return NewRecord(
        time=stamp.time,
        actor=stamp.actor,
        kind=RecordKind.ROSTER,
        meeting=roster.meeting,
        data=json.dumps(sorted(roster.parties), ensure_ascii=False),
    )


def roster_from_record(record: Record) -> Roster:
    return Roster(record.meeting, frozenset(json.loads(record.data or "[]")), explicit=True)


def link_record(stamp: Stamp, kind: LinkKind, members: tuple[Member, ...], note: str | None) -> NewRecord:
    return NewRecord(
        time=stamp.time,
        actor=stamp.actor,
        kind=RecordKind.LINK,
        target=members[0].element_id,
        note=note,
        data=link_data(kind, members),
    )


def link_data(kind: LinkKind, members: tuple[Member, ...]) -> str:
    """A link's JSON: its kind and members, each outcome as its word or number (`"2"`, `"keep"`)."""
    encoded = [[m.element_id, None if m.outcome is None else str(m.outcome)] for m in members]
    return json.dumps({"kind": kind.value, "members": encoded})


def unlink_record(stamp: Stamp, link: Link) -> NewRecord:
    return NewRecord(
        time=stamp.time,
        actor=stamp.actor,
        kind=RecordKind.UNLINK,
        target=link.members[0].element_id,
        refers=link.seq,
    )


def link_from_record(record: Record) -> Link:
    return link_from_fields(record.seq, record.data, record.note)


def link_from_fields(seq: int, data: str | None, note: str | None) -> Link:
    fields = json.loads(data or "{}")
    members = tuple(
        Member(element_id, None if outcome is None else parse_outcome(outcome))
        for element_id, outcome in fields["members"]
    )
    return Link(seq, LinkKind(fields["kind"]), members, note)


def party_aliases(record: Record) -> list[str]:
    aliases: list[str] = json.loads(record.data or "[]")
    return aliases


def position_from_record(record: Record) -> Position:
    assert record.party is not None and record.stance is not None
    return Position(
        record.party,
        STANCES[record.stance],
        record.choice,
        record.after,
        record.meeting,
        record.note,
        record.time,
    )


def event_from_record(record: Record, change: Change | None) -> Event:
    kind = record_kind(record)
    return Event(
        seq=record.seq,
        time=record.time,
        actor=record.actor,
        kind=kind,
        party=record.party,
        meeting=record.meeting,
        target=record.target,
        before=record.before,
        after=record.after,
        stance=None if record.stance is None else Stance(record.stance),
        choice=record.choice,
        note=record.note,
        refers=record.refers,
        change=change,
        grounds=grounds_from_record(record) if kind in CHANGE_KINDS else None,
        data=record.data if kind in KINDS_WITH_DATA else None,
    )
