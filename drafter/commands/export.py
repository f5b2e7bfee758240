"""`drafter export FILE -o OUT`: the consolidated text (base text plus the journal's changes) in a format.

The format follows OUT's suffix (.txt, .md, .html, .docx; any other suffix gets plain text), `--format`
overrides it; `-o -` writes to standard output. An existing OUT is replaced only with `--force`.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from drafter.commands.next_iteration import add_arguments as add_next_iteration
from drafter.commands.next_iteration import run_next_iteration
from drafter.commands.sessions import add_file, open_for, reports_session_errors
from drafter.formats.export import (
    DESCRIPTIONS,
    EXPORTERS,
    ExportError,
    ExportOptions,
    Paper,
    export_noting,
    format_for_output,
)
from drafter.negotiation.projection import party_view
from drafter.output import add_output_arguments, check_target, write_output


def register(subparsers: Any) -> None:
    formats = "; ".join(f"{fmt.value}: {DESCRIPTIONS[fmt]}" for fmt in EXPORTERS)
    parser = subparsers.add_parser(
        "export",
        help="write the consolidated text as .txt, .md, .html or .docx (plain text: byte-identical to "
        "FILE when nothing was resolved)",
        description="Writes the base text with every journaled change applied, in the format OUT's suffix "
        f"names ({formats}). The write is atomic; an existing OUT is replaced only with --force. Never "
        "creates or changes a journal. Exit 0, or 2 when FILE cannot be read or OUT cannot be written.",
    )
    add_file(parser)
    add_output_arguments(parser)
    parser.add_argument(
        "--format",
        choices=[fmt.value for fmt in EXPORTERS],
        help="the format, whatever OUT's suffix (default: from the suffix; plain text for '-')",
    )
    parser.add_argument(
        "--clean",
        action="store_true",
        help="the text alone: no bracket colours, marks or table of open elements (.html, .md); "
        "every change accepted and no comments (.docx)",
    )
    parser.add_argument(
        "--paper",
        choices=[paper.value for paper in Paper],
        default=Paper.A4.value,
        help="the page size printed HTML asks for (default a4)",
    )
    parser.add_argument(
        "--no-positions", action="store_true", help="leave the Parties' positions out (.html, .md)"
    )
    parser.add_argument(
        "--as-party",
        metavar="P",
        help="the text as P would have it: at every element the outcome P supports, brackets kept where P "
        "said nothing (any format; nothing is journaled)",
    )
    add_next_iteration(parser)
    parser.set_defaults(run=run)


@reports_session_errors
def run(args: argparse.Namespace) -> int:
    if args.next_iteration:
        with open_for(args, read_only=True) as session:
            return run_next_iteration(args, session, (session.path, session.journal_path))
    try:
        fmt = format_for_output(args.output, args.format)
    except ExportError as error:
        print(f"drafter: {error}", file=sys.stderr)
        return 2
    options = ExportOptions(clean=args.clean, paper=Paper(args.paper), positions=not args.no_positions)
    protect = [args.file, *([args.journal] if args.journal else [])]
    check_target(args.output, force=args.force, protect=protect)  # refused before the replay, not after
    notes: tuple[str, ...] = ()
    with open_for(args, read_only=True) as session:
        view = session if args.as_party is None else party_view(session, args.as_party)
        try:
            exported = export_noting(view, fmt, options)
            data, notes = exported.data, exported.notes
        except ExportError as error:
            print(f"drafter: {error}", file=sys.stderr)
            return 2
        protect += [session.path, session.journal_path]
    write_output(args.output, data, force=args.force, protect=protect)
    for note in notes:  # where the file, as its program shows it, will differ from drafter's text
        print(f"drafter: note: {args.output}: {note}", file=sys.stderr)
    return 0
