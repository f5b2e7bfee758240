"""Python's cyclic garbage collector, run between keys rather than in the middle of them.

A change to a 300 KB draft makes tens of thousands of small objects (the model after the edited
window is moved, so it is new). Left to itself the collector traverses them while the key is still
being handled: 5-10 ms on every change, and a full pass of 20-40 ms every few changes, which is most
of a key's 50 ms budget. So while a draft is open the automatic collector is off; the young
generations are collected a few times a second (a pass costs what was allocated since the last one),
and the whole heap once the user has paused. Objects are still freed by reference counting at once;
only reference cycles wait, and never longer than the next pause.
"""

from __future__ import annotations

import gc

from textual.message_pump import MessagePump
from textual.timer import Timer

YOUNG_EVERY = 0.25  # seconds between collections of the young generations
FULL_AFTER_IDLE = 2.0  # seconds without input before the whole heap is collected


class IdleCollector:
    def __init__(self, app: MessagePump) -> None:
        self._app = app
        self._was_enabled = gc.isenabled()
        self._young: Timer | None = None
        self._full: Timer | None = None
        self._pending = False  # input since the last full collection

    def start(self) -> None:
        """Takes over from the automatic collector; what exists now (the opened draft) is never traversed."""
        gc.freeze()
        gc.disable()
        self._young = self._app.set_interval(YOUNG_EVERY, self._collect_young, name="collect young")
        self._full = self._app.set_interval(FULL_AFTER_IDLE, self._collect_all, name="collect all")

    def input_seen(self) -> None:
        """Puts the full collection off until the user pauses again."""
        self._pending = True
        if self._full is not None:
            self._full.reset()

    def stop(self) -> None:
        for timer in (self._young, self._full):
            if timer is not None:
                timer.stop()
        self._young = self._full = None
        gc.unfreeze()
        if self._was_enabled:
            gc.enable()

    def _collect_young(self) -> None:
        gc.collect(1)

    def _collect_all(self) -> None:
        if self._pending:
            self._pending = False
            gc.collect()
