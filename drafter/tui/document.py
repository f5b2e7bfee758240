"""The document view: the draft soft-wrapped, brackets coloured by depth and marked by state.

A Line API widget: only the rows on screen are rendered, each row's strip is
cached, and moving the current element refreshes only the rows it covers, so a
300 KB draft scrolls and steps as fast as a short one. The view owns no model: the
screen hands it a `DocumentMarks` and it posts `Clicked`/`Selected` back.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from drafter.negotiation.consensus import Status
from drafter.text.model import Bracket, Draft, ParagraphKind
from drafter.tui.layout import Rows, RowWrapper

Span = tuple[int, int]

GUTTER = 2
DEPTH_COLOURS = ("#e5c07b", "#61afef", "#c678dd", "#56b6c2", "#d19a66", "#98c379")
BRACKET_STYLES = tuple(Style(color=colour, bold=True) for colour in DEPTH_COLOURS)
# Status of an open element -> (gutter marker, style of its outer brackets). The marker
# says the same as the colour, for readers who cannot tell the colours apart.
STATUS_MARKS: dict[Status, tuple[str, Style]] = {
    Status.OPEN: ("·", Style()),
    Status.CONVERGING: ("~", Style(bgcolor="#2f4f3f")),
    Status.NO_OBJECTION: ("=", Style(bgcolor="#1f5f2f")),
    Status.ONE_OBJECTOR: ("!", Style(bgcolor="#7a4a00")),
    Status.SPLIT: ("✗", Style(bgcolor="#7a1f1f")),
}
STATUS_PRIORITY = tuple(STATUS_MARKS)  # the gutter of a row shows its most contested element
RESOLVED_MARKER = "✓"
RESOLVED = Style(color="#98c379", underline=True)
CURRENT = Style(bgcolor="#264f78")
ERROR = Style(color="white", bgcolor="#b03030", bold=True, underline=True)  # a stray ']' or unclosed '['
ERROR_MARKER = "E"
SELECTION = Style(reverse=True)
SEARCH = Style(color="black", bgcolor="#e5c07b")
DIM = Style(dim=True)
NOTE = Style(italic=True, color="#8aa4c8")
GUTTER_STYLE = Style(color="#7f8c98")
CURRENT_MARKER = Style(color="#61afef", bold=True)
DISPLAY = {i: " " for i in range(32)} | {ord("\f"): "↡"}
DIMMED_KINDS = frozenset({ParagraphKind.PAGE_HEADER, ParagraphKind.FOOTNOTE})


# An open element's (start, end, status), status a key of STATUS_MARKS: plain tuples, as
# thousands are made after every change.
ElementMark = tuple[int, int, Status]


@dataclass(frozen=True)
class DocumentMarks:
    """Everything the view highlights, in offsets of the current draft's text.

    The screen hands the same `elements` tuple down until the model changes, so the
    view can tell by identity that only the current element or the search moved.
    """

    elements: tuple[ElementMark, ...] = ()  # open elements, sorted by start
    resolved: tuple[Span, ...] = ()  # text left by the resolutions in the journal, sorted
    current: Span | None = None
    search: Span | None = None


def _bracket_start(bracket: Bracket) -> int:
    return bracket.start


def _interval_index(spans: list[Span]) -> tuple[list[int], list[Span]]:
    spans.sort()
    return [s for s, _ in spans], spans


class DocumentView(ScrollView, can_focus=True):
    """The draft as soft-wrapped rows with a two-cell gutter of markers."""

    ALLOW_SELECT = False  # dragging selects a span to bracket, handled below
    DEFAULT_CSS = """
    DocumentView { width: 1fr; height: 1fr; background: $surface; }
    """

    class Clicked(Message):
        def __init__(self, offset: int) -> None:
            self.offset = offset
            super().__init__()

    class Selected(Message):
        def __init__(self, span: Span | None) -> None:
            self.span = span
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = ""
        self._wrapper = RowWrapper(80)
        self._rows = Rows((0,), (0,))
        self._marks = DocumentMarks()
        self._brackets: tuple[Bracket, ...] = ()
        self._bracket_by_id: dict[str, Bracket] = {}
        self._dim_starts: list[int] = []
        self._dim: list[Span] = []
        self._note_starts: list[int] = []
        self._notes: list[Span] = []
        self._status_at: dict[int, Status] = {}
        self._element_starts: list[int] = []
        self._errors: list[int] = []
        self._resolved_starts: list[int] = []
        self._strips: dict[int, Strip] = {}
        self._shown: dict[int, Strip] | None = None  # the strips on screen before a change, until compared
        self._drag_from: int | None = None
        self._pending_offset: int | None = None
        self.selection: Span | None = None

    # Attributes down -------------------------------------------------------

    def show_draft(self, draft: Draft, marks: DocumentMarks) -> None:
        """Shows a new text (after opening or any change): re-wraps the lines that changed."""
        old_text, self._text = self._text, draft.text
        self._brackets = draft.brackets
        self._bracket_by_id = draft.bracket_by_id
        self._dim_starts, self._dim = _interval_index(
            [(p.start, p.end) for p in draft.paragraphs if p.kind in DIMMED_KINDS]
        )
        self._note_starts, self._notes = _interval_index([(n.start, n.end) for n in draft.notes])
        self._errors = sorted(d.offset for d in draft.errors)
        self.selection = None
        self._set_marks(marks)
        if old_text:
            self._rows = self._wrapper.rewrap(self._rows, old_text, self._text)
            self.virtual_size = Size(self._wrapper.width + GUTTER, len(self._rows))
        else:
            self._wrap()
        # Compare with what is on screen once the handler is done: it may also move the view (undo goes
        # back to the element that came back), and the rows need rendering only where they end up.
        if self._shown is None:
            self._shown = self._strips
            self.call_later(self._refresh_changed_rows)
        self._strips = {}

    def show_marks(self, marks: DocumentMarks) -> None:
        """New highlights on the same text: refreshes only the rows whose look changed."""
        old = self._marks
        self._set_marks(marks)
        if old.elements is not marks.elements or old.resolved != marks.resolved:
            self._invalidate_all()
            return
        for span in (old.current, marks.current, old.search, marks.search):
            self._invalidate_span(span)

    def _set_marks(self, marks: DocumentMarks) -> None:
        old, self._marks = self._marks, marks
        if old.elements is not marks.elements:
            status_at: dict[int, Status] = {}
            for start, end, status in marks.elements:
                status_at[start] = status
                status_at[end - 1] = status
            self._status_at = status_at
            self._element_starts = [start for start, _, _ in marks.elements]
        self._resolved_starts = [s for s, _ in marks.resolved]

    @property
    def rows(self) -> Rows:
        return self._rows

    def scroll_to_offset(self, offset: int, *, center: bool = False) -> None:
        """Brings the row of `offset` into view (a third of the way down when it was out of view)."""
        height = self.scrollable_content_region.height
        if not height:  # not laid out yet: the rows are not the final ones either
            self._pending_offset = offset
            return
        row = self._rows.row_of(offset)
        top = round(self.scroll_offset.y)
        if top <= row < top + height and not center:
            return
        self.scroll_to(y=max(row - height // 3, 0), animate=False, immediate=True)

    # Layout and rendering ---------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        width = max(self.scrollable_content_region.width - GUTTER, 8)
        if width != self._wrapper.width:
            # Keep the text at the top of the view there when the rows are wrapped anew.
            top_offset = self._rows.starts[min(round(self.scroll_offset.y), len(self._rows) - 1)]
            self._wrapper = RowWrapper(width)
            self._relayout()
            self.scroll_to(y=self._rows.row_of(top_offset), animate=False, immediate=True)
        if self._pending_offset is not None and self.scrollable_content_region.height:
            offset, self._pending_offset = self._pending_offset, None
            self.call_after_refresh(self.scroll_to_offset, offset, center=True)

    def _relayout(self) -> None:
        self._wrap()
        self._invalidate_all()

    def _wrap(self) -> None:
        self._rows = self._wrapper.rows(self._text)
        self.virtual_size = Size(self._wrapper.width + GUTTER, len(self._rows))

    def _refresh_changed_rows(self) -> None:
        """Renders the rows in view anew and repaints only those that look different.

        A change mostly leaves the rows above it (and those below, moved or not) as they were:
        repainting the whole view would cost more than the change itself.
        """
        old, self._shown = self._shown or {}, None
        height = self.scrollable_content_region.height
        if not height:  # not laid out yet: everything is painted when it is
            self.refresh()
            return
        top = round(self.scroll_offset.y)
        for row in range(top, top + height):
            if row < len(self._rows):
                strip = self._strips.get(row)
                if strip is None:
                    strip = self._strips[row] = self._render_row(row)
                if old.get(row) == strip:
                    continue
            elif row not in old:
                continue
            self.refresh_lines(row)

    def _invalidate_all(self) -> None:
        self._strips.clear()
        self.refresh()

    def _invalidate_span(self, span: Span | None) -> None:
        if span is None or not self._rows:
            return
        first, last = self._rows.row_of(span[0]), self._rows.row_of(max(span[1] - 1, span[0]))
        for row in range(first, last + 1):
            self._strips.pop(row, None)
        self.refresh_lines(first, last - first + 1)

    def _bracket_ends_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The "[" and "]" in [start, end) with their bracket's depth. A bracket closing there but opened
        before it reaches over `start`, so it encloses the last bracket opened before `start`."""
        brackets = self._brackets
        i = bisect.bisect_left(brackets, start, key=_bracket_start)
        found = []
        for bracket in itertools.islice(brackets, i, None):
            if bracket.start >= end:
                break
            found.append((bracket.start, bracket.depth))
            if bracket.end <= end:
                found.append((bracket.end - 1, bracket.depth))
        around = brackets[i - 1] if i else None
        while around is not None:
            if start < around.end <= end:
                found.append((around.end - 1, around.depth))
            around = self._bracket_by_id[around.parent] if around.parent is not None else None
        return found

    def render_line(self, y: int) -> Strip:
        row = y + round(self.scroll_offset.y)
        if row >= len(self._rows):
            return Strip.blank(self.size.width, self.rich_style)
        strip = self._strips.get(row)
        if strip is None:
            strip = self._strips[row] = self._render_row(row)
        return strip.crop_extend(0, self.size.width, self.rich_style)

    def _render_row(self, row: int) -> Strip:
        start, end = self._rows.starts[row], self._rows.ends[row]
        layers: list[tuple[int, int, Style]] = []  # painted in this order, later over earlier
        layers.extend((s, e, DIM) for s, e in self._dim_in(start, end))
        layers.extend((s, e, NOTE) for s, e in _overlapping(self._note_starts, self._notes, start, end))
        layers.extend((s, e, RESOLVED) for s, e in self._resolved_in(start, end))
        for offset, depth in self._bracket_ends_in(start, end):
            status = self._status_at.get(offset)
            style = BRACKET_STYLES[(depth - 1) % len(BRACKET_STYLES)]
            layers.append((offset, offset + 1, style if status is None else style + STATUS_MARKS[status][1]))
        lo, hi = bisect.bisect_left(self._errors, start), bisect.bisect_left(self._errors, end)
        layers.extend((offset, offset + 1, ERROR) for offset in self._errors[lo:hi])
        for span, style in (
            (self._marks.current, CURRENT),
            (self.selection, SELECTION),
            (self._marks.search, SEARCH),
        ):
            if span is not None:
                layers.append((span[0], span[1], style))
        segments = _styled_runs(self._text[start:end].translate(DISPLAY), start, layers)
        return Strip([*self._gutter(row, start, end), *segments]).apply_style(self.rich_style)

    def _dim_in(self, start: int, end: int) -> list[Span]:
        return _overlapping(self._dim_starts, self._dim, start, end)

    def _resolved_in(self, start: int, end: int) -> list[Span]:
        return _overlapping(self._resolved_starts, self._marks.resolved, start, end)

    def _gutter(self, row: int, start: int, end: int) -> list[Segment]:
        current = self._marks.current
        in_current = current is not None and current[0] < end + 1 and start < current[1]
        marks = self._marks
        lo = bisect.bisect_left(self._element_starts, start)
        hi = bisect.bisect_left(self._element_starts, end)
        statuses = {status for _, _, status in marks.elements[lo:hi]}
        if bisect.bisect_left(self._errors, end) > bisect.bisect_left(self._errors, start):
            marker = ERROR_MARKER
        elif statuses:
            marker = STATUS_MARKS[max(statuses, key=STATUS_PRIORITY.index)][0]
        else:
            marker = RESOLVED_MARKER if self._resolved_in(start, end) else " "
        return [
            Segment("▶" if in_current else " ", CURRENT_MARKER),
            Segment(marker, GUTTER_STYLE),
        ]

    # Mouse: a click picks the element under it, a drag selects a span to bracket

    def _offset_at(self, event: events.MouseEvent) -> int:
        row = event.y + round(self.scroll_offset.y)
        return self._rows.offset_at(row, event.x - GUTTER)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button == 1 and self._rows:
            self._drag_from = self._offset_at(event)
            self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag_from is None:
            return
        here = self._offset_at(event)
        span = (min(self._drag_from, here), max(self._drag_from, here) + 1)
        if span[1] - span[0] > 1:
            self._set_selection(span)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag_from is None:
            return
        self.release_mouse()
        here = self._offset_at(event)
        origin, self._drag_from = self._drag_from, None
        if self.selection is not None and here != origin:
            self.post_message(self.Selected(self.selection))
        else:
            self._set_selection(None)
            self.post_message(self.Clicked(here))

    def _set_selection(self, span: Span | None) -> None:
        old, self.selection = self.selection, span
        self._invalidate_span(old)
        self._invalidate_span(span)

    def clear_selection(self) -> None:
        self._set_selection(None)


def _overlapping(starts: list[int], spans: Sequence[Span], start: int, end: int) -> list[Span]:
    """Spans of a sorted, non-overlapping list that meet [start, end)."""
    found = []
    i = bisect.bisect_right(starts, end) - 1
    while i >= 0 and spans[i][1] > start:
        found.append(spans[i])
        i -= 1
    return found


def _styled_runs(chars: str, start: int, layers: list[tuple[int, int, Style]]) -> list[Segment]:
    """Segments of `chars` (the text from offset `start`) with the layers' styles combined in order."""
    end = start + len(chars)
    cuts = {start, end}
    for s, e, _ in layers:
        cuts.add(min(max(s, start), end))
        cuts.add(min(max(e, start), end))
    ordered = sorted(cuts)
    segments = []
    for a, b in itertools.pairwise(ordered):
        styles = [style for s, e, style in layers if s <= a and b <= e]
        segments.append(Segment(chars[a - start : b - start], Style.combine(styles) if styles else None))
    return segments
