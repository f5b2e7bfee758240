"""The diff for a terminal: coloured, wrapped to the width, inline or side by side.

Every text from the drafts goes through `drafter.inert.inert` before rich lays it out: the only
escape sequences in the output are rich's own colours.

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
    GROUP_COLUMNS,
    SECTION_COLUMNS,
    SECTIONS_TITLE,
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
from drafter.diff.model import Change, ChangeKind, DraftDiff, Piece
from drafter.diff.replaced import ReplacedRow, Replacement, with_replacements
from drafter.diff.words import coarse_note
from drafter.inert import inert

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
        content = inert(content)
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
        text.append(inert(content))

    def words(self, pieces: tuple[Piece, ...], side: str = "both") -> Text:
        """The paragraph with its word edits; `side` "old" or "new" shows one side of them."""
        text = Text()
        runs = [run for run in shown_pieces(pieces, side) if run[0]]
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
    return writer.words(change.pieces, side)


def _replaced(writer: _Writer, row: ReplacedRow, side: str) -> Text:
    if row.pieces:
        return writer.words(row.pieces, side)
    if side == "old":
        return writer.whole(row.old_text, PARAGRAPH_DELETED)
    return writer.whole(row.new_text, PARAGRAPH_INSERTED)


def _pieces(text: Text, separator: str) -> list[Text]:
    """`text` cut at each `separator`, for a row each: rich splits a rendered cell into lines in time that
    grows with the square of its length, and a run of inserted paragraphs can be megabytes (a 5 MB draft
    against a 50 MB one)."""
    return list(text.split(separator, allow_blank=True)) or [text]


def _columns(writer: _Writer, rows: list[tuple[Text, Text]]) -> None:
    table = Table(box=box.MINIMAL, show_header=False, show_edge=False, expand=True, pad_edge=False, leading=1)
    table.add_column(ratio=1, overflow="fold")
    table.add_column(ratio=1, overflow="fold")
    for left, right in rows:
        if left.plain and right.plain:
            table.add_row(left, right)  # a paragraph beside what it became, read across
        else:  # a whole deletion or insertion: a row per paragraph (the rows' leading is the blank line)
            for block in _pieces(left if left.plain else right, "\n\n"):
                table.add_row(*((block, Text()) if left.plain else (Text(), block)))
    writer.console.print(table)


def _section(change: Change) -> str:
    return change.new_section if change.kind is not ChangeKind.DELETE else change.old_section


def _header(writer: _Writer, diff: DraftDiff) -> None:
    console = writer.console
    title = Text(inert(f"{diff.old_name} → {diff.new_name}"), style="bold")
    console.print(title)
    for line in summary_lines(diff.summary):
        console.print(Text(inert(line), style="cyan"))
    if diff.identical:
        console.print(Text("The drafts are identical.", style="bold"))
    if diff.coarse:
        console.print(Text(coarse_note(diff.coarse), style="yellow"))


SECTION_WIDTH = 16  # the narrowest section column worth having; below it each section gets its own line


def _sections_table(writer: _Writer, diff: DraftDiff) -> None:
    rows = section_rows(diff.summary)
    if not rows:
        return
    console = writer.console
    numbers = [name for name, _ in SECTION_COLUMNS] + [name.replace(" ", "\n") for name in GROUP_COLUMNS]
    numbers_width = sum(1 + max(len(line) for line in name.split("\n")) for name in numbers)
    if console.width < numbers_width + SECTION_WIDTH + 1:
        console.print(Text(SECTIONS_TITLE))
        for row in rows:
            cells = [f"{name} {n}" for (name, _), n in zip(SECTION_COLUMNS, row.counts, strict=True) if n]
            cells += [f"{name} {g}" for name, g in zip(GROUP_COLUMNS, row.groups, strict=True) if g]
            console.print(Text(inert(row.title), style="bold"))
            console.print(Text(inert("  " + ", ".join(cells))))
        return
    table = Table(
        title=SECTIONS_TITLE, box=box.SIMPLE_HEAD, title_justify="left", padding=(0, 0, 0, 1), pad_edge=False
    )
    longest = max(len(inert(row.title)) for row in rows)
    table.add_column("section", overflow="fold", min_width=min(longest, SECTION_WIDTH))
    for name in numbers:
        table.add_column(name, justify="right", no_wrap=True)
    for row in rows:
        table.add_row(inert(row.title), *(str(n) for n in row.counts), *(inert(g) for g in row.groups))
    console.print(table)


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
    _sections_table(writer, diff)
    section = None
    items = () if summary_only else in_reading_order(diff)
    for item in with_replacements(items) if side_by_side else items:
        if isinstance(item, Departure):
            console.print(
                Text(
                    f"↪ paragraph moved away from here (old line {item.move.old_line}) to new line "
                    f"{item.move.new_line}",
                    style="magenta",
                )
            )
            continue
        if isinstance(item, Change) and item.kind is ChangeKind.EQUAL:
            console.print(Text(inert(f"⋯ {describe(item)} ({location(item)})"), style="dim"))
            continue
        current = item.inserted.new_section if isinstance(item, Replacement) else _section(item)
        if current != section and current:
            console.rule(Text(inert(current), style="bold blue"), align="left", style="blue")
            section = current
        if isinstance(item, Replacement):
            console.print(Text(inert(f"@@ {item.location()} · {item.describe()}"), style="cyan"))
            _columns(writer, [(_replaced(writer, r, "old"), _replaced(writer, r, "new")) for r in item.rows])
            continue
        console.print(Text(inert(f"@@ {location(item)} · {describe(item)}"), style="cyan"))
        if side_by_side:
            _columns(writer, [(_body(writer, item, "old"), _body(writer, item, "new"))])
        else:
            gutter = {ChangeKind.DELETE: "- ", ChangeKind.INSERT: "+ "}.get(item.kind, "  ")
            grid = Table.grid(expand=True)
            grid.add_column(width=2)
            grid.add_column(ratio=1, overflow="fold")
            for k, line in enumerate(_pieces(_body(writer, item), "\n")):
                grid.add_row(gutter if k == 0 else "", line)
            console.print(grid)
    console.print(Text(plural(len(diff.differences), "change"), style="bold"))
    return writer.render()
