"""`drafter journal copy FILE --to PATH|URL`: move a draft's journal between a SQLite file and a
PostgreSQL database (either way); `drafter journal drafts URL`: the drafts a database holds."""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path
from typing import Any

from drafter.formats.source import read_source
from drafter.journal import JournalError
from drafter.journal.copy import copy_journal
from drafter.journal.locate import is_database_url, journal_store


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "journal",
        help="copy a draft's journal between a file and a PostgreSQL database; list a database's drafts",
        description="Journals live in a SQLite file beside the draft or in a PostgreSQL database shared by "
        "several facilitators. Exit 0 done, 2 refused (nothing written).",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    copy = actions.add_parser(
        "copy",
        help="copy FILE's journal, every event byte for byte, to a file or a postgresql:// URL",
        description="Copies the journal of FILE (from --journal, else $DRAFTER_JOURNAL, else beside FILE) "
        "to TARGET in one transaction. A target already holding this draft's journal is only extended, "
        "when its events are the source's first ones; journals that went separate ways are refused.",
    )
    copy.add_argument("file", metavar="FILE", help="the draft")
    copy.add_argument(
        "--journal",
        metavar="PATH|URL",
        help="the journal to copy: a file or a postgresql:// URL (default: $DRAFTER_JOURNAL, else FILE.drafter.sqlite)",
    )
    copy.add_argument("--to", required=True, metavar="PATH|URL", help="where the copy goes")
    copy.set_defaults(run=run_copy)
    drafts = actions.add_parser(
        "drafts",
        help="the drafts whose journals a PostgreSQL database holds",
        description="One line a draft.",
    )
    drafts.add_argument("url", metavar="URL", help="postgresql://…")
    drafts.set_defaults(run=run_drafts)


def run_copy(args: argparse.Namespace) -> int:
    path = Path(args.file)
    data = read_source(path).text.encode("utf-8")  # the base text as the session reads it
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        source_store = journal_store(args.journal, path)
        target_store = journal_store(args.to, path)
        source = source_store.open(path.name, sha256, read_only=True)
        if source is None or source.base_sha256 != sha256:
            if source is not None:
                source.close()
            raise JournalError(f"{source_store.location}: holds no journal of {path} as it is now")
        try:
            target, added = copy_journal(source, target_store, path.name)
        finally:
            source.close()
        total = target.last_seq()
        target.close()
    except JournalError as error:
        print(f"drafter: {error}", file=sys.stderr)
        return 2
    print(f"{path.name}: {added} of {total} events copied from {source.location} to {target.location}")
    return 0


def run_drafts(args: argparse.Namespace) -> int:
    if not is_database_url(args.url):
        print(f"drafter: {args.url}: not a postgresql:// URL", file=sys.stderr)
        return 2
    from drafter.journal.postgres import PostgresStore  # psycopg loads only here

    try:
        drafts = PostgresStore(args.url).drafts()
    except JournalError as error:
        print(f"drafter: {error}", file=sys.stderr)
        return 2
    for name, sha256, events, created in drafts:
        print(f"{name}  base {sha256[:12]}  {events} events  since {created[:19]}")
    if not drafts:
        print("no drafts yet")
    return 0
