"""`drafter diff OLD NEW`: what changed between two versions of a draft."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from typing import Any

from drafter.diff import compare, render_html, render_terminal, render_unified, to_json
from drafter.formats.source import ReadError, load
from drafter.inert import data_stdout
from drafter.negotiation.session import SessionError
from drafter.output import add_output_arguments, check_target, write_output
from drafter.text.model import Draft

FORMATS = ("terminal", "unified", "html", "json")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="compare two versions of a draft: paragraphs, words and brackets",
        description="Aligns paragraphs (renumbered and moved ones are reported as such), diffs words inside "
        "them and says what became of every bracket. Exit 0: identical; 1: different; 2: a file cannot be "
        "read or written.",
    )
    parser.add_argument("old", metavar="OLD", help="the older version (with --party twice: the draft)")
    parser.add_argument("new", metavar="NEW", nargs="?", help="the newer version")
    parser.add_argument(
        "--party",
        metavar="P",
        action="append",
        default=[],
        help="twice, with one FILE: the text as P would have it against the text as Q would (the landing zone)",
    )
    parser.add_argument(
        "--journal", metavar="PATH", help="with --party: the draft's journal (default: beside it)"
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="terminal", help="output format (default terminal)"
    )
    parser.add_argument(
        "--side-by-side", action="store_true", help="terminal format: old and new in two columns"
    )
    parser.add_argument(
        "--summary", action="store_true", help="terminal format: only the counts and the brackets by section"
    )
    add_output_arguments(parser, required=False, what="instead of standard output ")
    parser.add_argument(
        "--width", type=int, help="terminal format: wrap to this width (default: the terminal's)"
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="terminal format: colour (default auto: on a terminal, unless NO_COLOR is set)",
    )
    parser.set_defaults(run=run)


def _use_color(args: argparse.Namespace) -> bool:
    if args.color != "auto":
        return bool(args.color == "always")
    return args.output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def run(args: argparse.Namespace) -> int:
    inputs = [args.old, *([args.new] if args.new else []), *([args.journal] if args.journal else [])]
    if args.output is not None:  # refuse a bad target before the work
        check_target(args.output, force=args.force, protect=inputs)
    if args.party:
        if len(args.party) != 2 or args.new is not None:
            print(
                "drafter: diff --party P --party Q FILE compares two Parties' texts of one draft",
                file=sys.stderr,
            )
            return 2
        old, new, old_name, new_name = _party_texts(args)
    else:
        if args.new is None:
            print("drafter: diff needs OLD and NEW (or --party P --party Q FILE)", file=sys.stderr)
            return 2
        old, new, old_name, new_name = load(args.old), load(args.new), args.old, args.new
    diff = compare(old, new, old_name, new_name)
    if args.format == "json":
        output = to_json(diff) + "\n"
    elif args.format == "html":
        output = render_html(diff)
    elif args.format == "unified":
        output = render_unified(diff, old.text)
    else:
        width = args.width or shutil.get_terminal_size((100, 24)).columns
        output = render_terminal(
            diff, width, side_by_side=args.side_by_side, color=_use_color(args), summary_only=args.summary
        )
    if args.output is None:
        # JSON, HTML and the coloured terminal diff (whose text rendering already made inert) go out as
        # they are; the rest through the inert standard output.
        raw = args.format in ("json", "html") or (args.format == "terminal" and _use_color(args))
        (data_stdout() if raw else sys.stdout).write(output)
    else:
        write_output(args.output, output.encode("utf-8"), force=args.force, protect=inputs)
    return 0 if diff.identical else 1


def _party_texts(args: argparse.Namespace) -> tuple[Draft, Draft, str, str]:
    """The draft as each of the two Parties would have it (nothing journaled)."""
    from drafter.negotiation.projection import as_party
    from drafter.workspace import open_session

    first, second = args.party
    try:
        with open_session(args.old, journal_path=args.journal, read_only=True) as session:
            one, other = (session.registry.normalise(p) for p in (first, second))
            return (
                as_party(session, one),
                as_party(session, other),
                f"{args.old} as {one}",
                f"{args.old} as {other}",
            )
    except (SessionError, ValueError) as error:
        raise ReadError(str(error)) from None
