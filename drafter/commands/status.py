"""`drafter status FILE` and `drafter log FILE`: read-only views of a draft's journal (never create one)."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from typing import Any

from drafter.commands.sessions import (
    add_file,
    add_json,
    dump,
    element_dict,
    event_dict,
    open_for,
    reports_session_errors,
    state_dict,
)
from drafter.formats.elements import choices_text, position_text, state_text
from drafter.journal import RecordKind
from drafter.negotiation.changes import preview
from drafter.negotiation.consensus import ElementState, Status
from drafter.negotiation.elements import reference
from drafter.negotiation.session import Element, Session
from drafter.negotiation.standing import standings
from drafter.text.goto import Place, places
from drafter.text.report import plural

REF_WIDTH = 20  # the reference column: longer references push the row along rather than being cut
MAX_CANDIDATES = 20


def register(subparsers: Any) -> None:
    status = subparsers.add_parser(
        "status",
        help="open and resolved elements, their states and which Parties hold what",
        description="Lists every disputed element (bracket, alternative group, option group) with its id, "
        "place, choices (and proposals) and state from the Parties' positions and the meeting's roster. "
        "Never creates or changes a journal.",
    )
    add_file(status)
    add_json(status)
    status.add_argument(
        "--state", choices=[s.value for s in Status], type=Status, help="only elements in this state"
    )
    status.add_argument(
        "--meeting", metavar="M", help="states for this meeting's roster (default: the current one)"
    )
    status.add_argument(
        "--party", metavar="P", help="with --objects, --alone or --silent: that Party's elements"
    )
    status.add_argument(
        "--ref",
        metavar="REF",
        help="only the elements in this paragraph, its sub-paragraphs and the paragraphs continuing it (a "
        "heading: its section), as a negotiator names it: '28(b)', '28 (b)', 'III.B 24(n)', 'para 12', '5.'; "
        "a reference naming several paragraphs lists them",
    )
    which = status.add_mutually_exclusive_group()
    which.add_argument("--objects", action="store_true", help="the elements the Party objects to")
    which.add_argument("--alone", action="store_true", help="the elements it is the only objector on")
    which.add_argument("--silent", action="store_true", help="the elements it has not spoken on")
    status.set_defaults(run=run_status)

    log = subparsers.add_parser(
        "log",
        help="the journal's history: positions, resolutions, undo/redo, in order",
        description="Every journal event, oldest first. Never creates or changes a journal.",
    )
    add_file(log)
    add_json(log)
    log.set_defaults(run=run_log)


@reports_session_errors
def run_status(args: argparse.Namespace) -> int:
    with open_for(args, read_only=True) as session:
        if args.meeting is not None:
            session.look_at_meeting(args.meeting)
        states = session.states()
        elements = [e for e in session.elements() if args.state is None or states[e.id].status is args.state]
        if args.party is not None:
            elements = _of_party(session, elements, states, args)
        place = None
        if args.ref is not None:
            place = _place(args, session)
            if place is None:
                return 2
            elements = [e for e in elements if place.start <= e.start < place.end]
        resolved = sorted(session.resolved_ids())
        roster = session.roster()
        if args.json:
            dump(
                {
                    "file": args.file,
                    "journal": session.journal_location if session.has_journal else None,
                    "events": session.last_seq,
                    "meeting": session.meeting,
                    "roster": sorted(roster.parties),
                    "roster_set": roster.explicit,
                    "place": None if place is None else dataclasses.asdict(place),
                    "resolved": resolved,
                    "needs_reattachment": [
                        {"id": u.element_id, "parties": list(u.parties), "now": u.now}
                        for u in session.unattached()
                    ],
                    "elements": [
                        {
                            **element_dict(session, e),
                            **state_dict(states[e.id]),
                            "proposals": _proposals(session, e),
                        }
                        for e in elements
                    ],
                }
            )
            return 0
        _print_status(args.file, session, elements, states, resolved, place)
    return 0


def _place(args: argparse.Namespace, session: Session) -> Place | None:
    """The one place `--ref` names; else what it names (nothing, or several: the candidates) and None."""
    found = places(session.draft, args.ref)
    if len(found) == 1:
        return found[0]
    text = session.draft.text
    candidates = [
        {**dataclasses.asdict(p), "text": preview(text[p.start : p.end], 60)} for p in found[:MAX_CANDIDATES]
    ]
    if args.json:
        dump({"file": args.file, "ref": args.ref, "found": len(found), "candidates": candidates})
    elif not found:
        print(
            f"drafter: {args.file}: no paragraph {args.ref!r} (references look like '12', '24(b)', "
            "'III.B 24(n)', 'Option 2 > 3(b)', 'pp 2')",
            file=sys.stderr,
        )
    else:
        print(
            f"drafter: {args.file}: {args.ref!r} names {len(found)} paragraphs; say which:", file=sys.stderr
        )
        for c in candidates:
            print(f"  {c['reference']:<24} line {c['line']:<5} {c['text']}", file=sys.stderr)
        if len(found) > len(candidates):
            print(f"  … and {len(found) - len(candidates)} more", file=sys.stderr)
    return None


def _of_party(
    session: Session, elements: list[Element], states: dict[str, ElementState], args: argparse.Namespace
) -> list[Element]:
    """The elements the Party objects to, is alone on, or is silent on (all of them, without a flag)."""
    party = session.registry.normalise(args.party)
    standing = standings(elements, states, session.stance_groups, [party])[party]
    chosen = (
        standing.objects
        if args.objects
        else standing.alone
        if args.alone
        else standing.silent
        if args.silent
        else None
    )
    if chosen is None:
        return elements
    keep = set(chosen)
    return [e for e in elements if e.id in keep]


def _proposals(session: Session, element: Element) -> list[dict[str, object]]:
    return (
        [{"number": n, "text": text} for n, text in session.proposals(element.id)]
        if session.has_journal
        else []
    )


def _print_status(
    name: str,
    session: Session,
    elements: list[Element],
    states: dict[str, ElementState],
    resolved: list[str],
    place: Place | None,
) -> None:
    counts = dict.fromkeys(Status, 0)
    for state in states.values():
        counts[state.status] += 1
    summary = ", ".join(f"{status.value} {n}" for status, n in counts.items() if n)
    journal = (
        f"journal {session.journal_location}, {session.last_seq} events"
        if session.has_journal
        else "no journal yet"
    )
    print(f"{name}: {len(states)} open elements ({summary}); {len(resolved)} resolved; {journal}")
    roster = session.roster()
    if roster.parties:
        how = "set" if roster.explicit else "everyone who spoke"
        print(f"roster of {session.meeting or '(no meeting)'} ({how}): {', '.join(sorted(roster.parties))}")
    if place is not None:
        print(f"in {place.reference} (line {place.line}): {plural(len(elements), 'element')}")
    places = {e.id: reference(session.draft, e) for e in elements}
    width = min(max(map(len, places.values()), default=0), REF_WIDTH)
    for element in elements:
        line, column = session.draft.line_column(element.start)
        state = states[element.id]
        text = state_text(session, element, states)
        print(
            f"{element.id:<12} {element.kind:<12} {places[element.id]:<{width}} {line:>4}:{column:<3} "
            f"{text:<24} {choices_text(element)}"
        )
        for number, proposal in _proposal_rows(session, element):
            print(f"{'':<17}proposal {number}: {preview(proposal, 60)}")
        for position in state.positions:
            print(f"{'':<17}{position_text(position)}")
        for precedent in session.precedents(element.id)[:1]:  # a suggestion only
            print(f"{'':<17}{precedent.describe()}")
    if resolved:
        print(f"resolved since the journal began: {' '.join(resolved)}")
    unattached = session.unattached()
    if unattached:
        print(
            f"positions that need re-attachment (their element was read differently since): {len(unattached)}"
        )
        for found in unattached:
            print(f"  {found.describe()}")


def _proposal_rows(session: Session, element: Element) -> tuple[tuple[int, str], ...]:
    return session.proposals(element.id) if session.has_journal else ()


@reports_session_errors
def run_log(args: argparse.Namespace) -> int:
    with open_for(args, read_only=True) as session:
        events = session.history()
        places = session.event_places(events)
        if args.json:
            dump([{**event_dict(e), "ref": place} for e, place in zip(events, places, strict=True)])
            return 0
        if not events:
            print(f"{args.file}: no journal events yet")
        # One stance recorded on every element of the same wording is one step: its other positions
        # refer to the first.
        steps: dict[int, list[str]] = {}
        for event in events:
            if event.kind is RecordKind.POSITION and event.refers is not None and event.target:
                steps.setdefault(event.refers, []).append(event.target)
        for event, place in zip(events, places, strict=True):
            if event.kind is RecordKind.POSITION and event.refers is not None:
                continue
            print(event.describe(place))
            if event.seq in steps:
                also = steps[event.seq]
                print(
                    f"    and on {len(also)} more of the same wording (#{event.seq + 1}…): {' '.join(also)}"
                )
    return 0
