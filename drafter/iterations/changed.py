"""A draft that changed on disk since its journal began: its journal carried to the text it has now.

The journal is read on its own copy of the text it began with, carried to the
file's text, and set aside unchanged (a SQLite journal is renamed
`FILE.<base SHA-256>.drafter.sqlite`; a database keeps both) so the new journal
takes its place: the same for `drafter carry FILE` and for the choice the TUI
offers at open.
"""

from __future__ import annotations

import os
from pathlib import Path

from drafter.formats.source import read_source
from drafter.iterations.chain import Carried, CarryError, prepare, write
from drafter.journal.locate import journal_store
from drafter.workspace import open_session


def carry_changed(
    path: str | os.PathLike[str],
    *,
    actor: str | None = None,
    journal: str | None = None,
    dry_run: bool = False,
) -> Carried:
    draft_path = Path(path)
    with open_session(
        draft_path, journal_path=journal, read_only=True, journal_base=True, actor=actor
    ) as old:
        if not old.on_journal_base:
            raise CarryError(f"{draft_path}: has not changed since its journal began; nothing to carry")
        new = read_source(draft_path).parse()
        plan, chain = prepare(old, new)
        base_sha256, who = str(chain[-1]["base_sha256"]), old.actor
    store = journal_store(journal, draft_path)
    if dry_run:
        return Carried(plan, store.location, chain, written=False)
    aside = store.set_aside(draft_path.name, base_sha256)
    chain[-1]["journal"] = aside
    write(plan, chain, new, draft_path.name, store, actor=who)
    return Carried(plan, store.location, chain, written=True, set_aside=aside)
