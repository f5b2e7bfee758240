"""SIGKILL at random moments, and three processes at once: the journal always opens, every acknowledged
operation is in it, and the export replays.

Each kill targets a phase: the journal's creation (a fresh folder), an export (HTML, written
atomically), or the operations in between; a random delay after the phase's marker places the kill.
Processes are forked from a forkserver that has drafter imported, so a kill costs milliseconds, not an
interpreter start. The numbers (kills per phase, time) are printed; see /work/notes/issue-14.md.
"""

from __future__ import annotations

import collections
import multiprocessing
import os
import random
import signal
import time
from collections.abc import Iterator
from multiprocessing.context import ForkServerContext
from pathlib import Path

import pytest

from drafter.formats.export import ExportFormat, ExportOptions, export
from drafter.journal.sqlite import SqliteJournal, journal_path_for
from drafter.output import write_output
from drafter.workspace import open_session
from tests.conftest import SAMPLES
from tests.journal.kill_workload import read_log, sha, work

KILLS = 51  # 17 per phase
PHASES = ("creation", "export", "operations")
MARKERS = {"creation": "creating", "export": "exporting", "operations": "ack"}
DELAY = {"creation": 0.03, "export": 0.02, "operations": 0.2}  # seconds after the marker, at most
NAME = "ocean agreement.txt"
WAIT_LIMIT = 300  # seconds a worker may take to reach a marker (a machine at load 28 took over 60)


@pytest.fixture(scope="module")
def forkserver() -> Iterator[ForkServerContext]:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.journal.kill_workload"])
    yield context


@pytest.fixture(autouse=True)
def _no_shared_journal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DRAFTER_JOURNAL", raising=False)


def new_folder(root: Path, number: int) -> Path:
    folder = root / f"run {number:03d}"
    folder.mkdir()
    (folder / NAME).write_bytes((SAMPLES / "ocean-agreement.txt").read_bytes())
    return folder


def wait_for(log: Path, marker: str, count: int, process: multiprocessing.process.BaseProcess) -> bool:
    """Waits until the log holds `count` lines starting with `marker` (False if the process ended)."""
    deadline = time.monotonic() + WAIT_LIMIT
    while time.monotonic() < deadline:
        if sum(1 for line in read_log(log) if line[0] == marker) >= count:
            return True
        if not process.is_alive():
            return False
        time.sleep(0.001)
    raise AssertionError(f"no {marker!r} in {log} after {WAIT_LIMIT} s")


def check_recovered(folder: Path, log: Path, exports: set[str]) -> dict[str, int | bool]:
    """The journal opens, holds every acknowledged record, and the export replays; leftovers of the
    killed process are removed by the next write. Returns what was checked."""
    draft = folder / NAME
    journal = journal_path_for(draft)
    lines = read_log(log)
    acks = [line for line in lines if line[0] == "ack"]
    exports |= {line[1] for line in lines if line[0] == "exporting"}
    names = [p.name for p in folder.iterdir()]
    seen = {
        "journal temporary left": any(".creating" in name for name in names),
        "export temporary left": any(name.startswith(".out.html.") for name in names),
        "no journal": not journal.exists(),
    }
    if not journal.exists():  # killed before its journal was in place: at most a hidden temporary
        assert not acks, f"{len(acks)} acknowledged operations but no journal"
        left = {p.name for p in folder.iterdir()} - {NAME, "log", "out.html"}
        assert all(name.startswith(f".{journal.name}.") and ".creating" in name for name in left), left
        with open_session(draft) as session:
            assert session.start_journal()  # the next creation removes them
        assert {p.name for p in folder.iterdir()} - {NAME, "log", "out.html"} == {journal.name}
        return {"acks": 0, **seen}
    SqliteJournal.open(journal, read_only=True).close()  # opens as it is, before any recovery
    with open_session(draft) as session:  # writable: recovers the WAL, removes stale temporaries
        records = {record.seq: record for record in session.journal.records()}  # type: ignore[union-attr]
        for _, seq, kind, target, _ in acks:
            record = records.get(int(seq))
            assert record is not None, f"acknowledged record {seq} ({kind} {target}) is missing"
            assert (record.kind, record.target or "-") == (kind, target) or kind in ("undo", "redo")
        if acks and session.last_seq == int(acks[-1][1]):
            assert sha(session.draft.text) == acks[-1][4], "the replayed text is not the acknowledged one"
        out = folder / "out.html"
        if out.exists():  # never half an export: one of the exports a process began, whole
            assert sha(out.read_bytes()) in exports
        data = export(session, ExportFormat.HTML, ExportOptions())  # the export replays
        write_output(out, data, force=True, protect=[draft])  # and removes a killed export's temporary
        exports.add(sha(data))
        with open_session(draft, read_only=True) as again:
            assert export(again, ExportFormat.HTML, ExportOptions()) == data
    left = sorted(p.name for p in folder.iterdir())
    expected = {NAME, journal.name, "out.html", "log", f"{journal.name}-wal", f"{journal.name}-shm"}
    assert set(left) <= expected, f"left behind: {set(left) - expected}"
    return {"acks": len(acks), **seen}


