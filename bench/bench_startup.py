"""Start-up: `drafter check` on a 2 KB sample against a bare `python -c "import lark"`, and the TUI's first screen.

Run: `.venv/bin/python bench/bench_startup.py` (`--runs N`, default 20).
Every round starts each process once, in turn, so the load of a shared machine falls on
all of them alike; the ratio is of the medians of one run. Issue 9's goal: `drafter check`
within 2x the bare lark import. Also measured: `drafter check` with an empty parser cache
(the first start after an install or a grammar change), and the TUI launched headless on the
same sample, from the process start to its main screen's first frame.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "ocean-agreement.txt"
DRAFTER = Path(sys.executable).with_name("drafter")  # the console script a user runs
FIRST_SCREEN_SIZE = (80, 24)


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def timed_first_screen(path: Path) -> float:
    """A fresh process opens `path` in the TUI (headless); the time until it reports its first main screen."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, __file__, "--first-screen", str(path)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - start
    child.wait()
    if line.strip() != "ready" or child.returncode != 0:
        raise SystemExit(f"the TUI probe failed on {path}: {line!r}, exit {child.returncode}")
    return elapsed


async def report_first_screen(path: Path) -> None:
    """In the child: run the app headless and print `ready` when the main screen is first drawn."""
    from drafter.tui.app import make_app
    from drafter.tui.screen import MainScreen

    app = make_app(path)
    display = app._display
    drawn = asyncio.Event()

    def on_frame(screen: object, renderable: object) -> None:
        display(screen, renderable)  # type: ignore[arg-type]
        if renderable is not None and isinstance(screen, MainScreen) and not drawn.is_set():
            print("ready", flush=True)
            drawn.set()

    app._display = on_frame  # type: ignore[method-assign]
    async with app.run_test(size=FIRST_SCREEN_SIZE) as pilot:
        while not drawn.is_set():
            await pilot.pause()


def row(name: str, values: list[float]) -> str:
    median = statistics.median(values)
    return f"{name:<40} {len(values):>4} {median * 1000:>9.1f} {min(values) * 1000:>9.1f} {max(values) * 1000:>9.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--first-screen", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.first_screen is not None:
        asyncio.run(report_first_screen(args.first_screen))
        return 0

    lark = [sys.executable, "-c", "import lark"]
    check = [str(DRAFTER), "check", str(SAMPLE)]
    timings: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / SAMPLE.name  # the TUI may write a journal beside it: never into samples/
        timed(lark), timed(check)  # warm the file cache and the parser cache
        for _ in range(args.runs):
            timings.setdefault("python -c 'import lark'", []).append(timed(lark))
            timings.setdefault("drafter check (2 KB sample)", []).append(timed(check))
        for run in range(max(3, args.runs // 4)):
            empty_cache = dict(os.environ, XDG_CACHE_HOME=str(Path(tmp) / f"cache{run}"))
            timings.setdefault("drafter check, empty parser cache", []).append(timed(check, empty_cache))
        for _ in range(max(3, args.runs // 4)):
            shutil.copyfile(SAMPLE, draft)
            for journal in Path(tmp).glob("*.drafter.sqlite*"):
                journal.unlink()
            timings.setdefault(f"TUI first screen {FIRST_SCREEN_SIZE[0]}x{FIRST_SCREEN_SIZE[1]}", []).append(
                timed_first_screen(draft)
            )
    print(
        f"start-up on {SAMPLE.relative_to(REPO)} ({SAMPLE.stat().st_size:,} bytes), Python {sys.version.split()[0]}"
    )
    print(f"{'measure':<40} {'runs':>4} {'median ms':>9} {'min ms':>9} {'max ms':>9}")
    for name, values in timings.items():
        print(row(name, values))
    ratio = statistics.median(timings["drafter check (2 KB sample)"]) / statistics.median(
        timings["python -c 'import lark'"]
    )
    print(f"drafter check / import lark: {ratio:.2f}x (goal: at most 2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
