"""`drafter stats FILE...`: counts per version and per section, a chart, and a journal's progress by meeting."""

from __future__ import annotations

import argparse
import itertools
import shutil
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from drafter.commands.sessions import dump
from drafter.diff import compare
from drafter.formats.source import load
from drafter.journal.sqlite import journal_path_for
from drafter.negotiation.session import SessionError
from drafter.output import write_output
from drafter.stats.chart import ChartError, chart_bytes, chart_suffix
from drafter.stats.dates import DateError, VersionDate, parse_given, version_date
from drafter.stats.meetings import JournalProgress, journal_progress
from drafter.stats.sections import Measure, SectionRow, row_label, section_rows, section_table
from drafter.stats.versions import VersionStats, table, terminal_chart, version_stats
from drafter.text.model import Draft
from drafter.workspace import open_session


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "stats",
        help="counts per version and per section (brackets, options, ...), a chart, progress by meeting",
        description="One row per file, in the order given (oldest first), then each measure per section "
        "across the versions (sections are followed from version to version by their text). With one FILE "
        "that has a journal: open elements after each meeting, the elements open longest and the Parties on "
        "the most open elements. Exit 0, or 2 when a file cannot be read or the chart cannot be written.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--chart", metavar="FILE", help="also draw the chart into FILE (.svg or .png)")
    parser.add_argument("--force", action="store_true", help="replace the chart file if it exists")
    parser.add_argument(
        "--dates",
        metavar="D1,D2,...",
        help="the versions' dates, one per FILE (2015-12-04, 2015-12-04T10:00 or '4 December 2015'); "
        "otherwise each version's own 'Version of ...' line, front matter or file name",
    )
    parser.add_argument(
        "--journal", metavar="PATH", help="with one FILE: its journal, if not FILE.drafter.sqlite"
    )
    parser.set_defaults(run=run)


def labels(files: list[str]) -> list[str]:
    """Base names when they tell the versions apart (they usually do), the paths as given otherwise."""
    names = [Path(name).name for name in files]
    return names if len(set(names)) == len(names) else files


def _dates(args: argparse.Namespace, drafts: list[Draft]) -> list[VersionDate | None]:
    if args.dates is None:
        return [version_date(draft, name) for draft, name in zip(drafts, args.files, strict=True)]
    given = [part.strip() for part in args.dates.split(",")]
    if len(given) != len(args.files):
        raise DateError(f"--dates gives {len(given)} dates for {len(args.files)} files")
    return [parse_given(text) for text in given]


def _progress(args: argparse.Namespace) -> JournalProgress | None:
    """The journal's progress, when one FILE is given and it has a journal (never creates one)."""
    if len(args.files) != 1:
        return None
    with open_session(args.files[0], journal_path=args.journal, read_only=True) as session:
        return journal_progress(session) if session.has_journal else None


def _sections_dict(rows: list[SectionRow]) -> list[dict[str, Any]]:
    return [
        {
            "label": row_label(row),
            "titles": [None if s is None else s.title for s in row.versions],
            **{measure.value: list(row.counts(measure)) for measure in Measure},
            "option_groups": [None if s is None else s.option_groups for s in row.versions],
        }
        for row in rows
    ]


def _progress_dict(progress: JournalProgress) -> dict[str, Any]:
    return {
        "start_open": progress.start_open,
        "now_open": progress.now_open,
        "never_discussed": progress.never_discussed,
        "meetings": [asdict(point) for point in progress.meetings],
        "longest_open": [asdict(item) for item in progress.longest_open],
        "parties": [asdict(item) for item in progress.parties],
    }


def _print_progress(progress: JournalProgress) -> None:
    print(f"Open elements after each meeting (base text: {progress.start_open})")
    width = max((len(p.meeting) for p in progress.meetings), default=7)
    for point in progress.meetings:
        print(
            f"  {point.meeting.ljust(width)}  {point.open_elements:>6,} open"
            f"  ({point.positions:,} positions, {point.resolutions:,} changes; last {point.last_time[:16]})"
        )
    print(f"  now: {progress.now_open:,} open, {progress.never_discussed:,} not yet discussed")
    if progress.longest_open:
        print()
        print("Open longest (since a Party first spoke on them)")
        for item in progress.longest_open:
            since = item.first_time[:16] + (f" ({item.first_meeting})" if item.first_meeting else "")
            print(
                f"  {item.element_id}  line {item.line}  since {since}  {item.status}"
                f"  {item.meetings} meeting{'s' if item.meetings != 1 else ''}, {', '.join(item.parties)}"
            )
    if progress.parties:
        print()
        print("Parties on the most open elements")
        width = max(len(p.party) for p in progress.parties)
        for load_ in progress.parties:
            print(
                f"  {load_.party.ljust(width)}  {load_.open_elements:>5,} open  {load_.objecting:>5,} objecting"
            )


def run(args: argparse.Namespace) -> int:
    drafts = [load(name) for name in args.files]
    try:
        dates = _dates(args, drafts)
        suffix = chart_suffix(args.chart) if args.chart else None
        progress = _progress(args)
    except (DateError, ChartError, SessionError) as error:
        print(f"drafter: {error}", file=sys.stderr)
        return 2
    rows: list[VersionStats] = [
        version_stats(label, draft, date)
        for label, draft, date in zip(labels(args.files), drafts, dates, strict=True)
    ]
    diffs = [compare(old, new) for old, new in itertools.pairwise(drafts)]
    sections = section_rows(drafts, diffs)
    if args.json:
        data: dict[str, Any] = {
            "versions": [row.as_dict() for row in rows],
            "sections": _sections_dict(sections),
        }
        if progress is not None:
            data["journal"] = _progress_dict(progress)
        dump(data)
    else:
        print(table(rows))
        print()
        print(terminal_chart(rows, shutil.get_terminal_size((100, 24)).columns))
        columns = [row.date.label() if row.date is not None else row.name for row in rows]
        for measure in Measure:
            print()
            print(section_table(sections, columns, measure))
        if progress is not None:
            print()
            _print_progress(progress)
    if args.chart and suffix:
        burn_down = (
            (progress.meetings, progress.start_open) if progress is not None and progress.meetings else None
        )
        drawn = chart_bytes(rows, sections, suffix, burn_down)
        write_output(args.chart, drawn, force=args.force, protect=_inputs(args))
    return 0


def _inputs(args: argparse.Namespace) -> list[Path]:
    """The drafts and their journals: a chart never goes over them."""
    drafts = [Path(name) for name in args.files]
    journals = [Path(args.journal)] if args.journal else [journal_path_for(path) for path in drafts]
    return drafts + journals
