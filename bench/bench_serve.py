"""The room's fan-out: N simulated viewers (server-sent event streams) on one `drafter serve`, how soon a
journal write reaches every one of them, and the server's memory.

Run: `.venv/bin/python bench/bench_serve.py` (200 viewers, 30 changes, a 100 KB synthetic draft, the
SQLite journal); `--postgres` puts the journal in a throwaway PostgreSQL cluster (fsync on, socket port 8793,
its own socket directory); `--viewers N`, `--changes N`, `--size BYTES`.

Bounded and loopback only: the server listens on 127.0.0.1:8790; the viewers are this process's
connections; each change waits at most 10 s for every viewer; the server is stopped at the end.

Each change is written by a facilitator's session in this process (in a thread, so the viewers keep
reading), in turn: a Party's position (the text's marks change: one block re-sent), a move of the
facilitator's cursor (no text: the focus only), a resolution (the text changes). Its latency for a
viewer is the time from the write's commit (the call returning) to that viewer reading the event.

Slow clients: `--stalled N` (default 20) more viewers connect and never read a byte (a phone gone to
sleep with the connection open). They are there during the timed changes; then a burst of `--burst N`
cursor moves, written as fast as one session can, must still reach every reading viewer, and the bench
reports whether the server let go of the stalled ones `--stall-wait` seconds later (it drops a viewer
256 messages behind, or whose writes stay unacknowledged for SEND_TIMEOUT, 30 s).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import aiohttp

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from synthetic import synthetic_draft  # noqa: E402

from drafter.negotiation.session import Session, Stance  # noqa: E402
from drafter.workspace import open_session  # noqa: E402

PORT = 8790
PG_PORT = 8793  # the Unix socket's name only: the cluster listens on no TCP port
WAIT = 10.0  # seconds a change may take to reach every viewer before the bench gives up on it
PARTIES = ("EU", "USA", "AOSIS", "LMDC", "AGN", "Brazil")


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def rss_mib(pid: int) -> tuple[float, float]:
    """The process's resident memory now and at its peak (VmRSS, VmHWM), in MiB."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line
    )
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def cpu_seconds(pid: int) -> float:
    parts = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")


class Viewer:
    """One simulated browser: an event stream, and when each journal sequence reached it."""

    def __init__(self) -> None:
        self.arrived: dict[int, float] = {}
        self.sizes: dict[int, int] = {}
        self.connected = asyncio.Event()

    async def watch(self, client: aiohttp.ClientSession, url: str) -> None:
        async with client.get(url) as response:
            event_id, size = None, 0
            async for raw in response.content:
                line = raw.rstrip(b"\r\n")
                if not line:
                    if event_id is not None:
                        self.arrived[event_id] = time.monotonic()
                        self.sizes[event_id] = size
                        self.connected.set()
                    event_id, size = None, 0
                elif line.startswith(b"id: "):
                    event_id = int(line[4:])
                elif line.startswith(b"data: "):
                    size += len(line) - 6


