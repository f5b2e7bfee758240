"""The TUI and a journal it may not write at once: a banner, and changes that wait for the lock.

- Read-only (the folder or the journal file may not be written, from the start or since a write found
  so): a banner above the text says why; the screen goes on showing the journal, writes are refused.
- In use (another drafter process holds the write lock): each try waits only `BUSY_WAIT` seconds, so
  the screen never freezes; the change waits in a queue, in order, and is tried again every
  `RETRY_EVERY` seconds, the banner saying how many wait; after `GIVE_UP_AFTER` seconds they are
  dropped, and the user is told that nothing of them was recorded. Each retry is a new write from the
  text as it is then: a change another facilitator made meanwhile refuses it (`refuse_if_changed`).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.widget import Widget

BUSY_WAIT = 0.25  # seconds one try waits for another process's write lock (on the UI thread)
RETRY_EVERY = 0.5  # seconds between tries of a waiting change
GIVE_UP_AFTER = 30.0  # seconds a change may wait for the journal before it is dropped


class JournalBanner(Widget):
    """One line above the text, shown only when the journal is read-only or in use."""

    DEFAULT_CSS = """
    JournalBanner { height: auto; display: none; padding: 0 1; color: $text; }
    JournalBanner.-read-only { display: block; background: $error 60%; }
    JournalBanner.-waiting { display: block; background: $warning 50%; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()

    def render(self) -> Text:
        return self._text

    def show(self, text: str, *, read_only: bool) -> None:
        self._text = Text(text)  # a plain Text: paths and reasons may hold [brackets]
        self.set_class(read_only, "-read-only")
        self.set_class(not read_only, "-waiting")
        self.refresh(layout=True)

    def hide(self) -> None:
        self.remove_class("-read-only", "-waiting")

    @property
    def text(self) -> str:
        shown = self.has_class("-read-only") or self.has_class("-waiting")
        return self._text.plain if shown else ""


@dataclass(slots=True)
class WaitingChange:
    description: str
    call: Callable[[], object]
    since: float


class WaitingChanges:
    """Changes that found the journal in use, in the order they were made."""

    def __init__(self) -> None:
        self._queue: deque[WaitingChange] = deque()

    def __len__(self) -> int:
        return len(self._queue)

    def add(self, description: str, call: Callable[[], object]) -> None:
        self._queue.append(WaitingChange(description, call, time.monotonic()))

    def first(self) -> WaitingChange | None:
        return self._queue[0] if self._queue else None

    def done(self) -> None:
        self._queue.popleft()

    def expired(self) -> bool:
        first = self.first()
        return first is not None and time.monotonic() - first.since > GIVE_UP_AFTER

    def drop_all(self) -> list[str]:
        dropped = [waiting.description for waiting in self._queue]
        self._queue.clear()
        return dropped
