"""The room's web server over HTTP: the page, the event stream (snapshot, live updates, resuming with
Last-Event-ID, keepalives), read-only routes and the access code; on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import json
import shutil
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from drafter.negotiation.session import Stance
from drafter.serve import app as app_module
from drafter.serve.app import Room, RoomOptions
from drafter.workspace import open_session
from tests.conftest import SAMPLES
from tests.serve.conftest import next_event

pytestmark = pytest.mark.usefixtures("journal_backend")  # every test on SQLite and on PostgreSQL
WAIT = 20.0  # seconds a test waits for what must come (a bound, not a measure: see bench/bench_serve.py)


@asynccontextmanager
async def serving(path: Path, **options: object) -> AsyncIterator[tuple[str, aiohttp.ClientSession]]:
    """The room on a port the system picks (xdist-safe), and a client with a browser's cookie jar."""
    with open_session(path) as chair:
        chair.start_journal()
    session = open_session(path, read_only=True)
    server = TestServer(Room(session, RoomOptions(**options)).app(), host="127.0.0.1")  # type: ignore[arg-type]
    await server.start_server()
    try:
        # A browser keeps a cookie from an address like 127.0.0.1; aiohttp's client must be told to.
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as client:
            yield f"http://127.0.0.1:{server.port}", client
    finally:
        await server.close()
        session.close()


async def in_thread(function: object, *args: object) -> object:
    return await asyncio.to_thread(function, *args)  # type: ignore[arg-type]


def bob_writes(path: Path, party: str) -> None:
    with open_session(path, actor="bob") as bob:
        bob.record_position("be33794a", party, Stance.ACCEPTS)


def run(coroutine: object) -> None:
    asyncio.run(coroutine)  # type: ignore[arg-type]


def test_the_page_is_the_export_html_and_the_routes_only_read(ocean: Path) -> None:
    async def check() -> None:
        async with serving(ocean) as (url, client):
            async with client.get(url + "/") as page:
                assert page.status == 200 and page.content_type == "text/html"
                html = await page.text()
                assert "script-src 'self'" in page.headers["Content-Security-Policy"]
                assert page.headers["X-Content-Type-Options"] == "nosniff"
            assert '<article class="draft" id="text">' in html and "g18d9f37" in html
            assert 'class="b d1' in html and '<span class="ref">' in html  # brackets by depth, references
            for asset, kind in (("/room.css", "text/css"), ("/room.js", "text/javascript")):
                async with client.get(url + asset) as response:
                    assert response.status == 200 and response.content_type == kind
            for method in ("POST", "PUT", "DELETE", "PATCH"):
                for route in ("/", "/events", "/room.js"):
                    async with client.request(method, url + route, data=b"x") as response:
                        assert response.status == 405, (method, route)
            async with client.get(url + "/journal") as response:
                assert response.status == 404

    run(check())
    with open_session(ocean, read_only=True) as after:
        assert after.history() == ()  # nothing a viewer did wrote anything


def test_the_stream_gives_a_snapshot_then_every_write_and_resumes_where_a_viewer_left(ocean: Path) -> None:
    async def check() -> None:
        async with serving(ocean) as (url, client):
            async with client.get(url + "/events") as stream:
                assert stream.content_type == "text/event-stream"
                assert (await next_event(stream)).event == "hello"
                snapshot = await next_event(stream)
                assert snapshot.event == "snapshot" and snapshot.id == "0"
                assert "g18d9f37" in "".join(json.loads(snapshot.data)["blocks"])
                for k, party in enumerate(("EU", "AOSIS", "LDCs"), 1):
                    await in_thread(bob_writes, ocean, party)
                    update = await asyncio.wait_for(next_event(stream), WAIT)
                    assert (update.event, update.id) == ("update", str(k))
                    data = json.loads(update.data)
                    assert data["after"] == k - 1 and data["activity"][0]["seq"] == k
            # A browser coming back after event 1 gets events 2 and 3 only, then what comes next.
            async with client.get(url + "/events", headers={"Last-Event-ID": "1"}) as stream:
                assert (await next_event(stream)).event == "hello"
                assert [(e.event, e.id) for e in [await next_event(stream), await next_event(stream)]] == [
                    ("update", "2"),
                    ("update", "3"),
                ]
                await in_thread(bob_writes, ocean, "China")
                assert (await asyncio.wait_for(next_event(stream), WAIT)).id == "4"
            # The page's first connection says where the page is (?since=), and which room it is from.
            async with client.get(url + "/events?since=4") as stream:
                assert (await next_event(stream)).event == "hello"
                await in_thread(bob_writes, ocean, "India")
                assert (await asyncio.wait_for(next_event(stream), WAIT)).id == "5"
            async with client.get(url + "/events?since=5&room=elsewhere") as stream:
                await next_event(stream)
                assert (await next_event(stream)).event == "snapshot"

    run(check())


