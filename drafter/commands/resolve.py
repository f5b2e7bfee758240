"""Journaled commands: `position`, `resolve`, `bracket`, `undo`, `redo`, `reopen`, `apply-consensus`, `party`.

Each opens the draft with its journal (created beside it by the first write),
appends its event and prints what it did (`--json`: as data).
"""

from __future__ import annotations

import argparse
from typing import Any

from drafter.commands.readings import warning_of_unattached
from drafter.commands.sessions import (
    add_actor,
    add_attribution,
    add_file,
    add_force,
    add_json,
    add_outcome,
    change_dict,
    chosen_outcome,
    dump,
    event_dict,
    open_for,
    outcome_json,
    reports_session_errors,
)
from drafter.negotiation.chair import implications, outcome_label, resolve_to
from drafter.negotiation.changes import Change
from drafter.negotiation.elements import Likeness, elements_like, reference
from drafter.negotiation.positions import Stance
from drafter.negotiation.session import Session, SessionError


def register(subparsers: Any) -> None:
    _register_position(subparsers)
    _register_resolve(subparsers)
    _register_bracket(subparsers)
    for name, help_text, run in (
        ("undo", "undo the last change still in effect (positions are not undone)", run_undo_redo),
        ("redo", "redo the last undone change", run_undo_redo),
    ):
        parser = subparsers.add_parser(
            name, help=help_text, description=help_text[0].upper() + help_text[1:] + "."
        )
        add_file(parser)
        add_json(parser)
        add_actor(parser)
        parser.set_defaults(run=run)
    reopen = subparsers.add_parser(
        "reopen",
        help="undo any earlier change (by its number in `drafter log`) if its text is still there",
        description="Nothing is agreed until everything is agreed: puts back what change CHANGE replaced.",
    )
    add_file(reopen)
    reopen.add_argument(
        "change", metavar="CHANGE", type=int, help="the change's number (#N in `drafter log`)"
    )
    add_json(reopen)
    add_actor(reopen)
    reopen.set_defaults(run=run_reopen)
    party = subparsers.add_parser(
        "party", help="list known Parties and groups, or add one to this draft's journal"
    )
    add_file(party)
    party.add_argument("--add", metavar="NAME", help="a Party or group to add")
    party.add_argument(
        "--alias", metavar="A", action="append", default=[], help="another spelling (repeatable)"
    )
    add_actor(party, "adds it")
    party.set_defaults(run=run_party)


def _register_position(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "position",
        help="record a Party's position on an element",
        description="Records a Party's (or group's) stance on a bracket, alternative group or option group; "
        "its latest position counts. K is 1-based: the element's choices, then its proposals (numbered after "
        "the choices, as `drafter status` shows them).",
    )
    add_file(parser)
    parser.add_argument("id", metavar="ID", help="element id, as `drafter status` shows it")
    stance = parser.add_mutually_exclusive_group(required=True)
    stance.add_argument("--supports", metavar="K", type=int, help="supports alternative/option/proposal K")
    stance.add_argument(
        "--supports-text", action="store_true", help="supports keeping a single bracket's text"
    )
    stance.add_argument(
        "--accepts", metavar="K", type=int, nargs="?", const=0, help="can accept K (no K: any outcome)"
    )
    stance.add_argument(
        "--opposes", metavar="K", type=int, nargs="?", const=0, help="opposes K (no K: the text as it stands)"
    )
    stance.add_argument("--delete", action="store_true", help="wants the element deleted")
    stance.add_argument("--propose", metavar="TEXT", help="proposes this wording (a new outcome)")
    stance.add_argument("--reserves", action="store_true", help="reserves its position")
    add_attribution(parser)
    parser.add_argument("--note", metavar="N", help="a free note")
    parser.add_argument(
        "--all-like",
        nargs="?",
        const=Likeness.SECTION.value,
        choices=[scope.value for scope in Likeness],
        type=Likeness,
        metavar="section|text",
        help="the same stance on every element of the same wording in the same section (default) or text",
    )
    add_json(parser)
    parser.set_defaults(run=run_position)


def _register_resolve(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "resolve",
        help="resolve an element: keep, delete, choose K, or amend its wording",
        description="Resolves one element in the consolidated text and journals the change.",
    )
    add_file(parser)
    parser.add_argument("id", metavar="ID", help="element id, as `drafter status` shows it")
    how = parser.add_mutually_exclusive_group(required=True)
    add_outcome(how)
    how.add_argument("--amend", metavar="TEXT", help="replace the wording inside the bracket")
    parser.add_argument("--unbracket", action="store_true", help="with --amend: drop the brackets too")
    add_force(parser, "resolve")
    add_attribution(parser)
    add_json(parser)
    parser.set_defaults(run=run_resolve)


