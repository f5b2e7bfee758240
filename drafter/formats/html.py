"""The draft as HTML: the consolidated text with its brackets, alternatives, options and paragraph
references, and the table of open elements with their states and the Parties' positions.

`render_draft` gives the parts (style, text, table) so the room's live view can put the same HTML
in its own page; `export_html` puts them in one self-contained, print-ready page (`drafter export
-o FILE.html`). Brackets are coloured by depth, and every bracket's text is shaded a little darker
than the text around it, so depth also shows in grey on paper; alternatives carry their numbers,
elements with positions carry their state mark (~ converging, = no objection, ! one objector,
✗ split) and their number in the table. Page furniture (running headers, page numbers) is kept out of print.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from drafter.formats.elements import (
    STATE_MARKS,
    ElementRow,
    choices_text,
    element_rows,
    stance_text,
)
from drafter.formats.export import Exported, ExportOptions, Paper
from drafter.formats.html_page import DEPTH_COLOURS, html_text, page
from drafter.negotiation.consensus import Status
from drafter.negotiation.positions import Position
from drafter.negotiation.reading import SessionView
from drafter.text.model import Draft, Paragraph, ParagraphKind, SourceFormat
from drafter.text.report import plural

PAPER_SIZES = {Paper.A4: "A4", Paper.LETTER: "letter"}
MARKDOWN_HEADING = re.compile(r"#{1,6}[ \t]*")
# Paragraphs whose reference the margin does not show: the heading says it, furniture and footnotes have none.
UNREFERENCED = frozenset({ParagraphKind.HEADING, ParagraphKind.PAGE_HEADER, ParagraphKind.FOOTNOTE})
# Events at one offset, in the order their tags open or close there.
CLOSE_LABEL, ANCHOR, OPEN_LABEL, OPEN_BRACKET, CLOSE_BRACKET = range(5)

DRAFT_STYLE = """
.draft { max-width: 900px; margin: 0 auto; padding: 12px 28px 40px 150px; }
.draft .block { margin: 0.45em 0; position: relative; overflow-wrap: anywhere; }
.draft .ref { position: absolute; left: -140px; width: 128px; padding-top: 3px; text-align: right;
  font: 12px/1.35 system-ui, sans-serif; color: var(--muted); }
