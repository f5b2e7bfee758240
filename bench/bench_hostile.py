"""The hostile-input catalogue (tests/hostile.py) at big sizes, each run in a fresh subprocess.

Run: `.venv/bin/python bench/bench_hostile.py [--size BYTES] [--deep DEPTH] [--runs N] [--parse]
[--diff] [--only NAME]`. Prints one row per input and command: bytes, tries, exit (the outcome),
peak memory (the subprocess's ru_maxrss), CPU seconds and wall seconds (the largest of the tries),
and whether the peak is within the catalogue's bound (tests.hostile.memory_bound).

- every entry of HOSTILE_INPUTS at `--size` (default 5 MB) with `drafter check` and `drafter status`;
- `--deep` (default 100,000)-deep nesting with `status` and the TUI (headless: open, next element, page
  down, end): the issue's budget is 2 GB and 30 s for each;
- `--parse`: parse time of a 5 MB and a 50 MB synthetic draft (CPU seconds, the least of `--runs`;
  budget: 50 MB within 12 x);
- `--diff`: `drafter diff` on drafts of very different sizes (5 MB against 50 KB and against 50 MB: the
  issue's case) and on two long different paragraphs.
Time under a loaded machine: compare CPU seconds, not wall seconds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from synthetic import synthetic_draft  # noqa: E402

from tests.hostile import HOSTILE_INPUTS, HostileInput, Measured, memory_bound, run_command, run_tui  # noqa: E402

MB = 2**20


def _row(name: str, command: str, size: int, runs: list[Measured], bound: int | None) -> None:
    peak = max(m.peak_bytes for m in runs)
    verdict = "" if bound is None else ("ok" if peak <= bound else "OVER")
    print(
        f"{name:<36} {command:<7} {size:>12,} {len(runs):>3} {runs[-1].exit:>4} {peak / MB:>9.1f} "
        f"{max(m.cpu_seconds for m in runs):>8.1f} {max(m.wall_seconds for m in runs):>8.1f}  {verdict}",
        flush=True,
    )


def _header() -> None:
    print(
        f"{'input':<36} {'command':<7} {'bytes':>12} {'n':>3} {'exit':>4} {'peak MB':>9} {'cpu s':>8} {'wall s':>8}"
    )


def catalogue(folder: Path, size: int, runs: int, only: str | None) -> None:
    base = folder / "base.txt"
    base.write_bytes(b"1. The Parties [shall] act.\n")
    baselines = {c: run_command([c, "base.txt"], folder).peak_bytes for c in ("check", "status")}
    _header()
    for entry in HOSTILE_INPUTS:
        if only and only not in entry.name:
            continue
        path = entry.write(folder / entry.name.replace(" ", "_").replace("'", ""), size)
        n = path.stat().st_size
        for command in ("check", "status"):
            measured = [run_command([command, str(path)], folder, timeout=3600) for _ in range(runs)]
            _row(entry.name, command, n, measured, memory_bound(baselines[command], n))


def deep(folder: Path, depth: int, runs: int) -> None:
    entry = next(e for e in HOSTILE_INPUTS if e.name == "deep nesting")
    path = _write(entry, folder / "deep", depth * 5)
    n = path.stat().st_size
    print(f"\n{depth:,}-deep nesting ({n:,} bytes); budget 2 GB and 30 s each")
    _header()
    _row(
        "deep nesting",
        "status",
        n,
        [run_command(["status", str(path)], folder, 3600) for _ in range(runs)],
        2**31,
    )
    _row("deep nesting", "tui", n, [run_tui(path, 3600) for _ in range(runs)], 2**31)


def _write(entry: HostileInput, folder: Path, size: int) -> Path:
    return entry.write(folder, size)


PARSE_PROBE = """
import time, drafter
text = open(sys.argv[2], encoding="utf-8").read()
t = time.process_time()
drafter.parse(text)
print(f"{time.process_time() - t:.2f}")
code = 0
"""


def parse_sizes(folder: Path, runs: int) -> None:
    """The least CPU time of `runs` parses of each size: on a shared machine a single short run varies
    by 20 % (2.0 to 2.3 s for 5 MB), which alone moves the ratio by more than 1."""
    from tests.hostile import measure

    print(f"\nparse (CPU s, least of {runs}) of synthetic drafts; budget: 50 MB within 12 x the 5 MB time")
    seconds = {}
    for size in (5_000_000, 50_000_000):
        path = folder / f"synthetic-{size}.txt"
        path.write_text(synthetic_draft(size, 1), encoding="utf-8")
        measured = [measure(PARSE_PROBE, [str(path)], folder, 7200) for _ in range(runs)]
        tries = [float(m.output.strip().splitlines()[-1]) for m in measured]
        seconds[size] = min(tries)
        print(
            f"{size:>12,} bytes: parse {seconds[size]:.1f} s CPU (tries {', '.join(f'{t:.1f}' for t in tries)}), "
            f"peak {max(m.peak_bytes for m in measured) / MB:.0f} MB"
        )
    print(f"ratio 50 MB / 5 MB: {seconds[50_000_000] / seconds[5_000_000]:.1f} x (budget 12 x)")


def diffs(folder: Path) -> None:
    import random

    rng = random.Random(1)
    words = [f"w{i}" for i in range(2000)] + ["the", "of", "and", "[", "]", "Parties"] * 200

    def paragraph(k: int) -> str:
        return "1. " + " ".join(rng.choice(words) for _ in range(k)) + "\n"

    cases = {
        "5 MB draft vs 50 KB draft": (synthetic_draft(5_000_000, 1), synthetic_draft(50_000, 2)),
        "5 MB draft vs 50 MB draft": (synthetic_draft(5_000_000, 1), synthetic_draft(50_000_000, 2)),
        "200,000-word paragraph vs 5 words": (paragraph(200_000), "1. The Parties [shall] act.\n"),
        "two different 80,000-word paragraphs": (paragraph(80_000), paragraph(80_000)),
    }
    print("\ndrafter diff OLD NEW (to a file)")
    _header()
    for name, (old, new) in cases.items():
        a, b = folder / "old.txt", folder / "new.txt"
        a.write_text(old, encoding="utf-8")
        b.write_text(new, encoding="utf-8")
        (folder / "out.txt").unlink(missing_ok=True)
        measured = run_command(["diff", "old.txt", "new.txt", "-o", "out.txt"], folder, 3600)
        _row(name, "diff", len(old) + len(new), [measured], None)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=5_000_000)
    parser.add_argument("--deep", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--only", help="only the catalogue entries whose name holds this")
    parser.add_argument("--parse", action="store_true", help="also the 5 MB / 50 MB parse times")
    parser.add_argument("--diff", action="store_true", help="also diffs of very different sizes")
    parser.add_argument("--skip-catalogue", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if not args.skip_catalogue:
            catalogue(folder, args.size, args.runs, args.only)
        if args.deep:
            deep(folder, args.deep, args.runs)
        if args.parse:
            parse_sizes(folder, args.runs)
        if args.diff:
            diffs(folder)
    print(f"\n{time.perf_counter() - started:.0f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
