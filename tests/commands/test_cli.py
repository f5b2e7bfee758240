"""The command line's dispatch: each command name leads to the module that registers it, and only that one loads."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys

import pytest

from drafter.commands.cli import COMMANDS, build_parser, main
from tests.conftest import SAMPLES


def registered_by(module: str) -> set[str]:
    subparsers = argparse.ArgumentParser().add_subparsers()
    importlib.import_module(f"drafter.commands.{module}").register(subparsers)
    return set(subparsers.choices)


@pytest.mark.parametrize("module", sorted(set(COMMANDS.values())))
def test_each_module_registers_exactly_the_commands_listed_for_it(module: str) -> None:
    assert registered_by(module) == {name for name, owner in COMMANDS.items() if owner == module}


def test_help_lists_every_command() -> None:
    subparsers = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert list(subparsers.choices) == list(COMMANDS)


def test_a_file_name_alone_opens_it(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("drafter.commands.open.run", lambda args: opened.append(args.file) or 0)
    assert main([str(SAMPLES / "ocean-agreement.txt")]) == 0
    assert opened == [str(SAMPLES / "ocean-agreement.txt")]


LOADED = """
import sys
from drafter.commands.cli import main
main(sys.argv[1:])
print(" ".join(sorted(sys.modules)))
"""
NOT_FOR_CHECK = (
    "drafter.incremental",
    "drafter.negotiation",
    "drafter.journal",
    "drafter.diff",
    "drafter.stats",
    "drafter.tui",
    "textual",
    "rich",
    "matplotlib",
    "docx",
    "psycopg",
)


def test_check_loads_the_reading_layer_only() -> None:
    """`drafter check` on a text draft starts without the session, the journal, the diff, the TUI (start-up time)."""
    result = subprocess.run(
        [sys.executable, "-c", LOADED, "check", str(SAMPLES / "ocean-agreement.txt")],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = result.stdout.splitlines()[-1].split()
    assert "drafter.text.parser" in loaded and "drafter.commands.check" in loaded
    assert [m for m in loaded if m.startswith(NOT_FOR_CHECK)] == []
