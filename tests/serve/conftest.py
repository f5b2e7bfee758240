"""What the room's tests share: a reader of event streams (servers take a port the system picks)."""

from __future__ import annotations

from dataclasses import dataclass, field

import aiohttp


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
