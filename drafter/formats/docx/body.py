"""A Word document as text: paragraphs in order with their numbers, tables cell by cell, then footnotes.

Each paragraph becomes one line, its Word number (computed, see `numbering`) written before it;
paragraphs are separated by a blank line, so the grammar sees each Word paragraph as one of its own.
Footnotes and endnotes follow the body under the blank separator line drafter's PDF text uses for the
foot of a page, each note starting with its number. Tracked changes are read in one `View`: as the
document stands, or as it was before them. A paragraph whose mark is out of the view runs on into the
next one and takes no number, as in Word.

The result keeps, for every stretch of text, the run it came from (`RunText`), so an export can write
tracked changes and comments into the same document.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from drafter.formats.docx.numbering import Numbering, format_number
from drafter.formats.docx.ooxml import Element, attr, child, children, int_attr, local, w
from drafter.formats.docx.runs import NoteNumbers, View, run_text
from drafter.formats.docx.styles import Styles
from drafter.text.pages import SEPARATOR_WIDTH

PARAGRAPH_SEPARATOR = "\n\n"
NOTE_SEPARATOR = "\n"
NOTES_RULE = "\n\n" + " " * SEPARATOR_WIDTH + "\n"
REVISION_KINDS = {"ins": "insertion", "moveTo": "insertion", "del": "deletion", "moveFrom": "deletion"}
INLINE_CONTAINERS = frozenset({"hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo"})
COMMENT_MARKS = frozenset({"commentRangeStart", "commentRangeEnd", "commentReference"})


class Story(StrEnum):
    BODY = "body"
    FOOTNOTE = "footnote"
    ENDNOTE = "endnote"


@dataclass(frozen=True, slots=True)
class RunText:
    """`text[start:end]` is what `run` shows (all of it, in order)."""

    start: int
    end: int
    run: Element


@dataclass(frozen=True, slots=True)
class ParagraphText:
    """One paragraph of the text: its number (`label`, generated) then its runs' text. `elements` are
    the Word paragraphs it is made of (more than one where marks are out of the view)."""

    elements: tuple[Element, ...]
    start: int
    content_start: int
    end: int
    label: str
    heading: int | None
    story: Story


@dataclass(slots=True)
class DocxText:
    """The text and the way back to the document's runs and paragraphs."""

    text: str = ""
    paragraphs: list[ParagraphText] = field(default_factory=list)
    runs: list[RunText] = field(default_factory=list)
    comment_marks: dict[str, dict[str, int]] = field(default_factory=dict)  # id -> {mark name: offset}
    revisions: Counter[tuple[str, str]] = field(default_factory=Counter)  # (kind, author) -> count
    notes: NoteNumbers = field(default=lambda element: "")  # the numbers the text gave the notes
    joints: set[int] = field(default_factory=set)  # starts of runs showing one space for a line break


@dataclass(slots=True)
class _Pending:
    """A paragraph being collected (its mark may be out of the view, so the next one adds to it)."""

    elements: list[Element] = field(default_factory=list)
    pieces: list[tuple[str, str, Element | None]] = field(
        default_factory=list
    )  # ("text", text, run), (mark, id, None)


