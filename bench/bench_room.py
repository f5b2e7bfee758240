"""Several facilitators on one draft: write latency, parallel sections, a race for one element, and how
soon one facilitator's session sees another's write. SQLite (the file beside the draft) against
PostgreSQL (a throwaway cluster with fsync on, as a real server runs, started with .ci/postgres).

Run: `.venv/bin/python bench/bench_room.py` (`--quick` for fewer writes). Bounded: every loop has a fixed
count, every process a timeout; the server listens on a Unix socket only.

- write latency: one facilitator records positions one by one (each its own durable transaction);
- N facilitators in parallel on a 100 KB synthetic draft, each on its own elements (positions for three
  Parties, then a resolution, for each of PER_FACILITATOR elements): per-write latency,
  writes per second, and the check that the journal holds every write, gapless, and replays to the
  text every facilitator ends with;
- a race: N facilitators resolve the same element at the same moment: one lands, the others are refused
  with a message naming the one who landed;
- notice: how long after one facilitator's write returns another's session has it (`refresh`, polled
  every 10 ms, as a view would), and how long a NOTIFY takes to wake `wait_for_change`.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

sys.path.insert(0, str(REPO / "bench"))

from synthetic import synthetic_draft  # noqa: E402

from drafter.negotiation.positions import Stance  # noqa: E402
from drafter.negotiation.session import Session, SessionError  # noqa: E402
from drafter.workspace import open_session  # noqa: E402

SAMPLE = REPO / "samples" / "ocean-agreement.txt"
PER_FACILITATOR = 15  # elements each facilitator takes: 4 writes each
PARTIES = ("EU", "USA", "AOSIS", "LMDC", "AGN", "Brazil")


def percentiles(values: Sequence[float]) -> str:
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered) * 1000:7.2f} ms  p99 {p99 * 1000:7.2f} ms  (n={len(ordered)})"


def fresh_draft(directory: Path, name: str) -> Path:
    path = directory / name
    shutil.copy(SAMPLE, path)
    return path


def opened(draft: Path, journal: str | None, actor: str) -> Session:
    return open_session(draft, actor=actor, journal_path=journal, busy_timeout=30.0)


def write_latency(draft: Path, journal: str | None, writes: int) -> list[float]:
    session = opened(draft, journal, "chair")
    elements = session.elements()
    times = []
    for n in range(writes):
        element = elements[n % len(elements)]
        choice = None if element.kind == "bracket" else 1
        started = time.perf_counter()
        session.record_position(element.id, PARTIES[n % len(PARTIES)], Stance.SUPPORTS, choice=choice)
        times.append(time.perf_counter() - started)
    session.close()
    return times


def facilitator(
    draft: str, journal: str | None, actor: str, ids: list[str], start_at: float, out: Any, final: Any
) -> None:
    """One facilitator's process: positions on its section's elements, then it resolves them; at the end
    its session takes in everyone's writes (`refresh`) and reports its text."""
    session = opened(Path(draft), journal, actor)
    kinds = {e.id: e.kind for e in session.elements()}
    time.sleep(max(0.0, start_at - time.time()))
    times, refused = [], 0
    for element_id in ids:
        for party in PARTIES[:3]:
            choice = None if kinds[element_id] == "bracket" else 1
            started = time.perf_counter()
            session.record_position(element_id, party, Stance.SUPPORTS, choice=choice)
            times.append(time.perf_counter() - started)
    for element_id in ids:
        started = time.perf_counter()
        try:
            if kinds[element_id] == "bracket":
                session.keep(element_id)
            else:
                session.choose(element_id, 1)
        except SessionError:
            refused += 1  # an enclosing element another facilitator resolved took this one with it
            continue
        times.append(time.perf_counter() - started)
    out.put((actor, times, refused))
    last = final.get(timeout=300)  # every facilitator is done: the journal's last number
    deadline = time.monotonic() + 10
    while session.last_seq < last and time.monotonic() < deadline:
        session.refresh()
        time.sleep(0.01)
    out.put((actor, session.draft.text))
    session.close()


def parallel_sections(directory: Path, journal: str | None, count: int) -> tuple[list[float], float, str]:
    draft = directory / f"sections-{count}.txt"
    draft.write_text(synthetic_draft(100_000, seed=count), encoding="utf-8")
    with opened(draft, journal, "setup") as session:
        top, end = [], 0
        for element in session.elements():  # in text order: those not inside another's span
            if element.start >= end:
                top.append(element)
                end = element.end
    chunks = [[e.id for e in top[k::count][:PER_FACILITATOR]] for k in range(count)]
    context = multiprocessing.get_context("fork")
    out, final = context.Queue(), context.Queue()
    start_at = time.time() + 1.0
    workers = [
        context.Process(
            target=facilitator, args=(str(draft), journal, f"facilitator{k}", chunks[k], start_at, out, final)
        )
        for k in range(count)
    ]
    for worker in workers:
        worker.start()
    results = [out.get(timeout=300) for _ in workers]
    elapsed = time.time() - start_at
    times = [t for _, ts, _ in results for t in ts]
    with opened(draft, journal, "check") as replayed:
        events = replayed.history()
        assert [e.seq for e in events] == list(range(1, len(events) + 1)), "gapless"
        assert len(events) == len(times), f"{len(events)} events for {len(times)} acknowledged writes"
        for _ in workers:
            final.put(replayed.last_seq)
        texts = [out.get(timeout=60) for _ in workers]
        assert all(text == replayed.draft.text for _, text in texts), "every facilitator ends on one text"
    for worker in workers:
        worker.join(timeout=60)
    refused = sum(r for _, _, r in results)
    return times, elapsed, f"{len(times)} writes, {refused} refused (gone with an enclosing element)"


