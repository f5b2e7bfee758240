"""Paragraph styles: the chain pStyle -> basedOn -> ..., where numbering and heading levels are inherited."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.formats.docx.ooxml import Element, attr, child, children, int_attr

HEADING_NAME = re.compile(r"heading\s*([1-9])", re.IGNORECASE)
MAX_CHAIN = 32  # basedOn chains longer than this are cycles or damage


class Styles:
    """The document's style definitions (an empty set when it has no styles part)."""

    def __init__(self, styles: Element | None) -> None:
        self._by_id: dict[str, Element] = {}
        self.default_paragraph: str | None = None
        for style in children(styles, "style"):
            style_id = attr(style, "styleId")
            if style_id is None:
                continue
            self._by_id.setdefault(style_id, style)
            if (
                attr(style, "type") == "paragraph"
                and attr(style, "default") in ("1", "true", "on")
                and self.default_paragraph is None
            ):
                self.default_paragraph = style_id

    def get(self, style_id: str | None) -> Element | None:
        return None if style_id is None else self._by_id.get(style_id)

    def chain(self, style_id: str | None) -> Iterator[Element]:
        """The style and those it is based on, nearest first (a cycle ends the chain)."""
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and len(seen) < MAX_CHAIN:
            seen.add(style_id)
            style = self._by_id.get(style_id)
            if style is None:
                return
            yield style
            style_id = attr(child(style, "basedOn"))

    def paragraph_chain(self, style_id: str | None) -> Iterator[Element]:
        """A paragraph's style chain: its own style, or the default paragraph style."""
        return self.chain(style_id if style_id is not None else self.default_paragraph)

    def numbering(self, style_id: str | None) -> tuple[int | None, int | None]:
        """(numId, ilvl) a paragraph style gives, each from the nearest style that says it."""
        num_id = level = None
        for style in self.paragraph_chain(style_id):
            num_pr = child(child(style, "pPr"), "numPr")
            if num_pr is None:
                continue
            if num_id is None:
                num_id = int_attr(child(num_pr, "numId"))
            if level is None:
                level = int_attr(child(num_pr, "ilvl"))
            if num_id is not None and level is not None:
                break
        return num_id, level

    def numbering_style_num(self, style_id: str) -> int | None:
        """The numId a numbering (list) style points to (for numStyleLink)."""
        style = self._by_id.get(style_id)
        return int_attr(child(child(child(style, "pPr"), "numPr"), "numId"))

    def outline_level(self, style_id: str | None) -> int | None:
        """0 for a level-1 heading ...; None for body text. From outlineLvl or a "heading N" name."""
        for style in self.paragraph_chain(style_id):
            level = int_attr(child(child(style, "pPr"), "outlineLvl"))
            if level is not None:
                return level if level < 9 else None
            match = HEADING_NAME.fullmatch(attr(child(style, "name")) or "")
            if match:
                return int(match.group(1)) - 1
        return None
