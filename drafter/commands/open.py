"""`drafter open FILE` (or just `drafter FILE`): the drafting TUI. Textual is imported only here, when it runs."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from drafter.commands.sessions import add_journal
from drafter.formats.source import read_source


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "open",
        help="open a draft in the drafting TUI (also: drafter FILE)",
        description="Walk the brackets of a draft, record Parties' positions, resolve, undo, export. Every "
        "action is journaled beside the draft at once. Exit 2 when the draft cannot be read.",
    )
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--actor", help="who is editing (recorded in the journal)")
    add_journal(parser)
    parser.add_argument(
        "--keys",
        metavar="ID=KEY,...",
        default="",
        help="remap keys by binding id, e.g. 'next=j,previous=k' (ids are listed in the help screen's order)",
    )
    parser.set_defaults(run=run)


def parse_keymap(spec: str) -> dict[str, str]:
    keymap = {}
    for item in filter(None, (part.strip() for part in spec.split(","))):
        binding_id, sep, key = item.partition("=")
        if not sep or not binding_id or not key:
            raise SystemExit(f"drafter: --keys: '{item}' is not ID=KEY")
        keymap[binding_id.strip()] = key.strip()
    return keymap


def run(args: argparse.Namespace) -> int:
    read_source(args.file)  # fail before the screen switches, with the same message `check` gives
    from drafter.tui.app import make_app

    app = make_app(args.file, actor=args.actor, keymap=parse_keymap(args.keys), journal=args.journal)
    app.run()
    if app.error is not None:
        print(f"drafter: {app.error}", file=sys.stderr)
    return app.return_code or 0
