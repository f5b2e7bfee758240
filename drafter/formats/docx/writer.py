"""`export_docx`: the draft as a Word document whose tracked changes are the journal's resolutions.

A draft read from a .docx is written into a copy of that document (its styles, numbering and layout
kept); any other draft into a new document, a Word paragraph per paragraph (`text_document`). Every
change the journal made to the text is a real tracked change: the bracketed text deleted (`w:del`) and
the result inserted (`w:ins`), by the facilitator who made it, at the journal's time, with a comment
saying what was resolved and on which Parties' positions it rests. Every Party position is a comment on
its element's words, by the Party. `clean` gives the same text with every change accepted and no comments.

This module walks the pieces over the document's runs; what became of each paragraph (marks to delete,
numbers to take or drop) is `paragraph_fates`. Word numbers lists itself: a deleted numbered paragraph
renumbers those after it, while drafter's text keeps the numbers it had. Such places, and the others where
Word's text will differ, are listed in `ExportReport.differences` (`drafter export` prints them).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import UTC, datetime

from drafter.formats.docx.body import DocxText, RunText
from drafter.formats.docx.history import History, Piece, tracked_history
from drafter.formats.docx.journal_comments import Comment, Identity, position_comments, resolution_comments
from drafter.formats.docx.ooxml import Element, w
from drafter.formats.docx.package import Package, open_package, write_copy
from drafter.formats.docx.paragraph_fates import ParagraphFates
from drafter.formats.docx.reader import read_package
from drafter.formats.docx.renumbering import numbering_differences
from drafter.formats.docx.text_document import new_document
from drafter.formats.docx.wordml import (
    Ids,
    accept_all,
    comment_mark,
    comment_reference_run,
    copy_paragraph_properties,
    drop_numbering,
    highest_id,
    insert_after,
    insert_at_start,
    mark_paragraph,
    new_run,
    revision,
    split_run,
    to_deleted_text,
    wrap,
)
from drafter.formats.export import Exported, ExportError, ExportOptions
from drafter.negotiation.reading import SessionView


@dataclass(slots=True)
class ExportReport:
    changes: int = 0
    comments: int = 0
    differences: list[str] = field(default_factory=list)


def export_docx(session: SessionView, options: ExportOptions) -> Exported:
    data, report = write_docx(session, clean=options.clean)
    return Exported(data, tuple(report.differences))


def write_docx(session: SessionView, *, clean: bool = False) -> tuple[bytes, ExportReport]:
    package, layout, left_out = _document(session)
    history = tracked_history(session.base.text, session.history(), session.draft)
    if history.current != session.draft.text:
        raise ExportError(f"{session.path}: the journal's changes do not add up to the current text")
    comments = [] if clean else [*resolution_comments(session, history), *position_comments(session, history)]
    writer = _Writer(package, layout, history, comments)
    report = writer.write()
    if left_out:
        report.differences.append(
            f"{left_out} lines of page furniture (running headers, page numbers) are left out of the Word document"
        )
    if (
        writer.fates.labels_deleted
    ):  # Word renumbers lists where numbered paragraphs went; drafter keeps numbers
        report.differences += numbering_differences(read_package(package).text, session.draft.text)
    if clean:
        accept_all([package.document.element, *package.parsed.values()])
    return write_copy(package), report


def _document(session: SessionView) -> tuple[Package, DocxText, int]:
    """A fresh copy of the original .docx and its text, or a new document of the draft's paragraphs (and
    how many lines of page furniture it left out)."""
    from drafter.formats.docx.reader import DocxOrigin

    if isinstance(getattr(session.source, "mapping", None), DocxOrigin):
        package = open_package(session.path)
        layout = read_package(package)
        if layout.text != session.base.text:
            raise ExportError(f"{session.path} no longer reads as the base text of its journal")
        return package, layout, 0
    made = new_document(session.base)
    return made.package, made.layout, made.left_out


@dataclass(frozen=True, slots=True)
class _Region:
    """A stretch of the base text: a run's segment, or text drafter generated (a number, a separator)."""

    start: int
    end: int
    kind: str  # "segment", "joint", "label", "separator"
    run: Element | None = None
    paragraph: int = -1  # index in the layout (for a separator: the paragraph before it)


