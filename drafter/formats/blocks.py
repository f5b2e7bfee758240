"""A draft's paragraphs as a reader of a new document wants them: what becomes one paragraph of a Word
document or of Markdown when the draft did not come from one (a typed text, a PDF's text).

Page furniture (running headers, page numbers) is left out; a paragraph that a page break cut in two is one
again (only furniture between the halves, a form feed among it, no number of its own, and the first half
ends mid-sentence or the second starts in lower case); a footnote's number, which a PDF's text puts on a
line of its own, joins its footnote, and a loose footnote mark the paragraph before it.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.text.model import Draft, Paragraph, ParagraphKind

SENTENCE_END = (".", ":", ";", "!", "?")


@dataclass(slots=True)
class Block:
    """What becomes one paragraph: `text[start:end]`, less its `joined` stretches (the furniture between
    the two halves of a paragraph a page break cut), which show as one space, as its line breaks do."""

    start: int
    end: int
    kind: ParagraphKind | None  # None: loose text between the draft's paragraphs
    level: int
    joined: list[tuple[int, int]]


def paragraph_blocks(draft: Draft) -> tuple[list[Block], int]:
    """The draft's paragraphs as a new document's (furniture out, cut paragraphs and footnote numbers
    joined), and how many furniture lines were left out."""
    text = draft.text
    blocks: list[Block] = []
    furniture: list[tuple[int, int]] = []  # since the last block
    left_out = 0
    previous_end = 0
    for paragraph in draft.paragraphs:
        loose = _loose(text, previous_end, paragraph.start)
        previous_end = paragraph.end
        if paragraph.kind is ParagraphKind.PAGE_HEADER:
            left_out += text.count("\n", paragraph.start, paragraph.end) + 1
            if loose is not None:
                _add_loose(blocks, loose)
            furniture.append((paragraph.start, paragraph.end))
            continue
        start = paragraph.start
        if loose is not None and paragraph.kind is ParagraphKind.FOOTNOTE:
            start = loose[0]  # the footnote's number, on a line of its own in a PDF's text
        elif loose is not None:
            _add_loose(blocks, loose)  # a footnote mark of the paragraph before
        if blocks and _continues(text, blocks[-1], paragraph, furniture):
            blocks[-1].joined.append((blocks[-1].end, start))
            blocks[-1].end = paragraph.end
        else:
            blocks.append(Block(start, paragraph.end, paragraph.kind, paragraph.level, []))
        furniture = []
    loose = _loose(text, previous_end, len(text))
    if loose is not None:
        _add_loose(blocks, loose)
    return blocks, left_out


def _loose(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The text between two paragraphs that is not blank (a PDF's footnote numbers), if any."""
    gap = text[start:end]
    stripped = gap.strip()
    if not stripped:
        return None
    first = start + gap.index(stripped[0])
    return first, first + len(stripped)


def _add_loose(blocks: list[Block], loose: tuple[int, int]) -> None:
    if blocks:
        blocks[-1].end = loose[1]
    else:
        blocks.append(Block(loose[0], loose[1], None, 0, []))


def _continues(text: str, block: Block, paragraph: Paragraph, furniture: list[tuple[int, int]]) -> bool:
    """Whether `paragraph` goes on with `block` across a page break: only furniture and blank lines
    between them, a form feed among them, no number of its own, and the block ends mid-sentence or
    the paragraph starts in lower case."""
    if paragraph.kind is not ParagraphKind.TEXT or block.kind in (None, ParagraphKind.FOOTNOTE):
        return False
    between = text[block.end : paragraph.start]
    if "\f" not in between:
        return False
    kept, position = [], block.end
    for start, end in furniture:
        if start >= position:
            kept.append(text[position:start])
            position = end
    kept.append(text[position : paragraph.start])
    if "".join(kept).strip():
        return False
    ending = text[block.start : block.end].rstrip().rstrip("])'\"”’")
    return not ending.endswith(SENTENCE_END) or text[paragraph.start : paragraph.start + 1].islower()


def block_text(text: str, block: Block) -> str:
    """The block's text with the furniture inside it left out (a space where it was)."""
    parts, position = [], block.start
    for start, end in block.joined:
        parts.append(text[position:start])
        position = end
    parts.append(text[position : block.end])
    return " ".join(parts)
