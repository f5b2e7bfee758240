"""The `drafter` command line: one subcommand per module in `drafter.commands`.

`drafter FILE` is short for `drafter open FILE`. Exit codes: 0 success (or
no bracket errors), 1 a finding (bracket errors, differences), 2 usage or I/O error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from drafter.text.parser import ReadError

# Each module defines `register(subparsers)`, which adds its parser(s) with a
# `run(args) -> int` default; the TUI is imported only when `open` runs.
COMMAND_MODULES = ("check", "status", "resolve", "export", "open", "diff", "stats", "comments", "journal")


def build_parser() -> tuple[argparse.ArgumentParser, set[str]]:
    """The parser and the names of its subcommands."""
    parser = argparse.ArgumentParser(
        prog="drafter",
        description="A terminal editor for negotiating texts: brackets, positions, resolutions, diffs.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"drafter.commands.{name}").register(subparsers)
    return parser, set(subparsers.choices)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser, commands = build_parser()
    if args_list and args_list[0] not in commands and not args_list[0].startswith("-") and "open" in commands:
        args_list.insert(0, "open")
    args = parser.parse_args(args_list)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        code: int = args.run(args)
    except ReadError as error:
        print(f"drafter: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
