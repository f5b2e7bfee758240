"""What the room's tests share: a free port of the room's range, and a reader of event streams."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field

import aiohttp
import pytest

ROOM_PORTS = range(8766, 8800)  # 8765 is the default a person's own `drafter serve` may hold


@pytest.fixture
def room_port() -> int:
    """A port of the range that nothing listens on now (each test worker starts in its own part)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    offset = (int(worker) * 8 if worker.isdigit() else 0) % len(ROOM_PORTS)
    for k in range(len(ROOM_PORTS)):
        port = ROOM_PORTS[(offset + k) % len(ROOM_PORTS)]
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.fail(f"no free port in {ROOM_PORTS.start}-{ROOM_PORTS.stop - 1}")


@dataclass
class Event:
    event: str = "message"
    data: str = ""
    id: str | None = None
    comments: list[str] = field(default_factory=list)


async def next_event(response: aiohttp.ClientResponse, *, comments: bool = False) -> Event:
    """The next event of a text/event-stream (a comment alone counts as one when `comments`)."""
    event = Event()
    lines: list[str] = []
    while True:
        raw = await response.content.readline()
        if not raw:
            raise EOFError("the stream ended")
        line = raw.decode("utf-8").rstrip("\r\n")
        if line == "":
            if lines or (comments and event.comments):
                event.data = "\n".join(lines)
                return event
            continue
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "":
            event.comments.append(value)
        elif name == "data":
            lines.append(value)
        elif name == "event":
            event.event = value
        elif name == "id":
            event.id = value
