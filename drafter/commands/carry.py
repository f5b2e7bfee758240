"""`drafter carry OLD NEW` (or `drafter carry FILE`): a journal carried to the next version, with a report.

Every position (and the cursor setting) is re-targeted through the diff of OLD's
consolidated text and NEW: carried to the same element, re-targeted to the
element it became (amended, narrowed), or not carried, with the reason. OLD's
journal is only read; NEW gets a new journal (beside it, or `--to-journal`)
that records the version chain. The report names each element by its paragraph
reference in both versions. `drafter carry FILE` is for a draft that changed on disk
since its journal began: the journal is read on its own copy of the text it began
with and carried to the file's text now; the old journal is kept aside, unchanged.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path
from typing import Any

from drafter.commands.sessions import dump, reports_session_errors
from drafter.formats.source import read_source
from drafter.iterations.carry import Item, Outcome
from drafter.iterations.chain import Carried, CarryError, carry_into, counted
from drafter.iterations.changed import carry_changed
from drafter.journal import JournalError, RecordKind
from drafter.journal.locate import journal_store
from drafter.negotiation.session import SessionError
from drafter.workspace import open_session


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "carry",
        help="carry a draft's journal (positions, settings, Parties) to the next version of the draft",
        description="Re-targets every position recorded on OLD to NEW through the diff of the two: the same "
        "element when its text survived (renumbered or moved too), the element it became when amended or "
        "narrowed, and none when it was resolved or removed, with the reason. OLD's journal is kept as it "
        "is; NEW gets a new journal that records where it came from. Exit 0, or 2 when a file cannot be "
        "read, OLD has no journal or NEW has one already.",
    )
    parser.add_argument("old", metavar="OLD", help="the draft whose journal is carried")
    parser.add_argument(
        "new",
        metavar="NEW",
        nargs="?",
        help="the next version of the draft; without NEW, OLD itself changed on disk since its journal began: "
        "the journal is carried to its text now and the old journal kept aside, unchanged",
    )
    parser.add_argument("--journal", metavar="PATH", help="OLD's journal, if not beside it")
    parser.add_argument(
        "--to-journal", metavar="PATH|URL", help="where NEW's journal goes (default: beside NEW)"
    )
    parser.add_argument("--dry-run", action="store_true", help="report what would be carried; write nothing")
    parser.add_argument("--all", action="store_true", help="list the positions carried unchanged too")
    parser.add_argument("--json", action="store_true", help="machine-readable report")
    parser.add_argument("--actor", metavar="NAME", help="who carries it (recorded in the new journal)")
    parser.set_defaults(run=run)


def _line(item: Item) -> str:
    if item.kind in (RecordKind.SPLIT, RecordKind.JOIN):  # a correction of the reading: two brackets
        arrow = f" → {item.new_place}" if item.new_place and item.new_place != item.old_place else ""
        return f"  #{item.seq} {item.kind} {item.old_place}{arrow}: {item.reason}"
    if item.kind == RecordKind.LINK:  # a link names its members itself
        arrow = f" → {item.new_target} (at {item.reason})" if item.outcome is not Outcome.NOT_CARRIED else ""
        return f"  #{item.seq} {item.old_target}{arrow}" + (
            f": {item.reason}" if item.outcome is Outcome.NOT_CARRIED else ""
        )
    who = f"{item.party} " if item.party else ""
    stance = f"{item.stance} " if item.stance else ""
    head = f"  #{item.seq} {who}{stance}on {item.old_target} at {item.old_place or '?'}"
    if item.outcome is Outcome.NOT_CARRIED:
        return f"{head}: {item.reason}"
    changed = f" as {item.new_stance}" if item.new_stance and item.new_stance != item.stance else ""
    return f"{head} → {item.new_target} at {item.new_place}{changed}: {item.reason}"


def report(carried: Carried, old: str, new: str, *, everything: bool) -> list[str]:
    plan = carried.plan
    verb = "would carry" if not carried.written else "carried"
    positions, *others = counted(plan)
    lines = [
        f"{old} → {new}: {verb} into {carried.location}"
        + (f" (the old journal is kept, unchanged, as {carried.set_aside})" if carried.set_aside else ""),
        positions
        + (f"; {plan.changes_left} changes to the old text stay in its journal" if plan.changes_left else ""),
        *others,
    ]
    for outcome, title in (
        (Outcome.RETARGETED, "re-targeted (carried to an amended element)"),
        (Outcome.NOT_CARRIED, "not carried"),
        (Outcome.CARRIED, "carried to the same element"),
    ):
        items = [item for item in plan.items if item.outcome is outcome]
        if items and (everything or outcome is not Outcome.CARRIED):
            lines.append(f"{title}:")
            lines += [_line(item) for item in items]
    return lines


def report_json(carried: Carried) -> dict[str, Any]:
    """The carry's report as JSON data."""
    return {
        "journal": carried.location,
        "written": carried.written,
        "set_aside": carried.set_aside,
        "counts": carried.plan.counts(),
        "changes_left": carried.plan.changes_left,
        "chain": list(carried.chain),
        "items": [asdict(item) for item in carried.plan.items],
    }


@reports_session_errors
def run(args: argparse.Namespace) -> int:
    try:
        if args.new is None and args.to_journal:
            raise CarryError("--to-journal goes with OLD NEW; FILE's new journal takes the old one's place")
        carried = (
            carry_changed(args.old, actor=args.actor, journal=args.journal, dry_run=args.dry_run)
            if args.new is None
            else _carry_to(args)
        )
    except (CarryError, JournalError) as error:
        raise SessionError(str(error)) from None
    if args.json:
        dump(report_json(carried))
    else:
        print("\n".join(report(carried, args.old, args.new or args.old, everything=args.all)))
    return 0


def _carry_to(args: argparse.Namespace) -> Carried:
    """OLD's journal to a new journal for the file NEW."""
    new_path = Path(args.new)
    with open_session(args.old, journal_path=args.journal, read_only=True) as old:
        new = read_source(new_path).parse()
        store = journal_store(args.to_journal, new_path)
        return carry_into(old, new, new_path.name, store, actor=args.actor or old.actor, dry_run=args.dry_run)
