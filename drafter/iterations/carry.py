"""Carrying a journal to the next version: every position (and setting, Party) re-targeted, or said why not.

The old journal's consolidated text (its base plus its changes) is compared with
the next version; `Retargeter` says what became of each element. A position on
an element that survived is carried to the same element (renumbered or moved
paragraphs included); on an element that was amended or narrowed it is
re-targeted to the element it became, its choice renumbered (alternative 3 may
now be 2; a bracket that joined a group is now one of its alternatives); a
position on an element that was resolved or removed, or on an alternative that
was dropped, is not carried, with the reason. Every position record is carried,
not only the latest of each Party, in its order, with its time, actor, Party
and meeting, so the new journal's history reads on from the old one's.

Changes to the old text are not carried: the next version is the new base. The reader's corrections
(split, join) are carried by `drafter.iterations.readings` before the positions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from drafter.diff import DraftDiff
from drafter.iterations.retarget import Fate, Retarget, Retargeter, choice_count
from drafter.journal import NewRecord, RecordKind
from drafter.negotiation.consensus import KEEP
from drafter.negotiation.elements import ElementKind
from drafter.negotiation.links import Link, Member
from drafter.negotiation.positions import Stance
from drafter.negotiation.records import Event, Stamp, carried_data, link_record
from drafter.text.model import Draft

CURSOR = "cursor"  # the setting that names an element: re-targeted like a position


class Outcome(StrEnum):
    CARRIED = "carried"  # to the same element
    RETARGETED = "re-targeted"  # to the element it became (amended, narrowed)
    NOT_CARRIED = "not carried"


@dataclass(frozen=True, slots=True)
class Item:
    """One record of the old journal and what carrying it did."""

    seq: int
    kind: str
    party: str | None
    outcome: Outcome
    reason: str
    old_target: str | None = None
    new_target: str | None = None
    old_place: str | None = None
    new_place: str | None = None
    stance: str | None = None  # "supports 3", and after carrying "supports 2"
    new_stance: str | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    """The records to append to the new journal (in order) and an item per old record carried or not."""

    records: tuple[NewRecord, ...]
    items: tuple[Item, ...]
    changes_left: int  # changes to the old text, which stay in the old journal

    def counts(self, *kinds: str) -> dict[str, int]:
        """Items by outcome, of the record kinds given (all items without)."""
        counted = Counter(item.outcome.value for item in self.items if not kinds or item.kind in kinds)
        return {outcome.value: counted[outcome.value] for outcome in Outcome}


def _stance_text(stance: str | None, choice: int | None) -> str:
    return f"{stance} {choice}" if choice is not None else stance or ""


def translate(
    stance: Stance, choice: int | None, target: Retarget, counts: tuple[int, int]
) -> tuple[Stance, int | None] | str:
    """The stance and choice on the element `target` leads to, or why the position does not carry.

    `counts`: the choices the element offered before and offers now; a number after them is a proposal,
    which keeps its place after the choices."""
    if choice is None:
        if target.old_kind is ElementKind.BRACKET and target.new_kind is ElementKind.ALTERNATIVES:
            k = target.choices[0]  # the bracket is now alternative k of a group
            if stance in (Stance.SUPPORTS, Stance.ACCEPTS):
                return stance, k
            if stance in (Stance.OPPOSES, Stance.DELETE):
                return Stance.OPPOSES, k
        return stance, None
    before, now = counts
    if choice > before:  # a proposal: the k-th after the choices, before and now
        return stance, now + choice - before
    mapped = target.choices.get(choice)
    if mapped is None:
        verb = "opposed" if stance is Stance.OPPOSES else "supported"
        where = target.regrouped.get(choice, "is gone")
        return f"the alternative it {verb} ({choice}) {where}: {target.reason}"
    if target.new_kind is ElementKind.BRACKET:  # narrowed to one alternative, now a bracket on its own
        return (Stance.OPPOSES, None) if stance is Stance.OPPOSES else (stance, None)
    return stance, mapped


def translate_member(member: Member, target: Retarget, counts: tuple[int, int]) -> Member | str:
    """A link's member on the element `target` leads to, or why it does not carry."""
    if not isinstance(member.outcome, int):
        if member.outcome is KEEP and target.new_kind is ElementKind.ALTERNATIVES and 0 in target.choices:
            return Member(target.new_id or "", target.choices[0])
        return Member(target.new_id or "", member.outcome)
    translated = translate(Stance.SUPPORTS, member.outcome, target, counts)
    if isinstance(translated, str):
        return translated
    choice = translated[1]
    return Member(target.new_id or "", KEEP if choice is None else choice)