def _register_bracket(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "bracket",
        help="put new brackets around a span, or insert a new bracketed proposal",
        description="Offsets are characters from the start of the consolidated text (`drafter export` shows it).",
    )
    add_file(parser)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--span", metavar=("START", "END"), type=int, nargs=2, help="bracket text[START:END]")
    where.add_argument(
        "--insert",
        metavar=("AT", "TEXT"),
        nargs=2,
        help="insert [TEXT] at offset AT, with a space where it would touch a word (not inside one)",
    )
    parser.add_argument(
        "--attached", action="store_true", help="with --insert: as part of a word, no space added (check[s])"
    )
    add_attribution(parser)
    add_json(parser)
    parser.set_defaults(run=run_bracket)


def _stance(args: argparse.Namespace) -> tuple[Stance, int | None, str | None]:
    if args.supports is not None:
        return Stance.SUPPORTS, args.supports, None
    if args.supports_text:
        return Stance.SUPPORTS, None, None
    if args.accepts is not None:
        return Stance.ACCEPTS, args.accepts or None, None
    if args.opposes is not None:
        return Stance.OPPOSES, args.opposes or None, None
    if args.delete:
        return Stance.DELETE, None, None
    if args.propose is not None:
        return Stance.PROPOSES, None, args.propose
    return Stance.RESERVES, None, None


@reports_session_errors
def run_position(args: argparse.Namespace) -> int:
    if args.party is None:
        raise SessionError("position: say whose position it is with --party P")
    stance, choice, text = _stance(args)
    with open_for(args) as session:
        if args.meeting is not None:
            session.look_at_meeting(args.meeting)  # the state is given for that meeting's roster
        element = session.element(args.id)
        like = (
            []
            if args.all_like is None
            else elements_like(session.draft, session.elements(), element, args.all_like)
        )
        event = session.record_position(
            args.id,
            args.party,
            stance,
            choice=choice,
            text=text,
            meeting=args.meeting,
            note=args.note,
            also_on=[e.id for e in like],
        )
        state = session.state(args.id)
        outcome = None if state.outcome is None else outcome_label(session, element, state.outcome)
    if args.json:
        dump(
            {
                "event": event_dict(event),
                "ref": reference(session.draft, element),
                "also_on": [e.id for e in like],
                "state": state.status,
                "outcome": outcome_json(state.outcome),
            }
        )
        return 0
    what = f"{stance.value} {event.choice}" if event.choice else stance.value
    print(f"#{event.seq} {event.party} {what} on {args.id} in {reference(session.draft, element)}")
    if like:
        print(
            f"  and on {len(like)} more of the same wording ({args.all_like.value}): {' '.join(e.id for e in like)}"
        )
    print(f"{args.id}: {state.status.value}" + (f" ({outcome})" if outcome else ""))
    return 0


@reports_session_errors
def run_resolve(args: argparse.Namespace) -> int:
    with open_for(args) as session, warning_of_unattached(session):
        if args.amend is not None:
            change = session.amend(
                args.id, args.amend, keep_brackets=not args.unbracket, party=args.party, meeting=args.meeting
            )
        else:
            outcome = chosen_outcome(args)
            linked = implications(session, args.id, outcome)
            change = resolve_to(
                session, args.id, outcome, meeting=args.meeting, party=args.party, force=args.force
            )
            for line in linked if not args.json else ():
                print(f"linked: {line}")
        return _report([change], args, session)


@reports_session_errors
def run_bracket(args: argparse.Namespace) -> int:
    if args.span and args.attached:
        raise SessionError(f"{args.file}: --attached goes with --insert (a proposal), not --span")
    with open_for(args) as session, warning_of_unattached(session):
        attribution = {"party": args.party, "meeting": args.meeting}
        if args.span:
            change = session.bracket(*args.span, **attribution)
        else:
            at, text = args.insert
            change = session.propose(_offset(at), text, attached=args.attached, **attribution)
        return _report([change], args, session)


def _offset(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise SessionError(f"bracket --insert: offset {value!r} is not a whole number") from None


@reports_session_errors
def run_undo_redo(args: argparse.Namespace) -> int:
    with open_for(args) as session, warning_of_unattached(session):
        change = session.undo() if args.command == "undo" else session.redo()
        if change is None:
            print(f"{args.file}: nothing to {args.command}")
            return 1
        return _report([change], args, session)


@reports_session_errors
def run_reopen(args: argparse.Namespace) -> int:
    with open_for(args) as session, warning_of_unattached(session):
        change = session.reopen(args.change)
        return _report([change], args, session)


def _report(changes: list[Change], args: argparse.Namespace, session: Session) -> int:
    if args.json:
        dump(
            [
                {"seq": session.change_seq(c), **change_dict(c), "ref": session.change_place(c)}
                for c in changes
            ]
        )
        return 0
    for change in changes:
        print(f"#{session.change_seq(change)} {change.describe(session.change_place(change))}")
    return 0


@reports_session_errors
def run_party(args: argparse.Namespace) -> int:
    with open_for(args, read_only=args.add is None) as session:
        if args.add is not None:
            name = session.add_party(args.add, args.alias)
            print(f"{name} added to {session.journal_location}")
            return 0
        for name in session.registry.names:
            print(name)
    return 0
