"""How it was settled before: an element whose wording was resolved earlier gets that outcome suggested.

Drafts come back in new versions with the same brackets; when an element of the same wording (white
space aside) was resolved earlier in this journal, or in a journal beside another version of the draft
in the same folder, the facilitator is told what it became, where and when. A suggestion only: it
never applies itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from drafter.journal import JournalError, JournalStore, RecordKind
from drafter.negotiation.changes import Change, preview
from drafter.negotiation.elements import Element
from drafter.negotiation.positions import same_wording
from drafter.negotiation.records import change_from_record
from drafter.text.model import Draft

CHUNK = re.compile(r"\S{1,1024}")  # a word, or a piece of a long one
SETTLING = frozenset({RecordKind.KEEP, RecordKind.DELETE, RecordKind.CHOOSE, RecordKind.AMEND})


@dataclass(frozen=True, slots=True)
class Precedent:
    wording: str  # what the element read
    became: str  # what it became ("" when deleted)
    how: RecordKind
    time: str
    where: str  # "this journal" or the other journal's file name
    seq: int

    def describe(self) -> str:
        became = f"“{preview(self.became, 50)}”" if self.became.strip() else "(deleted)"
        return f"settled before as {became} ({self.how.value}, {self.time[:10]}, {self.where} #{self.seq})"


class Precedents:
    """Earlier resolutions by the wording they resolved, from this journal and its neighbours."""

    def __init__(self) -> None:
        self._by_wording: dict[str, list[Precedent]] = {}
        self._longest = 0  # the longest wording: an element's text is read no further

    def add(self, seq: int, time: str, change: Change, where: str) -> None:
        if change.kind not in SETTLING or not change.before.strip():
            return
        wording = same_wording(change.before)
        found = Precedent(wording, change.after, change.kind, time, where, seq)
        self._by_wording.setdefault(wording, []).append(found)
        self._longest = max(self._longest, len(wording))

    def add_journal(self, store: JournalStore) -> None:
        """Takes in the resolutions of another version's journal (read-only; an unreadable one is passed over)."""
        try:
            journal = store.open("", "", read_only=True)
        except JournalError:
            return
        if journal is None:
            return
        where = Path(store.location).name
        try:
            for record in journal.records(positions=False):
                if record.kind in SETTLING:
                    self.add(record.seq, record.time, change_from_record(record), where)
        except (JournalError, ValueError, KeyError):
            pass  # another version's journal is a hint, not a source of errors
        finally:
            journal.close()

    def for_element(self, draft: Draft, element: Element) -> list[Precedent]:
        """What elements of this wording became before, latest first."""
        if not self._by_wording:
            return []
        spans = [(element.start, element.end), *(() if element.is_group else element.choices.spans)]
        keys = {_wording_within(draft.text, start, end, self._longest) for start, end in spans}
        found = [p for key in keys if key is not None for p in self._by_wording.get(key, ())]
        return sorted(found, key=lambda p: p.time, reverse=True)


def _wording_within(text: str, start: int, end: int, limit: int) -> str | None:
    """`same_wording(text[start:end])` when it is at most `limit` characters long, else None.

    Reads O(limit) characters (and the white space between them), not the whole span: the precedents of
    each of 100,000 nested brackets would otherwise read the nest 100,000 times.
    """
    parts: list[str] = []
    length = 0
    previous_end = -1
    for match in CHUNK.finditer(text, start, end):
        if parts and match.start() != previous_end:  # white space between: one space
            parts.append(" ")
            length += 1
        parts.append(match.group())
        length += match.end() - match.start()
        if length > limit:
            return None
        previous_end = match.end()
    return "".join(parts)


def precedents(own: Iterable[tuple[int, str, Change]], neighbours: Iterable[JournalStore]) -> Precedents:
    """The index from this journal's changes in effect (seq, time, change) and the journals of other
    versions of the draft."""
    index = Precedents()
    for seq, time, change in own:
        index.add(seq, time, change, "this journal")
    for store in neighbours:
        index.add_journal(store)
    return index
