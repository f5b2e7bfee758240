"""The diff as one self-contained HTML page (`drafter.formats.html_page`: no scripts, nothing fetched).

Two views of the same changes, inline and side by side; a pair of radio buttons
switches between them with CSS alone, so the file works offline and anywhere.
"""

from __future__ import annotations

from drafter.diff.display import (
    GROUP_COLUMNS,
    SECTION_COLUMNS,
    SECTIONS_TITLE,
    Departure,
    Placed,
    Role,
    describe,
    in_reading_order,
    location,
    placed_pieces,
    plural,
    section_rows,
    summary_lines,
)
from drafter.diff.marks import MarkIndex
from drafter.diff.model import Change, ChangeKind, DraftDiff, MarkKind, Piece
from drafter.diff.replaced import ReplacedRow, Replacement, with_replacements
from drafter.formats import html_page
from drafter.formats.html_page import html_text

STYLE = """
:root { --del: #ffd7d5; --del-text: #82071e; --ins: #d2f4d3; --ins-text: #055d20; }
details.sections { font-family: system-ui, sans-serif; font-size: 13px; margin: 8px 0; }
table.sections { border-collapse: collapse; margin-top: 6px; }
table.sections td, table.sections th { padding: 2px 10px; border-bottom: 1px solid #e5e7eb; text-align: right; }
table.sections td:first-child, table.sections th:first-child { text-align: left; }
.views { font-family: system-ui, sans-serif; font-size: 14px; padding: 8px 28px; position: sticky; top: 0;
  background: #fff; border-bottom: 1px solid #d0d7de; z-index: 1; }
.views label { margin-right: 10px; cursor: pointer; padding: 2px 10px; border: 1px solid #d0d7de; border-radius: 12px; }
#view-inline:checked ~ .views label[for=view-inline], #view-side:checked ~ .views label[for=view-side] {
  background: #0969da; color: #fff; border-color: #0969da; }
#view-inline:checked ~ main .side, #view-side:checked ~ main .inline { display: none; }
main { padding: 8px 28px 40px; }
.change { margin: 14px 0; border-left: 4px solid #d0d7de; padding: 2px 0 2px 12px; }
.change.insert { border-color: #2da44e; } .change.delete { border-color: #cf222e; }
.change.replace { border-color: #bf8700; } .change.moved { border-color: #8250df; }
.change.renumbered { border-color: #0969da; }
.meta { font: 12px system-ui, sans-serif; color: var(--muted); }
.meta .section { font-weight: 600; color: #1f2328; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 2px 0; }
del { background: var(--del); color: var(--del-text); text-decoration: line-through; }
ins { background: var(--ins); color: var(--ins-text); text-decoration: none; font-weight: 600; }
del + ins { margin-left: 0.2em; }
.delete .text { background: #fff5f5; } .insert .text { background: #f4fff5; }
.br { color: #9a6700; font-weight: 700; }
.md { display: none; }
.h { font: 600 17px/1.6 system-ui, sans-serif; }
.link { color: #0550ae; }
.replaced td:first-child .text { background: #fff5f5; } .replaced td:last-child .text { background: #f4fff5; }
details.equal { color: var(--muted); font: 12px system-ui, sans-serif; margin: 10px 0; }
details.equal .text { font: 14px/1.5 Georgia, serif; color: #444; }
.departure { font: 12px system-ui, sans-serif; color: #8250df; margin: 8px 0; }
table.side { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.side td { vertical-align: top; width: 50%; padding: 4px 10px; border-bottom: 1px solid #eaeef2; }
table.side td.meta-row { padding-top: 12px; border-bottom: none; }
table.side th { font: 13px system-ui, sans-serif; text-align: left; padding: 4px 10px; }
"""


TAGS = {Role.DELETED: "del", Role.INSERTED: "ins"}
NOT_BRACKETS = frozenset({MarkKind.LINK, MarkKind.LITERAL})  # brackets there are Markdown syntax
# Wrappers for the look of a stretch, innermost first.
LOOKS = (
    (MarkKind.EMPHASIS, "<em>", "</em>"),
    (MarkKind.STRONG, "<strong>", "</strong>"),
    (MarkKind.LINK, '<span class="link">', "</span>"),
    (MarkKind.HEADING, '<span class="h">', "</span>"),
)


def _brackets(content: str) -> str:
    return (
        html_text(content).replace("[", '<span class="br">[</span>').replace("]", '<span class="br">]</span>')
    )


