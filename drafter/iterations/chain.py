"""Carrying a journal into a new one for the next version, and the version chain it records.

The old journal is only read. The new journal is created for the next version's
text (beside it, or where `--journal` says) and gets, in one transaction, the
version chain (where it came from: each earlier version's name, base and
consolidated text hashes, date, journal and number of events) and the carried
records. A new journal that already holds events is never written into.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from drafter.diff import compare
from drafter.iterations.carry import Plan, Planner
from drafter.journal import JournalError, NewRecord, RecordKind
from drafter.journal.store import JournalStore
from drafter.negotiation.session import Session
from drafter.stats.dates import version_date
from drafter.text.model import Draft

CHAIN_SETTING = "version-chain"  # the setting the chain is kept in (a JSON list, oldest first)


class CarryError(Exception):
    """Carrying cannot happen: the old draft has no journal, the new one has a journal already, ..."""


@dataclass(frozen=True, slots=True)
class Carried:
    plan: Plan
    location: str  # the new journal
    chain: tuple[dict[str, Any], ...]
    written: bool  # False for a dry run


def version_chain(session: Session) -> list[dict[str, Any]]:
    """The versions a journal was carried from, oldest first (empty for a journal begun on its own text)."""
    value = session.get_setting(CHAIN_SETTING)
    if not value:
        return []
    try:
        chain = json.loads(value)
    except json.JSONDecodeError:
        return []
    return [entry for entry in chain if isinstance(entry, dict)] if isinstance(chain, list) else []


def _entry(old: Session, counts: dict[str, int]) -> dict[str, Any]:
    dated = version_date(old.base, old.path)
    return {
        "name": old.path.name,
        "base_sha256": hashlib.sha256(old.base.text.encode("utf-8")).hexdigest(),
        "consolidated_sha256": hashlib.sha256(old.draft.text.encode("utf-8")).hexdigest(),
        "date": None if dated is None else dated.when.isoformat(),
        "journal": str(old.journal_path),
        "events": old.last_seq,
        "carried_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "positions": counts,
    }


def plan_carry(old: Session, new: Draft) -> Plan:
    """What carrying `old`'s journal to the text `new` would do (nothing is written)."""
    return Planner(old.draft, new, compare(old.draft, new), old.history()).plan()


def carry_into(
    old: Session, new: Draft, new_name: str, store: JournalStore, *, actor: str, dry_run: bool = False
) -> Carried:
    """Carries `old`'s journal into a new journal for `new` (the text of the file `new_name`) in `store`."""
    if not old.has_journal:
        raise CarryError(f"{old.path}: has no journal to carry (nothing was recorded on it)")
    plan = plan_carry(old, new)
    chain = (*version_chain(old), _entry(old, plan.counts("position")))
    if dry_run:
        return Carried(plan, store.location, chain, written=False)
    data = new.text.encode("utf-8")
    try:
        journal = store.open(new_name, hashlib.sha256(data).hexdigest(), read_only=False)
        if journal is not None and (
            journal.last_seq() or journal.base_sha256 != hashlib.sha256(data).hexdigest()
        ):
            events = journal.last_seq()
            journal.close()
            raise CarryError(
                f"{store.location}: {new_name} has a journal already ({events} events); drafter never writes a "
                "carried journal into it: move it away first"
            )
        journal = journal or store.create(data, new_name)
        try:
            stamp = datetime.now(UTC).isoformat(timespec="milliseconds")
            chain_record = NewRecord(
                time=stamp,
                actor=actor,
                kind=RecordKind.SETTING,
                target=CHAIN_SETTING,
                after=json.dumps(chain),
            )
            with journal.writing() as writer:
                for seq, record in enumerate((chain_record, *plan.records)):
                    writer.append(record, after=seq)
        finally:
            journal.close()
    except JournalError as error:
        raise CarryError(str(error)) from None
    return Carried(plan, store.location, chain, written=True)
