"""The room's activity list: each journal event in a line a delegate reads ("10:31 alice chose 2 at II 12").

Settings (a facilitator's cursor, current Party, filter) are the facilitators' own business and are
not listed; with positions hidden (`--no-positions`), a position is listed without its Party.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.journal import Record, RecordKind
from drafter.negotiation.changes import CHANGE_KINDS, preview
from drafter.negotiation.records import change_from_record, record_kind
from drafter.text.model import Draft

VERBS = {
    RecordKind.KEEP: "kept",
    RecordKind.DELETE: "deleted",
    RecordKind.CHOOSE: "chose",
    RecordKind.AMEND: "amended",
    RecordKind.BRACKET: "bracketed",
    RecordKind.PROPOSE: "proposed",
    RecordKind.REOPEN: "reopened",
    RecordKind.UNDO: "undid",
    RecordKind.REDO: "redid",
    RecordKind.SPLIT: "read apart the alternatives",
    RecordKind.JOIN: "read as alternatives the brackets",
}


@dataclass(frozen=True, slots=True)
class Activity:
    seq: int
    time: str  # "HH:MM" UTC
    text: str

    def as_json(self) -> dict[str, object]:
        return {"seq": self.seq, "time": self.time, "text": self.text}


def activity(records: list[Record], draft: Draft, *, positions: bool) -> list[Activity]:
    """The lines for `records` (read after `draft` took them in), settings left out."""
    found = []
    for record in records:
        text = describe(record, draft, positions=positions)
        if text:
            found.append(Activity(record.seq, record.time[11:16], text))
    return found


def describe(record: Record, draft: Draft, *, positions: bool) -> str:
    try:
        kind = record_kind(record)
    except ValueError:
        return f"{record.actor}: {record.kind}"  # a kind of a newer drafter: named, not read
    if kind is RecordKind.POSITION:
        if not positions:
            return "a position was recorded"
        stance = (record.stance or "") + (f" {record.choice}" if record.choice else "")
        said = f" {preview(record.after, 40)!r}" if record.after else ""
        return f"{record.party} {stance}{said}"
    if kind is RecordKind.PARTY:
        return f"{record.actor} added the Party {record.target}"
    if kind not in CHANGE_KINDS:
        return ""
    change = change_from_record(record)
    verb = VERBS[kind]
    what = f" {change.choice}" if change.choice is not None else ""
    if change.refers is not None:
        what += f" #{change.refers}"
    for_party = f" for {record.party}" if record.party and positions else ""
    if change.readings:  # no text changed: where the brackets are
        ids = dict.fromkeys(i for r in change.readings for i in (r.left, r.right))
        places = [draft.bracket_by_id[i].start for i in ids if i in draft.bracket_by_id]
        where = draft.reference_at(places[0]) if places else ""
        return f"{record.actor} {verb}{what} {' '.join(ids)}" + (f" at {where}" if where else "")
    where = draft.reference_at(min(change.start, len(draft.text))) or "the start"
    return (
        f"{record.actor}{for_party} {verb}{what} at {where}: "
        f"{preview(change.before, 40)!r} → {preview(change.after, 40)!r}"
    )
