"""`drafter export FILE -o OUT`: the consolidated text (base text plus the journal's changes)."""

from __future__ import annotations

import argparse
from typing import Any

from drafter.commands.sessions import add_file, open_for, reports_session_errors


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write the consolidated text (byte-identical to FILE when nothing was resolved)",
        description="Writes the base text with every journaled change applied; the write is atomic. "
        "Never creates or changes a journal.",
    )
    add_file(parser)
    parser.add_argument(
        "-o", "--output", metavar="OUT", required=True, help="where to write ('-' for stdout)"
    )
    parser.set_defaults(run=run)


@reports_session_errors
def run(args: argparse.Namespace) -> int:
    with open_for(args, read_only=True) as session:
        if args.output == "-":
            import sys

            sys.stdout.write(session.draft.text)
            return 0
        session.export(args.output)
    return 0
