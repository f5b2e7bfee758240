"""The choice when a draft changed on disk since its journal began: never a dead end.

Keep working on the journal's own copy of the text it began with (the file on
disk is left alone), or carry the journal to the file's text now (the old
journal is kept aside, unchanged, and the review list says what went where), or
quit.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from drafter.negotiation.session import BaseChanged
from drafter.tui.dialogs import Dialog


class WhenChanged(StrEnum):
    KEEP = "keep"  # work on the journal's copy of its base text
    CARRY = "carry"  # carry the journal to the file's text now


class ChangedOnDisk(Dialog[WhenChanged]):
    """Dismisses with the user's choice, or None to quit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "choose('keep')", "Keep working on the journal's text"),
        Binding("c", "choose('carry')", "Carry the journal to the new text"),
        Binding("q", "cancel", "Quit"),
    ]

    DEFAULT_CSS = """
    ChangedOnDisk Static { width: 100%; margin-bottom: 1; }
    """

    def __init__(self, changed: BaseChanged) -> None:
        super().__init__()
        self.changed = changed

    def compose(self) -> ComposeResult:
        name = self.changed.draft_path.name
        with Vertical():
            yield Static(f"{name} changed since its journal began", classes="title")
            yield Static(
                f"The journal {self.changed.journal_location} was begun on another text "
                f"(SHA-256 {self.changed.base_sha256[:12]}…, the file now {self.changed.file_sha256[:12]}…)."
            )
            yield Static(
                "k  keep working on the journal's copy of the text it began with (the file is left alone)"
            )
            yield Static(
                "c  carry the journal to the new text: every position follows its element; the old journal "
                "is kept aside, unchanged, and a list says what went where"
            )
            yield Static("q or escape  quit", classes="hint")

    def action_choose(self, choice: str) -> None:
        self.dismiss(WhenChanged(choice))
