"""The facilitator's commands: `roster`, `gavel`, `apply-consensus`, `link`, `parties`.

The facilitator acts (the journal's actor); Parties take positions. Every resolution here records
the Parties whose positions it rests on.
"""

from __future__ import annotations

import argparse
from typing import Any

from drafter.commands.sessions import (
    add_actor,
    add_file,
    add_force,
    add_json,
    add_outcome,
    change_dict,
    chosen_outcome,
    dump,
    open_for,
    outcome_json,
    reports_session_errors,
)
from drafter.negotiation.chair import (
    apply_plan,
    consensus_plan,
    gavel,
    outcome_label,
    set_roster,
)
from drafter.negotiation.elements import reference
from drafter.negotiation.links import LinkKind, Member
from drafter.negotiation.session import Session, SessionError
from drafter.negotiation.standing import standings


def register(subparsers: Any) -> None:
    roster = subparsers.add_parser(
        "roster",
        help="the Parties in the room for a meeting (consensus is among them)",
        description="Without PARTY: shows the meeting's roster (as set, or everyone who spoke in it). With "
        "PARTY...: sets it; --add/--remove change it. Journaled.",
    )
    add_file(roster)
    roster.add_argument("parties", nargs="*", metavar="PARTY")
    roster.add_argument("--meeting", metavar="M", help="the meeting (default: the current one)")
    change = roster.add_mutually_exclusive_group()
    change.add_argument("--add", action="store_true", help="add the PARTY names to the roster")
    change.add_argument("--remove", action="store_true", help="remove the PARTY names from the roster")
    add_actor(roster, "sets it")
    add_json(roster)
    roster.set_defaults(run=run_roster, trailing="parties")

    gavel_parser = subparsers.add_parser(
        "gavel",
        help="the chair's decision on an element, with the positions it rests on",
        description="Resolves ID to an outcome and records the Parties whose positions accept it. Refused "
        "while a Party on record objects to that outcome, unless --over-objection gives the chair's reason "
        "(recorded as such, with the objectors' names).",
    )
    add_file(gavel_parser)
    gavel_parser.add_argument("id", metavar="ID")
    add_outcome(gavel_parser.add_mutually_exclusive_group(required=True))
    gavel_parser.add_argument(
        "--over-objection", metavar="REASON", help="gavel over the objection, for this reason"
    )
    add_force(gavel_parser)
    gavel_parser.add_argument("--meeting", metavar="M", help="meeting label for the journal")
    add_actor(gavel_parser, "gavels")
    add_json(gavel_parser)
    gavel_parser.set_defaults(run=run_gavel)

    apply = subparsers.add_parser(
        "apply-consensus",
        help="list (and with --yes apply) every element no Party in the room objects to",
        description="Lists each element in the state no-objection (by id and place), its outcome and the Parties "
        "heard; a package only when all its members are agreed. Applies them, each as its own journaled change, "
        "only with --yes (--dry-run, the default, changes nothing).",
    )
    add_file(apply)
    how = apply.add_mutually_exclusive_group()
    how.add_argument("--dry-run", action="store_true", help="only list (the default)")
    how.add_argument("--yes", action="store_true", help="apply what is listed")
    add_force(apply, "with --yes: apply each")
    apply.add_argument("--meeting", metavar="M", help="the meeting (its roster, and the journal's label)")
    add_actor(apply, "applies")
    add_json(apply)
    apply.set_defaults(run=run_apply_consensus)

    link = subparsers.add_parser(
        "link",
        help="link elements: one requires or excludes others, or they form a package",
        description="ID may name an outcome: ID:K (K a choice, keep or delete). --requires: the first requires "
        "the others; --excludes: the first rules the others out; --package: nothing in it is agreed until all "
        "is. --candidates lists the links the text's own notes suggest; --remove N takes link N back.",
    )
    add_file(link)
    link.add_argument("ids", nargs="*", metavar="ID")
    kind = link.add_mutually_exclusive_group()
    for link_kind in LinkKind:
        kind.add_argument(f"--{link_kind.value}", dest="kind", action="store_const", const=link_kind)
    kind.add_argument("--candidates", action="store_true", help="list the links the text's notes suggest")
    kind.add_argument("--remove", metavar="N", type=int, help="take back link N (its number in the log)")
    link.add_argument("--note", metavar="N", help="a free note")
    add_actor(link, "links")
    add_json(link)
    link.set_defaults(run=run_link, trailing="ids")

    parties = subparsers.add_parser(
        "parties",
        help="who blocks what: per Party, the elements it supports, objects to, is alone on, is silent on",
        description="For every Party or group on record (or in a roster): the elements whose leading outcome "
        "it can live with, objects to, is the only objector to, and has not spoken on. Never writes.",
    )
    add_file(parties)
    parties.add_argument("--meeting", metavar="M", help="states for this meeting's roster")
    add_json(parties)
    parties.set_defaults(run=run_parties)


