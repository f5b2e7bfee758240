"""Carrying a journal into a new one for the next version, and the version chain it records.

The old journal is only read. The new journal is created for the next version's
text (beside it, or where `--to-journal` says) and gets, in one transaction, a
`carried` record with the version chain (where it came from: each earlier
version's name, base and consolidated text hashes, date, journal and number of
events) and then the carried records. A new journal that already holds events is
never written into.

When the draft itself changed on disk (`drafter carry FILE`), the old journal is
read on its own copy of the text it began with, then set aside unchanged
(`JournalStore.set_aside`) so the new journal can take its place beside the file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from drafter.diff import compare
from drafter.iterations.carry import Outcome, Plan, Planner
from drafter.iterations.readings import carry_readings
from drafter.journal import JournalError, NewRecord, RecordKind
from drafter.journal.store import JournalStore
from drafter.negotiation.session import Session
from drafter.stats.dates import version_date
from drafter.text.model import Draft


class CarryError(Exception):
    """Carrying cannot happen: the old draft has no journal, the new one has a journal already, ..."""


@dataclass(frozen=True, slots=True)
class Carried:
    plan: Plan
    location: str  # the new journal
    chain: tuple[dict[str, Any], ...]
    written: bool  # False for a dry run
    set_aside: str | None = None  # where the old journal went, when it had to make room


def prepare(old: Session, new: Draft) -> tuple[Plan, tuple[dict[str, Any], ...]]:
    """What carrying `old`'s journal to the text `new` does, and the version chain the new journal gets."""
    if not old.has_journal:
        raise CarryError(f"{old.path}: has no journal to carry (nothing was recorded on it)")
    history = tuple(old.history())
    diff = compare(old.draft, new)
    readings = carry_readings(old.draft, new, diff, history)
    if readings.records:  # the next version read with the carried corrections: its groups may differ
        diff = compare(old.draft, readings.draft)
    found = Planner(old.draft, readings.draft, diff, history, old.links(), old_name=old.path.name).plan()
    plan = Plan((*readings.records, *found.records), (*readings.items, *found.items), found.changes_left)
    dated = version_date(old.base, old.path)
    entry = {
        "name": old.path.name,
        "base_sha256": hashlib.sha256(old.base.text.encode("utf-8")).hexdigest(),
        "consolidated_sha256": hashlib.sha256(old.draft.text.encode("utf-8")).hexdigest(),
        "date": None if dated is None else dated.when.isoformat(),
        "journal": old.journal_location,
        "events": old.last_seq,
        "carried_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "positions": plan.counts(RecordKind.POSITION),
    }
    return plan, (*old.version_chain, entry)


def counted(plan: Plan) -> list[str]:
    """What was carried, by kind of record: positions always, links and corrections of the reading when
    there were any ("positions: 3 carried, 1 re-targeted, 2 not carried")."""
    parts = []
    for noun, counts in (
        ("positions", plan.counts(RecordKind.POSITION)),
        ("links", plan.counts(RecordKind.LINK)),
        ("corrections of the reading", plan.counts(RecordKind.SPLIT, RecordKind.JOIN)),
    ):
        if noun == "positions" or any(counts.values()):
            parts.append(
                f"{noun}: {counts[Outcome.CARRIED.value]} carried, {counts[Outcome.RETARGETED.value]} "
                f"re-targeted, {counts[Outcome.NOT_CARRIED.value]} not carried"
            )
    return parts


def summary(plan: Plan, chain: tuple[dict[str, Any], ...]) -> str:
    """The carried record's words, as `drafter log` shows them."""
    last = chain[-1]
    return f"carried from {last['name']} ({last['events']} events): " + "; ".join(counted(plan))


def write(
    plan: Plan,
    chain: tuple[dict[str, Any], ...],
    new: Draft,
    new_name: str,
    store: JournalStore,
    *,
    actor: str,
) -> None:
    """Creates the new journal for `new` in `store` and writes the chain and the carried records to it."""
    data = new.text.encode("utf-8")
    sha = hashlib.sha256(data).hexdigest()
    try:
        journal = store.open(new_name, sha, read_only=False)
        if (
            journal is not None and journal.base_sha256 != sha
        ):  # another text's journal (a database keeps many)
            journal.close()
            journal = None
        if journal is not None and journal.last_seq():
            events = journal.last_seq()
            journal.close()
            raise CarryError(
                f"{store.location}: {new_name} has a journal already ({events} events); drafter never writes a "
                "carried journal into it: move it away first"
            )
        journal = journal or store.create(data, new_name)
        if journal.base_sha256 != sha:  # a file holding another text's journal: never written into
            journal.close()
            raise CarryError(
                f"{store.location}: holds the journal of another text of {new_name}; `drafter carry "
                f"{new_name}` sets it aside first"
            )
        try:
            stamp = datetime.now(UTC).isoformat(timespec="milliseconds")
            carried = NewRecord(
                time=stamp,
                actor=actor,
                kind=RecordKind.CARRIED,
                after=summary(plan, chain),
                data=json.dumps(chain),
            )
            with journal.writing() as writer:
                for seq, record in enumerate((carried, *plan.records)):
                    writer.append(record, after=seq)
        finally:
            journal.close()
    except JournalError as error:
        raise CarryError(str(error)) from None


def carry_into(
    old: Session, new: Draft, new_name: str, store: JournalStore, *, actor: str, dry_run: bool = False
) -> Carried:
    """Carries `old`'s journal into a new journal for `new` (the text of the file `new_name`) in `store`."""
    plan, chain = prepare(old, new)
    if not dry_run:
        write(plan, chain, new, new_name, store, actor=actor)
    return Carried(plan, store.location, chain, written=not dry_run)
