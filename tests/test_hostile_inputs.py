"""Every hostile input of the catalogue (tests/hostile.py) gets its defined outcome, in a subprocess whose
peak memory is measured and bounded: linear in the input, whatever its shape. CI sizes here; the big
sizes are bench/bench_hostile.py's."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.hostile import (
    HOSTILE_INPUTS,
    HostileInput,
    Measured,
    Outcome,
    memory_bound,
    run_command,
    run_tui,
)

SIZE = 40_000  # bytes: 8,000-deep nesting, 40,000 stray brackets
SMALL = SIZE // 4
EXITS = {Outcome.READ: 0, Outcome.DIAGNOSED: 1, Outcome.REFUSED: 2}
# What must never reach a terminal raw: ESC, C1 controls, bidi overrides (drafter.inert escapes them).
RAW_CONTROLS = re.compile("[\x1b\x07\x80-\x9f\u202a-\u202e\u2066-\u2069]")
TUI_INPUTS = ("deep nesting", "stray ']' run", "huge line", "control characters", "many paragraphs")


def _ids(entry: HostileInput) -> str:
    return entry.name


@pytest.fixture(scope="module")
def baselines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    """Each command's peak memory on a one-line draft."""
    folder = tmp_path_factory.mktemp("baseline")
    (folder / "draft.txt").write_bytes(b"1. The Parties [shall] act.\n")
    peaks = {
        command: run_command([command, "draft.txt"], folder).peak_bytes for command in ("check", "status")
    }
    peaks["tui"] = run_tui(folder / "draft.txt").peak_bytes
    return peaks


def _check_bounded(measured: Measured, baseline: int, path: Path) -> None:
    size = path.stat().st_size
    bound = memory_bound(baseline, size)
    assert measured.peak_bytes <= bound, (
        f"{measured.peak_bytes / 2**20:.1f} MB for {size:,} bytes (bound {bound / 2**20:.1f} MB)"
    )


def _files_in(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("entry", HOSTILE_INPUTS, ids=_ids)
def test_check_gives_the_outcome_within_the_memory_bound(
    entry: HostileInput, tmp_path: Path, baselines: dict[str, int]
) -> None:
    path = entry.write(tmp_path, SIZE)
    checked = run_command(["check", str(path.relative_to(tmp_path))], tmp_path)
    assert checked.exit == EXITS[entry.outcome], checked.output[-2000:]
    assert entry.says in checked.output, checked.output[-2000:]
    assert "Traceback" not in checked.output
    assert not RAW_CONTROLS.search(checked.output), "control characters reached the terminal raw"
    if entry.outcome is Outcome.REFUSED:
        assert checked.output.startswith(f"drafter: {path.relative_to(tmp_path)}")
        assert checked.output.count("\n") == 1, "one line"
    assert _files_in(tmp_path) == {path}, "check writes nothing"
    _check_bounded(checked, baselines["check"], path)


@pytest.mark.parametrize("entry", HOSTILE_INPUTS, ids=_ids)
def test_status_gives_the_outcome_in_memory_linear_in_the_input(
    entry: HostileInput, tmp_path: Path, baselines: dict[str, int]
) -> None:
    """Within the bound, and (for the entries that scale) 4 x the input takes at most about 4 x the memory
    above the small run: quadratic work would take 16 x (20,000-deep nesting once took 2 GB against
    5,000-deep's 130 MB)."""
    path = entry.write(tmp_path, SIZE)
    status = run_command(["status", str(path.relative_to(tmp_path))], tmp_path)
    expected = 2 if entry.outcome is Outcome.REFUSED else 0
    assert status.exit == expected, status.output[-2000:]
    assert "Traceback" not in status.output
    assert not RAW_CONTROLS.search(status.output), "control characters reached the terminal raw"
    assert _files_in(tmp_path) == {path}, "status writes nothing (no journal before the first write)"
    _check_bounded(status, baselines["status"], path)
    if not entry.scales:
        return
    folder = tmp_path / "small"
    small_path = entry.write(folder, SMALL)
    small = run_command(["status", str(small_path.relative_to(folder))], folder)
    ratio = path.stat().st_size / small_path.stat().st_size
    grown = status.peak_bytes - small.peak_bytes
    assert grown <= 1.5 * ratio * max(small.peak_bytes // 4, small_path.stat().st_size * 40) + 8 * 2**20, (
        f"{small.peak_bytes / 2**20:.1f} MB -> {status.peak_bytes / 2**20:.1f} MB for {ratio:.1f} x the input"
    )


@pytest.mark.parametrize("entry", [e for e in HOSTILE_INPUTS if e.name in TUI_INPUTS], ids=_ids)
def test_the_tui_draws_hostile_drafts_within_the_memory_bound(
    entry: HostileInput, tmp_path: Path, baselines: dict[str, int]
) -> None:
    path = entry.write(tmp_path, SIZE)
    shown = run_tui(path)
    assert shown.exit == 0, shown.output[-2000:]
    _check_bounded(shown, baselines["tui"], path)


@pytest.mark.parametrize("command", ["check", "status"])
def test_a_fifo_is_refused_not_waited_on(command: str, tmp_path: Path) -> None:
    fifo = tmp_path / "draft.txt"
    os.mkfifo(fifo)
    refused = run_command([command, "draft.txt"], tmp_path, timeout=120)
    assert refused.exit == 2
    assert (
        refused.output
        == "drafter: draft.txt: is a FIFO, not a file: drafter reads a draft from a regular file\n"
    )


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_refused_not_read_for_ever(device: str, tmp_path: Path) -> None:
    refused = run_command(["check", device], tmp_path, timeout=120)
    assert refused.exit == 2
    assert (
        refused.output
        == f"drafter: {device}: is a device, not a file: drafter reads a draft from a regular file\n"
    )