@reports_session_errors
def run_roster(args: argparse.Namespace) -> int:
    with open_for(args, read_only=not args.parties) as session:
        meeting = args.meeting if args.meeting is not None else session.meeting
        roster = session.roster(meeting)
        if args.parties:
            named = {session.registry.normalise(p) for p in args.parties}
            parties = roster.parties | named if args.add else roster.parties - named if args.remove else named
            roster = set_roster(session, meeting, parties)
        if args.json:
            dump({"meeting": meeting, "set": roster.explicit, "parties": sorted(roster.parties)})
            return 0
        how = "set" if roster.explicit else "not set: everyone who spoke"
        print(
            f"roster of {meeting or '(no meeting)'} ({how}): {', '.join(sorted(roster.parties)) or 'nobody yet'}"
        )
    return 0


@reports_session_errors
def run_gavel(args: argparse.Namespace) -> int:
    with open_for(args) as session:
        if args.meeting is not None:
            session.look_at_meeting(args.meeting)
        outcome = chosen_outcome(args)
        element = session.element(args.id)
        label = outcome_label(session, element, outcome)
        change = gavel(
            session,
            args.id,
            outcome,
            over_objection=args.over_objection,
            meeting=args.meeting,
            force=args.force,
        )
        seq = session.change_seq(change)
        event = session.history(args.id)[-1] if session.history(args.id) else None
        grounds = event.grounds if event is not None and event.seq == seq else None
        where = session.change_place(change)
        if args.json:
            dump(
                {
                    "seq": seq,
                    **change_dict(change),
                    "ref": where,
                    "outcome": outcome_json(outcome),
                    "grounds": _grounds(grounds),
                }
            )
            return 0
        print(f"#{seq} gavelled {args.id}{f' in {where}' if where else ''}: {label}")
        if grounds is not None:
            print(f"  {grounds.describe()}")
    return 0


def _grounds(grounds: Any) -> dict[str, Any] | None:
    if grounds is None:
        return None
    return {
        "basis": list(grounds.basis),
        "gavel": grounds.gavel,
        "over_objection_of": list(grounds.objectors),
        "over_objection": grounds.over_objection,
    }


