"""drafter: a terminal editor for negotiating texts (the headless core; the TUI lives in drafter.tui)."""

from drafter.formats.source import load
from drafter.text.model import Draft
from drafter.text.parser import ReadError, parse

__all__ = ["Draft", "ReadError", "load", "parse"]
