"""Timing for the benchmarks: one helper, so every bench measures the same way.

`timed` runs an action a number of times and returns the seconds each run took, by the clock given:
`time.perf_counter` (wall time, the default) or `time.process_time` (this process's CPU time: on a
machine shared with others' work, the part of a measurement their load does not inflate).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

Clock = Callable[[], float]


def timed(action: Callable[[], object], runs: int, clock: Clock = time.perf_counter) -> list[float]:
    """Seconds per run of `action`, `runs` times."""
    times = []
    for _ in range(runs):
        start = clock()
        action()
        times.append(clock() - start)
    return times


def describe(times: list[float]) -> str:
    """Median and range in milliseconds."""
    return f"{statistics.median(times) * 1000:8.1f} ms ({min(times) * 1000:.1f}-{max(times) * 1000:.1f})"