class _Walker:
    def __init__(self, view: View, styles: Styles, numbering: Numbering | None, notes: NoteNumbers) -> None:
        self.view = view
        self.styles = styles
        self.numbering = numbering
        self.notes = notes
        self.result = DocxText()
        self.parts: list[str] = []
        self.length = 0
        self.story = Story.BODY
        self.separator = PARAGRAPH_SEPARATOR
        self.story_started = False
        self._pending = _Pending()

    def add(self, text: str) -> int:
        start = self.length
        if text:
            self.parts.append(text)
            self.length += len(text)
        return start

    # --- blocks -----------------------------------------------------------------

    def blocks(self, container: Element | None) -> None:
        if container is None:
            return
        for element in container:
            name = local(element)
            if name == "p":
                self._paragraph(element)
            elif name == "tbl":
                self._table(element)
            elif name == "sdt":
                self.blocks(child(element, "sdtContent"))
            elif name == "customXml":
                self.blocks(element)
            elif name in REVISION_KINDS:
                self._count(name, element)
                if not self.view.hides(name):
                    self.blocks(element)
            elif name in COMMENT_MARKS:
                self._pending.pieces.append((name, attr(element, "id") or "", None))
        self.flush(None)  # a cell's or a story's last paragraph ends here whatever its mark says

    def _table(self, table: Element) -> None:
        for row in _cells_of(table, "tr"):
            skip = False
            for name, mark in _revision_marks(child(row, "trPr")):
                self._count(name, mark)
                skip = skip or self.view.hides(name)
            if skip:
                continue
            for cell in _cells_of(row, "tc"):
                self.blocks(cell)

    # --- paragraphs ----------------------------------------------------------------

    def _paragraph(self, paragraph: Element) -> None:
        p_pr = child(paragraph, "pPr")
        self._pending.elements.append(paragraph)
        self._inline(paragraph)
        runs_on = False
        for name, mark in _revision_marks(child(p_pr, "rPr")):
            self._count(name, mark)
            runs_on = runs_on or self.view.hides(name)
        change = child(p_pr, "pPrChange")
        if change is not None:
            self._count("pPrChange", change)
        if not runs_on:
            self.flush(paragraph)

    def flush(self, last: Element | None) -> None:
        """Writes the pending paragraph: its number (from the paragraph whose mark ends it), its text."""
        pending, self._pending = self._pending, _Pending()
        if not pending.elements and not pending.pieces:
            return
        last = last if last is not None else (pending.elements[-1] if pending.elements else None)
        props = self._properties(last)
        label = self.numbering.label(props) if self.numbering is not None and last is not None else None
        has_runs = any(run is not None for _, _, run in pending.pieces)
        # A number shows its tab (or space) only before text: an emptied paragraph reads "2.".
        prefix = "" if label is None else label.prefix if has_runs else label.text
        has_text = bool(prefix) or has_runs
        if has_text and self.story_started:
            self.add(self.separator)
        self.story_started = self.story_started or has_text
        start = self.add(prefix)
        for kind, value, run in pending.pieces:
            if run is not None:
                run_start = self.add(value)
                self.result.runs.append(RunText(run_start, self.length, run))
            else:
                self.result.comment_marks.setdefault(value, {})[kind] = self.length
        if has_text:
            heading = int_attr(child(props, "outlineLvl"))
            if heading is None:
                heading = self.styles.outline_level(attr(child(props, "pStyle")))
            self.result.paragraphs.append(
                ParagraphText(
                    tuple(pending.elements),
                    start,
                    start + len(prefix),
                    self.length,
                    prefix,
                    heading,
                    self.story,
                )
            )

    def _properties(self, paragraph: Element | None) -> Element | None:
        """The paragraph's properties in this view (before a tracked formatting change, if original)."""
        p_pr = child(paragraph, "pPr")
        if self.view is View.ORIGINAL:
            before = child(child(p_pr, "pPrChange"), "pPr")
            if before is not None:
                return before
        return p_pr

    def _inline(self, container: Element | None) -> None:
        if container is None:
            return
        for element in container:
            name = local(element)
            if name == "r":
                change = child(child(element, "rPr"), "rPrChange")
                if change is not None:
                    self._count("rPrChange", change)
                text = run_text(element, self.notes)
                if text:
                    self._pending.pieces.append(("text", text, element))
                for inner in element:
                    if local(inner) == "commentReference":
                        self._pending.pieces.append(("commentReference", attr(inner, "id") or "", None))
            elif name in REVISION_KINDS:
                self._count(name, element)
                if not self.view.hides(name):
                    self._inline(element)
            elif name in INLINE_CONTAINERS:
                self._inline(element)
            elif name == "sdt":
                self._inline(child(element, "sdtContent"))
            elif name in COMMENT_MARKS:
                self._pending.pieces.append((name, attr(element, "id") or "", None))

    def _count(self, name: str, element: Element) -> None:
        kind = REVISION_KINDS.get(name, "formatting")
        self.result.revisions[(kind, attr(element, "author") or "unknown")] += 1

    def finish(self) -> DocxText:
        self.result.text = "".join(self.parts)
        return self.result


def _revision_marks(properties: Element | None) -> list[tuple[str, Element]]:
    return [(name, mark) for name in REVISION_KINDS if (mark := child(properties, name)) is not None]


def _cells_of(parent: Element, name: str) -> list[Element]:
    """Rows of a table or cells of a row, also those wrapped in content controls or custom XML."""
    found: list[Element] = []
    for element in parent:
        kind = local(element)
        if kind == name:
            found.append(element)
        elif kind == "sdt":
            found.extend(_cells_of(child(element, "sdtContent") or element, name))
        elif kind == "customXml":
            found.extend(_cells_of(element, name))
    return found


class NoteOrder:
    """Footnotes are numbered 1, 2, ... and endnotes i, ii, ... in the order their references appear."""

    def __init__(self) -> None:
        self.order: dict[str, list[str]] = {"footnote": [], "endnote": []}

    def __call__(self, element: Element) -> str:
        name = local(element)
        kind = "footnote" if name.startswith("footnote") else "endnote"
        if name.endswith("Ref"):  # a note's own mark: the number of the note it is in
            note = next((attr(a, "id") for a in element.iterancestors(w(kind))), None)
        else:
            note = attr(element, "id")
        if note is None:
            return ""
        order = self.order[kind]
        if note not in order:
            order.append(note)
        number = order.index(note) + 1
        return str(number) if kind == "footnote" else format_number(number, "lowerRoman")


def read_text(
    body: Element, styles: Styles, numbering: Numbering | None, notes: dict[Story, Element | None], view: View
) -> DocxText:
    """The document's text in `view`: the body, then the footnotes and endnotes its references call."""
    numbers = NoteOrder()
    walker = _Walker(view, styles, numbering, numbers)
    walker.blocks(body)
    rule_written = False
    for story in (Story.FOOTNOTE, Story.ENDNOTE):
        by_id = {attr(note, "id"): note for note in children(notes.get(story), story.value)}
        walker.numbering = None
        walker.story, walker.separator, walker.story_started = story, NOTE_SEPARATOR, False
        for note_id in list(numbers.order[story.value]):
            note = by_id.get(note_id)
            if note is None:
                continue
            if not rule_written:
                walker.add(NOTES_RULE)
                rule_written = True
            walker.blocks(note)
    result = walker.finish()
    result.notes = numbers
    return result
