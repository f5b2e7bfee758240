"""`drafter serve`'s web server (aiohttp): the page, its style and script, and the event stream.

Every route answers GET (and HEAD) only: a viewer can read the room and never write. The session is
opened read-only and belongs to the feed's thread; the event loop only hands out the states and
messages the feed publishes. With an access code, a viewer's first request carries `?code=` (the QR
code's URL does) and gets a cookie for the rest.
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from aiohttp import web
from aiohttp_sse import EventSourceResponse, sse_response

from drafter.formats.html_page import html_text
from drafter.negotiation.session import Session
from drafter.serve.feed import Feed, Message, RoomState
from drafter.serve.hub import Hub
from drafter.serve.page import room_page, script, stylesheet

KEEPALIVE = 15.0  # seconds between comments on an idle stream (proxies and phones drop silent ones)
RECONNECT_MS = 1000  # how soon a browser reconnects after losing the stream
# A viewer whose stream takes no data for this long (a phone asleep with the connection open, a dead
# network) is let go: the write times out, or the kernel gives up on the unacknowledged bytes
# (TCP_USER_TIMEOUT, Linux). Its browser, when it wakes, reconnects and catches up from its last event.
SEND_TIMEOUT = 30.0
COOKIE = "drafter-room"
WRONG_CODE_DELAY = 1.0  # seconds a wrong access code waits: guessing is slow
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

PUBLIC = frozenset({"/room.css", "/room.js"})  # no access code needed: they hold nothing of the draft

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True, slots=True)
class RoomOptions:
    positions: bool = True  # show the Parties' positions (`--no-positions` hides them)
    follow: str | None = None  # the facilitator whose cursor the room follows (None: the latest to move)
    access_code: str | None = None  # viewers must give it once (None: anyone who can reach the server)


class Room:
    """The running room: the feed's thread, the hub on the event loop, and the web application."""

    def __init__(self, session: Session, options: RoomOptions) -> None:
        self.options = options
        self._token = secrets.token_urlsafe(24)  # the cookie of viewers who gave the access code
        self._stop = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self.feed = Feed(session, self._publish, positions=options.positions, follow=options.follow)
        self.hub = Hub(self.feed.state)
        self._thread = threading.Thread(
            target=self.feed.run, args=(self._stop,), name="room-feed", daemon=True
        )
        self._style, self._script = stylesheet(), script()

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self._headers, self._access])
        app.router.add_get("/", self._page)
        app.router.add_get("/room.css", self._asset(self._style, "text/css"))
        app.router.add_get("/room.js", self._asset(self._script, "text/javascript"))
        app.router.add_get("/events", self._events)
        app.on_startup.append(self._start_feed)
        app.on_shutdown.append(self._stop_feed)
        return app

    # --- the feed ------------------------------------------------------------------

    async def _start_feed(self, app: web.Application) -> None:
        self._loop = asyncio.get_running_loop()
        self._thread.start()

    async def _stop_feed(self, app: web.Application) -> None:
        self._stop.set()
        self.hub.close()
        await asyncio.to_thread(self._thread.join)

    def _publish(self, state: RoomState, message: Message) -> None:
        """Called on the feed's thread: the hub takes the message on the event loop."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self.hub.publish, state, message)

    # --- routes --------------------------------------------------------------------

    async def _page(self, request: web.Request) -> web.StreamResponse:
        page = room_page(self.hub.state, positions=self.options.positions)
        return web.Response(text=page, content_type="text/html", charset="utf-8")

    def _asset(self, body: bytes, content_type: str) -> Handler:
        async def asset(request: web.Request) -> web.StreamResponse:
            return web.Response(body=body, content_type=content_type, charset="utf-8")

        return asset

    async def _events(self, request: web.Request) -> web.StreamResponse:
        since = _since(request, self.hub.state.room)
        async with sse_response(request, ping_interval=KEEPALIVE, send_timeout=SEND_TIMEOUT) as stream:
            viewer, first = self.hub.join(stream.stop_streaming, since)
            sender = asyncio.create_task(self._send(stream, viewer.queue, first))
            try:
                await stream.wait()  # until the browser goes, or the viewer is dropped
            finally:
                self.hub.leave(viewer)
                sender.cancel()
        return stream

    async def _send(
        self, stream: EventSourceResponse, queue: asyncio.Queue[Message], first: list[Message]
    ) -> None:
        try:
            await stream.send("{}", event="hello", retry=RECONNECT_MS)
            for message in first:
                await _send_message(stream, message)
            while True:
                await _send_message(stream, await queue.get())
        except (ConnectionError, RuntimeError, TimeoutError):
            stream.stop_streaming()

    # --- middleware ----------------------------------------------------------------

    @web.middleware
    async def _headers(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        try:
            response = await handler(request)
        except web.HTTPException as refusal:  # a redirect or refusal is answered with them too
            refusal.headers.update(SECURITY_HEADERS)
            raise
        response.headers.update(SECURITY_HEADERS)
        return response

    @web.middleware
    async def _access(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        code = self.options.access_code
        if (
            code is None
            or request.path in PUBLIC
            or hmac.compare_digest(request.cookies.get(COOKIE, ""), self._token)
        ):
            return await handler(request)
        given = request.query.get("code")
        if given is not None and hmac.compare_digest(given.strip().encode(), code.encode()):
            rest = {k: v for k, v in request.query.items() if k != "code"}
            entered = web.HTTPSeeOther(request.path + (f"?{urlencode(rest)}" if rest else ""))
            entered.set_cookie(COOKIE, self._token, httponly=True, samesite="Strict")
            raise entered
        if given is not None:
            await asyncio.sleep(WRONG_CODE_DELAY)
        if request.path != "/":
            raise web.HTTPForbidden(text="this room needs its access code: open the room's address first")
        return web.Response(
            status=403, text=_code_page(wrong=given is not None), content_type="text/html", charset="utf-8"
        )


async def _send_message(stream: EventSourceResponse, message: Message) -> None:
    await stream.send(message.data, id=None if message.seq is None else str(message.seq), event=message.event)


def _since(request: web.Request, room: str) -> int | None:
    """The journal sequence the viewer has seen: its `Last-Event-ID` (a reconnecting browser), else
    `?since=` (the page's first connection); None for another room's page or nothing given."""
    if request.query.get("room", room) != room:
        return None
    value = request.headers.get("Last-Event-ID") or request.query.get("since")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _code_page(*, wrong: bool) -> str:
    notice = '<p class="wrong">That code is not right.</p>' if wrong else ""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Access code</title>'
        '<link rel="stylesheet" href="room.css"></head><body class="code-page"><form method="get" action="./">'
        f"<h1>{html_text('This room needs an access code')}</h1>{notice}"
        '<label>Access code <input name="code" autocomplete="off" autofocus required></label> '
        "<button>Open</button></form></body></html>"
    )