class _Page:
    """Both texts' marks: each run of text is shown as it looks, its negotiating brackets coloured."""

    def __init__(self, diff: DraftDiff) -> None:
        self.diff = diff
        self.number = {id(change): k for k, change in enumerate(diff.changes)}  # anchors
        self._old = MarkIndex(diff.old_marks)
        self._new = MarkIndex(diff.new_marks)

    def run(self, run: Placed) -> str:
        """A run of text as it looks; Markdown syntax (`*`, `##`) hidden where the text did not change."""
        index = self._new if run.on_new else self._old
        parts = []
        for start, end, kinds in index.split(run.offset, run.offset + len(run.text)):
            content = run.text[start - run.offset : end - run.offset]
            if MarkKind.SYNTAX in kinds and run.role is Role.SAME:
                parts.append(f'<span class="md">{html_text(content)}</span>')
                continue
            html = html_text(content) if kinds & NOT_BRACKETS else _brackets(content)
            for kind, opening, closing in LOOKS:
                if kind in kinds:
                    html = f"{opening}{html}{closing}"
            parts.append(html)
        html = "".join(parts)
        return html if run.role is Role.SAME or not html else f"<{TAGS[run.role]}>{html}</{TAGS[run.role]}>"

    def whole(self, text: str, offset: int, on_new: bool) -> str:
        return self.run(Placed(text.rstrip(), Role.SAME, offset, on_new))

    def words(self, pieces: tuple[Piece, ...], side: str, old_start: int, new_start: int) -> str:
        return "".join(self.run(run) for run in placed_pieces(pieces, side, old_start, new_start)).rstrip()

    def body(self, change: Change, side: str = "both") -> str:
        if change.kind is ChangeKind.DELETE:
            return self.whole(change.old_text, change.old_start, False) if side != "new" else ""
        if change.kind is ChangeKind.INSERT:
            return self.whole(change.new_text, change.new_start, True) if side != "old" else ""
        return self.words(change.pieces, side, change.old_start, change.new_start)

    def replaced(self, row: ReplacedRow, side: str) -> str:
        if row.pieces:
            return self.words(row.pieces, side, row.old_start, row.new_start)
        if side == "old":
            return self.whole(row.old_text, row.old_start, False)
        return self.whole(row.new_text, row.new_start, True)

    def equal(self, change: Change) -> str:
        return (
            f'<details class="equal"><summary>{html_text(describe(change))} ({html_text(location(change))})</summary>'
            f'<div class="text">{self.whole(change.old_text, change.old_start, False)}</div></details>'
        )


def _meta(section: str, where: str, what: str) -> str:
    title = f'<span class="section">{html_text(section)}</span> · ' if section else ""
    return f'<div class="meta">{title}{html_text(where)} · {html_text(what)}</div>'


def _change_meta(change: Change) -> str:
    section = change.new_section if change.kind is not ChangeKind.DELETE else change.old_section
    return _meta(section, location(change), describe(change))


def _departure(item: Departure, anchor: str) -> str:
    move = item.move
    return (
        f'<div class="departure">↪ a paragraph moved away from here (old line {move.old_line}) to '
        f'<a href="#{anchor}">new line {move.new_line}</a></div>'
    )


def _inline(page: _Page) -> str:
    out = ['<section class="inline">']
    for item in in_reading_order(page.diff):
        if isinstance(item, Departure):
            out.append(_departure(item, f"c{page.number[id(item.move)]}"))
        elif item.kind is ChangeKind.EQUAL:
            out.append(page.equal(item))
        else:
            out.append(
                f'<div class="change {item.kind.value}" id="c{page.number[id(item)]}">{_change_meta(item)}'
                f'<div class="text">{page.body(item)}</div></div>'
            )
    out.append("</section>")
    return "\n".join(out)


def _cells(kind: str, old: str, new: str) -> str:
    return f'<tr class="{kind}"><td><div class="text">{old}</div></td><td><div class="text">{new}</div></td></tr>'


def _side(page: _Page) -> str:
    diff = page.diff
    out = [
        '<section class="side"><table class="side">',
        f"<tr><th>{html_text(diff.old_name)}</th><th>{html_text(diff.new_name)}</th></tr>",
    ]
    for item in with_replacements(in_reading_order(diff)):
        if isinstance(item, Departure):
            out.append(f'<tr><td colspan="2">{_departure(item, f"s{page.number[id(item.move)]}")}</td></tr>')
        elif isinstance(item, Replacement):
            meta = _meta(item.inserted.new_section, item.location(), item.describe())
            out.append(
                f'<tr id="s{page.number[id(item.deleted)]}"><td colspan="2" class="meta-row">{meta}</td></tr>'
            )
            out += [_cells("replaced", page.replaced(r, "old"), page.replaced(r, "new")) for r in item.rows]
        elif item.kind is ChangeKind.EQUAL:
            out.append(f'<tr><td colspan="2">{page.equal(item)}</td></tr>')
        else:
            meta = _change_meta(item)
            out.append(f'<tr id="s{page.number[id(item)]}"><td colspan="2" class="meta-row">{meta}</td></tr>')
            out.append(_cells(item.kind.value, page.body(item, "old"), page.body(item, "new")))
    out.append("</table></section>")
    return "\n".join(out)


def _sections(diff: DraftDiff) -> str:
    rows = section_rows(diff.summary)
    if not rows:
        return ""
    head = "".join(
        f"<th>{html_text(name)}</th>" for name in (*(n for n, _ in SECTION_COLUMNS), *GROUP_COLUMNS)
    )
    body = "".join(
        f"<tr><td>{html_text(row.title)}</td>{''.join(f'<td>{n}</td>' for n in row.counts)}"
        f"{''.join(f'<td>{html_text(g)}</td>' for g in row.groups)}</tr>"
        for row in rows
    )
    return (
        f'<details class="sections" open><summary>{html_text(SECTIONS_TITLE)}</summary><table class="sections">'
        f"<tr><th>section</th>{head}</tr>{body}</table></details>"
    )


def render_html(diff: DraftDiff) -> str:
    page = _Page(diff)
    title = f"{diff.old_name} → {diff.new_name}"
    summary = "".join(f"<li>{html_text(line)}</li>" for line in summary_lines(diff.summary))
    if diff.identical:
        summary += "<li>The drafts are identical.</li>"
    body = f"""<header>
<h1>{html_text(title)}</h1>
<ul class="summary">{summary}</ul>
{_sections(diff)}
</header>
<input type="radio" name="view" id="view-inline" checked hidden>
<input type="radio" name="view" id="view-side" hidden>
<nav class="views">View: <label for="view-inline">inline</label><label for="view-side">side by side</label>
· {html_text(plural(len(diff.differences), "change"))}</nav>
<main>
{_inline(page)}
{_side(page)}
</main>"""
    return html_page.page(f"drafter diff: {title}", STYLE, body)
