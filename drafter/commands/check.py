"""`drafter check FILE...`: what the parser found, and every unbalanced bracket with its place."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from drafter.formats.source import ReadError, read_source
from drafter.inert import data_stdout, inert
from drafter.text.report import diagnostic_dict, summary

DEFAULT_SHOWN = 50  # diagnostics per file: a broken draft's first errors are the ones to read


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check",
        help="parse drafts and report brackets, structure and bracket errors",
        description="Exit 0: no bracket errors; 1: some file has a stray ']' or an unclosed '['; 2: a file "
        "cannot be read.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--json", action="store_true", help="machine-readable output (every diagnostic)")
    parser.add_argument(
        "--max-diagnostics",
        metavar="N",
        type=int,
        default=DEFAULT_SHOWN,
        help=f"show at most N diagnostics per file, then how many were left out (default {DEFAULT_SHOWN}; "
        "0: all)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    reports: list[dict[str, Any]] = []
    code = 0
    for name in args.files:
        try:
            source = read_source(name)
        except ReadError as error:
            print(f"drafter: {error}", file=sys.stderr)
            code = 2
            continue
        draft = source.parse()
        numbers = summary(draft)
        if numbers["errors"] and code == 0:
            code = 1
        shown = (
            draft.diagnostics
            if args.json or args.max_diagnostics <= 0
            else draft.diagnostics[: args.max_diagnostics]
        )
        report = {
            "file": name,
            "format": source.origin.value,
            "source": {"remarks": list(source.remarks), **source.details},
            **numbers,
            "diagnostics": [diagnostic_dict(draft, d) for d in shown],
        }
        if args.json:
            reports.append(report)
        else:
            _print_report(report, left_out=len(draft.diagnostics) - len(shown))
    if args.json:
        out = data_stdout()
        json.dump(reports, out, ensure_ascii=False, indent=2)
        out.write("\n")
    return code


def _print_report(report: dict[str, Any], left_out: int) -> None:
    kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(report["paragraphs"].items()))
    print(f"{report['file']}: {report['characters']} characters, {report['lines']} lines")
    for remark in report["source"]["remarks"]:
        print(f"  {report['format']}: {remark}")
    print(f"  paragraphs: {sum(report['paragraphs'].values())} ({kinds})")
    print(
        f"  brackets: {report['opening_brackets']} '[' and {report['closing_brackets']} ']', "
        f"{report['bracket_pairs']} pairs, maximum depth {report['max_depth']}"
    )
    print(
        f"  alternative groups: {report['alternative_groups']}, option groups: {report['option_groups']}, "
        f"notes: {report['notes']}, placeholders: {report['placeholders']}"
    )
    print(f"  diagnostics: {report['errors']} errors, {report['warnings']} warnings")
    for d in report["diagnostics"]:
        hint = f" — {d['hint']}" if d["hint"] else ""
        where = f" in {d['ref']}" if d["ref"] else ""
        print(f"{report['file']}:{d['line']}:{d['column']}: {d['severity']}{where}: {d['message']}{hint}")
        # The caret goes under the column as the terminal shows the line: after its escapes.
        before = inert(d["context"][: d["context_column"] - 1])
        pad = "".join(c if c == "\t" else " " for c in before)
        print(f"    {inert(d['context'])}\n    {pad}^")
    if left_out:
        print(
            f"  … {left_out} more {'diagnostic' if left_out == 1 else 'diagnostics'} not shown "
            "(--max-diagnostics 0 shows them all, --json lists them all)"
        )