@reports_session_errors
def run_apply_consensus(args: argparse.Namespace) -> int:
    with open_for(args, read_only=not args.yes) as session:
        if args.meeting is not None:
            session.look_at_meeting(args.meeting)
        plan, held = consensus_plan(session)
        rows = [
            {
                "id": p.element.id,
                "line": session.draft.line_column(p.element.start)[0],
                "ref": reference(session.draft, p.element),
                "outcome": outcome_json(p.outcome),
                "label": p.label,
                "heard": list(p.basis),
                "package": None if p.package is None else p.package.seq,
                "removes_beyond_its_paragraphs": None if p.reach is None else p.reach.describe(),
            }
            for p in plan
        ]
        waiting = [
            {
                "id": h.planned.element.id,
                "package": h.planned.package.seq if h.planned.package else None,
                "waiting": list(h.waiting),
            }
            for h in held
        ]
        changes = apply_plan(session, plan, meeting=args.meeting, force=args.force) if args.yes else []
        if args.json:
            applied = [{"seq": session.change_seq(c), **change_dict(c)} for c in changes]
            dump({"applied": bool(args.yes), "elements": rows, "held": waiting, "changes": applied})
            return 0
        if not plan:
            print(f"{args.file}: no element has no objection from everyone in the room")
        for planned in plan:
            where = reference(session.draft, planned.element)
            more = f" +{len(planned.basis) - 6}" if len(planned.basis) > 6 else ""
            print(
                f"{where:<14} {planned.element.id:<12} -> {planned.label}  (heard: {', '.join(planned.basis[:6])}{more})"
            )
            if planned.reach is not None:
                applies = "applied with --force only" if not args.force else "--force: applied all the same"
                print(f"{'':<14} ! it {planned.reach.describe()} ({applies})")
        for hold in held:
            package = f"package #{hold.planned.package.seq}" if hold.planned.package else "its package"
            print(f"{hold.planned.element.id:<12} held: {package} waits for {', '.join(hold.waiting)}")
        if args.yes:
            print(f"applied {len(changes)} of {len(plan)}")
        elif plan:
            print(
                f"dry run: nothing changed; `drafter apply-consensus {args.file} --yes` applies these {len(plan)}"
            )
    return 0


@reports_session_errors
def run_link(args: argparse.Namespace) -> int:
    from drafter.negotiation.link_candidates import link_candidates  # the notes are read only when asked

    read_only = bool(args.candidates)
    with open_for(args, read_only=read_only) as session:
        if args.candidates:
            found = link_candidates(session)
            if args.json:
                dump([c.as_dict() for c in found])
                return 0
            if not found:
                print(f"{args.file}: the text's notes suggest no links")
            for candidate in found:
                print(candidate.describe())
            return 0
        if args.remove is not None:
            link = session.unlink(args.remove)
            print(f"took back {link.describe()}")
            return 0
        if args.kind is None or len(args.ids) < 2:
            raise SessionError("link: name two or more elements and --requires, --excludes or --package")
        try:
            members = [Member.parse(i) for i in args.ids]
        except ValueError as error:
            raise SessionError(f"link: {error}") from None
        link = session.link(args.kind, members, note=args.note)
        if args.json:
            dump({"seq": link.seq, "kind": link.kind.value, "members": [str(m) for m in link.members]})
            return 0
        print(link.describe())
    return 0


@reports_session_errors
def run_parties(args: argparse.Namespace) -> int:
    with open_for(args, read_only=True) as session:
        if args.meeting is not None:
            session.look_at_meeting(args.meeting)
        found = _standings(session)
        where = {e.id: reference(session.draft, e) for e in session.elements()}
        if args.json:
            dump(
                [
                    {
                        **standing.as_dict(),
                        "refs": {
                            i: where[i]
                            for i in (
                                *standing.supports,
                                *standing.objects,
                                *standing.alone,
                                *standing.silent,
                            )
                        },
                    }
                    for standing in found
                ]
            )
            return 0
        if not found:
            print(f"{args.file}: no Party has spoken yet")
        for standing in found:
            print(
                f"{standing.party}: supports {len(standing.supports)}, objects to {len(standing.objects)}, "
                f"alone on {len(standing.alone)}, silent on {len(standing.silent)}"
            )
            if standing.objects:
                print(f"  objects to: {', '.join(f'{i} ({where[i]})' for i in standing.objects)}")
            if standing.alone:
                print(f"  alone on: {', '.join(f'{i} ({where[i]})' for i in standing.alone)}")
    return 0


def _standings(session: Session) -> list[Any]:
    parties = (
        set().union(*session.speakers().values(), session.roster().parties) if session.speakers() else set()
    )
    found = standings(session.elements(), session.states(), session.stance_groups, sorted(parties))
    return [found[p] for p in sorted(found)]
