"""Parse + model build on synthetic drafts from 20 KB to 5 MB, against a plain `re` bracket scan.

Run: `.venv/bin/python bench/bench_parse.py` (add `--quick` for fewer sizes and runs).
Prints, per size: median and range of parse time over several runs, the median CPU time of this
process (`time.process_time`: what others' load on a shared machine does not inflate), the time per
300 KB, peak memory (tracemalloc) as a multiple of the input size, and the floor: a `re`-based scan
that only finds and matches brackets, and our ratio to it. The last line gives the 5 MB / 300 KB ratio
of both clocks and the size ratio (what a linear parse would take).
"""

from __future__ import annotations

import re
import statistics
import sys
import time
import tracemalloc
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_draft
from timing import timed

import drafter
from drafter.text.lines import parser

SIZES = (20_000, 100_000, 300_000, 1_000_000, 2_500_000, 5_000_000)
BRACKET = re.compile(r"[\[\]]")


def bracket_scan(text: str) -> int:
    """The floor: find every bracket with `re` and match them with a stack."""
    stack: list[int] = []
    pairs = 0
    for match in BRACKET.finditer(text):
        if match.group() == "[":
            stack.append(match.start())
        elif stack:
            stack.pop()
            pairs += 1
    return pairs


def peak_memory(text: str) -> int:
    tracemalloc.start()
    drafter.parse(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> None:
    quick = "--quick" in sys.argv
    sizes = SIZES[:3] if quick else SIZES
    parser("text")  # the grammar is built once per process, at first use: not part of a parse
    print(
        f"{'size':>9} {'brackets':>8} {'median ms':>10} {'range ms':>17} {'cpu ms':>8} {'per 300KB':>9} "
        f"{'peak mem':>9} {'re scan ms':>10} {'ratio':>6}"
    )
    results: dict[int, tuple[int, float, float]] = {}
    for size in sizes:
        text = synthetic_draft(size, seed=1)
        runs = 7 if len(text) <= 1_000_000 else 3
        if quick:
            runs = 3
        times = timed(partial(drafter.parse, text), runs)
        cpu = statistics.median(timed(partial(drafter.parse, text), runs, time.process_time))
        floor = statistics.median(timed(partial(bracket_scan, text), runs))
        median = statistics.median(times)
        results[size] = (len(text), median, cpu)
        draft = drafter.parse(text)
        peak = peak_memory(text) / len(text.encode("utf-8"))
        print(
            f"{len(text):>9} {len(draft.brackets):>8} {median * 1000:>10.1f} "
            f"{min(times) * 1000:>8.1f}-{max(times) * 1000:<8.1f} {cpu * 1000:>8.1f} {median / len(text) * 300_000 * 1000:>9.1f} "
            f"{peak:>8.1f}x {floor * 1000:>10.2f} {median / floor:>6.0f}"
        )
    if 300_000 in results and 5_000_000 in results:
        (small, wall_small, cpu_small), (large, wall_large, cpu_large) = results[300_000], results[5_000_000]
        print(
            f"5 MB / 300 KB: wall {wall_large / wall_small:.1f}x, cpu {cpu_large / cpu_small:.1f}x "
            f"(linear would be {large / small:.1f}x; the bound is 20x)"
        )


if __name__ == "__main__":
    main()
