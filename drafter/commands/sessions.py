"""What the journal commands share: opening a session, reporting its refusals, data for `--json`."""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import sys
from collections.abc import Callable
from typing import Any, Protocol

from drafter.inert import data_stdout
from drafter.negotiation.changes import Change
from drafter.negotiation.consensus import DELETE, KEEP, ElementState, Outcome
from drafter.negotiation.elements import reference
from drafter.negotiation.session import Element, Event, Session, SessionError
from drafter.workspace import open_session

Runner = Callable[[argparse.Namespace], int]


def add_file(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the draft (its journal is FILE.drafter.sqlite)")
    parser.add_argument(
        "--journal-base",
        action="store_true",
        help="FILE changed since its journal began: work on the journal's copy of the text it began with "
        "(FILE is left alone; `drafter carry FILE` moves the journal to the changed text instead)",
    )
    add_journal(parser)


def add_journal(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--journal",
        metavar="PATH|URL",
        help="use this journal instead of the one beside FILE: a file, or a postgresql:// URL to share the "
        "draft with other facilitators (default: $DRAFTER_JOURNAL, else FILE.drafter.sqlite)",
    )


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="machine-readable output")


def add_attribution(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--party", metavar="P", help="the Party or group on whose behalf (any usual spelling)"
    )
    parser.add_argument("--meeting", metavar="M", help="meeting label, e.g. 'IC 16 Nov' or 'HoDs'")
    add_actor(parser, "records it")


def add_actor(parser: argparse.ArgumentParser, does: str = "does it") -> None:
    """`--actor NAME`: who `does` what the command journals."""
    parser.add_argument("--actor", metavar="NAME", help=f"who {does} (default: your user name)")


class Options(Protocol):
    """A parser or a group of its options (argparse's group types are private)."""

    def add_argument(self, *names: str, **how: Any) -> argparse.Action: ...


def add_outcome(choices: Options) -> None:
    """`--keep`, `--delete`, `--choose K` in a group of exclusive options (read with `chosen_outcome`)."""
    choices.add_argument("--keep", action="store_true", help="keep the bracketed text, drop its brackets")
    choices.add_argument(
        "--delete", action="store_true", help="delete the bracket (or group) and its content"
    )
    choices.add_argument(
        "--choose",
        metavar="K",
        type=int,
        help="keep alternative/option K (or adopt proposal K), remove the others",
    )


def add_force(parser: argparse.ArgumentParser, what: str = "do it") -> None:
    """`--force`: go on when a resolution removes more than the element's own paragraph(s)."""
    parser.add_argument(
        "--force",
        action="store_true",
        help=f"{what} even when it removes more than the element's own paragraph(s) (headings, other paragraphs)",
    )


def reports_session_errors(run: Runner) -> Runner:
    """Prints a refusal (`SessionError`) as one line naming the file, and exits 2, never a traceback."""

    @functools.wraps(run)
    def wrapped(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except SessionError as error:
            print(f"drafter: {error}", file=sys.stderr)
            return 2

    return wrapped


def open_for(args: argparse.Namespace, *, read_only: bool = False) -> Session:
    """Opens FILE's session; what opening noticed (a journal read as it is on disk, a session asked to
    write but opened read-only, an empty journal treated as absent) goes to stderr as a note."""
    session = open_session(
        args.file,
        journal_path=args.journal,
        read_only=read_only,
        actor=getattr(args, "actor", None),
        journal_base=getattr(args, "journal_base", False),
    )
    for note in session_notes(session):
        print(f"drafter: note: {note}", file=sys.stderr)
    return session


def session_notes(session: Session) -> tuple[str, ...]:
    """What the user should hear about how the session was opened."""
    reason = session.read_only_reason
    return (*session.notes, *([f"opened read-only: {reason}"] if reason else []))


def chosen_outcome(args: argparse.Namespace) -> Outcome:
    """The outcome `--keep`, `--delete` or `--choose K` names."""
    outcome: Outcome = KEEP if args.keep else DELETE if args.delete else args.choose
    return outcome


def outcome_json(outcome: Outcome | None) -> str | None:
    """An outcome as the JSON output has always given it: `"keep"`, `"delete"`, `"2"`."""
    return None if outcome is None else str(outcome)


def dump(data: Any) -> None:
    out = data_stdout()
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def element_dict(session: Session, element: Element) -> dict[str, Any]:
    line, column = session.draft.line_column(element.start)
    return {
        "id": element.id,
        "kind": element.kind,
        "start": element.start,
        "end": element.end,
        "line": line,
        "column": column,
        "ref": reference(session.draft, element),
        "depth": element.depth,
        "choices": list(element.choices),
        "zero_options": list(element.zero),
    }


def state_dict(state: ElementState) -> dict[str, Any]:
    return {
        "status": state.status,
        "outcome": outcome_json(state.outcome),
        "resolution": state.resolution,
        "choice": state.choice,
        "objectors": list(state.objectors),
        "supporters": {str(k): list(v) for k, v in state.supporters.items()},
        "objections": {str(k): list(v) for k, v in state.objections.items()},
        "accepting": list(state.accepting),
        "unheard": list(state.unheard),
        "positions": [dataclasses.asdict(p) for p in state.positions],  # a Stance is a str
    }


def change_dict(change: Change) -> dict[str, Any]:
    return {
        "kind": change.kind.value,
        "target": change.target,
        "choice": change.choice,
        "refers": change.refers,
        "start": change.start,
        "before": change.before,
        "after": change.after,
        "removed_ids": list(change.removed_ids),
    }


def event_dict(event: Event) -> dict[str, Any]:
    return {
        "seq": event.seq,
        "time": event.time,
        "actor": event.actor,
        "kind": event.kind,
        "party": event.party,
        "meeting": event.meeting,
        "target": event.target,
        "stance": None if event.stance is None else event.stance.value,
        "choice": event.choice,
        "note": event.note,
        "refers": event.refers,
        "before": event.before,
        "after": event.after,
        "removed_ids": list(event.change.removed_ids) if event.change else [],
        "basis": list(event.grounds.basis) if event.grounds else [],
        "gavel": bool(event.grounds and event.grounds.gavel),
        "over_objection_of": list(event.grounds.objectors) if event.grounds else [],
        "over_objection": event.grounds.over_objection if event.grounds else None,
        "carried_from": [dataclasses.asdict(found) for found in event.carried_from],
    }
