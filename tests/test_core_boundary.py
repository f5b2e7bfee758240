"""The headless core never imports Textual: every module outside drafter.tui, the CLI and all commands."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import drafter


def core_modules() -> list[str]:
    names = [m.name for m in pkgutil.walk_packages(drafter.__path__, "drafter.")]
    return ["drafter", *sorted(n for n in names if not n.startswith("drafter.tui"))]


PROBE = """
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
    if "textual" in sys.modules:
        print(name)
        break
"""


def test_the_core_modules_are_found() -> None:
    modules = core_modules()
    assert {
        "drafter.commands.cli",
        "drafter.text.parser",
        "drafter.text.model",
        "drafter.commands.check",
    } <= set(modules)
    assert "drafter.commands.open" in modules


def test_no_core_module_imports_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *core_modules()], capture_output=True, text=True, check=True
    )
    assert result.stdout == "", f"{result.stdout.strip()} imports textual"


def test_building_the_command_line_does_not_import_textual() -> None:
    probe = "import sys; from drafter.commands.cli import build_parser; build_parser(); print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_tui_does_import_textual() -> None:
    """The probe itself works: importing the TUI does load Textual."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "drafter.tui.document"], capture_output=True, text=True, check=False
    )
    assert result.stdout.strip() == "drafter.tui.document"
