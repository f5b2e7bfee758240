"""`drafter split FILE GROUP_ID` and `drafter join FILE ID ID...`: correct which adjacent brackets are
alternatives. Journaled like every change (undo, redo, reopen), they change no text. Positions on an
element the new reading dissolves are never dropped: they are listed as needing re-attachment, here as a
warning and in `drafter status`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from drafter.commands.sessions import (
    add_actor,
    add_file,
    add_json,
    change_dict,
    dump,
    open_for,
    reports_session_errors,
)
from drafter.negotiation.changes import Change
from drafter.negotiation.session import Session


def register(subparsers: Any) -> None:
    split = subparsers.add_parser(
        "split",
        help="read a group of alternatives as independent brackets (or as two groups)",
        description="Reads the alternatives of GROUP_ID as independent brackets, each resolved on its own; "
        "with --at B, as two groups, the second starting at bracket B. Changes no text; journaled, undoable.",
    )
    add_file(split)
    split.add_argument(
        "group", metavar="GROUP_ID", help="a group of alternatives, as `drafter status` shows it"
    )
    split.add_argument("--at", metavar="B", help="split only before this bracket of the group")
    add_actor(split)
    add_json(split)
    split.set_defaults(run=run_split)
    join = subparsers.add_parser(
        "join",
        help="read adjacent brackets (or groups) as one group of alternatives",
        description="Reads the brackets or groups ID..., adjacent siblings, as one group of alternatives "
        "(competing wordings: choosing one removes the others). Changes no text; journaled, undoable.",
    )
    add_file(join)
    join.add_argument("ids", metavar="ID", nargs="+", help="two or more brackets or groups, side by side")
    add_actor(join)
    add_json(join)
    join.set_defaults(run=run_join)


@reports_session_errors
def run_split(args: argparse.Namespace) -> int:
    with open_for(args) as session, warning_of_unattached(session):
        change = session.split(args.group, args.at)
        return _report(change, args, session)


@reports_session_errors
def run_join(args: argparse.Namespace) -> int:
    with open_for(args) as session, warning_of_unattached(session):
        change = session.join(args.ids)
        return _report(change, args, session)


def _report(change: Change, args: argparse.Namespace, session: Session) -> int:
    if args.json:
        readings = [
            {"left": r.left, "right": r.right, "alternatives": r.alternatives} for r in change.readings
        ]
        dump({"seq": session.change_seq(change), **change_dict(change), "readings": readings})
        return 0
    print(f"#{session.change_seq(change)} {change.describe()}")
    return 0


@contextmanager
def warning_of_unattached(session: Session) -> Iterator[None]:
    """Warns (on standard error) of positions that a change inside the block left needing re-attachment."""
    before = {u.element_id for u in session.unattached()}
    yield
    for found in session.unattached():
        if found.element_id not in before:
            print(
                f"warning: positions need re-attachment: {found.describe()} (`drafter status` lists them)",
                file=sys.stderr,
            )