.draft .heading { font: 600 16px/1.4 system-ui, sans-serif; margin: 1.2em 0 0.5em; }
.draft .heading.level-1 { font-size: 18px; }
.draft .subparagraph { margin-left: 2em; }
.draft .note { color: #57606a; font-style: italic; }
.draft .footnote { font-size: 12.5px; color: #333; }
.draft .page { font: 11px system-ui, sans-serif; color: var(--muted); border-top: 1px dashed var(--rule);
  padding-top: 2px; text-align: right; }
.draft .opt { border-left: 3px solid #8c959f; padding-left: 0.7em; }
.draft .opt.even { border-left-style: double; border-left-color: #0969da; }
.draft .label { font: 600 0.92em system-ui, sans-serif; }
.b { background: rgba(110, 118, 129, 0.08); border-radius: 2px; }
.br { font-weight: 700; }
.alt { outline: 1px dashed #8c959f; outline-offset: 1px; }
.br[data-alt]::before { content: attr(data-alt); font: 600 9px/1 system-ui, sans-serif; color: #fff;
  background: #57606a; border-radius: 6px; padding: 1px 3px; margin-right: 1px; vertical-align: super; }
a.mark { font: 600 10px system-ui, sans-serif; vertical-align: super; text-decoration: none;
  padding: 0 2px; border-radius: 3px; color: #1f2328; background: #eaeef2; }
a.mark::after { content: attr(data-mark); }
a.mark.no-objection { background: #dafbe1; } a.mark.converging { background: #ddf4ff; }
a.mark.one-objector { background: #fff1c2; }
a.mark.split { background: #ffd8d3; }
.elements { padding: 8px 28px 40px; font-family: system-ui, sans-serif; font-size: 13px; }
.elements h2 { font-size: 17px; }
.elements table { border-collapse: collapse; width: 100%; }
.elements th:nth-child(2) { width: 7em; } .elements th:nth-child(4) { width: 9em; }
.elements th:nth-child(5) { width: 30%; }
.elements th, .elements td { text-align: left; vertical-align: top; padding: 4px 8px;
  border-bottom: 1px solid #e5e7eb; }
.elements .kind { color: var(--muted); font-size: 12px; }
.elements .choices { font-family: Georgia, serif; overflow-wrap: anywhere; }
.elements ul { margin: 0; padding-left: 1em; }
.elements .meeting { color: var(--muted); }
.legend { font: 12px system-ui, sans-serif; color: var(--muted); margin: 6px 0 0; }
""" + "".join(f".d{k} > .br {{ color: {colour}; }}\n" for k, colour in enumerate(DEPTH_COLOURS, 1))


def print_style(paper: Paper, title: str) -> str:
    return f"""
@page {{ size: {PAPER_SIZES[paper]}; margin: 18mm 16mm 20mm;
  @top-left {{ content: {css_string(title)}; font: 8pt system-ui, sans-serif; color: #57606a; }}
  @bottom-right {{ content: counter(page) " / " counter(pages); font: 8pt system-ui, sans-serif; }} }}
@media print {{
  * {{ print-color-adjust: exact; -webkit-print-color-adjust: exact; }}
  body {{ font-size: 11pt; }}
  header {{ background: none; padding: 0 0 6px; }}
  .draft {{ max-width: none; padding: 8px 0 0 120px; }}
  .draft .ref {{ left: -120px; width: 110px; }}
  .draft .page {{ display: none; }}
  .draft .heading {{ break-after: avoid; }}
  .elements {{ break-before: page; padding: 0; }}
  .elements tr {{ break-inside: avoid; }}
  a {{ color: inherit; }}
}}
"""


def css_string(text: str) -> str:
    """`text` as a CSS string literal: anything but letters, digits and spaces as a hex escape."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):06x}" for c in text) + '"'


@dataclass(frozen=True, slots=True)
class HtmlBlock:
    """One block of the text (a paragraph, a heading, page furniture, loose text between paragraphs)."""

    start: int  # the text it shows: draft.text[start:end]
    end: int
    html: str  # brackets still open from the blocks before are opened again inside it


@dataclass(frozen=True, slots=True)
class DraftHtml:
    """The parts of the HTML view of a draft, for a page of one's own (`drafter serve`) or the export."""

    style: str  # CSS for the text and the table
    summary: str  # `<li>` lines: the counts of open elements by state, resolved ones
    blocks: tuple[HtmlBlock, ...]  # the consolidated text, block by block (a live view updates blocks)
    rows: tuple[ElementRow, ...]  # the open elements, numbered as the marks in the text number them
    options: ExportOptions

    @property
    def text(self) -> str:
        """`<article class="draft">`: the consolidated text."""
        return '<article class="draft">' + "".join(block.html for block in self.blocks) + "</article>"

    @property
    def elements(self) -> str:
        """`<section class="elements">`: the table of open elements ("" when clean); made when asked for
        (the room's live view has no table, and it is a third of the rendering)."""
        return "" if self.options.clean else _table(self.rows, positions=self.options.positions)


def render_draft(session: SessionView, options: ExportOptions | None = None) -> DraftHtml:
    options = options or ExportOptions()
    rows = [] if options.clean else element_rows(session, positions=options.positions)
    return DraftHtml(
        DRAFT_STYLE,
        _summary(session, rows),
        _Text(session.draft, rows, clean=options.clean).render(),
        tuple(rows),
        options,
    )


# The marks as the legend names them, from the one table the TUI and the exports share.
MARKS_LEGEND = ", ".join(
    f"{mark} {status.value.replace('-', ' ')}" for status, mark in STATE_MARKS.items() if mark
)


def export_html(session: SessionView, options: ExportOptions) -> Exported:
    parts = render_draft(session, options)
    title = session.title
    legend = (
        ""
        if options.clean
        else '<p class="legend">Brackets are coloured by depth and shaded darker the deeper they nest; '
        "alternatives are numbered; marks give an element's number in the table and its state: "
        f"{html_text(MARKS_LEGEND)}.</p>"
    )
    body = (
        f'<header><h1>{html_text(title)}</h1><ul class="summary">{parts.summary}</ul>{legend}</header>\n'
        f"{parts.text}\n{parts.elements}"
    )
    return Exported(page(title, parts.style + print_style(options.paper, title), body).encode("utf-8"))


def _summary(session: SessionView, rows: list[ElementRow]) -> str:
    history = session.history()
    when = (
        f"Consolidated text after {plural(len(history), 'journal event')} "
        f"(the last {history[-1].time[:16].replace('T', ' ')} UTC)"
        if history
        else "The text as read: no journal events"
    )
    lines = [session.provenance or when]
    if rows:
        counts = Counter(row.state.status for row in rows)
        detail = ", ".join(f"{counts[s]} {s.replace('-', ' ')}" for s in Status if counts[s])
        settling = set(counts) != {Status.OPEN}  # "3 open elements (3 open)" says nothing more
        lines.append(f"{plural(len(rows), 'open element')}" + (f" ({detail})" if settling else ""))
    resolved = len(session.resolved_ids())
    if resolved:
        lines.append(f"{plural(resolved, 'element')} of the base text resolved")
    return "".join(f"<li>{html_text(line)}</li>" for line in lines)


def _table(rows: Sequence[ElementRow], *, positions: bool) -> str:
    head = "<th>#</th><th>Paragraph</th><th>Element</th><th>State</th>" + (
        "<th>Positions</th>" if positions else ""
    )
    body = []
    for row in rows:
        element, state = row.element, row.state
        mark = STATE_MARKS[state.status]
        cells = [
            str(row.number),
            f'<a href="#el-{html_text(element.id)}">{html_text(row.ref)}</a>',
            f'<td><span class="kind">{html_text(element.kind)} <code>{html_text(element.id)}</code></span><br>'
            f'<span class="choices">{_choices_html(row)}</span></td>',
            f"{html_text(mark + ' ' if mark else '')}{html_text(row.state_words)}",
        ]
        if positions:
            items = position_items(row.positions)
            cells.append(f"<ul>{items}</ul>" if items else "")
        body.append(
            f'<tr id="row-{row.number}">'
            + "".join(c if c.startswith("<td") else f"<td>{c}</td>" for c in cells)
            + "</tr>"
        )
    return (
        f'<section class="elements"><h2>Open elements ({len(rows)})</h2>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></section>"
    )


def _choices_html(row: ElementRow) -> str:
    element = row.element
    if not element.is_group:
        return html_text(choices_text(element, 200))
    return "<br>".join(
        html_text(f"{k}) {element.choices.preview(k - 1, 120)}") for k in range(1, len(element.choices) + 1)
    )


@dataclass(frozen=True, slots=True)
class _Event:
    """Something to write at an offset: a bracket's or label's opening or closing, an element's anchor."""

    offset: int
    order: int  # among events at one offset
    key: object  # what a closing event closes: the bracket's id, the option
    tag: str = ""  # the opening tag (for a bracket: without its "[")
    text: str = ""  # what the event writes after its tag: "[" for a bracket


class _Text:
    """Writes the draft's blocks (paragraphs, headings, footnotes, page furniture) with their tags.

    Brackets cross paragraphs and headings, and HTML elements cannot: a bracket open at a block's end
    is closed there and opened again, without its "[", at the next block's start.
    """

    def __init__(self, draft: Draft, rows: list[ElementRow], *, clean: bool) -> None:
        self.draft = draft
        self.clean = clean
        self.events = self._events(rows)
        self.options = self._option_paragraphs()
        self.stack: list[_Event] = []  # the tags open now, outermost first
        self.out: list[str] = []

    def _events(self, rows: list[ElementRow]) -> list[_Event]:
        draft = self.draft
        events: list[_Event] = []
        alternative = {
            bracket.id: k
            for group in draft.alternative_groups
            for k, bracket in enumerate(group.alternatives, 1)
        }
        for bracket in () if self.clean else draft.brackets:  # clean: brackets are plain text
            depth = f"d{(bracket.depth - 1) % len(DEPTH_COLOURS) + 1}"
            number = alternative.get(bracket.id)
            badge = f' data-alt="{number}"' if number else ""
            tag = f'<span class="b {depth}{" alt" if number else ""}" data-id="{html_text(bracket.id)}">'
            events.append(
                _Event(bracket.start, OPEN_BRACKET, bracket.id, tag, f'<span class="br"{badge}>[</span>')
            )
            events.append(
                _Event(bracket.end - 1, CLOSE_BRACKET, bracket.id, text='<span class="br">]</span>')
            )
        for row in rows:
            mark = STATE_MARKS[row.state.status]
            anchor = f'id="el-{html_text(row.element.id)}"'
            if mark:
                anchor = (
                    f'class="mark {row.state.status}" href="#row-{row.number}" {anchor} '
                    f'data-mark="{row.number}{mark}"'
                )
            events.append(_Event(row.element.start, ANCHOR, row.element.id, f"<a {anchor}></a>"))
        for group in draft.option_groups:
            for option in group.options:
                events.append(_Event(option.start, OPEN_LABEL, option, '<span class="label">'))
                events.append(_Event(option.label_end, CLOSE_LABEL, option))
        events.sort(key=lambda e: (e.offset, e.order))
        return events

    def _option_paragraphs(self) -> dict[int, int]:
        """Paragraph start -> the 1-based number of the (innermost) option it belongs to."""
        starts = [p.start for p in self.draft.paragraphs]
        found: dict[int, int] = {}
        for group in self.draft.option_groups:
            for k, option in enumerate(group.options, 1):
                low = bisect.bisect_left(starts, option.start)
                high = bisect.bisect_left(starts, option.end)
                found.update((start, k) for start in starts[low:high])
        return found

    def render(self) -> tuple[HtmlBlock, ...]:
        blocks: list[HtmlBlock] = []

        def take(start: int, end: int) -> None:  # what was written since the last block, as one block
            if self.out:
                blocks.append(HtmlBlock(start, end, "".join(self.out)))
                self.out.clear()

        at = 0  # events before this index are done
        previous_end = 0
        shown = (
            ""  # the last reference in the margin: a paragraph continued after a page break is not one more
        )
        for paragraph, reference in zip(self.draft.paragraphs, self.draft.references, strict=True):
            at = self._gap(previous_end, paragraph.start, at)
            take(previous_end, paragraph.start)
            ref = str(reference) if paragraph.kind not in UNREFERENCED and str(reference) != shown else ""
            at = self._block(paragraph, ref, at)
            take(paragraph.start, paragraph.end)
            shown = ref or shown
            previous_end = paragraph.end
        self._gap(previous_end, len(self.draft.text), at)
        take(previous_end, len(self.draft.text))
        return tuple(blocks)

    def _gap(self, start: int, end: int, at: int) -> int:
        """Text between paragraphs: blank lines (nothing to show) or loose marks such as footnote numbers."""
        if not self.draft.text[start:end].strip():
            return self._skip(end, at)
        self._open_block("p", "block loose")
        at = self._inline(start, end, at)
        self._close_block("p")
        return at

    def _skip(self, end: int, at: int) -> int:
        """Takes the events before `end` without writing them, keeping the stack of open tags right."""
        while at < len(self.events) and self.events[at].offset < end:
            event = self.events[at]
            if event.order in (OPEN_BRACKET, OPEN_LABEL):
                self.stack.append(event)
            elif event.order in (CLOSE_BRACKET, CLOSE_LABEL):
                self.stack = [e for e in self.stack if e.key != event.key]
            at += 1
        return at

    def _block(self, paragraph: Paragraph, ref: str, at: int) -> int:
        kind, start, text = paragraph.kind, paragraph.start, self.draft.text
        if kind is ParagraphKind.PAGE_HEADER:
            self.out.append(f'<div class="block page">{html_text(text[start : paragraph.end].strip())}</div>')
            return self._skip(paragraph.end, at)
        classes = ["block", kind.value]
        if kind is ParagraphKind.HEADING:
            classes.append(f"level-{paragraph.level}")
            heading = MARKDOWN_HEADING.match(text, start)
            if self.draft.source_format is SourceFormat.MARKDOWN and heading:
                start = heading.end()
                at = self._skip(start, at)
        option = self.options.get(paragraph.start)
        if option is not None:
            classes.append("opt odd" if option % 2 else "opt even")
        tag = "h2" if kind is ParagraphKind.HEADING else "p"
        self._open_block(tag, " ".join(classes), f'<span class="ref">{html_text(ref)}</span>' if ref else "")
        at = self._inline(start, paragraph.end, at)
        self._close_block(tag)
        return at

    def _inline(self, start: int, end: int, at: int) -> int:
        text = self.draft.text
        position = start
        while at < len(self.events) and self.events[at].offset < end:
            event = self.events[at]
            at += 1
            self.out.append(html_text(text[position : event.offset]))
            position = event.offset
            if event.order in (OPEN_BRACKET, OPEN_LABEL):
                self.out.append(event.tag + event.text)
                self.stack.append(event)
            elif event.order in (CLOSE_BRACKET, CLOSE_LABEL):
                self._close_tag(event)
            else:
                self.out.append(event.tag)
            if event.order in (OPEN_BRACKET, CLOSE_BRACKET):
                position += 1  # its event wrote the "[" or "]"
        self.out.append(html_text(text[position:end]))
        return at

    def _close_tag(self, event: _Event) -> None:
        """Closes the tag `event` ends, and any opened inside it, which open again after it."""
        keys = [e.key for e in self.stack]
        if event.key not in keys:
            self.out.append(event.text)
            return
        i = keys.index(event.key)
        inner = self.stack[i + 1 :]
        self.out.append("</span>" * len(inner) + event.text + "</span>")
        self.stack = self.stack[:i] + inner
        self.out.extend(e.tag for e in inner)

    def _open_block(self, tag: str, classes: str, prefix: str = "") -> None:
        """Opens a block and, inside it, the brackets still open from the blocks before."""
        self.out.append(f'<{tag} class="{classes}">{prefix}')
        self.out.extend(e.tag for e in self.stack)

    def _close_block(self, tag: str) -> None:
        self.out.append("</span>" * len(self.stack) + f"</{tag}>")


def position_items(positions: Sequence[Position], *, marked_notes: bool = False) -> str:
    """Each position as an `<li>`: the Party, its stance, the meeting and the note (the room's page marks the
    note with a class of its own, for its style)."""

    def note(position: Position) -> str:
        if not position.note:
            return ""
        text = f"– {html_text(position.note)}"
        return f' <span class="note">{text}</span>' if marked_notes else f" {text}"

    return "".join(
        f"<li><b>{html_text(p.party)}</b> {html_text(stance_text(p))}"
        + (f' <span class="meeting">({html_text(p.meeting)})</span>' if p.meeting else "")
        + note(p)
        + "</li>"
        for p in positions
    )
