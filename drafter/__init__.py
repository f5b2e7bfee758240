"""drafter: a terminal editor for negotiating texts (the headless core; the TUI lives in drafter.tui)."""

from drafter.model import Draft
from drafter.parse import ReadError, load, parse

__all__ = ["Draft", "ReadError", "load", "parse"]