def stall(port: int) -> socket.socket:
    """A viewer that asks for the event stream and never reads: a small receive buffer, nothing read."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect(("127.0.0.1", port))
    sock.sendall(f"GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
    return sock


def let_go(sock: socket.socket, wait: float) -> bool:
    """Whether the server closed this stalled viewer's stream: reads what is buffered until the end
    (True) or until nothing more comes for `wait` seconds (False: the server still holds it)."""
    sock.settimeout(wait)
    try:
        while sock.recv(1 << 16):
            pass
        return True
    except TimeoutError:
        return False
    except OSError:
        return True  # reset: let go too
    finally:
        sock.close()


def changes(session: Session, count: int) -> list[tuple[str, Callable[[], object]]]:
    """`count` writes, in turn a position, a cursor move and a resolution, on distinct elements."""
    elements = list(session.elements())
    made: list[tuple[str, Callable[[], object]]] = []
    for n in range(count):
        element = elements[(n * 7) % len(elements)]
        kind = ("position", "cursor", "resolution")[n % 3]
        if kind == "position":
            choice = 1 if element.is_group else None
            party = PARTIES[n % len(PARTIES)]
            made.append(
                (
                    kind,
                    lambda e=element, p=party, c=choice: session.record_position(
                        e.id, p, Stance.SUPPORTS, choice=c
                    ),
                )
            )
        elif kind == "cursor":
            made.append((kind, lambda e=element: session.set_setting("cursor", e.id)))
        else:
            made.append((kind, lambda: resolve_one(session)))
    return made


def resolve_one(session: Session) -> object:
    """Resolves the last open element that is not inside another (it is there whatever came before)."""
    element = [e for e in session.elements() if e.depth <= 1][-1]
    return session.choose(element.id, 1) if element.is_group else session.keep(element.id)


async def burst_of_moves(writer: Session, viewers: list[Viewer], count: int) -> tuple[float, int, int]:
    """`count` cursor moves as fast as the writer commits them: (seconds, viewers the last reached, the
    updates the first viewer got for them)."""
    elements = [e.id for e in writer.elements()][:2]
    first = writer.last_seq
    started = time.monotonic()

    def write() -> None:
        for n in range(count):
            writer.set_setting("cursor", elements[n % 2])

    await asyncio.to_thread(write)
    last = writer.last_seq
    deadline = time.monotonic() + WAIT
    while any(last not in v.arrived for v in viewers) and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
    reached = sum(last in v.arrived for v in viewers)
    return time.monotonic() - started, reached, sum(first < seq <= last for seq in viewers[0].arrived)


async def run(args: argparse.Namespace, draft: Path, journal: str | None) -> None:
    writer = open_session(draft, actor="chair", journal_path=journal, busy_timeout=30.0)
    writer.start_journal()
    command = [sys.executable, "-m", "drafter.commands.cli", "serve", str(draft), "--port", str(PORT)]
    server = subprocess.Popen(
        [*command, *(["--journal", journal] if journal else [])],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        for line in server.stdout:
            if "is live" in line:
                break
        else:
            raise SystemExit(f"drafter serve did not start: {server.stderr.read() if server.stderr else ''}")
        idle, _ = rss_mib(server.pid)
        print(f"server idle: {idle:.1f} MiB resident")
        viewers = [Viewer() for _ in range(args.viewers)]
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(
            connector=connector, timeout=aiohttp.ClientTimeout(total=None)
        ) as client:
            started = time.monotonic()
            tasks = [asyncio.create_task(v.watch(client, f"http://127.0.0.1:{PORT}/events")) for v in viewers]
            await asyncio.wait_for(asyncio.gather(*(v.connected.wait() for v in viewers)), 60)
            connected = time.monotonic() - started
            stalled = [stall(PORT) for _ in range(args.stalled)]
            snapshot = viewers[0].sizes[writer.last_seq]
            with_viewers, _ = rss_mib(server.pid)
            print(
                f"{args.viewers} viewers connected, each with a full snapshot ({snapshot / 1024:.0f} KiB), in "
                f"{connected:.2f} s; server {with_viewers:.1f} MiB resident "
                f"(+{(with_viewers - idle) * 1024 / args.viewers:.0f} KiB per viewer); "
                f"{args.stalled} more viewers connected that never read"
            )
            cpu_before = cpu_seconds(server.pid)
            latencies: dict[str, list[float]] = {}
            all_reached: list[float] = []
            sizes: dict[str, list[int]] = {}
            for kind, write in changes(writer, args.changes):
                await asyncio.sleep(0.3)
                await asyncio.to_thread(write)
                committed = time.monotonic()
                seq = writer.last_seq
                deadline = committed + WAIT
                while any(seq not in v.arrived for v in viewers) and time.monotonic() < deadline:
                    await asyncio.sleep(0.005)
                missing = sum(seq not in v.arrived for v in viewers)
                if missing:
                    print(f"  {kind} #{seq}: {missing} viewers had not got it after {WAIT:.0f} s")
                reached = [v.arrived[seq] - committed for v in viewers if seq in v.arrived]
                latencies.setdefault(kind, []).extend(reached)
                all_reached.append(max(reached))
                sizes.setdefault(kind, []).append(viewers[0].sizes.get(seq, 0))
            cpu = cpu_seconds(server.pid) - cpu_before
            after, peak = rss_mib(server.pid)
            burst = await burst_of_moves(writer, viewers, args.burst)
            with_burst, peak = rss_mib(server.pid)
            await asyncio.sleep(args.stall_wait)  # the stalled viewers still read nothing
            let_go_of = await asyncio.to_thread(lambda: sum(let_go(sock, 5.0) for sock in stalled))
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        everything = [x for values in latencies.values() for x in values]
        print(f"\n{args.changes} changes, each to {args.viewers} viewers ({len(everything)} deliveries):")
        print("| change | deliveries | median | p99 | max | update size |")
        print("| --- | --- | --- | --- | --- | --- |")
        for kind, values in [*latencies.items(), ("all", everything)]:
            size = statistics.median(sizes.get(kind, [x for s in sizes.values() for x in s]))
            print(
                f"| {kind} | {len(values)} | {ms(statistics.median(values))} | {ms(percentile(values, 0.99))} "
                f"| {ms(max(values))} | {size / 1024:.1f} KiB |"
            )
        print(
            f"slowest viewer per change: median {ms(statistics.median(all_reached))}, "
            f"worst {ms(max(all_reached))}; within 1 s: {sum(t <= 1.0 for t in everything)}/{len(everything)}"
        )
        print(
            f"server CPU for the {args.changes} changes: {cpu:.2f} s ({cpu / args.changes * 1000:.0f} ms each)"
        )
        print(
            f"server memory with {args.viewers} viewers (+{args.stalled} stalled) after the changes: {after:.1f} MiB"
        )
        print(
            f"burst of {args.burst} cursor moves in {burst[0]:.1f} s: the last reached {burst[1]}/{args.viewers} "
            f"reading viewers, {burst[2]} updates each (the feed batches what comes between two looks); "
            f"server {with_burst:.1f} MiB (peak {peak:.1f} MiB); stalled viewers let go {args.stall_wait:.0f} s later: {let_go_of}/{args.stalled}"
        )
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        writer.close()


def postgres(directory: Path) -> tuple[str, Callable[[], None]]:
    env = {**os.environ, "PG_DURABLE": "1"}
    started = subprocess.run(
        [str(REPO / ".ci" / "postgres"), "start", str(directory), str(PG_PORT)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )

    def stop() -> None:
        subprocess.run(
            [str(REPO / ".ci" / "postgres"), "stop", str(directory)], check=False, capture_output=True
        )
        shutil.rmtree(directory, ignore_errors=True)

    return started.stdout.strip(), stop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--viewers", type=int, default=200)
    parser.add_argument("--changes", type=int, default=30)
    parser.add_argument("--size", type=int, default=100_000, help="bytes of the synthetic draft")
    parser.add_argument("--stalled", type=int, default=20, help="viewers that connect and never read")
    parser.add_argument("--burst", type=int, default=400, help="cursor moves written as fast as possible")
    parser.add_argument(
        "--stall-wait",
        type=float,
        default=40.0,
        help="seconds before looking whether stalled viewers were let go",
    )
    parser.add_argument("--postgres", action="store_true", help="the journal in PostgreSQL (else SQLite)")
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="drafter-bench-serve-"))
    stop: Callable[[], None] = lambda: None  # noqa: E731
    try:
        draft = directory / "draft.txt"
        draft.write_text(synthetic_draft(args.size, seed=15), encoding="utf-8")
        journal = None
        if args.postgres:  # a directory of its own: the server's user must enter it
            journal, stop = postgres(Path(tempfile.mkdtemp(prefix="drafter-bench-pg-")))
        backend = "PostgreSQL (fsync on)" if journal else "SQLite beside the draft"
        print(f"drafter serve: {draft.stat().st_size / 1024:.0f} KB synthetic draft, journal in {backend}")
        asyncio.run(run(args, draft, journal))
    finally:
        stop()
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
