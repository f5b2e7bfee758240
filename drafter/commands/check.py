"""`drafter check FILE...`: what the parser found, and every unbalanced bracket with its place."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from drafter.formats.source import ReadError, read_source
from drafter.text.report import diagnostic_dict, summary


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check",
        help="parse drafts and report brackets, structure and bracket errors",
        description="Exit 0: no bracket errors; 1: some file has a stray ']' or an unclosed '['; 2: a file "
        "cannot be read.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
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
        reports.append(
            {
                "file": name,
                "format": source.origin.value,
                "source": {"remarks": list(source.remarks), **source.details},
                **numbers,
                "diagnostics": [diagnostic_dict(d) for d in draft.diagnostics],
            }
        )
        if not args.json:
            _print_report(reports[-1])
    if args.json:
        json.dump(reports, sys.stdout, ensure_ascii=False, indent=2)
        print()
    return code


def _print_report(report: dict[str, Any]) -> None:
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
        print(f"{report['file']}:{d['line']}:{d['column']}: {d['severity']}: {d['message']}{hint}")
        pad = "".join(c if c == "\t" else " " for c in d["context"][: d["column"] - 1])
        print(f"    {d['context']}\n    {pad}^")
