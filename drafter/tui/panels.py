"""The panels around the document: status line, outline, diagnostics. They render what they are given."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option

from drafter.text.model import Diagnostic, Draft, ParagraphKind

OUTLINE_KINDS = frozenset(
    {ParagraphKind.HEADING, ParagraphKind.OPERATIVE, ParagraphKind.PREAMBULAR, ParagraphKind.OPTION}
)

NO_OUTLINE = (
    "No headings or numbered paragraphs found in this text: the outline lists those. "
    "g goes to a paragraph by its words."
)


@dataclass(frozen=True, slots=True)
class StatusFacts:
    """The facts the status line shows."""

    file: str
    open_count: int
    resolved_count: int
    party: str | None
    meeting: str | None
    filter_on: bool
    errors: int
    unattached: int = 0  # elements whose positions need re-attachment


class StatusLine(Widget):
    """One line of facts; repainted in place (a Static would re-lay out the screen on every update)."""

    DEFAULT_CSS = """
    StatusLine { height: 1; background: $panel; color: $text; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()

    def render(self) -> Text:
        return self._text

    def show(self, status: StatusFacts) -> None:
        name = status.file if len(status.file) <= 32 else f"{status.file[:20]}…{status.file[-11:]}"
        text = Text.assemble(
            (name, "bold"),
            "  open ",
            (str(status.open_count), "bold"),
            "  resolved ",
            (str(status.resolved_count), "bold"),
            "  Party ",
            (status.party or "(none: P)", "bold" if status.party else "italic"),
            "  meeting ",
            (status.meeting or "(none: M)", "bold" if status.meeting else "italic"),
        )
        if status.filter_on:
            text.append("  [filter: unheard or objecting]", "bold #e5c07b")
        if status.errors:
            text.append(f"  {status.errors} error{'s' if status.errors != 1 else ''} (D)", "bold #e06c75")
        if status.unattached:
            text.append(f"  {status.unattached} to re-attach (U)", "bold #e5c07b")
        self._text = text
        self.refresh()


class KeyBar(Footer):
    """The footer in a grid of as few rows as fit the width, so that every key shows."""

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        self._widths = self._key_widths() if keys else []
        yield from keys
        self._fit()

    def _key_widths(self) -> list[int]:
        """The cells of each key the footer shows: one per action, its key and word with their padding."""
        first: dict[str, Binding] = {}
        for _, binding, _, _ in self.screen.active_bindings.values():
            if binding.show:
                first.setdefault(binding.action, binding)
        return [
            cell_len(self.app.get_key_display(binding)) + cell_len(binding.description) + 3
            for binding in first.values()
        ]

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        widths = getattr(self, "_widths", [])
        width = self.size.width or self.app.size.width
        columns = len(widths)
        while columns > 1 and sum(max(widths[c::columns]) for c in range(columns)) > width:
            columns -= 1
        # Footer sets one grid column per key, which scrolls out of sight on a narrow screen.
        self.styles.grid_size_columns = max(columns, 1)
        self.styles.height = max(-(-len(widths) // max(columns, 1)), 1)


class JumpTo(Message):
    """Asks the screen to show the text at `offset`."""

    def __init__(self, offset: int) -> None:
        self.offset = offset
        super().__init__()


class JumpList(OptionList):
    """A list whose every row stands for a place in the text."""

    _offsets: list[int]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(JumpTo(self._offsets[event.option_index]))


class Outline(JumpList):
    """Headings and numbered paragraphs with their open brackets; choosing one jumps there."""

    DEFAULT_CSS = """
    Outline { width: 34; display: none; border-right: solid $panel-lighten-2; }
    Outline.-shown { display: block; }
    """

    def show(self, draft: Draft, open_starts: list[int]) -> None:
        """Rows for `draft`; `open_starts` are the sorted start offsets of its open brackets."""
        titled = (ParagraphKind.HEADING, ParagraphKind.OPTION)  # shown by their first line, numbers or not
        entries = [p for p in draft.paragraphs if p.kind in OUTLINE_KINDS and (p.number or p.kind in titled)]
        self._offsets = [p.start for p in entries]
        options = []
        for i, paragraph in enumerate(entries):
            # A heading counts to the next heading, a paragraph to its own end.
            end = paragraph.end
            if paragraph.kind is ParagraphKind.HEADING:
                end = next(
                    (p.start for p in entries[i + 1 :] if p.kind is ParagraphKind.HEADING), len(draft.text)
                )
            count = bisect.bisect_left(open_starts, end) - bisect.bisect_left(open_starts, paragraph.start)
            heading = paragraph.kind is ParagraphKind.HEADING
            first_line = draft.text[paragraph.start : paragraph.end].split("\n", 1)[0].strip()
            label = first_line if paragraph.kind in titled or not paragraph.number else paragraph.number
            row = Text("" if heading else "  " * (1 + min(paragraph.level, 3)))
            row.append(label[:24], "bold" if heading else "")
            row.append(f" l.{paragraph.line}", "dim")
            if count:
                row.append(f" [{count}]", "#e5c07b")
            options.append(Option(row))
        if not options:  # an empty box would look like a fault: say what the outline looks for
            options.append(Option(Text(NO_OUTLINE, "dim italic"), disabled=True))
        highlighted = self.highlighted
        self.set_options(options)
        if highlighted is not None and options:
            self.highlighted = min(highlighted, len(options) - 1)


class DiagnosticsPanel(JumpList):
    """Bracket errors of an unbalanced text; choosing one jumps to its place."""

    DEFAULT_CSS = """
    DiagnosticsPanel { height: 8; display: none; border-top: solid $error; }
    DiagnosticsPanel.-shown { display: block; }
    """

    _shown: tuple[Diagnostic, ...] = ()

    def show(self, draft: Draft) -> None:
        """A row per diagnostic of `draft`: its paragraph's reference first, as the room says where."""
        diagnostics = draft.diagnostics
        if diagnostics == self._shown:
            return
        self._shown = diagnostics
        self._offsets = [d.offset for d in diagnostics]
        self.set_options(
            Option(
                Text.assemble(
                    (f"{draft.reference_at(d.offset) or 'before the text'} ", "bold"),
                    (f"{d.line}:{d.column} ", "dim"),
                    (f"{d.severity.value}: ", "#e06c75" if d.severity.value == "error" else "#e5c07b"),
                    d.message,
                    (f" ({d.hint})" if d.hint else "", "dim"),
                )
            )
            for d in diagnostics
        )