class _Writer:
    def __init__(self, package: Package, layout: DocxText, history: History, comments: list[Comment]) -> None:
        self.package = package
        self.layout = layout
        self.history = history
        self.comments = comments
        self.report = ExportReport()
        self.cursor: tuple[str, Element] = (
            ("start", layout.paragraphs[0].elements[0])
            if layout.paragraphs
            else ("start", package.document.element.body)
        )
        self.label_pending: int | None = None
        self.last_run: Element | None = None
        self.joints: dict[int, list[int | None]] = {}  # joint's start -> the same
        self.numbers_dropped: set[int] = set()
        self.fates = ParagraphFates(layout)
        self.paragraph_indexes = {p: i for i, text in enumerate(layout.paragraphs) for p in text.elements}

    def write(self) -> ExportReport:
        self.comments = [c for c in self.comments if self._present(c.start) and self._present(c.end)]
        self._cut_pieces_at_anchors()
        starts, ends = self._create_comments()
        roots = [self.package.document.element, *self.package.parsed.values()]
        comments_root = self.package.document.comments._comments_elm if self.comments else None
        if comments_root is not None:
            roots.append(comments_root)
        self.ids = Ids(max(highest_id(root) for root in roots) + 1)
        regions = self._regions()
        region_starts = [r.start for r in regions]
        for piece in self.history.pieces:
            for comment_id in starts.get(piece.identity(0), ()):
                self._place(comment_mark("commentRangeStart", comment_id))
            if piece.origin == 0:
                self._base(piece, regions, region_starts)
            else:
                self._inserted(piece)
            for comment_id in ends.get(piece.identity(len(piece.text) - 1), ()):
                self._place(comment_mark("commentRangeEnd", comment_id))
                self._place(comment_reference_run(comment_id))
        self.report.differences += self.fates.mark_paragraphs(self._revision)
        self.report.changes = len(self.history.events)
        self.report.comments = len(self.comments)
        return self.report

    # --- preparing -------------------------------------------------------------------

    def _cut_pieces_at_anchors(self) -> None:
        """Every comment starts at a piece's first character and ends at a piece's last."""
        cuts = {c.start for c in self.comments} | {(c.end[0], c.end[1] + 1) for c in self.comments}
        pieces: list[Piece] = []
        for piece in self.history.pieces:
            end = piece.offset + len(piece.text)
            for offset in sorted(
                o for origin, o in cuts if origin == piece.origin and piece.offset < o < end
            ):
                rest = piece.split(offset - piece.offset)
                pieces.append(piece)
                piece = rest
            pieces.append(piece)
        self.history.pieces = pieces

    def _create_comments(self) -> tuple[dict[Identity, list[str]], dict[Identity, list[str]]]:
        starts: dict[Identity, list[str]] = {}
        ends: dict[Identity, list[str]] = {}
        if not self.comments:
            return starts, ends
        collection = self.package.document.comments
        for comment in self.comments:
            made = collection.add_comment(comment.text, author=comment.author, initials="")
            made._comment_elm.date = _moment(comment.date)
            comment_id = str(made.comment_id)
            starts.setdefault(comment.start, []).append(comment_id)
            ends.setdefault(comment.end, []).append(comment_id)
        return starts, ends

    def _regions(self) -> list[_Region]:
        """The base text cut into run segments (runs split at every piece boundary) and generated text."""
        cuts = sorted(
            {p.offset for p in self.history.pieces if p.origin == 0}
            | {p.offset + len(p.text) for p in self.history.pieces if p.origin == 0}
        )
        regions: list[_Region] = []
        paragraphs = self.layout.paragraphs
        runs_by_start = self.layout.runs
        run_index = 0
        for index, paragraph in enumerate(paragraphs):
            if paragraph.content_start > paragraph.start:
                regions.append(_Region(paragraph.start, paragraph.content_start, "label", paragraph=index))
            while run_index < len(runs_by_start) and runs_by_start[run_index].start < paragraph.end:
                regions.extend(self._segments(runs_by_start[run_index], cuts, index))
                run_index += 1
            following = paragraphs[index + 1].start if index + 1 < len(paragraphs) else len(self.layout.text)
            if following > paragraph.end:
                regions.append(_Region(paragraph.end, following, "separator", paragraph=index))
        return regions

    def _segments(self, run_text: RunText, cuts: list[int], paragraph: int) -> list[_Region]:
        if run_text.start in self.layout.joints:  # one space for several characters: never cut
            return [_Region(run_text.start, run_text.end, "joint", run_text.run, paragraph)]
        inside = cuts[bisect.bisect_right(cuts, run_text.start) : bisect.bisect_left(cuts, run_text.end)]
        found = []
        run, start = run_text.run, run_text.start
        for cut in inside:
            rest = split_run(run, cut - start, self.layout.notes)
            found.append(_Region(start, cut, "segment", run, paragraph))
            run, start = rest, cut
        found.append(_Region(start, run_text.end, "segment", run, paragraph))
        return found

    # --- walking the pieces ------------------------------------------------------------

    def _base(self, piece: Piece, regions: list[_Region], starts: list[int]) -> None:
        position, end = piece.offset, piece.offset + len(piece.text)
        index = bisect.bisect_right(starts, position) - 1
        while position < end and 0 <= index < len(regions):
            region = regions[index]
            upto = min(end, region.end)
            if region.kind == "segment":
                assert region.run is not None
                self.last_run = region.run
                if piece.deleted_by is not None:
                    self.fates.deleters[region.paragraph] = piece.deleted_by
                    to_deleted_text(region.run)
                    self.cursor = ("after", wrap(region.run, self._revision("del", piece.deleted_by)))
                else:
                    self.fates.alive.add(region.paragraph)
                    self.cursor = ("after", region.run)
            elif region.kind == "joint":
                self._joint(region, position, upto, piece.deleted_by)
            elif region.kind == "label":
                self.cursor = ("start", self.layout.paragraphs[region.paragraph].elements[0])
                self.label_pending = None
                if piece.deleted_by is None:
                    self.fates.alive.add(region.paragraph)
                else:
                    self.fates.deleters[region.paragraph] = piece.deleted_by
                    if self.layout.text[position:upto].strip():
                        self.fates.labels_deleted.add(region.paragraph)
                    else:
                        self.fates.suffixes_deleted.add(region.paragraph)
            else:
                whose = self.fates.separators.setdefault(
                    region.paragraph, [None] * (region.end - region.start)
                )
                for at in range(position, upto):
                    whose[at - region.start] = piece.deleted_by if piece.deleted_by is not None else -1
                following = (
                    self.layout.paragraphs[region.paragraph + 1]
                    if region.paragraph + 1 < len(self.layout.paragraphs)
                    else None
                )
                if following is not None:
                    self.cursor = ("start", following.elements[0])
                    self.label_pending = region.paragraph + 1 if following.label else None
            position = upto
            index += 1

    def _joint(self, region: _Region, start: int, end: int, deleted_by: int | None) -> None:
        """A line break inside a paragraph, shown as one space: deleted once all its characters are."""
        whose = self.joints.setdefault(region.start, [None] * (region.end - region.start))
        for at in range(start, end):
            whose[at - region.start] = deleted_by if deleted_by is not None else -1
        self.cursor = ("after", region.run)
        if end == region.end and -1 not in whose:
            to_deleted_text(region.run)
            self.cursor = ("after", wrap(region.run, self._revision("del", whose[-1] or 0)))

    def _inserted(self, piece: Piece) -> None:
        for number, chunk in enumerate(piece.text.split("\n\n")):
            if number:
                self._break_paragraph(piece)
            if not chunk:
                continue
            inserted = self._revision("ins", piece.origin)
            if piece.deleted_by is not None:
                deleted = self._revision("del", piece.deleted_by)
                deleted.append(new_run(chunk, self.last_run, deleted=True))
                inserted.append(deleted)
            else:
                inserted.append(new_run(chunk, self.last_run))
                # text stays in this paragraph: it is no paragraph that "all went" (its mark must stay, or
                # the paragraph before it must join it)
                self._keep_alive(self.cursor)
            self._place(inserted)

    def _keep_alive(self, cursor: tuple[str, Element]) -> None:
        kind, at = cursor
        paragraph = at if kind == "start" else next(at.iterancestors(w("p")), None)
        index = self.paragraph_indexes.get(paragraph) if paragraph is not None else None
        if index is not None:
            self.fates.alive.add(index)

    def _break_paragraph(self, piece: Piece) -> None:
        """A paragraph break inserted at the cursor: what comes before it becomes a new paragraph
        (whose mark is the inserted one), the rest stays in the original paragraph."""
        kind, at = self.cursor
        paragraph = at if kind == "start" else next(a for a in at.iterancestors(w("p")))
        head = copy_paragraph_properties(paragraph)
        mark_paragraph(head, self._revision("ins", piece.origin))
        if piece.deleted_by is not None:
            mark_paragraph(head, self._revision("del", piece.deleted_by))
        if kind == "after":
            top = at
            while top.getparent() is not paragraph:
                top = top.getparent()
            for element in list(paragraph):
                if element.tag == w("pPr"):
                    continue
                head.append(element)
                if element is top:
                    break
        paragraph.addprevious(head)
        index = self.paragraph_indexes.get(paragraph)
        if (self.label_pending is not None and kind == "start") or piece.deleted_by is not None:
            # inserted before the number, or a break deleted again (the paragraph ends up whole): the
            # new paragraph has no number and the original keeps its own
            drop_numbering(head, None)
        elif index is not None and self.layout.paragraphs[index].label and index not in self.numbers_dropped:
            self.numbers_dropped.add(index)
            drop_numbering(paragraph, self._revision("pPrChange", piece.origin))
        self.cursor = ("start", paragraph)

    def _place(self, element: Element) -> None:
        kind, at = self.cursor
        if kind == "start":
            insert_at_start(at, element)
        else:
            insert_after(at, element, self.ids)
        self.cursor = ("after", element)

    def _revision(self, name: str, seq: int) -> Element:
        event = self.history.events.get(seq)
        author = event.actor if event is not None else "drafter"
        date = event.time if event is not None else ""
        return revision(name, self.ids, author, _word_date(date))

    def _present(self, identity: Identity) -> bool:
        """Whether a character is in the document (a change taken out by an undo took its own away)."""
        origin, offset = identity
        return any(
            p.origin == origin and p.offset <= offset < p.offset + len(p.text) for p in self.history.pieces
        )


def _moment(iso: str) -> datetime:
    """A journal time in UTC, to the second (a time that does not read is taken as now)."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        moment = datetime.now(UTC)
    return (moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)).replace(microsecond=0)


def _word_date(iso: str) -> str:
    """A journal time as Word writes dates: UTC, whole seconds, 'Z'."""
    return _moment(iso).strftime("%Y-%m-%dT%H:%M:%SZ")
