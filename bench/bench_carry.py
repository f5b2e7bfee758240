"""Carrying a journal of 10,000 positions to the next version of a 300 KB draft (target: under 2 s).

Run: `.venv/bin/python bench/bench_carry.py` (add `--quick` for fewer runs). The old draft is the
300 KB synthetic draft, its journal 10,000 positions of 195 Parties on its elements; the next
version is `synthetic.next_iteration` of it (about 30% of the brackets resolved, words changed, a
paragraph moved, paragraphs inserted and renumbered). One run is what `drafter carry OLD NEW` does:
open OLD with its journal, read and parse NEW, diff the two, re-target every position and write the
new journal (one transaction, fsync). Wall time and this process's CPU time are both printed: on a
shared machine the CPU time says what the work costs.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import next_iteration, synthetic_draft

from drafter.formats.source import read_source
from drafter.iterations.chain import carry_into
from drafter.journal import NewRecord
from drafter.journal.locate import journal_store
from drafter.journal.sqlite import SqliteJournal, journal_path_for
from drafter.negotiation.parties import OTHER_PARTIES
from drafter.workspace import open_session

SIZE = 300_000
POSITIONS = 10_000
TARGET_SECONDS = 2.0


def write_journal(draft: Path, rng: random.Random) -> None:
    with open_session(draft, read_only=True) as session:
        elements = session.elements()
        base = session.base.text.encode("utf-8")
    parties = sorted(OTHER_PARTIES)[:195]
    records = []
    for k in range(POSITIONS):
        element = rng.choice(elements)
        party = parties[k % len(parties)]
        time_ = f"2026-03-0{1 + k * 9 // POSITIONS}T10:00:00.000+00:00"
        if element.kind == "bracket":
            stance, choice = rng.choice((("supports", None), ("opposes", None), ("accepts", None)))
        else:
            stance, choice = "supports", rng.randint(1, len(element.choices))
        records.append(
            NewRecord(time_, "bench", "position", party, "IC", element.id, stance=stance, choice=choice)
        )
    journal = SqliteJournal.create(journal_path_for(draft), base, draft.name)
    with journal.writing() as writer:
        for seq, record in enumerate(records):
            writer.append(record, after=seq)
    journal.close()


def carry_once(old: Path, new: Path) -> tuple[float, float, dict[str, int]]:
    journal_path_for(new).unlink(missing_ok=True)
    wall, cpu = time.perf_counter(), time.process_time()
    with open_session(old, read_only=True) as session:
        carried = carry_into(
            session, read_source(new).parse(), new.name, journal_store(None, new), actor="bench"
        )
    return time.perf_counter() - wall, time.process_time() - cpu, carried.plan.counts()


def main(argv: list[str]) -> int:
    runs = 2 if "--quick" in argv else 5
    with tempfile.TemporaryDirectory() as directory:
        old, new = Path(directory) / "draft.txt", Path(directory) / "draft-rev1.txt"
        text = synthetic_draft(SIZE, 1)
        old.write_text(text, encoding="utf-8")
        new.write_text(next_iteration(text, 1), encoding="utf-8")
        write_journal(old, random.Random(7))
        results = [carry_once(old, new) for _ in range(runs)]
    walls, cpus = [r[0] for r in results], [r[1] for r in results]
    counts = results[0][2]
    print(f"old {len(text):,} bytes, {POSITIONS:,} positions; next version {new.name}: {counts}")
    for name, times in (("wall", walls), ("cpu", cpus)):
        median = statistics.median(times)
        verdict = "ok" if median <= TARGET_SECONDS else "OVER"
        print(
            f"carry 10,000 positions to a 300 KB next version ({name}) "
            f"{median:6.2f} s  ({min(times):.2f} - {max(times):.2f}, {runs} runs)  target {TARGET_SECONDS:.0f} s  {verdict}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