def racer(draft: str, journal: str | None, actor: str, element_id: str, start_at: float, out: Any) -> None:
    session = opened(Path(draft), journal, actor)
    time.sleep(max(0.0, start_at - time.time()))
    try:
        session.choose(element_id, 2)
        out.put((actor, "landed"))
    except SessionError as error:
        out.put((actor, str(error)))
    session.close()


def race(directory: Path, journal: str | None, count: int) -> str:
    draft = fresh_draft(directory, f"race-{count}.txt")
    with opened(draft, journal, "setup") as session:
        group = next(e for e in session.elements() if e.kind == "alternatives")
    queue: Any = multiprocessing.get_context("fork").Queue()
    start_at = time.time() + 1.0
    workers = [
        multiprocessing.get_context("fork").Process(
            target=racer, args=(str(draft), journal, f"racer{k}", group.id, start_at, queue)
        )
        for k in range(count)
    ]
    for worker in workers:
        worker.start()
    outcomes = dict(queue.get(timeout=120) for _ in workers)
    for worker in workers:
        worker.join(timeout=60)
    winners = [actor for actor, outcome in outcomes.items() if outcome == "landed"]
    assert len(winners) == 1, outcomes
    refusals = [o for o in outcomes.values() if o != "landed"]
    assert all(f"changed after you last saw it: {winners[0]}" in o for o in refusals), refusals
    with opened(draft, journal, "check") as check:
        assert [e.kind for e in check.history()] == ["choose"]
    return (
        f"{count} at once: 1 landed, {len(refusals)} refused naming {winners[0]}; e.g. {refusals[0][:110]}…"
    )


def notice(directory: Path, journal: str | None, rounds: int) -> tuple[list[float], list[float]]:
    """(refresh polled every 10 ms, wait_for_change) delays after the writer's call returned."""
    draft = fresh_draft(directory, "notice.txt")
    writer = opened(draft, journal, "writer")
    element = next(e for e in writer.elements() if e.kind == "bracket")
    writer.record_position(element.id, "EU", Stance.SUPPORTS)
    viewer = opened(draft, journal, "viewer")
    waiter = opened(draft, journal, "waiter")
    polled, woken = [], []
    for n in range(rounds):
        seen = viewer.last_seq
        woke: list[float] = []
        thread = threading.Thread(target=lambda into=woke, after=seen: into.append(_waited(waiter, after)))
        thread.start()
        time.sleep(0.05)
        writer.record_position(element.id, PARTIES[n % len(PARTIES)], Stance.SUPPORTS)
        returned = time.perf_counter()
        while not viewer.refresh():
            time.sleep(0.01)
        polled.append(time.perf_counter() - returned)
        thread.join(timeout=10)
        woken.append(woke[0] - returned)
        waiter.refresh()
    for session in (writer, viewer, waiter):
        session.close()
    return polled, woken


def _waited(session: Session, seen: int) -> float:
    assert session.journal is not None
    assert session.journal.wait_for_change(seen, 10.0)
    return time.perf_counter()


def postgres_server() -> tuple[str, Callable[[], None]]:
    cluster = Path(tempfile.mkdtemp(prefix="drafter-bench-pg-"))  # its own: the server's user enters it
    env = {**os.environ, "PG_DURABLE": "1"}
    url = subprocess.run(
        [str(REPO / ".ci" / "postgres"), "start", str(cluster)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout.strip()

    def stop() -> None:
        subprocess.run([str(REPO / ".ci" / "postgres"), "stop", str(cluster)], check=False)
        shutil.rmtree(cluster, ignore_errors=True)

    return url, stop


def main() -> None:
    quick = "--quick" in sys.argv
    writes = 100 if quick else 400
    directory = Path(tempfile.mkdtemp(prefix="drafter-bench-room-"))
    url, stop = postgres_server()
    try:
        for backend, journal in (("sqlite", None), ("postgresql", url)):
            place = directory / backend
            place.mkdir()
            print(f"== {backend}")
            latency = write_latency(fresh_draft(place, "one.txt"), journal, writes)
            print(f"write latency (one facilitator)       {percentiles(latency)}")
            for count in (2, 4, 8):
                times, elapsed, summary = parallel_sections(place, journal, count)
                rate = len(times) / elapsed
                print(
                    f"{count} facilitators, own sections       {percentiles(times)}; {rate:5.0f} writes/s; {summary}"
                )
            for count in (2, 8):
                print(f"race for one element                  {race(place, journal, count)}")
            polled, woken = notice(place, journal, 20 if quick else 50)
            print(f"another's write seen (refresh /10ms)  {percentiles(polled)}")
            print(f"another's write wakes wait_for_change {percentiles(woken)}")
    finally:
        stop()
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