def test_sigkill_at_random_moments_loses_no_acknowledged_operation(
    tmp_path: Path, forkserver: ForkServerContext
) -> None:
    rng = random.Random(14)
    started = time.monotonic()
    phases_hit: collections.Counter[str] = collections.Counter()
    last_lines: collections.Counter[str] = collections.Counter()
    acknowledged = 0
    outcomes: collections.Counter[str] = collections.Counter()
    folder, exports = tmp_path, set[str]()  # a new folder at each "creation" kill, the first one included
    for number in range(KILLS):
        phase = PHASES[number % len(PHASES)]
        if phase == "creation":
            folder, exports = new_folder(tmp_path, number), set()
        log = folder / "log"
        log.unlink(missing_ok=True)
        process = forkserver.Process(
            target=work,
            args=(str(folder / NAME), str(log), str(folder / "out.html"), number, 0, 3),
        )
        process.start()
        assert process.pid is not None
        count = rng.randint(1, 4) if phase != "creation" else 1
        try:
            if wait_for(log, MARKERS[phase], count, process):
                time.sleep(rng.uniform(0, DELAY[phase]))
        finally:  # never leave a worker running, even when the wait fails
            os.kill(process.pid, signal.SIGKILL)
        process.join(30)
        assert process.exitcode == -signal.SIGKILL, f"kill {number}: exit {process.exitcode}"
        lines = read_log(log)
        last_lines[lines[-1][0] if lines else "nothing"] += 1
        phases_hit[phase] += 1
        found = check_recovered(folder, log, exports)
        acknowledged += int(found.pop("acks"))
        outcomes.update(name for name, there in found.items() if there)
    seconds = time.monotonic() - started
    print(
        f"\n{KILLS} SIGKILLs in {seconds:.1f} s; targeted {dict(phases_hit)}; "
        f"last line before the kill {dict(last_lines)}; found after the kill {dict(outcomes)}; "
        f"{acknowledged} acknowledged operations checked"
    )
    assert last_lines["creating"] >= 5, last_lines  # killed while the journal was being created
    assert last_lines["exporting"] >= 5, last_lines  # killed while an export was being written


def test_three_processes_at_once_lose_nothing(tmp_path: Path, forkserver: ForkServerContext) -> None:
    """Three facilitators' processes write one draft's journal at once, from its creation on."""
    folder = new_folder(tmp_path, 0)
    draft = folder / NAME
    logs = [folder / f"log {n}" for n in range(3)]
    processes = [
        forkserver.Process(target=work, args=(str(draft), str(log), str(folder / "out.html"), n, 25, 10))
        for n, log in enumerate(logs)
    ]
    started = time.monotonic()
    for process in processes:
        process.start()
    try:
        for process in processes:
            process.join(WAIT_LIMIT)
            assert process.exitcode == 0
    finally:
        for process in processes:
            if process.is_alive():
                process.kill()
    seconds = time.monotonic() - started
    acks = {n: [line for line in read_log(log) if line[0] == "ack"] for n, log in enumerate(logs)}
    refused = collections.Counter(
        " ".join(line[1:])[:90] for log in logs for line in read_log(log) if line[0] == "refused"
    )
    with open_session(draft, read_only=True) as session:
        records = {record.seq: record for record in session.journal.records()}  # type: ignore[union-attr]
        assert sorted(records) == list(range(1, len(records) + 1))  # no gap, no duplicate
        for n, lines in acks.items():
            assert len(lines) == 25
            for _, seq, kind, target, _ in lines:
                record = records[int(seq)]
                assert record.actor == f"worker-{n}", (
                    f"record {seq} is {record.actor}'s, acknowledged by worker-{n}"
                )
                assert (record.kind, record.target or "-") == (kind, target) or kind in ("undo", "redo")
        assert len(records) == sum(len(lines) for lines in acks.values())  # nothing unacknowledged
        export(session, ExportFormat.HTML, ExportOptions())
    print(f"\n3 processes x 25 operations in {seconds:.1f} s; refused: {dict(refused)}")
