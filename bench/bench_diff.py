"""Benchmark of `drafter.diff.compare`: the real Paris versions and synthetic drafts of 1, 2.5 and 5 MB.

Budgets (issue 5): 23 October vs 4 December <= 1 s median; a 5 MB pair <= 15 s, growing linearly.
In the same run, `git diff --no-index --word-diff` on each pair, for the ratio.

    .venv/bin/python bench/bench_diff.py [--quick]

Prints one table: median and range over the runs, seconds. Parsing is timed apart (it is the
parser's cost, paid once per file, and the same for every diff format).
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import next_iteration, synthetic_draft

from drafter import load, parse
from drafter.diff import compare, render_terminal
from drafter.text.model import Draft

REPO = Path(__file__).resolve().parent.parent
VERSIONS = REPO.parent / "shared" / "corpus" / "versions" / "paris-agreement-2015"
SYNTHETIC_SIZES = (1_000_000, 2_500_000, 5_000_000)


def timed(
    function: Callable[[], object], runs: int, clock: Callable[[], float] = time.perf_counter
) -> list[float]:
    times = []
    for _ in range(runs):
        start = clock()
        function()
        times.append(clock() - start)
    return times


def spread(times: list[float]) -> str:
    return f"{statistics.median(times):7.3f}  ({min(times):.3f}–{max(times):.3f})"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def git_word_diff(old: str, new: str, runs: int) -> tuple[list[float], list[float]] | None:
    """Wall and CPU seconds of `git diff --no-index --word-diff` on the pair, per run."""
    if shutil.which("git") is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        old_path, new_path = Path(folder) / "old.txt", Path(folder) / "new.txt"
        old_path.write_text(old, encoding="utf-8")
        new_path.write_text(new, encoding="utf-8")
        command = ["git", "diff", "--no-index", "--word-diff", "--no-color", str(old_path), str(new_path)]

        def run() -> None:
            subprocess.run(command, stdout=subprocess.DEVNULL, check=False)

        return timed(run, runs), timed(run, runs, _children_cpu)


def row(name: str, old: Draft, new: Draft, parse_seconds: float, runs: int) -> tuple[str, ...]:
    times = timed(lambda: compare(old, new), runs)
    # CPU time too: on a shared machine the wall clock also counts other people's work.
    cpu = timed(lambda: compare(old, new), runs, time.process_time)
    git = git_word_diff(old.text, new.text, runs)
    megabytes = len(old.text.encode("utf-8")) / 1e6
    ratio = f"{statistics.median(cpu) / max(statistics.median(git[1]), 1e-6):6.1f}x" if git else "n/a"
    return (
        name,
        f"{len(old.text.encode('utf-8')) / 1e3:,.0f} / {len(new.text.encode('utf-8')) / 1e3:,.0f} kB",
        f"{parse_seconds:6.2f}",
        spread(times),
        f"{statistics.median(cpu):6.2f}",
        f"{statistics.median(cpu) / megabytes:6.2f}",
        spread(git[0]) if git else "n/a",
        f"{statistics.median(git[1]):6.3f}" if git else "n/a",
        ratio,
    )


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    runs = 3 if quick else 7
    rows = []
    start = time.perf_counter()
    old, new = load(VERSIONS / "2015-10-23.md"), load(VERSIONS / "2015-12-04.md")
    parse_seconds = time.perf_counter() - start
    rows.append(row("Paris 23 Oct -> 4 Dec", old, new, parse_seconds, runs))
    terminal = timed(lambda: render_terminal(compare(old, new), width=100), runs)
    for older, newer in (("2015-12-04", "2015-12-09"), ("2015-12-09", "2015-12-12")):
        start = time.perf_counter()
        old, new = load(VERSIONS / f"{older}.md"), load(VERSIONS / f"{newer}.md")
        rows.append(row(f"Paris {older[5:]} -> {newer[5:]}", old, new, time.perf_counter() - start, runs))
    per_megabyte = []
    for size in SYNTHETIC_SIZES[:1] if quick else SYNTHETIC_SIZES:
        old_text = synthetic_draft(size, seed=1)
        new_text = next_iteration(old_text, seed=2)
        start = time.perf_counter()
        old, new = parse(old_text), parse(new_text)
        parse_seconds = time.perf_counter() - start
        rows.append(row(f"synthetic {size / 1e6:g} MB", old, new, parse_seconds, 3))
        per_megabyte.append(float(rows[-1][5]))
        resolved = compare(old, new).summary
        print(
            f"# synthetic {size / 1e6:g} MB: {len(old.brackets)} -> {len(new.brackets)} bracket pairs, "
            f"{resolved.resolved} resolved; paragraphs {resolved.paragraphs}",
            file=sys.stderr,
        )
    header = (
        "case",
        "old / new",
        "parse",
        "compare median (range)",
        "CPU",
        "CPU s/MB",
        "git --word-diff (range)",
        "git CPU",
        "CPU ratio",
    )
    widths = [max(len(r[k]) for r in [header, *rows]) for k in range(len(header))]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)))
    print(f"\nterminal rendering, 23 Oct -> 4 Dec (compare + render_terminal): {spread(terminal)} s")
    if len(per_megabyte) > 1:
        print(
            f"CPU seconds per MB across sizes: {', '.join(f'{v:.2f}' for v in per_megabyte)} (flat = linear)"
        )
    print(
        f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)"
    )
    print("seconds (wall clock, CPU = process time, median); parse = both files, once;")
    print("CPU ratio = compare CPU / git diff --no-index --word-diff CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
