"""`drafter export FILE --next-iteration -o OUT`: the next version of the draft, numbered again.

The consolidated text (every resolved bracket gone), paragraphs left empty by
resolutions removed, paragraphs numbered again (unless `--keep-numbers`) with the
references to them, the version line replaced by `--version`; a table of old and
new numbers. The text keeps the draft's own format (plain text or Markdown). With `--carry`
the draft's journal is carried to OUT (its positions re-targeted through the diff,
as `drafter carry FILE OUT` does): OUT's new journal is written before OUT itself,
so a refused carry leaves nothing behind.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from drafter.commands import carry
from drafter.inert import data_stdout
from drafter.iterations.chain import Carried, CarryError, carry_into
from drafter.iterations.next import NextIteration, next_iteration
from drafter.journal import JournalError
from drafter.journal.locate import journal_store
from drafter.negotiation.session import Session, SessionError
from drafter.output import STDOUT, check_target, write_output
from drafter.text.parser import format_for, parse

BINARY_SUFFIXES = (".docx", ".pdf", ".html", ".htm")  # formats the next iteration is not written in


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("the next iteration")
    group.add_argument(
        "--next-iteration",
        action="store_true",
        help="write the next version: empty paragraphs removed, paragraphs numbered again (bis insertions "
        "and removals taken into account), 'paragraph N above' references updated; prints old -> new numbers",
    )
    group.add_argument(
        "--version",
        metavar="LINE",
        help="with --next-iteration: the new version line ('Version of 12 December 2015@10:00')",
    )
    group.add_argument(
        "--keep-numbers",
        action="store_true",
        help="with --next-iteration: keep the paragraph numbers as they are",
    )
    group.add_argument(
        "--carry",
        action="store_true",
        help="with --next-iteration: carry the draft's journal to OUT (positions re-targeted, as drafter carry "
        "FILE OUT); OUT's journal goes beside it, or in the database DRAFTER_JOURNAL names",
    )
    group.add_argument("--json", action="store_true", help="with --next-iteration: the report as JSON")


def report(result: NextIteration, out: str) -> list[str]:
    """What was done, and the table of old -> new numbers."""
    lines = [
        f"next iteration written to {out}: {len(result.numbers)} numbers changed, "
        f"{result.references} references updated, {len(result.removed)} empty paragraphs removed"
    ]
    if result.version is not None:
        before, after = result.version
        lines.append(f"version line: {before!r} -> {after!r}" if before else f"version line added: {after!r}")
    for removed in result.removed:
        lines.append(
            f"removed: paragraph {removed.number + ' ' if removed.number else ''}(line {removed.line}), "
            "left empty by resolutions"
        )
    if result.numbers:
        width = min(max(len(n.scope) for n in result.numbers), 40)
        old_width = max(len(n.old) for n in result.numbers)
        lines.append(f"{'section'.ljust(width)}  {'old'.ljust(old_width)}  new")
        for number in result.numbers:
            scope = number.scope if len(number.scope) <= width else number.scope[: width - 1] + "…"
            lines.append(f"{scope.ljust(width)}  {number.old.ljust(old_width)}  {number.new}")
    return lines


def _json(result: NextIteration, out: str, carried: Carried | None) -> dict[str, Any]:
    return {
        "output": out,
        "carried": None if carried is None else carry.report_json(carried),
        "numbers": [{"section": n.scope, "old": n.old, "new": n.new} for n in result.numbers],
        "references": result.references,
        "removed": [{"number": r.number, "line": r.line} for r in result.removed],
        "version": None
        if result.version is None
        else {"before": result.version[0], "after": result.version[1]},
    }


def run_next_iteration(args: argparse.Namespace, session: Session, protect: tuple[Path, ...]) -> int:
    """Writes the next iteration of the session's consolidated text; the draft and its journal are `protect`ed."""
    if args.format is not None or args.clean or args.no_positions:
        print(
            "drafter: --next-iteration writes the draft's own format (no --format, --clean or --no-positions)",
            file=sys.stderr,
        )
        return 2
    if Path(args.output).suffix.lower() in BINARY_SUFFIXES:
        print(
            f"drafter: {args.output}: --next-iteration writes text (.txt or .md), not {Path(args.output).suffix}",
            file=sys.stderr,
        )
        return 2
    if args.carry and args.output == STDOUT:
        print("drafter: --carry needs OUT to be a file: its journal goes beside it", file=sys.stderr)
        return 2
    result = next_iteration(session.draft, version=args.version, keep_numbers=args.keep_numbers)
    carried = None
    if args.carry:
        check_target(args.output, force=args.force, protect=protect)  # OUT would be refused: carry nothing
        carried = _carry(session, Path(args.output), result.text)
    write_output(args.output, result.text.encode("utf-8"), force=args.force, protect=protect)
    stream: TextIO = sys.stderr if args.output == STDOUT else sys.stdout
    if args.json:
        data = stream if args.output == STDOUT else data_stdout()
        json.dump(_json(result, args.output, carried), data, ensure_ascii=False, indent=2)
        print(file=data)
    else:
        lines = report(result, args.output)
        if carried is not None:
            lines += carry.report(carried, str(session.path), args.output, everything=False)
        print("\n".join(lines), file=stream)
    return 0


def _carry(session: Session, out: Path, text: str) -> Carried:
    """The session's journal carried to the next iteration's text, in a new journal for OUT."""
    try:
        new = parse(text, format_for(out))
        store = journal_store(None, out)
        return carry_into(session, new, out.name, store, actor=session.actor)
    except (CarryError, JournalError) as error:
        raise SessionError(str(error)) from None
