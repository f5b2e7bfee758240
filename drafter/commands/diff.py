"""`drafter diff OLD NEW`: what changed between two versions of a draft."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from typing import Any

from drafter.diff import compare, render_html, render_terminal, render_unified, to_json
from drafter.formats.source import load
from drafter.inert import data_stdout
from drafter.output import add_output_arguments, check_target, write_output

FORMATS = ("terminal", "unified", "html", "json")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="compare two versions of a draft: paragraphs, words and brackets",
        description="Aligns paragraphs (renumbered and moved ones are reported as such), diffs words inside "
        "them and says what became of every bracket. Exit 0: identical; 1: different; 2: a file cannot be "
        "read or written.",
    )
    parser.add_argument("old", metavar="OLD")
    parser.add_argument("new", metavar="NEW")
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
    if args.output is not None:  # refuse a bad target before the work
        check_target(args.output, force=args.force, protect=[args.old, args.new])
    old, new = load(args.old), load(args.new)
    diff = compare(old, new, args.old, args.new)
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
        write_output(args.output, output.encode("utf-8"), force=args.force, protect=[args.old, args.new])
    return 0 if diff.identical else 1