class Planner:
    """Plans the carrying of one old journal's events to the next version."""

    def __init__(
        self,
        old: Draft,
        new: Draft,
        diff: DraftDiff,
        events: Iterable[Event],
        links: Iterable[Link] = (),
        *,
        old_name: str = "",
    ) -> None:
        self.retargeter = Retargeter(old, new, diff)
        self.old_name = old_name  # the old version's file name, for where each position came from
        self.events = tuple(events)
        self.links = tuple(links)
        self._by_seq = {event.seq: event for event in self.events}
        self._resolved_by: dict[str, int] = {}
        for event in self.events:
            if event.change is not None:
                for element_id in event.change.removed_ids:
                    self._resolved_by.setdefault(element_id, event.seq)

    def plan(self) -> Plan:
        records: list[NewRecord] = []
        items: list[Item] = []
        changes = 0
        latest_settings: dict[tuple[str, str], Event] = {}
        for event in self.events:
            if event.change is not None:
                if not event.change.readings:  # the reader's corrections are carried (readings.py)
                    changes += 1
            elif event.kind is RecordKind.POSITION:
                carried, record = self._position(event)
                items.append(carried)
                if record is not None:
                    records.append(record)
            elif event.kind in (RecordKind.PARTY, RecordKind.ROSTER):  # names, not elements: as they are
                records.append(_copy(event))
            elif event.kind is RecordKind.SETTING and event.target is not None:
                latest_settings[(event.actor, event.target)] = event
        for link in self.links:  # the links in effect, taken back ones are history
            linked, record = self._link(link)
            items.append(linked)
            if record is not None:
                records.append(record)
        for event in latest_settings.values():  # each actor's settings as they were last
            item, record = self._setting(event)
            if item is not None:
                items.append(item)
            if record is not None:
                records.append(record)
        return Plan(tuple(records), tuple(items), changes)

    def _counts(self, element_id: str, target: Retarget) -> tuple[int, int]:
        before = choice_count(self.retargeter.old, element_id)
        return before, choice_count(self.retargeter.new, target.new_id or "")

    def _gone(self, element_id: str) -> str:
        seq = self._resolved_by.get(element_id)
        return f"resolved in the old journal (event #{seq})" if seq else "not in the old consolidated text"

    def _position(self, event: Event) -> tuple[Item, NewRecord | None]:
        assert event.target is not None and event.stance is not None
        before = _stance_text(event.stance.value, event.choice)
        target = self.retargeter.element(event.target)
        if target is None:
            item = Item(
                event.seq,
                RecordKind.POSITION,
                event.party,
                Outcome.NOT_CARRIED,
                self._gone(event.target),
                event.target,
                stance=before,
            )
            return item, None
        if not target.carried or target.new_id is None:
            item = Item(
                event.seq,
                RecordKind.POSITION,
                event.party,
                Outcome.NOT_CARRIED,
                target.reason,
                event.target,
                old_place=target.old_place,
                stance=before,
            )
            return item, None
        translated = translate(event.stance, event.choice, target, self._counts(event.target, target))
        if isinstance(translated, str):
            item = Item(
                event.seq,
                RecordKind.POSITION,
                event.party,
                Outcome.NOT_CARRIED,
                translated,
                event.target,
                target.new_id,
                target.old_place,
                target.new_place,
                before,
            )
            return item, None
        stance, choice = translated
        same = target.fate is Fate.SAME and choice == event.choice and stance is event.stance
        outcome = Outcome.CARRIED if same else Outcome.RETARGETED
        reason = target.reason if same else f"carried to an amended element: {target.reason}"
        item = Item(
            event.seq,
            RecordKind.POSITION,
            event.party,
            outcome,
            reason,
            event.target,
            target.new_id,
            target.old_place,
            target.new_place,
            before,
            _stance_text(stance.value, choice),
        )
        data = carried_data(event, self.old_name, target.old_place)
        record = _copy(event)._replace(target=target.new_id, stance=stance.value, choice=choice, data=data)
        return item, record

    def _setting(self, event: Event) -> tuple[Item | None, NewRecord | None]:
        if event.target != CURSOR or not event.after:
            return None, _copy(event)
        target = self.retargeter.element(event.after)
        if target is None or not target.carried or target.new_id is None:
            reason = target.reason if target is not None else self._gone(event.after)
            return Item(
                event.seq,
                RecordKind.SETTING,
                None,
                Outcome.NOT_CARRIED,
                f"the cursor's element: {reason}",
                event.after,
            ), None
        outcome = Outcome.CARRIED if target.fate is Fate.SAME else Outcome.RETARGETED
        item = Item(
            event.seq,
            RecordKind.SETTING,
            None,
            outcome,
            target.reason,
            event.after,
            target.new_id,
            target.old_place,
            target.new_place,
        )
        return item, _copy(event)._replace(after=target.new_id)

    def _link(self, link: Link) -> tuple[Item, NewRecord | None]:
        event = self._by_seq.get(link.seq)
        describe = link.describe()
        members: list[Member] = []
        places: list[str] = []
        for member in link.members:
            target = self.retargeter.element(member.element_id)
            if target is None or not target.carried or target.new_id is None:
                reason = target.reason if target is not None else self._gone(member.element_id)
                return Item(
                    link.seq, RecordKind.LINK, None, Outcome.NOT_CARRIED, f"{member}: {reason}", describe
                ), None
            moved = translate_member(member, target, self._counts(member.element_id, target))
            if isinstance(moved, str):
                return Item(
                    link.seq, RecordKind.LINK, None, Outcome.NOT_CARRIED, f"{member}: {moved}", describe
                ), None
            members.append(moved)
            places.append(target.new_place or "")
        same = all(m == n for m, n in zip(link.members, members, strict=True))
        outcome = Outcome.CARRIED if same else Outcome.RETARGETED
        new_describe = ", ".join(map(str, members))
        item = Item(link.seq, RecordKind.LINK, None, outcome, "; ".join(places), describe, new_describe)
        stamp = Stamp(event.actor, event.time) if event is not None else Stamp("", "")
        record = link_record(stamp, link.kind, tuple(members), link.note)
        return item, record


def _copy(event: Event) -> NewRecord:
    return NewRecord(
        time=event.time,
        actor=event.actor,
        kind=event.kind,
        party=event.party,
        meeting=event.meeting,
        target=event.target,
        before=event.before,
        after=event.after,
        stance=None if event.stance is None else event.stance.value,
        choice=event.choice,
        note=event.note,
        refers=None,  # an event number of the old journal means nothing in the new one
        data=event.data,  # a Party's aliases, a roster
    )
