"""The viewers of the room and what each must be sent: the fan-out, on the web server's event loop.

Every update the feed publishes goes into each viewer's queue and into a ring of recent updates. A
viewer that connects gets, in the same step as it joins (so nothing falls between), a snapshot when
it is new, or the updates after the last one it saw when it comes back (`Last-Event-ID`) and the
ring still has them, else a snapshot. A viewer too slow to keep up is dropped; its browser
reconnects and catches up the same way.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable

from drafter.serve.feed import Message, RoomState

QUEUE_LENGTH = 256  # messages a viewer may fall behind before it is dropped
RING_LENGTH = 512  # recent updates kept for viewers that reconnect
RING_BYTES = 16 * 1024 * 1024  # and at most this much of them


class Viewer:
    """One connected browser: its queue of messages, and how to end its stream."""

    def __init__(self, stop: Callable[[], None]) -> None:
        self.queue: asyncio.Queue[Message] = asyncio.Queue(QUEUE_LENGTH)
        self._stop = stop
        self.dropped = False

    def offer(self, message: Message) -> None:
        if self.dropped:
            return
        try:
            self.queue.put_nowait(message)
        except asyncio.QueueFull:
            self.drop()

    def drop(self) -> None:
        self.dropped = True
        self._stop()


class Hub:
    def __init__(self, state: RoomState) -> None:
        self.state = state
        self.viewers: set[Viewer] = set()
        self._ring: deque[Message] = deque()
        self._ring_bytes = 0

    def publish(self, state: RoomState, message: Message) -> None:
        """A message from the feed (called on the event loop): to every viewer, and into the ring."""
        self.state = state
        if message.event == "update":
            self._ring.append(message)
            self._ring_bytes += len(message.data)
            while len(self._ring) > RING_LENGTH or self._ring_bytes > RING_BYTES:
                self._ring_bytes -= len(self._ring.popleft().data)
        for viewer in self.viewers:
            viewer.offer(message)

    def join(self, stop: Callable[[], None], since: int | None) -> tuple[Viewer, list[Message]]:
        """A new viewer, and what it must be sent first: it saw the journal up to `since` (None: nothing)."""
        viewer = Viewer(stop)
        self.viewers.add(viewer)
        return viewer, self.catch_up(since)

    def catch_up(self, since: int | None) -> list[Message]:
        state = self.state
        if since == state.seq:
            return []
        if since is not None and since < state.seq:
            missed = [m for m in self._ring if m.seq is not None and m.seq > since]
            if missed and missed[0].after == since:
                return missed
        return [state.snapshot]

    def leave(self, viewer: Viewer) -> None:
        self.viewers.discard(viewer)

    def close(self) -> None:
        """Ends every viewer's stream (the server is stopping)."""
        for viewer in list(self.viewers):
            viewer.drop()
