"""The `drafter` command line: one subcommand per module in `drafter.commands`.

`drafter FILE` is short for `drafter open FILE`. Exit codes: 0 success (or
no bracket errors), 1 a finding (bracket errors, differences), 2 usage or I/O error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from drafter.inert import InertStream
from drafter.output import OutputError
from drafter.text.parser import ReadError

# The module that registers each command: its `register(subparsers)` adds the parser(s) with a
# `run(args) -> int` default. Only the module of the command given is imported, so a command
# starts without the others' dependencies (the diff, the session, the TUI); `--help` imports all.
COMMANDS = {
    "check": "check",
    "status": "status",
    "log": "status",
    "position": "resolve",
    "resolve": "resolve",
    "bracket": "resolve",
    "undo": "resolve",
    "redo": "resolve",
    "reopen": "resolve",
    "party": "resolve",
    "split": "readings",
    "join": "readings",
    "roster": "chair",
    "gavel": "chair",
    "apply-consensus": "chair",
    "link": "chair",
    "parties": "chair",
    "export": "export",
    "open": "open",
    "diff": "diff",
    "stats": "stats",
    "comments": "comments",
    "journal": "journal",
    "serve": "serve",
    "carry": "carry",
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser for `command` (the registering module's commands), or for every command."""
    parser = argparse.ArgumentParser(
        prog="drafter",
        description="A terminal editor for negotiating texts: brackets, positions, resolutions, diffs.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = [COMMANDS[command]] if command in COMMANDS else list(dict.fromkeys(COMMANDS.values()))
    for name in modules:
        importlib.import_module(f"drafter.commands.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Runs one command with standard output and error made inert (`drafter.inert`): text from drafts,
    journals and file names reaches the terminal as visible escapes; data goes out through `data_stdout()`."""
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = InertStream(stdout), InertStream(stderr)
    try:
        return _run(argv)
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _run(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] not in COMMANDS and not args_list[0].startswith("-"):
        args_list.insert(0, "open")
    parser = build_parser(args_list[0] if args_list else None)
    args, extra = parser.parse_known_args(args_list)
    # argparse takes positionals in one run before the first option: `roster FILE --meeting M EU US`
    # would leave EU US over. A command that takes trailing names says where they go.
    spill = getattr(args, "trailing", None)
    if extra and spill is not None and not any(e.startswith("-") for e in extra):
        setattr(args, spill, [*getattr(args, spill), *extra])
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        code: int = args.run(args)
    except (ReadError, OutputError) as error:
        print(f"drafter: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
