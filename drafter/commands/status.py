"""`drafter status FILE` and `drafter log FILE`: read-only views of a draft's journal (never create one)."""

from __future__ import annotations

import argparse
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
from drafter.negotiation.positions import ElementState, Status
from drafter.negotiation.session import Element, Session


def register(subparsers: Any) -> None:
    status = subparsers.add_parser(
        "status",
        help="open and resolved elements, their states and which Parties hold what",
        description="Lists every disputed element (bracket, alternative group, option group) with its id, "
        "place, choices and state from the Parties' positions. Never creates or changes a journal.",
    )
    add_file(status)
    add_json(status)
    status.add_argument(
        "--state", choices=[s.value for s in Status], type=Status, help="only elements in this state"
    )
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
        states = session.states()
        elements = [e for e in session.elements() if args.state is None or states[e.id].status is args.state]
        resolved = sorted(session.resolved_ids())
        if args.json:
            dump(
                {
                    "file": args.file,
                    "journal": str(session.journal_path) if session.has_journal else None,
                    "events": session.last_seq,
                    "resolved": resolved,
                    "elements": [{**element_dict(session, e), **state_dict(states[e.id])} for e in elements],
                }
            )
            return 0
        _print_status(args.file, session, elements, states, resolved)
    return 0


def _print_status(
    name: str, session: Session, elements: list[Element], states: dict[str, ElementState], resolved: list[str]
) -> None:
    counts = dict.fromkeys(Status, 0)
    for state in states.values():
        counts[state.status] += 1
    summary = ", ".join(f"{status} {n}" for status, n in counts.items() if n)
    journal = (
        f"journal {session.journal_path.name}, {session.last_seq} events"
        if session.has_journal
        else "no journal yet"
    )
    print(f"{name}: {len(states)} open elements ({summary}); {len(resolved)} resolved; {journal}")
    for element in elements:
        line, column = session.draft.line_column(element.start)
        state = states[element.id]
        print(
            f"{element.id:<12} {element.kind:<12} {line:>4}:{column:<3} {state_text(state):<22} {choices_text(element)}"
        )
        for position in state.positions:
            print(f"{'':<17}{position_text(position)}")
    if resolved:
        print(f"resolved since the journal began: {' '.join(resolved)}")


@reports_session_errors
def run_log(args: argparse.Namespace) -> int:
    with open_for(args, read_only=True) as session:
        events = session.history()
        if args.json:
            dump([event_dict(e) for e in events])
            return 0
        if not events:
            print(f"{args.file}: no journal events yet")
        for event in events:
            print(event.describe())
    return 0
