"""`drafter stats FILE...`: counts per version and a chart of brackets and options across them."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import Any

from drafter.formats.source import load
from drafter.inert import data_stdout
from drafter.stats import ChartError, table, terminal_chart, version_stats, write_chart


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "stats",
        help="counts per version (brackets, options, ...) and a chart across versions",
        description="One row per file, in the order given (oldest first). Exit 0, or 2 when a file cannot be "
        "read or the chart cannot be written.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--chart", metavar="FILE", help="also draw the chart into FILE (.svg or .png)")
    parser.set_defaults(run=run)


def labels(files: list[str]) -> list[str]:
    """Base names when they tell the versions apart (they usually do), the paths as given otherwise."""
    names = [Path(name).name for name in files]
    return names if len(set(names)) == len(names) else files


def run(args: argparse.Namespace) -> int:
    rows = [
        version_stats(label, load(name)) for label, name in zip(labels(args.files), args.files, strict=True)
    ]
    if args.json:
        out = data_stdout()
        json.dump([row.as_dict() for row in rows], out, indent=2)
        out.write("\n")
    else:
        print(table(rows))
        print()
        print(terminal_chart(rows, shutil.get_terminal_size((100, 24)).columns))
    if args.chart:
        try:
            write_chart(rows, args.chart)
        except ChartError as error:
            print(f"drafter: {error}", file=sys.stderr)
            return 2
        except OSError as error:
            print(f"drafter: {args.chart}: cannot write the chart ({error.strerror})", file=sys.stderr)
            return 2
    return 0
