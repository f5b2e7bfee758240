"""Resolutions, journal and positions at conference scale, on a 300 KB synthetic draft.

Run: `.venv/bin/python bench/bench_resolve.py` (add `--quick` for fewer runs; `--cpu` times this
process's CPU instead of the wall clock, which on a shared machine leaves out the others' load).
Prints one row per measurement: median and range over the runs, and the target
from issue 3:

- one resolution, model update included (an incremental edit, not a re-parse);
- one journal append with fsync (a position recorded through the Session);
- replaying 1,000 resolution events from the base text;
- the state of every element for 195 Parties x 1,500 elements, and of one element;
- opening that journal (read, replay, positions) from disk.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_draft
from timing import Clock, timed

import drafter
from drafter.journal import RecordKind
from drafter.negotiation import resolve
from drafter.negotiation.chair import consensus_plan
from drafter.negotiation.changes import Change, revert
from drafter.negotiation.parties import OTHER_PARTIES
from drafter.negotiation.positions import Stance
from drafter.negotiation.projection import as_party
from drafter.negotiation.replay import replay
from drafter.negotiation.session import Element
from drafter.negotiation.standing import party_matrix, standings
from drafter.text.lines import parser
from drafter.workspace import open_session

SIZE = 300_000
PARTIES = 195
ELEMENTS = 1_500
STANCES = (Stance.SUPPORTS, Stance.SUPPORTS, Stance.ACCEPTS, Stance.OPPOSES, Stance.DELETE, Stance.RESERVES)


def row(name: str, times: list[float], target_ms: float, unit: str = "ms") -> None:
    median = statistics.median(times) * 1000
    low, high = min(times) * 1000, max(times) * 1000
    verdict = "ok" if median <= target_ms else "OVER"
    print(f"{name:<52} {median:>9.2f} {low:>9.2f} - {high:<9.2f} {target_ms:>8.0f} {unit:<3} {verdict}")


def resolution_times(
    base: drafter.Draft, runs: int, clock: Clock = time.perf_counter
) -> tuple[list[float], list[Change]]:
    """Resolves random innermost elements one after another; each time is one resolution + new model."""
    rng = random.Random(3)
    draft, times, changes = base, [], []
    for _ in range(runs):
        groups = [g for g in draft.alternative_groups if all(not b.children for b in g.alternatives)]
        leaves = [b for b in draft.brackets if not b.children and b.parent is None]
        start = clock()
        if groups and rng.random() < 0.5:
            group = rng.choice(groups)
            draft, change = resolve.choose(draft, group.id, rng.randint(1, len(group.alternatives)))
        else:
            target = rng.choice(leaves)
            draft, change = (resolve.keep if rng.random() < 0.6 else resolve.delete)(draft, target.id)
        times.append(clock() - start)
        changes.append(change)
    return times, changes


def thousand_changes(base: drafter.Draft) -> list[Change]:
    """1,000 resolutions (every ~10th an undo of the one before) made incrementally, to replay."""
    _, changes = resolution_times(base, 900)
    draft = replay(base, changes)
    undo_changes = []
    for change in changes[-100:][::-1]:
        draft, inverse = revert(draft, change, (), RecordKind.UNDO, None)
        undo_changes.append(inverse)
    return changes + undo_changes


def populate(path: Path, elements: tuple[Element, ...]) -> int:
    """Every Party takes a position on every one of the first 1,500 elements, written in one transaction."""
    rng = random.Random(5)
    parties = OTHER_PARTIES[:PARTIES] if len(OTHER_PARTIES) >= PARTIES else None
    with open_session(path, actor="bench") as session:
        names = list(parties or session.registry.names[:PARTIES])
        session.set_setting("meeting", "IC")
        journal = session._journal
        assert journal is not None
        from drafter.journal import NewRecord

        with journal.writing() as writer:
            seq = session.last_seq
            for element in elements[:ELEMENTS]:
                choices = len(element.choices)
                for party in names:
                    stance = rng.choice(STANCES)
                    choice = (
                        None
                        if element.kind == "bracket" or stance is Stance.RESERVES
                        else rng.randint(1, choices)
                    )
                    if stance is Stance.DELETE:
                        choice = None
                    writer.append(
                        NewRecord(
                            "2026-11-23T10:00:00.000+00:00",
                            "bench",
                            RecordKind.POSITION,
                            party=party,
                            meeting="IC",
                            target=element.id,
                            stance=stance.value,
                            choice=choice,
                        ),
                        after=seq,
                    )
                    seq += 1
        return seq


def main() -> None:
    quick = "--quick" in sys.argv
    clock = time.process_time if "--cpu" in sys.argv else time.perf_counter
    runs = 20 if quick else 60
    parser("text")
    text = synthetic_draft(SIZE, seed=1)
    base = drafter.parse(text)
    elements_count = len(base.brackets) + len(base.alternative_groups) + len(base.option_groups)
    print(
        f"synthetic draft: {len(text.encode('utf-8')):,} bytes, {len(base.brackets):,} brackets, "
        f"{len(base.alternative_groups):,} alternative groups, {len(base.option_groups):,} option groups "
        f"({elements_count:,} ids)"
    )
    print(f"{'measurement':<52} {'median':>9} {'range':>21} {'target':>8}")

    times, _ = resolution_times(base, runs, clock)
    row("one resolution incl. model update (300 KB)", times, 20)

    changes = thousand_changes(base)
    replays = timed(lambda: replay(base, changes), 3 if quick else 5, clock)
    row(f"replay {len(changes):,} resolution events from the base", replays, 2000)

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "draft.txt"
        path.write_text(text, encoding="utf-8")
        with open_session(path, actor="bench") as session:
            elements = session.elements()
            assert len(elements) >= ELEMENTS, f"only {len(elements)} elements"
            target = elements[0]
            appends = timed(
                lambda: session.record_position(
                    target.id, "EU", Stance.SUPPORTS, choice=None if target.kind == "bracket" else 1
                ),
                runs,
                clock,
            )
        row("journal append with fsync (one position)", appends, 10)

        count = populate(path, elements)
        opens = []
        for _ in range(3):
            start = clock()
            session = open_session(path, actor="bench")
            opens.append(clock() - start)
            if _ < 2:
                session.close()
        row(f"open journal: {count:,} events ({PARTIES} Parties x {ELEMENTS:,})", opens, 1000)
        cold = []
        for _ in range(3):
            session._ledger.positions._states.clear()
            start = clock()
            session.states()
            cold.append(clock() - start)
        row("states of every element, 195 x 1,500 (cold)", cold, 200)
        row("states of every element, 195 x 1,500 (cached)", timed(session.states, 5, clock), 200)
        ids = [e.id for e in elements[:ELEMENTS]]
        one = []
        for element_id in ids[:runs]:
            session._ledger.positions._states.pop(element_id, None)
            start = clock()
            session.state(element_id)
            one.append(clock() - start)
        row("state of one element, 195 Parties (cold)", one, 1)
        states = session.states()
        parties = sorted(set().union(*session.speakers().values()))
        matrix = timed(lambda: party_matrix(elements, session.stance_groups, parties), 5, clock)
        row(f"Party x element matrix, {len(parties)} x {len(elements):,}", matrix, 200)
        standing = timed(lambda: standings(elements, states, session.stance_groups, parties), 5, clock)
        row(f"who blocks what (drafter parties), {len(parties)} Parties", standing, 200)
        plan = timed(lambda: consensus_plan(session), 3, clock)
        row("apply-consensus plan (no-objection, packages)", plan, 200)
        projection = timed(lambda: as_party(session, parties[0]), 3, clock)
        row(f"the text as one Party would have it ({len(elements):,} positions)", projection, 2000)
        session.close()


if __name__ == "__main__":
    main()
