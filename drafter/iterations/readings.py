"""The reader's corrections (`drafter split`, `drafter join`) carried to the next version.

A correction says whether two adjacent brackets are alternatives, by their ids. It is
carried when both brackets survived into the next version (unchanged or amended,
by the diff) and still stand side by side there; the next version is then read
with it before any position is re-targeted, so a position on a bracket the user
split off lands on that bracket again, not on a group the evidence would have made.
A correction the next version already reads without help needs no record.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.diff import BracketChange, DraftDiff
from drafter.iterations.carry import Item, Outcome
from drafter.iterations.retarget import RESOLVED_WORDS
from drafter.journal import NewRecord, RecordKind
from drafter.negotiation.changes import reread
from drafter.negotiation.records import Event, Stamp, change_record
from drafter.text.alternatives import adjacent
from drafter.text.model import Draft, Reading


@dataclass(frozen=True, slots=True)
class CarriedReadings:
    draft: Draft  # the next version, read with the carried corrections
    records: tuple[NewRecord, ...]  # split/join records for the new journal, before any position
    items: tuple[Item, ...]  # one per correction in effect in the old journal


def _describe(reading: Reading) -> str:
    """Where a reading's item stands: its two brackets and what they are to each other."""
    verb = "alternatives" if reading.alternatives else "not alternatives"
    return f"{reading.left} | {reading.right} {verb}"


def _read_now(draft: Draft) -> set[tuple[str, str]]:
    return {
        (left.id, right.id)
        for group in draft.alternative_groups
        for left, right in zip(group.alternatives, group.alternatives[1:], strict=False)
    }


def _successors(reading: Reading, fates: dict[str, BracketChange]) -> tuple[str, str] | str:
    """The ids of a correction's two brackets in the next version, or why one is not there."""
    found: list[str] = []
    for end in (reading.left, reading.right):
        change = fates.get(end)
        if change is None:
            return f"{end} is not in the old text"
        if change.new_id is None:
            return f"{end} {RESOLVED_WORDS.get(change.fate, 'resolved')}"
        found.append(change.new_id)
    return found[0], found[1]


def _records(new: Draft, corrections: dict[Event, list[Reading]]) -> tuple[Draft, list[NewRecord]]:
    """`new` read with the corrections, and the split/join records that read it so, one per old event
    (an undo may set pairs both ways at once: then a split and a join)."""
    draft, records = new, []
    for event, readings in corrections.items():
        for kind, alternatives in ((RecordKind.SPLIT, False), (RecordKind.JOIN, True)):
            these = [r for r in readings if r.alternatives is alternatives]
            if these:
                first = these[0].left
                group = next(
                    (g.id for g in draft.alternative_groups if any(b.id == first for b in g.alternatives)),
                    first,
                )
                draft, change = reread(draft, kind, group, these)
                stamp = Stamp(event.actor, event.time)
                records.append(change_record(stamp, change, party=None, meeting=event.meeting))
    return draft, records


def carry_readings(old: Draft, new: Draft, diff: DraftDiff, events: tuple[Event, ...]) -> CarriedReadings:
    """The corrections in effect on `old` (its consolidated text) carried to `new` through `diff`."""
    made_by: dict[tuple[str, str], Event] = {}  # the event that last set each pair's reading
    for event in events:
        for reading in event.change.readings if event.change is not None else ():
            made_by[(reading.left, reading.right)] = event
    fates = {c.old_id: c for c in diff.summary.bracket_changes if c.old_id}
    read_now = _read_now(new)
    items: list[Item] = []
    corrections: dict[Event, list[Reading]] = {}
    for reading in old.readings:
        made = made_by[(reading.left, reading.right)]
        kind = (RecordKind.JOIN if reading.alternatives else RecordKind.SPLIT).value
        before = _describe(reading)
        successors = _successors(reading, fates)
        if isinstance(successors, str):
            items.append(
                Item(made.seq, kind, None, Outcome.NOT_CARRIED, successors, reading.left, None, before)
            )
            continue
        left, right = successors
        if not adjacent(new.text, new.bracket_by_id[left], new.bracket_by_id[right]):
            why = "no longer side by side in the new version"
            items.append(Item(made.seq, kind, None, Outcome.NOT_CARRIED, why, reading.left, None, before))
            continue
        moved = Reading(left, right, reading.alternatives)
        if ((left, right) in read_now) is reading.alternatives:
            why = "the new version reads them so without a correction"
        else:
            why = "read so in the new version"
            corrections.setdefault(made, []).append(moved)
        outcome = Outcome.CARRIED if (left, right) == (reading.left, reading.right) else Outcome.RETARGETED
        items.append(Item(made.seq, kind, None, outcome, why, reading.left, left, before, _describe(moved)))
    draft, records = _records(new, corrections)
    return CarriedReadings(draft, tuple(records), tuple(items))
