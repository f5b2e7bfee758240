"""The diff as one self-contained HTML page: no scripts, no fonts, nothing fetched, every text escaped.

Two views of the same changes, inline and side by side; a pair of radio buttons
switches between them with CSS alone, so the file works offline and anywhere.
"""

from __future__ import annotations

from html import escape

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

STYLE = """
:root { --del: #ffd7d5; --del-text: #82071e; --ins: #d2f4d3; --ins-text: #055d20; --muted: #57606a; }
* { box-sizing: border-box; }
body { font: 15px/1.5 Georgia, "Times New Roman", serif; margin: 0; color: #1f2328; background: #fff; }
header { padding: 16px 28px 8px; border-bottom: 1px solid #d0d7de; background: #f6f8fa; }
h1 { font-size: 20px; margin: 0 0 6px; font-family: system-ui, sans-serif; }
.summary { margin: 0; padding-left: 18px; font-family: system-ui, sans-serif; font-size: 13px; color: #333; }
details.sections { font-family: system-ui, sans-serif; font-size: 13px; margin: 8px 0; }
table.sections { border-collapse: collapse; margin-top: 6px; }
table.sections td, table.sections th { padding: 2px 10px; border-bottom: 1px solid #e5e7eb; text-align: right; }
table.sections td:first-child, table.sections th:first-child, table.sections td:last-child { text-align: left; }
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
details.equal { color: var(--muted); font: 12px system-ui, sans-serif; margin: 10px 0; }
details.equal .text { font: 14px/1.5 Georgia, serif; color: #444; }
.departure { font: 12px system-ui, sans-serif; color: #8250df; margin: 8px 0; }
table.side { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.side td { vertical-align: top; width: 50%; padding: 4px 10px; border-bottom: 1px solid #eaeef2; }
table.side td.meta-row { padding-top: 12px; border-bottom: none; }
table.side th { font: 13px system-ui, sans-serif; text-align: left; padding: 4px 10px; }
"""


def _text(content: str) -> str:
    return escape(content).replace("[", '<span class="br">[</span>').replace("]", '<span class="br">]</span>')


def _words(change: Change, side: str = "both") -> str:
    tags = {Role.DELETED: "del", Role.INSERTED: "ins"}
    parts = []
    for content, role in shown_pieces(change.pieces, side):
        if role is Role.SAME:
            parts.append(_text(content))
        elif content:
            parts.append(f"<{tags[role]}>{_text(content)}</{tags[role]}>")
    return "".join(parts)


def _body(change: Change, side: str = "both") -> str:
    if change.kind is ChangeKind.DELETE:
        return _text(change.old_text.rstrip()) if side != "new" else ""
    if change.kind is ChangeKind.INSERT:
        return _text(change.new_text.rstrip()) if side != "old" else ""
    return _words(change, side).rstrip()


def _meta(change: Change) -> str:
    section = change.new_section if change.kind is not ChangeKind.DELETE else change.old_section
    title = f'<span class="section">{escape(section)}</span> · ' if section else ""
    return f'<div class="meta">{title}{escape(location(change))} · {escape(describe(change))}</div>'


def _departure(item: Departure, anchor: str) -> str:
    move = item.move
    return (
        f'<div class="departure">↪ a paragraph moved away from here (old line {move.old_line}) to '
        f'<a href="#{anchor}">new line {move.new_line}</a></div>'
    )


def _equal(change: Change) -> str:
    return (
        f'<details class="equal"><summary>{escape(describe(change))} ({escape(location(change))})</summary>'
        f'<div class="text">{_text(change.old_text.rstrip())}</div></details>'
    )


def _numbers(diff: DraftDiff) -> dict[int, int]:
    """Each change's place in the diff, for anchors (offsets are not unique: a deletion has an empty span)."""
    return {id(change): k for k, change in enumerate(diff.changes)}


def _inline(diff: DraftDiff) -> str:
    number = _numbers(diff)
    out = ['<section class="inline">']
    for item in in_reading_order(diff):
        if isinstance(item, Departure):
            out.append(_departure(item, f"c{number[id(item.move)]}"))
        elif item.kind is ChangeKind.EQUAL:
            out.append(_equal(item))
        else:
            out.append(
                f'<div class="change {item.kind.value}" id="c{number[id(item)]}">{_meta(item)}'
                f'<div class="text">{_body(item)}</div></div>'
            )
    out.append("</section>")
    return "\n".join(out)


def _side(diff: DraftDiff) -> str:
    number = _numbers(diff)
    out = [
        '<section class="side"><table class="side">',
        f"<tr><th>{escape(diff.old_name)}</th><th>{escape(diff.new_name)}</th></tr>",
    ]
    for item in in_reading_order(diff):
        if isinstance(item, Departure):
            out.append(f'<tr><td colspan="2">{_departure(item, f"s{number[id(item.move)]}")}</td></tr>')
        elif item.kind is ChangeKind.EQUAL:
            out.append(f'<tr><td colspan="2">{_equal(item)}</td></tr>')
        else:
            out.append(
                f'<tr id="s{number[id(item)]}"><td colspan="2" class="meta-row">{_meta(item)}</td></tr>'
            )
            out.append(
                f'<tr class="{item.kind.value}"><td><div class="text">{_body(item, "old")}</div></td>'
                f'<td><div class="text">{_body(item, "new")}</div></td></tr>'
            )
    out.append("</table></section>")
    return "\n".join(out)


def _sections(diff: DraftDiff) -> str:
    rows = section_rows(diff.summary)
    if not rows:
        return ""
    head = "".join(f"<th>{escape(name)}</th>" for name, _ in SECTION_COLUMNS)
    body = "".join(
        f"<tr><td>{escape(title)}</td>{''.join(f'<td>{n}</td>' for n in counts)}<td>{escape(notes)}</td></tr>"
        for title, counts, notes in rows
    )
    return (
        '<details class="sections"><summary>Brackets by section</summary><table class="sections">'
        f"<tr><th>section</th>{head}<th>groups</th></tr>{body}</table></details>"
    )


def render_html(diff: DraftDiff) -> str:
    title = f"{diff.old_name} → {diff.new_name}"
    summary = "".join(f"<li>{escape(line)}</li>" for line in summary_lines(diff.summary))
    if diff.identical:
        summary += "<li>The drafts are identical.</li>"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>drafter diff: {escape(title)}</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<h1>{escape(title)}</h1>
<ul class="summary">{summary}</ul>
{_sections(diff)}
</header>
<input type="radio" name="view" id="view-inline" checked hidden>
<input type="radio" name="view" id="view-side" hidden>
<nav class="views">View: <label for="view-inline">inline</label><label for="view-side">side by side</label>
· {escape(plural(len(diff.differences), "change"))}</nav>
<main>
{_inline(diff)}
{_side(diff)}
</main>
</body>
</html>
"""
