"""The diff screen: the open draft against another version or its own base, change by change.

`drafter.diff.compare` does the work (in a worker: a big pair takes a while); this
screen only lays the changes out as rows, Line API style, and walks them with n/p.
Deleted words are struck through and inserted ones underlined, each between marks
(`⟨-…-⟩`, `⟨+…+⟩`, as the core's colourless output has them), so the colours are not
the only signal.
"""

from __future__ import annotations

import bisect
from typing import ClassVar

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Footer, Static

from drafter.diff import Change, ChangeKind, DraftDiff
from drafter.diff.display import Role, describe, location, shown_pieces, summary_lines

DELETED = Style(color="#e06c75", strike=True)
INSERTED = Style(color="#98c379", bold=True, underline=True)
HEADER = Style(color="#56b6c2")
MARK = Style(dim=True)
CURRENT = Style(color="#61afef", bold=True)
DISPLAY = {i: " " for i in range(32) if i != 10}


def change_text(change: Change) -> Text:
    """A change's header line and its text, word edits marked."""
    text = Text(f"{location(change)} · {describe(change)}\n", style=HEADER)
    if change.kind is ChangeKind.DELETE:
        text.append(change.old_text.rstrip().translate(DISPLAY), DELETED)
    elif change.kind is ChangeKind.INSERT:
        text.append(change.new_text.rstrip().translate(DISPLAY), INSERTED)
    else:
        for content, role in shown_pieces(change.pieces):
            if role is Role.SAME or not content:
                text.append(content.translate(DISPLAY))
            else:
                # The marks say what the colours say, for terminals or eyes without them.
                opening, closing = ("⟨-", "-⟩") if role is Role.DELETED else ("⟨+", "+⟩")
                style = DELETED if role is Role.DELETED else INSERTED
                text.append(opening, MARK)
                text.append(content.translate(DISPLAY), style)
                text.append(closing, MARK)
        text.rstrip()
    return text


class DiffView(ScrollView, can_focus=True):
    """All differences as wrapped rows; `blocks` are the first row of each."""

    def __init__(self, diff: DraftDiff, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.diff = diff
        self.changes = diff.differences
        self.current = 0
        self.blocks: list[int] = []
        self._rows: list[Strip] = []
        self._width = 0

    def on_resize(self, event: events.Resize) -> None:
        width = max(self.scrollable_content_region.width - 2, 20)
        if width != self._width:
            self._width = width
            self._lay_out()

    def _lay_out(self) -> None:
        console: Console = self.app.console
        options = console.options.update_width(self._width)
        rows: list[Strip] = []
        self.blocks = []
        for change in self.changes:
            self.blocks.append(len(rows))
            for line in console.render_lines(change_text(change), options, pad=False):
                rows.append(Strip(line))
            rows.append(Strip([]))
        self._rows = rows
        self.virtual_size = Size(self._width + 2, len(rows))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        row = y + round(self.scroll_offset.y)
        if row >= len(self._rows):
            return Strip.blank(self.size.width, self.rich_style)
        block = bisect.bisect_right(self.blocks, row) - 1
        marker = "▶ " if block == self.current and self.changes else "  "
        strip = Strip([Segment(marker, CURRENT), *self._rows[row]])
        return strip.apply_style(self.rich_style).crop_extend(0, self.size.width, self.rich_style)

    def go(self, index: int) -> None:
        if not self.changes:
            return
        self.current = max(0, min(index, len(self.changes) - 1))
        self.scroll_to(y=self.blocks[self.current] if self.blocks else 0, animate=False)
        self.refresh()


class DiffScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "step(1)", "Next change", id="diff-next"),
        Binding("p", "step(-1)", "Previous change", id="diff-previous"),
        Binding("escape,q", "app.pop_screen", "Back", id="diff-back"),
    ]
    DEFAULT_CSS = """
    DiffScreen #diff-summary { height: auto; max-height: 8; background: $panel; padding: 0 1; }
    DiffScreen DiffView { height: 1fr; }
    """

    def __init__(self, diff: DraftDiff) -> None:
        super().__init__()
        self.diff = diff

    def compose(self) -> ComposeResult:
        count = len(self.diff.differences)
        title = Text(f"{self.diff.old_name} → {self.diff.new_name}: ", style="bold")
        title.append(f"{count} change{'s' if count != 1 else ''}" if count else "identical")
        for line in summary_lines(self.diff.summary):
            title.append(f"\n{line}", "#56b6c2")
        yield Static(title, id="diff-summary")
        yield DiffView(self.diff)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DiffView).focus()

    def action_step(self, direction: int) -> None:
        view = self.query_one(DiffView)
        if not view.changes:
            self.notify("The drafts are identical.")
            return
        view.go(view.current + direction)
