"""Opening a draft with its journal: where the command line, the TUI and the tests get a `Session`.

The session works through the journal's storage interface; this is where its store is chosen
(`drafter.journal.locate`: the SQLite file beside the draft, a file `--journal` names, or a PostgreSQL
database by URL), so the negotiation layer never names a backend.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from drafter.formats.source import read_source
from drafter.journal import JournalError
from drafter.journal.locate import journal_store
from drafter.journal.sqlite import SqliteStore
from drafter.negotiation.reading import SourceText
from drafter.negotiation.session import Session, SessionError
from drafter.text.parser import ReadError


def open_session(
    path: str | os.PathLike[str],
    *,
    actor: str | None = None,
    journal_path: str | os.PathLike[str] | None = None,
    read_only: bool = False,
    busy_timeout: float = 5.0,
    reader: Callable[[Path], SourceText] = read_source,
    journal_base: bool = False,
) -> Session:
    """Opens the draft at `path` (read by `reader`: every format drafter reads, by default) and replays
    its journal (`journal_path`: a file or a postgresql:// URL); an unreadable draft or journal location
    is a `SessionError` too. `journal_base`: when the file changed since its journal began, work on the
    journal's copy of the text it began with (`Session.open`)."""
    try:
        store = journal_store(journal_path, Path(path), busy_timeout=busy_timeout)
        session = Session.open(
            path, store, actor=actor, read_only=read_only, reader=reader, journal_base=journal_base
        )
    except (ReadError, JournalError) as error:
        raise SessionError(str(error)) from None
    if isinstance(store, SqliteStore):
        session.neighbours = _journals_beside(store.path)
    return session


def _journals_beside(journal: Path) -> tuple[SqliteStore, ...]:
    """The journals of other versions of the draft in the same folder (where it was settled before)."""
    own = journal.resolve()
    return tuple(
        SqliteStore(p) for p in sorted(journal.parent.glob("*.drafter.sqlite")) if p.resolve() != own
    )