def test_an_idle_stream_gets_keepalives(ocean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "KEEPALIVE", 0.2)

    async def check() -> None:
        async with serving(ocean) as (url, client), client.get(url + "/events?since=0") as stream:
            assert (await next_event(stream)).event == "hello"
            ping = await asyncio.wait_for(next_event(stream, comments=True), WAIT)
            assert ping.comments == ["ping"] and ping.data == ""

    run(check())


def test_an_access_code_keeps_out_who_does_not_have_it(ocean: Path) -> None:
    async def check() -> None:
        async with serving(ocean, access_code="tea4two") as (url, client):
            async with client.get(url + "/") as page:
                assert page.status == 403 and "access code" in await page.text()
                assert "g18d9f37" not in await page.text()
            async with client.get(url + "/events") as stream:
                assert stream.status == 403
            async with client.get(url + "/room.css") as style:
                assert style.status == 200  # the code page needs its style; it holds nothing of the draft
            async with client.get(url + "/?code=tea4too") as wrong:
                assert wrong.status == 403 and "not right" in await wrong.text()
            async with client.get(url + "/?code=tea4two", allow_redirects=False) as right:
                assert right.status == 303 and right.headers["Location"] == "/"
                assert "HttpOnly" in right.headers["Set-Cookie"]
            async with client.get(url + "/") as page:  # the cookie from now on
                assert page.status == 200 and "g18d9f37" in await page.text()
            async with client.get(url + "/events") as stream:
                assert stream.status == 200 and (await next_event(stream)).event == "hello"

    run(check())


def test_a_viewer_that_stops_reading_is_let_go_and_the_others_go_on(
    ocean: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "SEND_TIMEOUT", 1.0)
    monkeypatch.setattr(app_module, "KEEPALIVE", 0.2)  # something for the stalled stream to take

    async def check() -> None:
        with open_session(ocean) as chair:
            chair.start_journal()
        session = open_session(ocean, read_only=True)
        room = Room(session, RoomOptions())
        server = TestServer(room.app(), host="127.0.0.1")  # type: ignore[arg-type]
        await server.start_server()
        # A phone asleep with the stream open: it asked, and reads nothing (a small receive buffer).
        stalled = socket.socket()
        stalled.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
        stalled.connect(("127.0.0.1", server.port))
        stalled.sendall(f"GET /events HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
        try:
            url = f"http://127.0.0.1:{server.port}/events"
            async with aiohttp.ClientSession() as client, client.get(url) as stream:
                assert [(await next_event(stream)).event for _ in range(2)] == ["hello", "snapshot"]
                for viewers, failure in ((2, "the stalled viewer never joined"), (1, "it was kept")):
                    started = asyncio.get_running_loop().time()
                    while len(room.hub.viewers) != viewers:
                        assert asyncio.get_running_loop().time() - started < WAIT, failure
                        await asyncio.sleep(0.02)
                await in_thread(bob_writes, ocean, "EU")
                while (update := await asyncio.wait_for(next_event(stream), WAIT)).event != "update":
                    pass  # keepalives
                assert update.id == "1"
        finally:
            stalled.close()
            await server.close()
            session.close()

    run(check())


def test_rooms_of_two_drafts_in_one_journal_store_each_get_their_own(ocean: Path) -> None:
    forest = ocean.parent / "forest.md"
    shutil.copy(SAMPLES / "forest-decision.md", forest)

    def write_on_forest() -> str:
        with open_session(forest, actor="carol") as carol:
            element = carol.elements()[0]
            carol.record_position(element.id, "Brazil", Stance.ACCEPTS)
            return element.id

    async def check() -> None:
        async with (
            serving(ocean) as (ocean_url, client),
            serving(forest) as (forest_url, _),
            client.get(ocean_url + "/events?since=0") as ocean_stream,
            client.get(forest_url + "/events?since=0") as forest_stream,
        ):
            assert (await next_event(ocean_stream)).event == "hello"
            assert (await next_event(forest_stream)).event == "hello"
            forest_id = await in_thread(write_on_forest)
            update = await asyncio.wait_for(next_event(forest_stream), WAIT)
            assert (update.event, update.id) == ("update", "1") and "Brazil" in update.data
            await in_thread(bob_writes, ocean, "EU")
            # The ocean room's first event is its own write: the forest's never reached it.
            update = await asyncio.wait_for(next_event(ocean_stream), WAIT)
            assert (update.event, update.id) == ("update", "1")
            assert "European Union" in update.data, update.data[:600]
            assert "Brazil" not in update.data and forest_id not in update.data

    run(check())
