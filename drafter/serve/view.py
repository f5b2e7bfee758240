"""What the room sees: the consolidated text as the HTML export renders it, block by block, and the
element under discussion (where it is in the blocks, and the panel of its choices and positions).

The text is rendered once per change to the journal, for every viewer at once; a move of the
facilitator's cursor only finds the element in the blocks already rendered.
"""

from __future__ import annotations

import bisect
import difflib
from dataclasses import dataclass

from drafter.formats.elements import STATE_MARKS, ElementRow
from drafter.formats.export import ExportOptions
from drafter.formats.html import position_items, render_draft
from drafter.formats.html_page import html_text
from drafter.negotiation.consensus import Status
from drafter.negotiation.elements import ElementKind
from drafter.negotiation.session import Session
from drafter.text.model import Draft

# One change to the blocks: the old blocks [start, end) give way to these new ones.
BlockEdit = tuple[int, int, list[str]]


@dataclass(frozen=True, slots=True)
class TextView:
    """The consolidated text at one point of the journal, rendered for the room."""

    summary: str  # `<li>` lines: open elements by state, resolved ones (from the export)
    blocks: tuple[str, ...]  # the text's blocks (paragraphs, headings, ...), each one HTML element
    starts: tuple[int, ...]  # where each block's text starts in the draft
    rows: dict[str, ElementRow]  # the open elements by id, numbered as the marks in the text
    groups: dict[str, tuple[str, ...]]  # an alternative group's id -> its brackets' ids

    def edits_to(self, new: TextView) -> list[BlockEdit]:
        """The block edits that turn this view's blocks into `new`'s (unchanged blocks are not sent)."""
        matcher = difflib.SequenceMatcher(None, self.blocks, new.blocks, autojunk=False)
        return [
            (i1, i2, list(new.blocks[j1:j2]))
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
            if tag != "equal"
        ]


def text_view(session: Session, *, positions: bool) -> TextView:
    parts = render_draft(session, ExportOptions(positions=positions))
    draft = session.draft
    return TextView(
        parts.summary,
        tuple(block.html for block in parts.blocks),
        tuple(block.start for block in parts.blocks),
        {row.element.id: row for row in parts.rows},
        _alternatives(draft),
    )


def _alternatives(draft: Draft) -> dict[str, tuple[str, ...]]:
    return {group.id: tuple(b.id for b in group.alternatives) for group in draft.alternative_groups}


@dataclass(frozen=True, slots=True)
class Focus:
    """The element under discussion: what the page highlights, scrolls to and shows in its panel."""

    element_id: str
    actor: str  # whose cursor it is
    brackets: tuple[str, ...]  # the brackets to highlight (`data-id` in the text)
    blocks: tuple[int, int] | None  # the first and last block it spans (None: gone from the text)
    panel: str  # HTML: its reference, choices, state and the Parties' positions

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.element_id,
            "actor": self.actor,
            "brackets": list(self.brackets),
            "blocks": None if self.blocks is None else list(self.blocks),
            "panel": self.panel,
        }


def focus_on(view: TextView, element_id: str, actor: str, *, positions: bool) -> Focus:
    """The focus on `element_id`; an element no longer open (resolved, changed) is said to be gone."""
    row = view.rows.get(element_id)
    if row is None or not view.blocks:
        gone = (
            f'<p class="gone">The element under discussion (<code>{html_text(element_id)}</code>) is no longer '
            "open in the text: it was resolved or changed (see Latest).</p>"
        )
        return Focus(element_id, actor, (), None, gone + _following(actor))
    element = row.element
    if element.kind is ElementKind.BRACKET:
        brackets: tuple[str, ...] = (element.id,)
    else:  # alternatives: each alternative's bracket; options are whole paragraphs, shown by their blocks
        brackets = view.groups.get(element.id, ())
    first = max(bisect.bisect_right(view.starts, element.start) - 1, 0)
    last = max(bisect.bisect_left(view.starts, element.end) - 1, first)
    return Focus(
        element.id, actor, brackets, (first, last), panel(row, len(view.rows), actor, positions=positions)
    )


def panel(row: ElementRow, count: int, actor: str, *, positions: bool) -> str:
    """The panel of the element under discussion."""
    element, state = row.element, row.state
    ref = row.ref or "the text"
    head = (
        f'<h2>Under discussion: <span class="where">{html_text(ref)}</span></h2>'
        f'<p class="meta">{html_text(_kind_words(element.kind))} · element {row.number} of {count} · '
        f"<code>{html_text(element.id)}</code></p>"
    )
    if element.is_group:
        choices = "".join(
            f'<li><span class="choice">{html_text(element.choices.preview(k - 1, 400))}</span>'
            + (" <em>(no text)</em>" if k in element.zero else "")
            + "</li>"
            for k in range(1, len(element.choices) + 1)
        )
        body = f'<ol class="choices">{choices}</ol>'
    else:
        body = f'<p class="choices bracketed">[{html_text(element.choices.preview(0, 600))}]</p>'
    status = ""
    if state.status is not Status.OPEN:
        # The state's words name the one objector: a room that hides positions hides that too.
        words = "one objector" if state.status is Status.ONE_OBJECTOR and not positions else row.state_words
        mark = STATE_MARKS[state.status]
        status = f'<p class="state {state.status.value}">{html_text(mark)} {html_text(words)}</p>'
    said = ""
    if positions:
        items = position_items(row.positions, marked_notes=True)
        said = (
            f'<h3>Positions</h3><ul class="positions">{items}</ul>'
            if items
            else '<p class="none">No positions yet.</p>'
        )
    return head + body + status + said + _following(actor)


def _following(actor: str) -> str:
    return f'<p class="who">Following {html_text(actor)}’s place in the text</p>'


def _kind_words(kind: ElementKind) -> str:
    return {
        ElementKind.BRACKET: "bracketed text",
        ElementKind.ALTERNATIVES: "alternatives",
        ElementKind.OPTIONS: "options",
    }[kind]
