"""Finding a draft's journal on opening: its own, read where drafter may not write, and refused (or
worked on as it began) when the file is no longer the text the journal began with.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from drafter.journal import Journal, JournalError, JournalReadOnlyError, JournalStore
from drafter.negotiation.transaction import SessionError, refusal


@dataclass(frozen=True, slots=True)
class FoundJournal:
    """What opening found: the journal (None: none yet), the text to work on, and how."""

    journal: Journal | None
    text: str  # the file's text, or the journal's copy of its base text (`on_journal_base`)
    read_only: bool
    read_only_reason: str | None  # why a session asked to write opens read-only
    on_journal_base: bool


def find_journal(
    store: JournalStore, draft_path: Path, text: str, *, read_only: bool, journal_base: bool
) -> FoundJournal:
    """The draft's journal in `store`, if any. Where drafter may not write, it is read as it is, and
    said so. `BaseChanged` when the file changed since the journal began, unless `journal_base`."""
    data = text.encode("utf-8")
    sha256 = hashlib.sha256(data).hexdigest()
    why_read_only = None
    try:
        try:
            journal = store.open(draft_path.name, sha256, read_only=read_only)
        except JournalReadOnlyError as error:  # may not write here: read what there is, and say so
            why_read_only, read_only = str(error), True
            journal = store.open(draft_path.name, sha256, read_only=True)
    except JournalError as error:
        raise refusal(error) from None
    on_journal_base = False
    if journal is not None:
        try:
            check_base(draft_path, data, journal)
        except BaseChanged:
            if not journal_base:
                journal.close()
                raise
            text, on_journal_base = journal.base_text.decode("utf-8"), True
    return FoundJournal(journal, text, read_only, why_read_only, on_journal_base)


class BaseChanged(SessionError):
    """The draft on disk is not the text its journal began with: the user chooses what to do."""

    def __init__(self, draft_path: Path, file_sha256: str, journal: Journal) -> None:
        self.draft_path = draft_path
        self.file_sha256 = file_sha256
        self.base_sha256 = journal.base_sha256
        self.journal_location = journal.location
        super().__init__(
            f"{draft_path} changed since its journal {journal.location} began (file SHA-256 "
            f"{file_sha256[:12]}…, journal base {journal.base_sha256[:12]}…). Either keep working on the "
            f"journal's copy of the text it began with: add --journal-base (the file is left alone); or "
            f"carry the journal to the changed text: drafter carry {draft_path}"
        )


def check_base(draft_path: Path, data: bytes, journal: Journal) -> None:
    """Refuses (`BaseChanged`) a journal that did not begin with `data`."""
    sha = hashlib.sha256(data).hexdigest()
    if sha != journal.base_sha256:
        raise BaseChanged(draft_path, sha, journal)
