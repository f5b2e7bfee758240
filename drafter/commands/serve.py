"""`drafter serve FILE`: the room's live, read-only view of the draft in delegates' browsers.

One web process fed by the journal (beside FILE, or `--journal URL` shared with the facilitators):
every change, position and cursor move reaches every browser within a second. Binds 127.0.0.1 unless
`--host` opens it to the room's network, then prints the address and a QR code for phones.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from typing import TYPE_CHECKING, Any, TextIO

from drafter.commands.sessions import add_file, reports_session_errors
from drafter.negotiation.session import Session, SessionError
from drafter.workspace import open_session

if TYPE_CHECKING:
    from drafter.serve.app import Room

DEFAULT_PORT = 8765
GENERATE = "new"  # `--access-code` alone: make one up


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="show the draft live, read-only, in delegates' browsers (the room's screen and phones)",
        description="Serves a live web page of the consolidated text: brackets coloured by depth, "
        "paragraph references, the element under discussion highlighted and followed as the facilitator "
        "moves, its choices and the Parties' positions. Every journal event reaches every browser. "
        "Viewers can never write. Starts the draft's journal (empty) if it has none, so the facilitator's "
        "place in the text reaches the room. Exit 0 on Ctrl+C, 2 when FILE, the journal or the port "
        "cannot be used.",
    )
    add_file(parser)
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on: 127.0.0.1 (default) is this machine only; 0.0.0.0 opens the room "
        "to the network and prints its address and a QR code",
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port to listen on (default {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--follow",
        metavar="ACTOR",
        help="follow this facilitator's cursor (default: whoever moved last)",
    )
    parser.add_argument(
        "--no-positions",
        action="store_true",
        help="hide the Parties' positions (where attribution is sensitive)",
    )
    parser.add_argument(
        "--access-code",
        nargs="?",
        const=GENERATE,
        metavar="CODE",
        help="viewers must give this code once (the printed address carries it); alone: make one up",
    )
    parser.set_defaults(run=run)


@reports_session_errors
def run(args: argparse.Namespace) -> int:
    from drafter.serve.announce import new_access_code
    from drafter.serve.app import Room, RoomOptions

    if not 0 <= args.port <= 65535:
        print(f"drafter: --port {args.port}: not a port number", file=sys.stderr)
        return 2
    code = new_access_code() if args.access_code == GENERATE else args.access_code
    if code is not None and not code.strip():
        print("drafter: --access-code: the code is empty", file=sys.stderr)
        return 2
    session = _room_session(args)
    room = Room(session, RoomOptions(positions=not args.no_positions, follow=args.follow, access_code=code))
    try:
        bound = asyncio.run(_serve(room, args.host, args.port, announce_to=sys.stdout, code=code))
    finally:
        session.close()
    if bound is not None:
        print(f"drafter: cannot listen on {args.host}:{args.port}: {bound}", file=sys.stderr)
        return 2
    return 0


def _room_session(args: argparse.Namespace) -> Session:
    """The draft opened read-only for the room, its journal started first if it has none."""
    try:
        with open_session(args.file, journal_path=args.journal) as writable:
            if writable.start_journal():
                print(f"drafter serve: started the journal {writable.journal_location}", file=sys.stderr)
    except SessionError as error:  # a read-only folder, say: the room still shows the text
        print(
            f"drafter serve: no journal could be started ({error}); showing the text as read", file=sys.stderr
        )
    return open_session(args.file, journal_path=args.journal, read_only=True)


async def _serve(room: Room, host: str, port: int, *, announce_to: TextIO, code: str | None) -> str | None:
    """Serves until SIGINT or SIGTERM; the reason when the address cannot be bound."""
    from aiohttp import web

    from drafter.serve.announce import announce, is_loopback, room_urls

    runner = web.AppRunner(room.app(), handle_signals=False, access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port, shutdown_timeout=1.0)
        try:
            await site.start()
        except OSError as error:
            return error.strerror or str(error)
        stopped = asyncio.Event()
        loop = asyncio.get_running_loop()
        for number in (signal.SIGINT, signal.SIGTERM):  # before "Ctrl+C stops the room" is printed
            loop.add_signal_handler(number, stopped.set)
        bound_port = runner.addresses[0][1] if runner.addresses else port
        urls = room_urls(host, bound_port, code)
        announce(announce_to, room.feed.session.path.name, urls, qr=not is_loopback(host), code=code)
        await stopped.wait()
    finally:
        await runner.cleanup()
    return None
