"""The diff for a terminal: coloured, wrapped to the width, inline or side by side.

Deleted words are red and struck through, inserted words green. Without
colour the same edits are marked `⟨-deleted-⟩` and `⟨+inserted+⟩` (not `[-…-]`:
square brackets already mean something in these texts).
"""

from __future__ import annotations

import io
import re

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from drafter.diff.display import (
    SECTION_COLUMNS,
    Departure,
    Role,
    describe,
    in_reading_order,
    location,
    plural,
    section_rows,
    shown_pieces,
    summary_lines,
)
from drafter.diff.model import Change, ChangeKind, DraftDiff

DELETED = "red strike"
INSERTED = "green bold"
# A whole paragraph deleted or inserted: struck-through blocks are hard to read, and the gutter says it.
PARAGRAPH_DELETED = "red"
PARAGRAPH_INSERTED = "green"
CONTEXT = 160  # characters of unchanged text kept on each side of an edit inside a paragraph
TRAILING_SPACE = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)
MARKS = {
    DELETED: ("⟨-", "-⟩"),
    INSERTED: ("⟨+", "+⟩"),
    PARAGRAPH_DELETED: ("⟨-", "-⟩"),
    PARAGRAPH_INSERTED: ("⟨+", "+⟩"),
}


class _Writer:
    def __init__(self, width: int, color: bool) -> None:
        self.color = color
        self.buffer = io.StringIO()
        self.console = Console(
            file=self.buffer,
            width=max(width, 40),
            force_terminal=color,
            color_system="standard" if color else None,
            no_color=not color,
            highlight=False,
            markup=False,
            emoji=False,
            legacy_windows=False,
        )

    def styled(self, text: Text, content: str, style: str) -> None:
        if not content:
            return
        if self.color:
            text.append(content, style)
        else:
            opening, closing = MARKS[style]
            text.append(f"{opening}{content}{closing}")

    def unchanged(self, text: Text, content: str, first: bool, last: bool) -> None:
        """Unchanged words inside a changed paragraph, cut down (at word ends) to the context of the edits."""
        if not first and not last and len(content) > 2 * CONTEXT + 20:
            content = _head(content) + " … " + _tail(content)
        elif first and not last and len(content) > CONTEXT + 20:
            content = "… " + _tail(content)
        elif last and not first and len(content) > CONTEXT + 20:
            content = _head(content) + " …"
        text.append(content)

    def words(self, change: Change, side: str = "both") -> Text:
        """The paragraph with its word edits; `side` "old" or "new" shows one side of them."""
        text = Text()
        runs = [run for run in shown_pieces(change.pieces, side) if run[0]]
        for k, (content, role) in enumerate(runs):
            if role is Role.SAME:
                self.unchanged(text, content, k == 0, k == len(runs) - 1)
            else:
                self.styled(text, content, DELETED if role is Role.DELETED else INSERTED)
        text.rstrip()
        return text

    def whole(self, content: str, style: str) -> Text:
        text = Text()
        self.styled(text, content.rstrip(), style)
        return text

    def render(self) -> str:
        # Table cells pad every line to the full width; a terminal does not need the trailing spaces.
        return TRAILING_SPACE.sub(r"\1", self.buffer.getvalue())


def _head(content: str) -> str:
    """About CONTEXT characters from the start, ending at a word's end."""
    cut = content[:CONTEXT]
    return cut.rsplit(None, 1)[0] if " " in cut.strip() else cut


def _tail(content: str) -> str:
    """About CONTEXT characters from the end, starting at a word's start."""
    cut = content[-CONTEXT:]
    return cut.split(None, 1)[-1] if " " in cut.strip() else cut


def _body(writer: _Writer, change: Change, side: str = "both") -> Text:
    if change.kind is ChangeKind.DELETE:
        return writer.whole(change.old_text, PARAGRAPH_DELETED) if side != "new" else Text()
    if change.kind is ChangeKind.INSERT:
        return writer.whole(change.new_text, PARAGRAPH_INSERTED) if side != "old" else Text()
    return writer.words(change, side)


def _header(writer: _Writer, diff: DraftDiff) -> None:
    console = writer.console
    title = Text(f"{diff.old_name} → {diff.new_name}", style="bold")
    console.print(title)
    for line in summary_lines(diff.summary):
        console.print(Text(line, style="cyan"))
    if diff.identical:
        console.print(Text("The drafts are identical.", style="bold"))


def _sections_table(writer: _Writer, diff: DraftDiff) -> None:
    rows = section_rows(diff.summary)
    if not rows:
        return
    table = Table(title="Brackets by section", box=box.SIMPLE_HEAD, title_justify="left", expand=True)
    table.add_column("section", overflow="fold", ratio=2)
    for name, _ in SECTION_COLUMNS:
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("groups", overflow="fold", ratio=3)
    for title, counts, notes in rows:
        table.add_row(title, *(str(n) for n in counts), notes)
    writer.console.print(table)


def render_terminal(
    diff: DraftDiff,
    width: int = 100,
    side_by_side: bool = False,
    color: bool = True,
    summary_only: bool = False,
) -> str:
    """The whole diff as terminal text (ANSI colours when `color`), wrapped to `width` columns.

    `summary_only` keeps the counts and the table of brackets by section, without the changes.
    """
    writer = _Writer(width, color)
    console = writer.console
    _header(writer, diff)
    section = None
    for item in () if summary_only else in_reading_order(diff):
        if isinstance(item, Departure):
            console.print(
                Text(
                    f"↪ paragraph moved away from here (old line {item.move.old_line}) to new line "
                    f"{item.move.new_line}",
                    style="magenta",
                )
            )
            continue
        change = item
        if change.kind is ChangeKind.EQUAL:
            console.print(Text(f"⋯ {describe(change)} ({location(change)})", style="dim"))
            continue
        current = change.new_section if change.kind is not ChangeKind.DELETE else change.old_section
        if current != section and current:
            console.rule(Text(current, style="bold blue"), align="left", style="blue")
            section = current
        console.print(Text(f"@@ {location(change)} · {describe(change)}", style="cyan"))
        if side_by_side:
            table = Table(box=box.MINIMAL, show_header=False, show_edge=False, expand=True, pad_edge=False)
            table.add_column(ratio=1, overflow="fold")
            table.add_column(ratio=1, overflow="fold")
            table.add_row(_body(writer, change, "old"), _body(writer, change, "new"))
            console.print(table)
        else:
            gutter = {ChangeKind.DELETE: "- ", ChangeKind.INSERT: "+ "}.get(change.kind, "  ")
            grid = Table.grid(expand=True)
            grid.add_column(width=2)
            grid.add_column(ratio=1, overflow="fold")
            grid.add_row(gutter, _body(writer, change))
            console.print(grid)
    _sections_table(writer, diff)
    console.print(Text(plural(len(diff.differences), "change"), style="bold"))
    return writer.render()
